/**
 * `encode(record)`: the key and value bytes of a record, the inverse of `decode` (`decode(encode(r))` equals `r`).
 * Used to build test data and for round-trip property tests.
 * @module
 */
import { BytesWriter } from "@kafkesc/bytes-parser";
import type { EncodedRecord, OffsetsRecord } from "./types.js";
import type { RecordCodec, RecordCodecs } from "./codec/record-codec.js";
import { OFFSETS } from "./codec/topics.js";
import { asFieldPathError, KonsumerOffsetsError } from "./errors.js";

/**
 * Encodes a record. Fields the value's version lacks are not written (as Kafka, whose definitions mark them all
 * `ignorable`); tagged fields are written when set and different from their default; unknown tagged fields and
 * trailing bytes are written back. Classic members' `subscription` / `assignment` are written from their `bytes`
 * (build those with `encodeConsumerSubscription` / `encodeConsumerAssignment`). An `Unknown` record gives its raw bytes.
 * @throws {KonsumerOffsetsError} `INVALID_RECORD` (with the field path) when a field is missing or of the wrong type,
 *   or the record type, version or layout is unknown.
 */
export function encode(record: OffsetsRecord): EncodedRecord {
  if (record.type === "Unknown") return { key: record.keyBytes, value: record.valueBytes };
  const codec = OFFSETS.byType(record.recordType);
  if (codec === undefined || codec.spec.name !== record.type) {
    throw new KonsumerOffsetsError("INVALID_RECORD", `Record type ${String(record.recordType)} is not ${String(record.type)}`, { recordType: record.recordType });
  }
  return encodeRecord(OFFSETS, codec, record);
}

/** A known record as `encodeRecord` reads it. */
export interface RecordToEncode {
  /** The key's fields. */
  readonly key: object;
  /** A tombstone: only the key is written. */
  readonly tombstone?: boolean;
  /** The value's fields (with its `version`, and `layout` when the version has several), or null for a tombstone. */
  readonly value: { readonly version: number; readonly layout?: string } | null;
  /** Bytes written after the key's fields. */
  readonly keyTrailingBytes?: Uint8Array;
  /** Bytes written after the value's fields. */
  readonly valueTrailingBytes?: Uint8Array;
}

/** Encodes a known record of a coordinator topic: the one encoder behind `encode` and `encodeShareState`. */
export function encodeRecord(codecs: RecordCodecs, codec: RecordCodec, record: RecordToEncode): EncodedRecord {
  const recordType = codec.spec.recordType;
  const key = new BytesWriter({ initialCapacity: 64 });
  key.writeInt16(recordType);
  try {
    codec.writeKey(key, record.key);
  } catch (error) {
    throw invalid(codec, undefined, "key", error);
  }
  if (record.keyTrailingBytes !== undefined) key.writeBytes(record.keyTrailingBytes);
  const value = record.value;
  if (record.tombstone === true || value === null) return { key: key.finish(), value: null };

  const write = codec.valueWriter(value.version, value.layout);
  if (write === undefined) {
    throw new KonsumerOffsetsError("INVALID_RECORD", `${codec.spec.name} has no value version ${String(value.version)}${value.layout ? ` in layout ${value.layout}` : ""}`, {
      recordType,
      version: value.version,
    });
  }
  const bytes = new BytesWriter({ initialCapacity: 256 });
  bytes.writeInt16(value.version);
  try {
    write(bytes, codecs.beforeWrite?.(codec, value) ?? value);
  } catch (error) {
    throw invalid(codec, value.version, "value", error);
  }
  if (record.valueTrailingBytes !== undefined) bytes.writeBytes(record.valueTrailingBytes);
  return { key: key.finish(), value: bytes.finish() };
}

function invalid(codec: RecordCodec, version: number | undefined, part: string, error: unknown): KonsumerOffsetsError {
  const failure = asFieldPathError(error);
  const fieldPath = failure.path();
  return new KonsumerOffsetsError("INVALID_RECORD", `Cannot encode the ${codec.spec.name} ${part}${fieldPath ? ` at ${fieldPath}` : ""}: ${failure.failure.message}`, {
    recordType: codec.spec.recordType,
    version,
    fieldPath,
    cause: failure.failure,
  });
}
