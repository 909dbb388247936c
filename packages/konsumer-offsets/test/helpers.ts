// Test helpers: hand-assembling Kafka wire bytes field by field, so legacy fixtures read like their layout.
import { decode, type OffsetsRecord, type UnknownRecord } from "../src/index.js";

/** int16, big-endian. */
export const i16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
/** int32, big-endian. */
export const i32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** int64, big-endian. */
export const i64 = (n: bigint): number[] => {
  const out: number[] = [];
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((BigInt.asUintN(64, n) >> shift) & 0xffn));
  return out;
};
/** Kafka STRING: int16 length + UTF-8. */
export const str = (s: string): number[] => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...i16(bytes.length), ...bytes];
};
/** Kafka NULLABLE_STRING null. */
export const nullStr = (): number[] => i16(-1);
/** Kafka BYTES: int32 length + bytes. */
export const bytes = (b: number[] | Uint8Array): number[] => [...i32(b.length), ...b];
/** Kafka unsigned varint. */
export const uvarint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
};
/** Kafka COMPACT_STRING. */
export const cstr = (s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...uvarint(b.length + 1), ...b];
};
/** Concatenates byte lists into a Uint8Array. */
export const u8 = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());

/** A record of a known type (tests that read `.value`). */
export type KnownOffsetsRecord = Exclude<OffsetsRecord, UnknownRecord>;

/** Narrows a decoded record to a known type, failing the test on an `Unknown` one. */
export function known(record: OffsetsRecord): KnownOffsetsRecord {
  if (record.type === "Unknown") throw new Error(`expected a known record type, got ${record.recordType}`);
  return record;
}

/** `decode`, for records the test knows to be of a known type. */
export function decodeKnown(key: Uint8Array, value: Uint8Array | null): KnownOffsetsRecord {
  return known(decode(key, value));
}
