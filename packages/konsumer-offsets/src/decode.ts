/**
 * `decode(key, value)`: one `__consumer_offsets` record from its key and value bytes.
 * @module
 */
import type { KnownOffsetsRecord, OffsetsRecord, UnknownRecord } from "./types.js";
import { BytesParser } from "@kafkesc/bytes-parser";
import type { CompiledValueReader, RecordCodec, RecordCodecs } from "./codec/record-codec.js";
import { asFieldPathError, KonsumerOffsetsError } from "./errors.js";
import { NAMES } from "./codec/names.js";
import { OFFSETS } from "./codec/topics.js";

/**
 * Reused for every key and value: `decode` is synchronous and calls no user code, so one of each is enough (the
 * members' consumer-protocol bytes have their own parser). Keys intern their strings: group ids and topics repeat
 * from record to record (offset-commit keys first try both names at once, `codec/key-cache.ts`). Values do not: the client ids and hosts of group metadata members are many and mostly
 * distinct, miss and evict the names (measured: group metadata 28 -> 21 k records/s).
 */
const keyParser = new BytesParser(new Uint8Array(0), { internStrings: NAMES });
const valueParser = new BytesParser(new Uint8Array(0));

/**
 * Decodes one record of `__consumer_offsets`. `value` is `null` for a tombstone.
 *
 * - A record type this library does not know gives `{ type: "Unknown", ... }` with the raw bytes: never an error.
 * - Bytes after the last field of the key or value are ignored by Kafka; they are returned as
 *   `keyTrailingBytes` / `valueTrailingBytes`.
 * - Byte arrays in the result (`bytes` fields, unknown tagged fields, trailing bytes) are views of the input
 *   (zero-copy): copy them if the input buffer is reused.
 *
 * @throws {KonsumerOffsetsError} `MALFORMED_KEY`, `MALFORMED_VALUE`, `UNSUPPORTED_VALUE_VERSION` for a known record type
 *   whose bytes do not decode, with the field path and byte offset of the failure.
 */
export function decode(key: Uint8Array, value: Uint8Array | null): OffsetsRecord {
  const record = decodeRecord(OFFSETS, key, value);
  // The codecs read each key and value with the table its type is generated from (`generated/types.ts`).
  return "keyBytes" in record ? record : (record as KnownOffsetsRecord);
}

/** A decoded known record, before `decode` names its type (the union generated from the same tables). */
export interface DecodedRecord {
  type: string;
  recordType: number;
  key: object;
  tombstone: boolean;
  value: object | null;
  keyTrailingBytes?: Uint8Array;
  valueTrailingBytes?: Uint8Array;
}

/**
 * Decodes one record of a coordinator topic (`__consumer_offsets`, `__share_group_state`): the one decoder behind
 * `decode` and `decodeShareState`, with the errors documented there.
 */
export function decodeRecord(codecs: RecordCodecs, key: Uint8Array, value: Uint8Array | null): DecodedRecord | UnknownRecord {
  if (key.length < 2) {
    throw new KonsumerOffsetsError("MALFORMED_KEY", `Key has ${key.length} bytes: too short for its int16 record type`, { offset: 0 });
  }
  const recordType = ((key[0] as number) << 24) >> 16 | (key[1] as number);
  const codec = codecs.byType(recordType);
  if (codec === undefined) return unknownRecord(recordType, key, value);

  let decodedKey: object;
  let keyEnd = key.length;
  const names = codec.keyNames;
  if (names !== undefined && names.find(key)) {
    // Same prefix bytes as a key read before: same names; the partition is the last four bytes (as generated readers build it).
    const at = keyEnd - 4;
    const partition = ((key[at] as number) << 24) | ((key[at + 1] as number) << 16) | ((key[at + 2] as number) << 8) | (key[at + 3] as number);
    decodedKey = { group: names.group, topic: names.topic, partition };
  } else {
    keyParser.reset(key).skip(2);
    try {
      decodedKey = codec.readKey(keyParser, 0);
    } catch (error) {
      throw malformed("MALFORMED_KEY", codec, error, undefined);
    }
    keyEnd = keyParser.position;
    if (names !== undefined && keyEnd === key.length) {
      const { group, topic } = decodedKey as { group: string; topic: string };
      names.store(key, group, topic);
    }
  }

  let record: DecodedRecord;
  if (value === null) {
    record = { type: codec.spec.name, recordType, key: decodedKey, tombstone: true, value: null };
  } else {
    // The value first, so that the record is built in one go (one object shape, whatever the value).
    const decoded = decodeValue(codecs, codec, value);
    record = { type: codec.spec.name, recordType, key: decodedKey, tombstone: false, value: decoded };
    if (valueEnd < value.length) record.valueTrailingBytes = value.subarray(valueEnd);
  }
  if (keyEnd < key.length) record.keyTrailingBytes = key.subarray(keyEnd);
  return record;
}

