/**
 * `decodeShareState(key, value)` and `encodeShareState(record)` for `__share_group_state`, derived from the schema
 * tables of `schemas.ts` by the package's generic struct reader and writer (`codec/read.ts`, `codec/write.ts`).
 * @module
 */
import { BytesParser, BytesWriter } from "@kafkesc/bytes-parser";
import { compileStructReader, type StructReader } from "../codec/read.js";
import { compileStructWriter, type StructWriter } from "../codec/write.js";
import { asFieldPathError, KonsumerOffsetsError } from "../errors.js";
import { inVersions, parseVersions } from "../schema/model.js";
import type { ShareStateRecordSpec } from "./schemas.js";
import { SHARE_STATE_RECORD_SPECS } from "./schemas.js";
import type { ShareStateRecord, ShareStateRecordToEncode } from "./types.js";

/** Compiled readers and writers of one record type: the key (version 0) and each value version. */
interface ShareStateCodec {
  readonly spec: ShareStateRecordSpec;
  readonly readKey: StructReader;
  readonly writeKey: StructWriter;
  readonly readValue: readonly (StructReader | undefined)[];
  readonly writeValue: readonly (StructWriter | undefined)[];
}

function buildCodec(spec: ShareStateRecordSpec): ShareStateCodec {
  const { low, high } = parseVersions(spec.value.validVersions);
  const readValue: StructReader[] = [];
  const writeValue: StructWriter[] = [];
  for (let v = low; v <= high; v++) {
    const flexible = inVersions(spec.value.flexibleVersions, v);
    readValue[v] = compileStructReader(spec.value.fields, v, flexible, { head: [{ name: "version", value: { version: true } }] });
    writeValue[v] = compileStructWriter(spec.value.fields, v, flexible);
  }
  return {
    spec,
    readKey: compileStructReader(spec.key.fields, 0, false),
    writeKey: compileStructWriter(spec.key.fields, 0, false),
    readValue,
    writeValue,
  };
}

const CODECS: readonly ShareStateCodec[] = SHARE_STATE_RECORD_SPECS.map(buildCodec);

const keyParser = new BytesParser(new Uint8Array(0), { internStrings: true });
const valueParser = new BytesParser(new Uint8Array(0));

function int16At(bytes: Uint8Array): number {
  return (((bytes[0] as number) << 24) >> 16) | (bytes[1] as number);
}

function malformed(code: "MALFORMED_KEY" | "MALFORMED_VALUE", codec: ShareStateCodec, error: unknown, version: number | undefined): KonsumerOffsetsError {
  const failure = asFieldPathError(error);
  const path = failure.path();
  const what = code === "MALFORMED_KEY" ? codec.spec.key.name : codec.spec.value.name;
  return new KonsumerOffsetsError(code, `${what} does not decode${path ? ` at ${path}` : ""} (offset ${failure.offset}): ${failure.failure.message}`, {
    recordType: codec.spec.recordType,
    version,
    fieldPath: path,
    offset: failure.offset,
    cause: failure.failure,
  });
}

/**
 * Decodes one record of `__share_group_state`. `value` is `null` for a tombstone. A record type other than 0 and 1
 * gives `{ type: "Unknown" }` with the raw bytes; bytes after the known fields come back as `keyTrailingBytes` /
 * `valueTrailingBytes`. Byte arrays in the result are views of the input.
 *
 * @throws {KonsumerOffsetsError} `MALFORMED_KEY`, `MALFORMED_VALUE`, `UNSUPPORTED_VALUE_VERSION` for a known record
 *   type whose bytes do not decode, with the field path and byte offset of the failure.
 */
export function decodeShareState(key: Uint8Array, value: Uint8Array | null): ShareStateRecord {
  if (key.length < 2) throw new KonsumerOffsetsError("MALFORMED_KEY", `Key has ${key.length} bytes: too short for its int16 record type`, { offset: 0 });
  const recordType = int16At(key);
  const codec = CODECS[recordType];
  if (codec === undefined || recordType < 0) {
    return { type: "Unknown", recordType, keyBytes: key, valueBytes: value, tombstone: value === null };
  }
  const kp = keyParser.reset(key).skip(2);
  let decodedKey: Record<string, unknown>;
  try {
    decodedKey = codec.readKey(kp, 0);
  } catch (error) {
    throw malformed("MALFORMED_KEY", codec, error, undefined);
  }
  const record: Record<string, unknown> = { type: codec.spec.name, recordType, key: decodedKey, tombstone: value === null, value: null };
  if (kp.remaining > 0) record.keyTrailingBytes = key.subarray(kp.position);
  if (value === null) return record as unknown as ShareStateRecord;
  if (value.length < 2) {
    throw new KonsumerOffsetsError("MALFORMED_VALUE", `${codec.spec.value.name} has ${value.length} bytes: too short for its int16 version`, { recordType, offset: 0 });
  }
  const version = int16At(value);
  const read = version >= 0 ? codec.readValue[version] : undefined;
  if (read === undefined) {
    throw new KonsumerOffsetsError("UNSUPPORTED_VALUE_VERSION", `${codec.spec.value.name} version ${version} is not one Kafka defined`, { recordType, version, offset: 0 });
  }
  const vp = valueParser.reset(value).skip(2);
  try {
    record.value = read(vp, version);
  } catch (error) {
    throw malformed("MALFORMED_VALUE", codec, error, version);
  }
  if (vp.remaining > 0) record.valueTrailingBytes = value.subarray(vp.position);
  return record as unknown as ShareStateRecord;
}

/** The key and value bytes of a `__share_group_state` record (value `null` for a tombstone). */
export interface EncodedShareState {
  /** Key bytes: int16 record type, then the key fields. */
  key: Uint8Array;
  /** Value bytes: int16 version, then the value fields; null for a tombstone. */
  value: Uint8Array | null;
}

/**
 * Encodes a share-state record (for tests and tools that write fixtures). Fields the version lacks are not written.
 * @throws {KonsumerOffsetsError} `INVALID_RECORD` when the record type or value version is not one Kafka defined, or a
 *   field has the wrong type.
 */
export function encodeShareState(record: ShareStateRecordToEncode): EncodedShareState {
  const codec = CODECS.find((c) => c.spec.name === record.type);
  if (codec === undefined) throw new KonsumerOffsetsError("INVALID_RECORD", `unknown share-state record type ${String((record as { type: unknown }).type)}`);
  try {
    const keyWriter = new BytesWriter({ initialCapacity: 64 });
    keyWriter.writeInt16(codec.spec.recordType);
    codec.writeKey(keyWriter, record.key as unknown as Record<string, unknown>);
    if (record.value === null) return { key: keyWriter.finish(), value: null };
    const version = record.value.version;
    const write = codec.writeValue[version];
    if (write === undefined) throw new KonsumerOffsetsError("INVALID_RECORD", `${codec.spec.value.name} version ${version} is not one Kafka defined`, { recordType: codec.spec.recordType, version });
    const valueWriter = new BytesWriter({ initialCapacity: 128 });
    valueWriter.writeInt16(version);
    write(valueWriter, record.value as unknown as Record<string, unknown>);
    return { key: keyWriter.finish(), value: valueWriter.finish() };
  } catch (error) {
    if (error instanceof KonsumerOffsetsError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new KonsumerOffsetsError("INVALID_RECORD", `cannot encode ${record.type}: ${message}`, { recordType: codec.spec.recordType, cause: error });
  }
}
