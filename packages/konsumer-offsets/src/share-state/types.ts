/**
 * Typed records of `__share_group_state`: keys, values and records are generated from `schemas.ts` (in
 * `generated/types.ts`); unknown records and what `encodeShareState` takes are here.
 * @module
 */
import type { KnownShareStateRecord, ShareSnapshotRecord, ShareUpdateRecord } from "../generated/types.js";

export type { SharePartitionKey, ShareSnapshotRecord, ShareSnapshotValue, ShareStateBatch, ShareUpdateRecord, ShareUpdateValue } from "../generated/types.js";

/** A record type this library does not know, with its raw bytes. */
export interface UnknownShareStateRecord {
  /** Marks an unknown record type. */
  type: "Unknown";
  /** The int16 record type at the start of the key. */
  recordType: number;
  /** The whole key. */
  keyBytes: Uint8Array;
  /** The whole value, or null for a tombstone. */
  valueBytes: Uint8Array | null;
  /** Whether the value is null. */
  tombstone: boolean;
}

/** Every record `__share_group_state` can hold: discriminate on `type`, then on `tombstone`. */
export type ShareStateRecord = KnownShareStateRecord | UnknownShareStateRecord;

/** What {@link encodeShareState} writes: a known record without its decoded-only extras. */
export type ShareStateRecordToEncode =
  | Omit<Extract<ShareSnapshotRecord, { tombstone: false }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">
  | Omit<Extract<ShareSnapshotRecord, { tombstone: true }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">
  | Omit<Extract<ShareUpdateRecord, { tombstone: false }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">
  | Omit<Extract<ShareUpdateRecord, { tombstone: true }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">;
