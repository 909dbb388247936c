/**
 * The registry of every record type `__consumer_offsets` has held, from Kafka 0.8.2 to trunk after 4.4: its number
 * (the int16 at the start of the key), its name, its key schema and its value schema (several layouts when a release
 * changed a version in place). Numbers follow `CoordinatorRecordType` generated from the `apiKey` of apache/kafka
 * `group-coordinator/src/main/resources/common/message/*Key.json`.
 * @module
 */
import type { KnownRecordName } from "./types.js";
import type { MessageSpec } from "./schema/model.js";
import { OFFSET_COMMIT_KEY, OFFSET_COMMIT_VALUE } from "./schemas/offset-commit.js";
import { GROUP_METADATA_KEY, GROUP_METADATA_VALUE } from "./schemas/group-metadata.js";
import * as cgMeta from "./schemas/consumer-group/metadata.js";
import * as cgMembers from "./schemas/consumer-group/members.js";
import * as cgRegex from "./schemas/consumer-group/regular-expression.js";
import * as sgMeta from "./schemas/share-group/metadata.js";
import * as sgMembers from "./schemas/share-group/members.js";
import * as stMeta from "./schemas/streams-group/metadata.js";
import * as stMembers from "./schemas/streams-group/members.js";

/** One layout of a value: the schema, and the release marker reported as `layout` when a version has several. */
export interface ValueLayout {
  /** The schema of this layout. */
  readonly spec: MessageSpec;
  /** The marker put in decoded values (`"4.0"`, `"4.1"`), when the record type has several layouts. */
  readonly layout?: string;
}

/** One record type. */
export interface RecordSpec {
  /** The int16 at the start of the key. */
  readonly recordType: number;
  /** The record's name, the `type` of decoded records. */
  readonly name: KnownRecordName;
  /** The key's schema. */
  readonly key: MessageSpec;
  /** The value's layouts, newest first (one for every record type but 11 and 15). */
  readonly values: readonly ValueLayout[];
  /** Releases that wrote it, for the documentation. */
  readonly writtenBy: string;
  /** The kind of group it describes; absent for offset commits (classic, consumer and streams groups commit alike). */
  readonly groupType?: GroupType;
  /** Kafka's name for it when it differs from {@link name} (type 0: `LegacyOffsetCommit`). */
  readonly kafkaName?: string;
}

/** The kinds of group the coordinator keeps: classic (the original protocol), consumer (KIP-848), share (KIP-932), streams (KIP-1071). */
export type GroupType = "classic" | "consumer" | "share" | "streams";

const one = (spec: MessageSpec): readonly ValueLayout[] => [{ spec }];