/** Where the last {@link decodeValue} stopped reading: bytes after it are the value's trailing bytes. */
let valueEnd = 0;

/** Decodes `value` (setting {@link valueEnd}): with the fast reader of its version if it has one and reads it, else the generic readers. */
function decodeValue(codecs: RecordCodecs, codec: RecordCodec, value: Uint8Array): object {
  if (value.length < 2) {
    throw new KonsumerOffsetsError("MALFORMED_VALUE", `${codec.spec.name} value has ${value.length} bytes: too short for its int16 version`, {
      recordType: codec.spec.recordType,
      offset: 0,
    });
  }
  const version = ((value[0] as number) << 24) >> 16 | (value[1] as number);
  const fast = codec.fastValueReader(version);
  if (fast !== null) {
    const decoded = fast(value, version);
    if (decoded !== undefined) {
      codecs.afterRead?.(codec, decoded); // a no-op for bytes fields the fast reader decoded in place
      valueEnd = value.length; // every byte read (else undefined)
      return decoded;
    }
  }
  // Not the plain case (or no fast reader): the generic readers decode it or throw its error.
  const readers = codec.valueReaders(version);
  if (readers.length === 0) {
    throw new KonsumerOffsetsError("UNSUPPORTED_VALUE_VERSION", `${codec.spec.name} value version ${version} is not one Kafka defined`, {
      recordType: codec.spec.recordType,
      version,
      offset: 0,
    });
  }
  const parser = valueParser.reset(value);
  const decoded = readers.length === 1 ? readOnly(codec, readers[0] as CompiledValueReader, parser, version) : readLayouts(codec, readers, parser, version);
  codecs.afterRead?.(codec, decoded);
  valueEnd = parser.position;
  return decoded;
}

function readOnly(codec: RecordCodec, reader: CompiledValueReader, parser: BytesParser, version: number): object {
  parser.skip(2);
  try {
    return reader.read(parser, version);
  } catch (error) {
    throw malformed("MALFORMED_VALUE", codec, error, version);
  }
}

/**
 * A version written with different layouts by different releases: the first layout (newest first) that reads
 * every byte wins; failing that, the first that reads without error (leaving trailing bytes); failing that,
 * the newest layout's error.
 */
function readLayouts(codec: RecordCodec, readers: readonly CompiledValueReader[], parser: BytesParser, version: number): object {
  let firstError: unknown;
  let partial: { decoded: object; end: number } | undefined;
  for (const reader of readers) {
    parser.seek(2);
    try {
      const decoded = reader.read(parser, version);
      if (parser.isAtEnd()) return decoded;
      partial ??= { decoded, end: parser.position };
    } catch (error) {
      firstError ??= error;
    }
  }
  if (partial !== undefined) {
    parser.seek(partial.end);
    return partial.decoded;
  }
  throw malformed("MALFORMED_VALUE", codec, firstError, version);
}

function malformed(code: "MALFORMED_KEY" | "MALFORMED_VALUE", codec: RecordCodec, error: unknown, version: number | undefined): KonsumerOffsetsError {
  const failure = asFieldPathError(error);
  const fieldPath = failure.path();
  const part = code === "MALFORMED_KEY" ? "key" : `value v${version}`;
  return new KonsumerOffsetsError(
    code,
    `${codec.spec.name} ${part} does not decode${fieldPath ? ` at ${fieldPath}` : ""} (offset ${failure.offset}): ${failure.failure.message}`,
    { recordType: codec.spec.recordType, version, fieldPath, offset: failure.offset, cause: failure.failure },
  );
}

function unknownRecord(recordType: number, key: Uint8Array, value: Uint8Array | null): UnknownRecord {
  return { type: "Unknown", recordType, keyBytes: key, valueBytes: value, tombstone: value === null };
}
