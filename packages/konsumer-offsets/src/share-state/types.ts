/**
 * Typed records of `__share_group_state` (see `schemas.ts` for the Kafka definitions they mirror).
 * @module
 */
import type { Flexible } from "../types.js";

/** Key of both record types: one share-partition of one share group. */
export interface SharePartitionKey {
  /** The share group id. */
  groupId: string;
  /** The topic's id (Kafka's 22-character base64 form). */
  topicId: string;
  /** The partition index. */
  partition: number;
}

/** A range of in-flight offsets at or above the start offset and their delivery state. */
export interface ShareStateBatch extends Flexible {
  /** The first offset of the range. */
  firstOffset: bigint;
  /** The last offset of the range (inclusive). */
  lastOffset: bigint;
  /** 0 available, 2 acknowledged, 4 archived (Kafka's `RecordState`). */
  deliveryState: number;
  /** How many times the records were delivered. */
  deliveryCount: number;
}

/** Value of type 0: the complete state of a share-partition. */
export interface ShareSnapshotValue extends Flexible {
  /** The value's version (0). */
  version: number;
  /** The snapshot epoch. */
  snapshotEpoch: number;
  /** The state epoch (incremented when the state is reset). */
  stateEpoch: number;
  /** The leader epoch of the share-partition. */
  leaderEpoch: number;
  /** The share-partition start offset (SPSO): every record before it is acknowledged or archived; -1 when not initialized. */
  startOffset: bigint;
  /** Offsets at or above the start offset whose delivery completed; -1 when not written (before Kafka 4.2). */
  deliveryCompleteCount: number;
  /** When the state was created (ms since the epoch). */
  createTimestamp: bigint;
  /** When the state was written or rewritten (ms since the epoch). */
  writeTimestamp: bigint;
  /** The state batches. */
  stateBatches: ShareStateBatch[];
}

/** Value of type 1: a change to the last snapshot. */
export interface ShareUpdateValue extends Flexible {
  /** The value's version (0). */
  version: number;
  /** The epoch of the snapshot it applies to. */
  snapshotEpoch: number;
  /** The leader epoch (-1: unchanged). */
  leaderEpoch: number;
  /** The new start offset, or -1 when unchanged. */
  startOffset: bigint;
  /** Offsets at or above the start offset whose delivery completed; -1 when not written. */
  deliveryCompleteCount: number;
  /** The state batches that changed. */
  stateBatches: ShareStateBatch[];
}

/** Fields present on every decoded share-state record. */
interface ShareStateRecordBase {
  /** Key bytes after the known fields, if any. */
  keyTrailingBytes?: Uint8Array;
  /** Value bytes after the known fields, if any. */
  valueTrailingBytes?: Uint8Array;
}

/** Record type 0 (a snapshot), or its tombstone (the share-partition's state was deleted). */
export type ShareSnapshotRecord = ShareStateRecordBase & { type: "ShareSnapshot"; recordType: 0; key: SharePartitionKey } & (
    | { tombstone: false; value: ShareSnapshotValue }
    | { tombstone: true; value: null }
  );

/** Record type 1 (an update), or its tombstone. */
export type ShareUpdateRecord = ShareStateRecordBase & { type: "ShareUpdate"; recordType: 1; key: SharePartitionKey } & (
    | { tombstone: false; value: ShareUpdateValue }
    | { tombstone: true; value: null }
  );

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
export type ShareStateRecord = ShareSnapshotRecord | ShareUpdateRecord | UnknownShareStateRecord;

/** What {@link encodeShareState} writes: a known record without its decoded-only extras. */
export type ShareStateRecordToEncode =
  | Omit<Extract<ShareSnapshotRecord, { tombstone: false }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">
  | Omit<Extract<ShareSnapshotRecord, { tombstone: true }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">
  | Omit<Extract<ShareUpdateRecord, { tombstone: false }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">
  | Omit<Extract<ShareUpdateRecord, { tombstone: true }>, "recordType" | "keyTrailingBytes" | "valueTrailingBytes">;
