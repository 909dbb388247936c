/**
 * The two coordinator topics this package reads, as {@link RecordCodecs}: `__consumer_offsets` (the group
 * coordinator's records, `records.ts`) and `__share_group_state` (the share coordinator's, `share-state/schemas.ts`).
 * Both frame records the same way (`CoordinatorRecordSerde`: int16 record type, then the key; int16 version, then the
 * value), so one decoder and one encoder serve both.
 * @module
 */
import type { GroupMetadataMember, GroupMetadataValue } from "../types.js";
import { RECORD_SPECS } from "../records.js";
import { SHARE_STATE_RECORD_SPECS } from "../share-state/schemas.js";
import { decodeMemberAssignment, decodeMemberSubscription, MEMBER_BYTES_INLINED } from "../consumer-protocol.js";
import { recordCodecs, type RecordCodec, type RecordCodecs } from "./record-codec.js";
import type { PrefixString } from "./fast-read.js";

/** Whether the value is a classic group's (type 2): its members carry consumer-protocol bytes. */
function isGroupMetadata(codec: RecordCodec, value: object): value is GroupMetadataValue {
  return codec.spec.recordType === 2 && "members" in value;
}

/**
 * Decodes each classic member's subscription and assignment with the consumer protocol (or keeps them raw), unless the
 * fast path of the value's reader did it already (`MEMBER_BYTES_INLINED`).
 */
function decodeMembers(codec: RecordCodec, value: object): void {
  if (!isGroupMetadata(codec, value)) return;
  const protocolType = value.protocolType;
  for (const member of value.members) {
    // The table reads these fields as bytes; the consumer protocol decodes them here.
    const subscription: unknown = member.subscription;
    const assignment: unknown = member.assignment;
    if (!(subscription instanceof Uint8Array) && !(assignment instanceof Uint8Array)) continue; // decoded by the fast path
    if (!(subscription instanceof Uint8Array) || !(assignment instanceof Uint8Array)) throw new TypeError("member bytes half decoded");
    member.subscription = decodeMemberSubscription(protocolType, subscription);
    member.assignment = decodeMemberAssignment(protocolType, assignment);
  }
}

/** A classic group's value whose members' subscription and assignment are their bytes again. */
function withMemberBytes(codec: RecordCodec, value: object): object {
  if (!isGroupMetadata(codec, value) || !Array.isArray(value.members)) return value;
  return {
    ...value,
    members: value.members.map((member: GroupMetadataMember | null) =>
      member === null || typeof member !== "object"
        ? member
        : { ...member, subscription: member.subscription?.bytes, assignment: member.assignment?.bytes },
    ),
  };
}

/** Strings of a classic group's value that the fast path takes from another (see `PrefixString` in `fast-read.ts`). */
export const MEMBER_STRINGS_REUSED: readonly PrefixString[] = [
  { path: ["members", "memberId"], of: ["leader"] },
  { path: ["members", "groupInstanceId"], of: ["members", "memberId"] },
  { path: ["members", "clientId"], of: ["members", "memberId"] },
];

/** `__consumer_offsets`: every record type of the group coordinator. */
export const OFFSETS: RecordCodecs = recordCodecs("__consumer_offsets", RECORD_SPECS, {
  afterRead: decodeMembers,
  beforeWrite: withMemberBytes,
  // The fast path of classic group metadata decodes its members' consumer-protocol bytes in place, and reuses the
  // strings Kafka builds from others: a member id is `<client id or group instance id>-<uuid>`, the leader a member.
  fastValues: (spec) => (spec.recordType === 2 ? { inlineBytes: MEMBER_BYTES_INLINED, prefixStrings: MEMBER_STRINGS_REUSED } : {}),
});

/** `__share_group_state`: the share coordinator's snapshots and updates. */
export const SHARE_STATE: RecordCodecs = recordCodecs(
  "__share_group_state",
  SHARE_STATE_RECORD_SPECS.map((spec) => ({ recordType: spec.recordType, name: spec.name, key: spec.key, values: [{ spec: spec.value }] })),
);
