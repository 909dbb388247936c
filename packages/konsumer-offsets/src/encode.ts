/**
 * `encode(record)`: the key and value bytes of a record, the inverse of `decode` (`decode(encode(r))` equals `r`).
 * Used to build test data and for round-trip property tests.
 * @module
 */
import { BytesWriter } from "@kafkesc/bytes-parser";
import type { EncodedRecord, GroupMetadataMember, OffsetsRecord } from "./types.js";
import { recordCodec } from "./codec/record-codec.js";
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
  const codec = recordCodec(record.recordType);
  if (codec === undefined || codec.spec.name !== record.type) {
    throw new KonsumerOffsetsError("INVALID_RECORD", `Record type ${String(record.recordType)} is not ${String(record.type)}`, { recordType: record.recordType });
  }
  const key = new BytesWriter({ initialCapacity: 64 });
  key.writeInt16(record.recordType);
  try {
    codec.writeKey(key, record.key as unknown as Record<string, unknown>);
  } catch (error) {
    throw invalid(record.recordType, undefined, "key", error);
  }
  if (record.keyTrailingBytes !== undefined) key.writeBytes(record.keyTrailingBytes);
  if (record.tombstone || record.value === null) return { key: key.finish(), value: null };

  const value = record.value as unknown as Record<string, unknown> & { version: number; layout?: string };
  const write = codec.valueWriter(value.version, value.layout);
  if (write === undefined) {
    throw new KonsumerOffsetsError("INVALID_RECORD", `${record.type} has no value version ${String(value.version)}${value.layout ? ` in layout ${value.layout}` : ""}`, {
      recordType: record.recordType,
      version: value.version,
    });
  }
  const bytes = new BytesWriter({ initialCapacity: 256 });
  bytes.writeInt16(value.version);
  try {
    write(bytes, record.type === "GroupMetadata" ? withMemberBytes(value) : value);
  } catch (error) {
    throw invalid(record.recordType, value.version, "value", error);
  }
  if (record.valueTrailingBytes !== undefined) bytes.writeBytes(record.valueTrailingBytes);
  return { key: key.finish(), value: bytes.finish() };
}

/** A GroupMetadata value whose members' subscription and assignment are their bytes. */
function withMemberBytes(value: Record<string, unknown>): Record<string, unknown> {
  const members = value.members;
  if (!Array.isArray(members)) return value;
  return {
    ...value,
    members: (members as GroupMetadataMember[]).map((member) =>
      member === null || typeof member !== "object"
        ? member
        : { ...member, subscription: member.subscription?.bytes, assignment: member.assignment?.bytes },
    ),
  };
}

function invalid(recordType: number, version: number | undefined, part: string, error: unknown): KonsumerOffsetsError {
  const failure = asFieldPathError(error);
  const fieldPath = failure.path();
  return new KonsumerOffsetsError("INVALID_RECORD", `Cannot encode the ${part}${fieldPath ? ` at ${fieldPath}` : ""}: ${failure.failure.message}`, {
    recordType,
    version,
    fieldPath,
    cause: failure.failure,
  });
}
