/**
 * Public types of `@kafkesc/konsumer-offsets`: one decoded record of Kafka's internal `__consumer_offsets` topic.
 *
 * Every record is a key and a value. The key starts with an int16 **record type** (which kind of group state the
 * record holds), the value with an int16 **version** (which layout its fields use). A `null` value is a
 * **tombstone**: under log compaction it deletes whatever the key names (an offset, a member, a whole group).
 *
 * Field names are Kafka's JSON schema names in lowerCamelCase (`GroupId` -> `groupId`). int64 fields are `bigint`,
 * UUIDs are Kafka's 22-character URL-safe base64 form (what `Uuid.toString()` prints), bytes are `Uint8Array`.
 * The interface of each key, value and struct is generated from the schema tables (`generated/types.ts`, with a
 * permalink to the Kafka definition each mirrors); this module holds what is not a Kafka definition: the record
 * envelope, unknown records and tagged fields, and undecoded member bytes.
 *
 * @module
 */
import type { ConsumerAssignment, ConsumerSubscription, KnownOffsetsRecord } from "./generated/types.js";

export type * from "./generated/types.js";


/** A tagged field the schema does not know (a newer Kafka wrote it): kept raw, re-emitted by `encode`. */
export interface UnknownTaggedField {
  /** The field's tag number. */
  readonly tag: number;
  /** The field's raw bytes (without tag and size). */
  readonly data: Uint8Array;
}

/** Present on every struct of a flexible version: the tagged fields the schema does not know, if any. */
export interface Flexible {
  /** Unknown tagged fields in wire order; absent when there are none. */
  unknownTaggedFields?: UnknownTaggedField[];
}

/** Why member bytes were left undecoded. */
export type RawReason =
  /** The group's protocol type is not `consumer` (e.g. `connect`): the bytes use a format this library does not know. */
  | "protocolType"
  /** Zero bytes: a member that has not received its assignment yet (mid-rebalance). */
  | "empty"
  /** The protocol type is `consumer` but the bytes do not parse as the consumer protocol. */
  | "malformed";

/** Member subscription or assignment bytes kept as they are. */
export interface RawMemberBytes {
  /** Marks undecoded bytes. */
  kind: "raw";
  /** Why they were not decoded. */
  reason: RawReason;
  /** A human-readable explanation (for `malformed`, the parse error with its field path and offset). */
  message: string;
  /** The bytes, as stored. */
  bytes: Uint8Array;
}

/** A member's subscription: decoded for `consumer` groups, raw otherwise. Discriminate on `kind`. */
export type MemberSubscription = ConsumerSubscription | RawMemberBytes;
/** A member's assignment: decoded for `consumer` groups, raw otherwise. Discriminate on `kind`. */
export type MemberAssignment = ConsumerAssignment | RawMemberBytes;

// ---------------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------------

/** Bytes found after a fully decoded key or value. Kafka ignores them; we keep and report them. */
export interface TrailingBytes {
  /** Bytes after the key's last field, when there are any. */
  keyTrailingBytes?: Uint8Array;
  /** Bytes after the value's last field, when there are any. */
  valueTrailingBytes?: Uint8Array;
}

/**
 * One known record type: `type` names it, `recordType` is the int16 at the start of the key. A live record has
 * `tombstone: false` and its value; a tombstone (null value, a deletion under compaction) has `tombstone: true`
 * and `value: null`.
 */
export type KnownRecord<Type extends string, RecordType extends number, Key, Value> = TrailingBytes & {
  /** The record's name (Kafka's definition name without `Key`/`Value`). */
  type: Type;
  /** The int16 record type at the start of the key. */
  recordType: RecordType;
  /** The decoded key. */
  key: Key;
} & ({ tombstone: false; value: Value } | { tombstone: true; value: null });

/** A record whose type this library does not know (a future Kafka): kept raw, never an exception. */
export interface UnknownRecord {
  /** Marks an unknown record type. */
  type: "Unknown";
  /** The int16 record type at the start of the key. */
  recordType: number;
  /** The whole key, record type included. */
  keyBytes: Uint8Array;
  /** The whole value, or null for a tombstone. */
  valueBytes: Uint8Array | null;
  /** Whether the value is null. */
  tombstone: boolean;
}

/** Every record `__consumer_offsets` can hold: a discriminated union on `type` (and on `recordType`). */
export type OffsetsRecord = KnownOffsetsRecord | UnknownRecord;

/** The key of any known record, as `decode` returns it. */
export type KnownRecordKey = KnownOffsetsRecord["key"];
/** The value of any known record, as `decode` returns it. */
export type KnownRecordValue = NonNullable<KnownOffsetsRecord["value"]>;

/** The `type` names of the known records. */
export type KnownRecordName = Exclude<OffsetsRecord["type"], "Unknown">;

/** Key and value bytes of one record, as `encode` returns them (value null for a tombstone). */
export interface EncodedRecord {
  /** The key bytes, record type included. */
  key: Uint8Array;
  /** The value bytes, version included, or null for a tombstone. */
  value: Uint8Array | null;
}
