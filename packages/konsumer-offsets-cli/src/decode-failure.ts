/**
 * The line `tail` prints on stderr for a record it cannot decode: one JSON object with the error's type and code, where
 * the record is, and its bytes as hex, so nothing is lost and the run goes on.
 */
import type { RecordPosition } from "./format/index.js";

/** A record that failed to decode, as printed. */
export interface DecodeFailure {
  /** Error class name (`KonsumerOffsetsError`, `BytesParserError`, ...). */
  readonly error: string;
  /** The error's stable code, when it has one. */
  readonly code: string | null;
  /** Human-readable reason. */
  readonly message: string;
  /** Record type (from the key) the decoder reported, when known. */
  readonly recordType: number | null;
  /** Field being read when decoding failed, when known. */
  readonly fieldPath: string | null;
  /** Partition of the record. */
  readonly partition: number;
  /** Offset of the record. */
  readonly offset: number;
  /** Key bytes as hex (`null` if the record had no key). */
  readonly key: string | null;
  /** Value bytes as hex (`null` for a tombstone). */
  readonly value: string | null;
}

/** The failure of one record as a single JSON line. */
export function formatDecodeFailure(
  cause: unknown,
  position: RecordPosition,
  key: Uint8Array | null,
  value: Uint8Array | null,
): string {
  const failure: DecodeFailure = {
    error: cause instanceof Error ? cause.name : typeof cause,
    code: stringField(cause, "code"),
    message: cause instanceof Error ? cause.message : String(cause),
    recordType: numberField(cause, "recordType"),
    fieldPath: stringField(cause, "fieldPath"),
    partition: position.partition,
    offset: position.offset,
    key: key === null ? null : Buffer.from(key).toString("hex"),
    value: value === null ? null : Buffer.from(value).toString("hex"),
  };
  return JSON.stringify({ decodeError: failure });
}

function stringField(value: unknown, name: string): string | null {
  if (typeof value !== "object" || value === null || !(name in value)) return null;
  const field: unknown = (value as Record<string, unknown>)[name];
  return typeof field === "string" ? field : typeof field === "number" ? String(field) : null;
}

function numberField(value: unknown, name: string): number | null {
  if (typeof value !== "object" || value === null || !(name in value)) return null;
  const field: unknown = (value as Record<string, unknown>)[name];
  return typeof field === "number" ? field : null;
}