/** Every known record type, by number. */
export const RECORD_SPECS: readonly RecordSpec[] = [
  { recordType: 0, name: "OffsetCommit", kafkaName: "LegacyOffsetCommit", key: OFFSET_COMMIT_KEY, values: one(OFFSET_COMMIT_VALUE), writtenBy: "0.8.2-0.9 (LegacyOffsetCommit)" },
  { recordType: 1, name: "OffsetCommit", key: OFFSET_COMMIT_KEY, values: one(OFFSET_COMMIT_VALUE), writtenBy: "0.9+" },
  { recordType: 2, name: "GroupMetadata", groupType: "classic", key: GROUP_METADATA_KEY, values: one(GROUP_METADATA_VALUE), writtenBy: "0.9+" },
  { recordType: 3, name: "ConsumerGroupMetadata", groupType: "consumer", key: cgMeta.CONSUMER_GROUP_METADATA_KEY, values: one(cgMeta.CONSUMER_GROUP_METADATA_VALUE), writtenBy: "3.7+" },
  { recordType: 4, name: "ConsumerGroupPartitionMetadata", groupType: "consumer", key: cgMeta.CONSUMER_GROUP_PARTITION_METADATA_KEY, values: one(cgMeta.CONSUMER_GROUP_PARTITION_METADATA_VALUE), writtenBy: "3.7+ (tombstones only from 4.1)" },
  { recordType: 5, name: "ConsumerGroupMemberMetadata", groupType: "consumer", key: cgMembers.CONSUMER_GROUP_MEMBER_METADATA_KEY, values: one(cgMembers.CONSUMER_GROUP_MEMBER_METADATA_VALUE), writtenBy: "3.7+" },
  { recordType: 6, name: "ConsumerGroupTargetAssignmentMetadata", groupType: "consumer", key: cgMeta.CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_KEY, values: one(cgMeta.CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_VALUE), writtenBy: "3.7+" },
  { recordType: 7, name: "ConsumerGroupTargetAssignmentMember", groupType: "consumer", key: cgMembers.CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_KEY, values: one(cgMembers.CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_VALUE), writtenBy: "3.7+" },
  { recordType: 8, name: "ConsumerGroupCurrentMemberAssignment", groupType: "consumer", key: cgMembers.CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_KEY, values: one(cgMembers.CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_VALUE), writtenBy: "3.7+" },
  {
    recordType: 9, name: "ShareGroupPartitionMetadata", groupType: "share", key: sgMeta.SHARE_GROUP_PARTITION_METADATA_KEY, writtenBy: "3.9 (early access) and 4.0",
    values: [{ spec: sgMeta.SHARE_GROUP_PARTITION_METADATA_VALUE, layout: "4.0" }, { spec: sgMeta.SHARE_GROUP_PARTITION_METADATA_VALUE_3_9, layout: "3.9" }],
  },
  { recordType: 10, name: "ShareGroupMemberMetadata", groupType: "share", key: sgMembers.SHARE_GROUP_MEMBER_METADATA_KEY, values: one(sgMembers.SHARE_GROUP_MEMBER_METADATA_VALUE), writtenBy: "4.0+" },
  {
    recordType: 11, name: "ShareGroupMetadata", groupType: "share", key: sgMeta.SHARE_GROUP_METADATA_KEY, writtenBy: "4.0+",
    values: [{ spec: sgMeta.SHARE_GROUP_METADATA_VALUE, layout: "4.1" }, { spec: sgMeta.SHARE_GROUP_METADATA_VALUE_4_0, layout: "4.0" }],
  },
  { recordType: 12, name: "ShareGroupTargetAssignmentMetadata", groupType: "share", key: sgMeta.SHARE_GROUP_TARGET_ASSIGNMENT_METADATA_KEY, values: one(sgMeta.SHARE_GROUP_TARGET_ASSIGNMENT_METADATA_VALUE), writtenBy: "4.0+" },
  { recordType: 13, name: "ShareGroupTargetAssignmentMember", groupType: "share", key: sgMembers.SHARE_GROUP_TARGET_ASSIGNMENT_MEMBER_KEY, values: one(sgMembers.SHARE_GROUP_TARGET_ASSIGNMENT_MEMBER_VALUE), writtenBy: "4.0+" },
  { recordType: 14, name: "ShareGroupCurrentMemberAssignment", groupType: "share", key: sgMembers.SHARE_GROUP_CURRENT_MEMBER_ASSIGNMENT_KEY, values: one(sgMembers.SHARE_GROUP_CURRENT_MEMBER_ASSIGNMENT_VALUE), writtenBy: "4.0+" },
  {
    recordType: 15, name: "ShareGroupStatePartitionMetadata", groupType: "share", key: sgMeta.SHARE_GROUP_STATE_PARTITION_METADATA_KEY, writtenBy: "4.0+",
    values: [
      { spec: sgMeta.SHARE_GROUP_STATE_PARTITION_METADATA_VALUE, layout: "4.1" },
      { spec: sgMeta.SHARE_GROUP_STATE_PARTITION_METADATA_VALUE_4_0, layout: "4.0" },
    ],
  },
  { recordType: 16, name: "ConsumerGroupRegularExpression", groupType: "consumer", key: cgRegex.CONSUMER_GROUP_REGULAR_EXPRESSION_KEY, values: one(cgRegex.CONSUMER_GROUP_REGULAR_EXPRESSION_VALUE), writtenBy: "4.0+" },
  { recordType: 17, name: "StreamsGroupMetadata", groupType: "streams", key: stMeta.STREAMS_GROUP_METADATA_KEY, values: one(stMeta.STREAMS_GROUP_METADATA_VALUE), writtenBy: "4.1+ (earlier previews)" },
  { recordType: 18, name: "StreamsGroupPartitionMetadata", groupType: "streams", key: stMeta.STREAMS_GROUP_PARTITION_METADATA_KEY, values: one(stMeta.STREAMS_GROUP_PARTITION_METADATA_VALUE), writtenBy: "pre-4.1 streams previews" },
  { recordType: 19, name: "StreamsGroupMemberMetadata", groupType: "streams", key: stMembers.STREAMS_GROUP_MEMBER_METADATA_KEY, values: one(stMembers.STREAMS_GROUP_MEMBER_METADATA_VALUE), writtenBy: "4.1+" },
  { recordType: 20, name: "StreamsGroupTargetAssignmentMetadata", groupType: "streams", key: stMeta.STREAMS_GROUP_TARGET_ASSIGNMENT_METADATA_KEY, values: one(stMeta.STREAMS_GROUP_TARGET_ASSIGNMENT_METADATA_VALUE), writtenBy: "4.1+" },
  { recordType: 21, name: "StreamsGroupTargetAssignmentMember", groupType: "streams", key: stMembers.STREAMS_GROUP_TARGET_ASSIGNMENT_MEMBER_KEY, values: one(stMembers.STREAMS_GROUP_TARGET_ASSIGNMENT_MEMBER_VALUE), writtenBy: "4.1+" },
  { recordType: 22, name: "StreamsGroupCurrentMemberAssignment", groupType: "streams", key: stMembers.STREAMS_GROUP_CURRENT_MEMBER_ASSIGNMENT_KEY, values: one(stMembers.STREAMS_GROUP_CURRENT_MEMBER_ASSIGNMENT_VALUE), writtenBy: "4.1+" },
  { recordType: 23, name: "StreamsGroupTopology", groupType: "streams", key: stMeta.STREAMS_GROUP_TOPOLOGY_KEY, values: one(stMeta.STREAMS_GROUP_TOPOLOGY_VALUE), writtenBy: "4.1+" },
  { recordType: 24, name: "StreamsGroupTargetAssignmentResolvedTopicIds", groupType: "streams", key: stMeta.STREAMS_GROUP_TARGET_ASSIGNMENT_RESOLVED_TOPIC_IDS_KEY, values: one(stMeta.STREAMS_GROUP_TARGET_ASSIGNMENT_RESOLVED_TOPIC_IDS_VALUE), writtenBy: "trunk after 4.4" },
];

/** Record specs indexed by record type (sparse: unknown numbers are `undefined`). */
export const RECORD_SPEC_BY_TYPE: readonly (RecordSpec | undefined)[] = (() => {
  const table: (RecordSpec | undefined)[] = [];
  for (const spec of RECORD_SPECS) table[spec.recordType] = spec;
  return table;
})();
