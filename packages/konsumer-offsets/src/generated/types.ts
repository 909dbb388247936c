// Generated from the schema tables by src/schema/emit-types.ts: `npm run types:write -w packages/konsumer-offsets`.
// Do not edit: change the table in src/schemas (or src/share-state/schemas.ts) and regenerate;
// test/generated-types.test.ts fails when this file and the tables disagree.
/**
 * The decoded records of `__consumer_offsets` and `__share_group_state`, one interface per Kafka definition (key,
 * value, struct), each with a permalink to the JSON it mirrors in apache/kafka at a pinned release or commit.
 * @module
 */
import type { Flexible, KnownRecord, MemberAssignment, MemberSubscription } from "../types.js";

/**
 * Names the committed partition: (group, topic, partition). A tombstone with this key deletes the offset.
 *
 * Kafka: [`OffsetCommitKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/OffsetCommitKey.json) (versions 0).
 */
export interface OffsetCommitKey {
  /** The consumer group id. */
  group: string;
  /** The topic name. */
  topic: string;
  /** The partition index. */
  partition: number;
}

/**
 * The offset a group committed for a partition. v0: Kafka 0.8.2-0.9; v1 adds expireTimestamp (client-chosen retention); v2 (Kafka 2.1) drops it; v3 adds leaderEpoch; v4 (Kafka 4.x) is flexible with the tagged topicId.
 *
 * Kafka: [`OffsetCommitValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/OffsetCommitValue.json) (versions 0-4, flexible 4+).
 */
export interface OffsetCommitValue extends Flexible {
  /** The value's version (0-4): which fields are on the wire. */
  version: number;
  /** The committed offset: the next record the group will read. */
  offset: bigint;
  /** Leader epoch of the last consumed record, to detect truncation; -1 if unknown. Versions 3+; -1 in others. */
  leaderEpoch: number;
  /** Free-form metadata the client attached ("" when none). */
  metadata: string;
  /** When the commit was written, ms since the epoch. */
  commitTimestamp: bigint;
  /** When the offset expires, ms since the epoch (v1 only). Versions 1; -1n in others. */
  expireTimestamp: bigint;
  /** The topic's id, when the broker knew it (v4+). Versions 4+; absent in others. Tagged field 0 (versions 4+): absent when not written. */
  topicId?: string;
}

/**
 * Names the classic group. A tombstone with this key deletes the group (and Kafka then deletes its offsets too).
 *
 * Kafka: [`GroupMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/GroupMetadataKey.json) (versions 0).
 */
export interface GroupMetadataKey {
  /** The group id. */
  group: string;
}

/**
 * Each of `members`: The members of this generation. Kafka's struct `MemberMetadata`.
 *
 * Kafka: [`GroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/GroupMetadataValue.json) (versions 0-4, flexible 4+).
 */
export interface GroupMetadataMember extends Flexible {
  /** The member id given by the coordinator (client.id-uuid). */
  memberId: string;
  /** The static member id (group.instance.id); null for dynamic members. Versions 3+; null in others. */
  groupInstanceId: string | null;
  /** The member's client.id. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** How long the member may take to rejoin a rebalance, ms (v1+). Versions 1+; -1 in others. */
  rebalanceTimeout: number;
  /** Session timeout, ms: no heartbeat for that long and the member is removed. */
  sessionTimeout: number;
  /** The subscription, in the format of the protocol type: decoded as a ConsumerProtocolSubscription when it is `consumer` (`kind: "consumer"`), raw bytes otherwise (`kind: "raw"`, with the reason). */
  subscription: MemberSubscription;
  /** The assignment, in the format of the protocol type: decoded as a ConsumerProtocolAssignment when it is `consumer` (`kind: "consumer"`), raw bytes otherwise (`kind: "raw"`, with the reason). */
  assignment: MemberAssignment;
}

/**
 * A classic group's generation and members. v0: Kafka 0.9; v1 adds rebalanceTimeout; v2 adds currentStateTimestamp; v3 adds groupInstanceId (static membership, 2.3); v4 is flexible (not written by 4.4).
 *
 * Kafka: [`GroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/GroupMetadataValue.json) (versions 0-4, flexible 4+).
 */
export interface GroupMetadataValue extends Flexible {
  /** The value's version (0-4): which fields are on the wire. */
  version: number;
  /** consumer, connect, or empty: tells how to read the members' subscription and assignment. */
  protocolType: string;
  /** The generation: how many rebalances the group went through. */
  generation: number;
  /** The chosen protocol (for consumers, the assignor); null when the group is empty. */
  protocol: string | null;
  /** Member id of the leader, who computed the assignment; null when empty. */
  leader: string | null;
  /** When the group last changed state, ms since the epoch (v2+). Versions 2+; -1n in others. */
  currentStateTimestamp: bigint;
  /** The members of this generation. */
  members: GroupMetadataMember[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Names the consumer group. A tombstone deletes the group.
 * - Names the consumer group.
 * - Names the share group.
 * - Names the share group. A tombstone deletes the group.
 * - Names the streams group. A tombstone deletes the group.
 * - Names the streams group.
 *
 * Kafka: [`ConsumerGroupMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupMetadataKey.json) (versions 0), [`ConsumerGroupPartitionMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupPartitionMetadataKey.json) (versions 0), [`ConsumerGroupTargetAssignmentMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupTargetAssignmentMetadataKey.json) (versions 0), [`ShareGroupPartitionMetadataKey.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataKey.json) (versions 0), [`ShareGroupMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupMetadataKey.json) (versions 0), [`ShareGroupTargetAssignmentMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupTargetAssignmentMetadataKey.json) (versions 0), [`ShareGroupStatePartitionMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataKey.json) (versions 0), [`StreamsGroupMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMetadataKey.json) (versions 0), [`StreamsGroupPartitionMetadataKey.json`](https://github.com/apache/kafka/blob/44e616aa774b73381b8238059d2b091238c2df4e/group-coordinator/src/main/resources/common/message/StreamsGroupPartitionMetadataKey.json) (versions 0), [`StreamsGroupTargetAssignmentMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentMetadataKey.json) (versions 0), [`StreamsGroupTopologyKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTopologyKey.json) (versions 0), [`StreamsGroupTargetAssignmentResolvedTopicIdsKey.json`](https://github.com/apache/kafka/blob/14440d21214cd060d08774b4c190fff6dea0efee/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentResolvedTopicIdsKey.json) (versions 0).
 */
export interface GroupIdKey {
  /** The group id. */
  groupId: string;
}

/**
 * A consumer group's epoch.
 *
 * Kafka: [`ConsumerGroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ConsumerGroupMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The group epoch, bumped when membership or subscriptions change. */
  epoch: number;
  /** Hash of the subscribed topics' metadata (4.1+); a change triggers a new assignment. Tagged field 0 (versions 0+): 0n when not written. */
  metadataHash: bigint;
}

/**
 * Each of `partitionMetadata`: Racks of each partition's replicas, for rack-aware assignment; empty when no rack is known (unused after 4.0). Kafka's struct `PartitionMetadata`.
 *
 * Kafka: [`ConsumerGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`StreamsGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/44e616aa774b73381b8238059d2b091238c2df4e/group-coordinator/src/main/resources/common/message/StreamsGroupPartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface PartitionRacks extends Flexible {
  /** The partition index. */
  partition: number;
  /** The racks holding its replicas. */
  racks: string[];
}

/**
 * Each of `topics`: Metadata of every topic the group subscribes to. Kafka's struct `TopicMetadata`.
 *
 * Kafka: [`ConsumerGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`StreamsGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/44e616aa774b73381b8238059d2b091238c2df4e/group-coordinator/src/main/resources/common/message/StreamsGroupPartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface TopicMetadata extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The topic's partition count when the coordinator last looked. */
  numPartitions: number;
  /** Racks of each partition's replicas, for rack-aware assignment; empty when no rack is known (unused after 4.0). */
  partitionMetadata: PartitionRacks[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - The metadata of the topics a consumer group subscribes to, as of its last assignment.
 * - The metadata of the topics a streams group subscribes to (pre-4.1 previews only).
 *
 * Kafka: [`ConsumerGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`StreamsGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/44e616aa774b73381b8238059d2b091238c2df4e/group-coordinator/src/main/resources/common/message/StreamsGroupPartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface PartitionMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Metadata of every topic the group subscribes to. */
  topics: TopicMetadata[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Names the member. A tombstone removes it from the group.
 * - Names the member.
 *
 * Kafka: [`ConsumerGroupMemberMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupMemberMetadataKey.json) (versions 0), [`ConsumerGroupTargetAssignmentMemberKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupTargetAssignmentMemberKey.json) (versions 0), [`ConsumerGroupCurrentMemberAssignmentKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupCurrentMemberAssignmentKey.json) (versions 0), [`ShareGroupMemberMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupMemberMetadataKey.json) (versions 0), [`ShareGroupTargetAssignmentMemberKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupTargetAssignmentMemberKey.json) (versions 0), [`ShareGroupCurrentMemberAssignmentKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupCurrentMemberAssignmentKey.json) (versions 0), [`StreamsGroupMemberMetadataKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMemberMetadataKey.json) (versions 0), [`StreamsGroupTargetAssignmentMemberKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentMemberKey.json) (versions 0), [`StreamsGroupCurrentMemberAssignmentKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupCurrentMemberAssignmentKey.json) (versions 0).
 */
export interface GroupMemberKey {
  /** The group id. */
  groupId: string;
  /** The member id (a UUID string chosen by the client for KIP-848 members). */
  memberId: string;
}

/**
 * Each of `supportedProtocols`: The protocols (assignors) the classic member supports. Kafka's struct `ClassicProtocol`.
 *
 * Kafka: [`ConsumerGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupMemberMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ClassicProtocol extends Flexible {
  /** The protocol name. */
  name: string;
  /** The protocol metadata (for consumers, a ConsumerProtocolSubscription). */
  metadata: Uint8Array;
}

/**
 * `classicMemberMetadata`: Set when the member speaks the classic protocol inside a consumer group (upgrade path); null when it uses the consumer protocol (Kafka 4.x writes that null explicitly); absent when the tag is not written (Kafka then reads an empty struct). Kafka's struct `ClassicMemberMetadata`.
 *
 * Kafka: [`ConsumerGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupMemberMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ClassicMemberMetadata extends Flexible {
  /** The classic member's session timeout, ms. */
  sessionTimeoutMs: number;
  /** The protocols (assignors) the classic member supports. */
  supportedProtocols: ClassicProtocol[];
}

/**
 * One consumer group member: identity, subscription, and classic-protocol details when it uses them.
 *
 * Kafka: [`ConsumerGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupMemberMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ConsumerGroupMemberMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The static member id (group.instance.id); null for dynamic members. */
  instanceId: string | null;
  /** The member's client.rack; null when unset. */
  rackId: string | null;
  /** The member's client.id. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** Topics subscribed by name. */
  subscribedTopicNames: string[];
  /** The regular expression subscribed with; null when none. */
  subscribedTopicRegex: string | null;
  /** How long the member may take to revoke partitions, ms. */
  rebalanceTimeoutMs: number;
  /** The server-side assignor asked for (uniform, range); null for the default. */
  serverAssignor: string | null;
  /** Set when the member speaks the classic protocol inside a consumer group (upgrade path); null when it uses the consumer protocol (Kafka 4.x writes that null explicitly); absent when the tag is not written (Kafka then reads an empty struct). Tagged field 0 (versions 0+): absent when not written. */
  classicMemberMetadata?: ClassicMemberMetadata | null;
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Which group epoch the consumer group's target assignment was computed for.
 * - Which group epoch the share group's target assignment was computed for.
 * - Which group epoch the streams group's target assignment was computed for.
 *
 * Kafka: [`ConsumerGroupTargetAssignmentMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupTargetAssignmentMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupTargetAssignmentMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupTargetAssignmentMetadataValue.json) (versions 0, flexible 0+), [`StreamsGroupTargetAssignmentMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentMetadataValue.json) (versions 0, flexible 0+).
 */
export interface TargetAssignmentMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The group epoch the target assignment was computed for. */
  assignmentEpoch: number;
  /** When the assignment computation finished, in ms since the epoch (4.1+); 0 when not stored. Tagged field 0 (versions 0+): 0n when not written. */
  assignmentTimestamp: bigint;
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `topicPartitions`: The member's target partitions. Kafka's struct `TopicPartition`.
 * - Each of `assignedPartitions`: The partitions the member consumes. Kafka's struct `TopicPartitions`.
 *
 * Kafka: [`ConsumerGroupTargetAssignmentMemberValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupTargetAssignmentMemberValue.json) (versions 0, flexible 0+), [`ShareGroupTargetAssignmentMemberValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupTargetAssignmentMemberValue.json) (versions 0, flexible 0+), [`ShareGroupCurrentMemberAssignmentValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupCurrentMemberAssignmentValue.json) (versions 0, flexible 0+).
 */
export interface TopicIdPartitions extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The partition indexes. */
  partitions: number[];
}

/**
 * The partitions the consumer group's assignor wants this member to own.
 *
 * Kafka: [`ConsumerGroupTargetAssignmentMemberValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupTargetAssignmentMemberValue.json) (versions 0, flexible 0+).
 */
export interface ConsumerGroupTargetAssignmentMemberValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The member's target partitions. */
  topicPartitions: TopicIdPartitions[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `assignedPartitions`: The partitions assigned to (or owned by) the member. Kafka's struct `TopicPartitions`.
 * - Each of `partitionsPendingRevocation`: The partitions the member must revoke. Kafka's struct `TopicPartitions`.
 *
 * Kafka: [`ConsumerGroupCurrentMemberAssignmentValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupCurrentMemberAssignmentValue.json) (versions 0, flexible 0+).
 */
export interface TopicIdPartitionsWithEpochs extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The partition indexes. */
  partitions: number[];
  /** Epoch at which each partition was assigned to the member (same length as partitions): fences zombie commits. Null when not stored (before 4.1). Tagged field 0 (versions 0+): null when not written. */
  assignmentEpochs: number[] | null;
}

/**
 * The member's current epoch, state and partitions: where it is in reconciling towards its target.
 *
 * Kafka: [`ConsumerGroupCurrentMemberAssignmentValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupCurrentMemberAssignmentValue.json) (versions 0, flexible 0+).
 */
export interface ConsumerGroupCurrentMemberAssignmentValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The member epoch the member must send in its heartbeats. */
  memberEpoch: number;
  /** The previous member epoch, still accepted if the member missed the last bump. */
  previousMemberEpoch: number;
  /** The member's reconciliation state (Kafka's MemberState: 0 stable, 1 unrevoked partitions, 2 unreleased partitions, 3 unknown). */
  state: number;
  /** The partitions assigned to (or owned by) the member. */
  assignedPartitions: TopicIdPartitionsWithEpochs[];
  /** The partitions the member must revoke. */
  partitionsPendingRevocation: TopicIdPartitionsWithEpochs[];
}

/**
 * The metadata of the topics a share group subscribes to (Kafka 4.0 layout).
 *
 * Kafka: [`ShareGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupPartitionMetadataValueLayout4_0 extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Which release's layout the bytes use: Kafka 4.0's (Kafka changed this version in place). */
  layout: "4.0";
  /** Metadata of every topic the group subscribes to. */
  topics: TopicMetadata[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `initializedTopics`: Topic-partitions whose share-group state (in __share_group_state) is initialized. Kafka's struct `TopicPartitionsInfo`.
 * - Each of `initializingTopics`: Topic-partitions whose share-group state is being initialized (a regular field since 4.1). Kafka's struct `TopicPartitionsInfo`.
 *
 * Kafka: [`ShareGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/3.9.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupStatePartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupStatePartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface TopicPartitionsInfo extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The partition indexes. */
  partitions: number[];
}

/**
 * Each of `deletingTopics`: Topics whose share-group state is being deleted. Kafka's struct `TopicInfo`.
 *
 * Kafka: [`ShareGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/3.9.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupStatePartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataValue.json) (versions 0, flexible 0+), [`ShareGroupStatePartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface TopicIdName extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
}

/**
 * Which partitions of a share group have state (Kafka 3.9 layout).
 *
 * Kafka: [`ShareGroupPartitionMetadataValue.json`](https://github.com/apache/kafka/blob/3.9.0/group-coordinator/src/main/resources/common/message/ShareGroupPartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupPartitionMetadataValueLayout3_9 extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Which release's layout the bytes use: Kafka 3.9's (Kafka changed this version in place). */
  layout: "3.9";
  /** Topic-partitions whose share-group state (in __share_group_state) is initialized. */
  initializedTopics: TopicPartitionsInfo[];
  /** Topics whose share-group state is being deleted. */
  deletingTopics: TopicIdName[];
}

/**
 * One share group member: identity and subscription.
 *
 * Kafka: [`ShareGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupMemberMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupMemberMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The member's client.rack; null when unset. */
  rackId: string | null;
  /** The member's client.id. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** The topics the member subscribed to. */
  subscribedTopicNames: string[];
}

/**
 * A share group's epoch (Kafka 4.1+ layout).
 *
 * Kafka: [`ShareGroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupMetadataValueLayout4_1 extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Which release's layout the bytes use: Kafka 4.1's (Kafka changed this version in place). */
  layout: "4.1";
  /** The group epoch, bumped when membership or subscriptions change. */
  epoch: number;
  /** Hash of the subscribed topics' metadata (a regular field since 4.1). */
  metadataHash: bigint;
}

/**
 * A share group's epoch (Kafka 4.0 layout).
 *
 * Kafka: [`ShareGroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupMetadataValueLayout4_0 extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Which release's layout the bytes use: Kafka 4.0's (Kafka changed this version in place). */
  layout: "4.0";
  /** The group epoch, bumped when membership or subscriptions change. */
  epoch: number;
}

/**
 * The partitions the share group's assignor wants this member to consume.
 *
 * Kafka: [`ShareGroupTargetAssignmentMemberValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupTargetAssignmentMemberValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupTargetAssignmentMemberValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The member's target partitions. */
  topicPartitions: TopicIdPartitions[];
}

/**
 * The share member's current epoch, state and partitions.
 *
 * Kafka: [`ShareGroupCurrentMemberAssignmentValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupCurrentMemberAssignmentValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupCurrentMemberAssignmentValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The member epoch the member must send in its heartbeats. */
  memberEpoch: number;
  /** The previous member epoch, still accepted if the member missed the last bump. */
  previousMemberEpoch: number;
  /** The member's reconciliation state (Kafka's MemberState: 0 stable, 1 unrevoked partitions, 2 unreleased partitions, 3 unknown). */
  state: number;
  /** The partitions the member consumes. */
  assignedPartitions: TopicIdPartitions[];
}

/**
 * Which partitions of a share group have state in __share_group_state (Kafka 4.1+ layout).
 *
 * Kafka: [`ShareGroupStatePartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupStatePartitionMetadataValueLayout4_1 extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Which release's layout the bytes use: Kafka 4.1's (Kafka changed this version in place). */
  layout: "4.1";
  /** Topic-partitions whose share-group state is being initialized (a regular field since 4.1). */
  initializingTopics: TopicPartitionsInfo[];
  /** Topic-partitions whose share-group state (in __share_group_state) is initialized. */
  initializedTopics: TopicPartitionsInfo[];
  /** Topics whose share-group state is being deleted. */
  deletingTopics: TopicIdName[];
}

/**
 * Which partitions of a share group have state in __share_group_state (Kafka 4.0 layout).
 *
 * Kafka: [`ShareGroupStatePartitionMetadataValue.json`](https://github.com/apache/kafka/blob/4.0.0/group-coordinator/src/main/resources/common/message/ShareGroupStatePartitionMetadataValue.json) (versions 0, flexible 0+).
 */
export interface ShareGroupStatePartitionMetadataValueLayout4_0 extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Which release's layout the bytes use: Kafka 4.0's (Kafka changed this version in place). */
  layout: "4.0";
  /** Topic-partitions whose share-group state (in __share_group_state) is initialized. */
  initializedTopics: TopicPartitionsInfo[];
  /** Topics whose share-group state is being deleted. */
  deletingTopics: TopicIdName[];
}

/**
 * Names the group and the regular expression. A tombstone drops the regex when no member uses it.
 *
 * Kafka: [`ConsumerGroupRegularExpressionKey.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupRegularExpressionKey.json) (versions 0).
 */
export interface ConsumerGroupRegularExpressionKey {
  /** The group id. */
  groupId: string;
  /** The regular expression (RE2/J syntax). */
  regularExpression: string;
}

/**
 * What a consumer group's regular expression resolved to, and when.
 *
 * Kafka: [`ConsumerGroupRegularExpressionValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/ConsumerGroupRegularExpressionValue.json) (versions 0, flexible 0+).
 */
export interface ConsumerGroupRegularExpressionValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The topics the regular expression matched. */
  topics: string[];
  /** The metadata image version it was resolved against (Kafka's `Version`, renamed: `version` is the value's version). Kafka's `Version`. */
  resolvedVersion: bigint;
  /** When it was resolved, ms since the epoch. */
  timestamp: bigint;
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `lastAssignmentConfigs`: The assignment configuration last used (e.g. num.standby.replicas); null when not stored. Kafka's struct `LastAssignmentConfig`.
 * - Each of `clientTags`: Client tags, for rack-aware standby assignment. Kafka's struct `KeyValue`.
 * - Each of `topicConfigs`: Topic configs to create it with. Kafka's struct `TopicConfig`.
 *
 * Kafka: [`StreamsGroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMetadataValue.json) (versions 0, flexible 0+), [`StreamsGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMemberMetadataValue.json) (versions 0, flexible 0+), [`StreamsGroupTopologyValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTopologyValue.json) (versions 0, flexible 0+).
 */
export interface KeyValue extends Flexible {
  /** The config key. */
  key: string;
  /** The config value. */
  value: string;
}

/**
 * A streams group's epoch and topology bookkeeping.
 *
 * Kafka: [`StreamsGroupMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMetadataValue.json) (versions 0, flexible 0+).
 */
export interface StreamsGroupMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The group epoch. */
  epoch: number;
  /** Hash of the subscribed topics' metadata. */
  metadataHash: bigint;
  /** The topology epoch whose topics were validated against the metadata; -1 when none. Tagged field 0 (versions 0+): -1 when not written. */
  validatedTopologyEpoch: number;
  /** The assignment configuration last used (e.g. num.standby.replicas); null when not stored. Tagged field 1 (versions 0+): null when not written. */
  lastAssignmentConfigs: KeyValue[] | null;
  /** The topology epoch the description plugin holds; -1 none, -2 uncertain. Tagged field 2 (versions 0+): -1 when not written. */
  storedDescriptionTopologyEpoch: number;
  /** The topology epoch whose description push was permanently rejected; -1 none. Tagged field 3 (versions 0+): -1 when not written. */
  failedDescriptionTopologyEpoch: number;
}

/**
 * `userEndpoint`: The endpoint for interactive queries; null when unset. Kafka's struct `Endpoint`.
 *
 * Kafka: [`StreamsGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMemberMetadataValue.json) (versions 0, flexible 0+).
 */
export interface StreamsEndpoint extends Flexible {
  /** The host. */
  host: string;
  /** The port. */
  port: number;
}

/**
 * One streams group member: identity, topology epoch, endpoint and tags.
 *
 * Kafka: [`StreamsGroupMemberMetadataValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupMemberMetadataValue.json) (versions 0, flexible 0+).
 */
export interface StreamsGroupMemberMetadataValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The static member id; null for dynamic members. */
  instanceId: string | null;
  /** The member's rack; null when unset. */
  rackId: string | null;
  /** The member's client.id. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** How long the member may take to revoke tasks, ms. */
  rebalanceTimeoutMs: number;
  /** The topology epoch the member runs. */
  topologyEpoch: number;
  /** Identity of the Streams instance (process) the member belongs to. */
  processId: string;
  /** The endpoint for interactive queries; null when unset. */
  userEndpoint: StreamsEndpoint | null;
  /** Client tags, for rack-aware standby assignment. */
  clientTags: KeyValue[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `activeTasks`: Target active tasks. Kafka's struct `TaskIds`.
 * - Each of `standbyTasks`: Target standby tasks. Kafka's struct `TaskIds`.
 * - Each of `warmupTasks`: Target warm-up tasks. Kafka's struct `TaskIds`.
 *
 * Kafka: [`StreamsGroupTargetAssignmentMemberValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentMemberValue.json) (versions 0, flexible 0+).
 */
export interface TaskIds extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** The partitions (task ids within the subtopology). */
  partitions: number[];
}

/**
 * The tasks the streams group's assignor wants this member to run.
 *
 * Kafka: [`StreamsGroupTargetAssignmentMemberValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentMemberValue.json) (versions 0, flexible 0+).
 */
export interface StreamsGroupTargetAssignmentMemberValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** Target active tasks. */
  activeTasks: TaskIds[];
  /** Target standby tasks. */
  standbyTasks: TaskIds[];
  /** Target warm-up tasks. */
  warmupTasks: TaskIds[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `activeTasks`: Active tasks assigned. Kafka's struct `TaskIds`.
 * - Each of `standbyTasks`: Standby tasks assigned. Kafka's struct `TaskIds`.
 * - Each of `warmupTasks`: Warm-up tasks assigned. Kafka's struct `TaskIds`.
 * - Each of `activeTasksPendingRevocation`: Active tasks the member must revoke. Kafka's struct `TaskIds`.
 * - Each of `standbyTasksPendingRevocation`: Standby tasks the member must revoke. Kafka's struct `TaskIds`.
 * - Each of `warmupTasksPendingRevocation`: Warm-up tasks the member must revoke. Kafka's struct `TaskIds`.
 *
 * Kafka: [`StreamsGroupCurrentMemberAssignmentValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupCurrentMemberAssignmentValue.json) (versions 0, flexible 0+).
 */
export interface TaskIdsWithEpochs extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** The partitions (task ids within the subtopology). */
  partitions: number[];
  /** Epoch at which each partition was assigned (active tasks only, same length as partitions); null when not stored. Tagged field 0 (versions 0+): null when not written. */
  assignmentEpochs: number[] | null;
}

/**
 * The streams member's current epoch, state and tasks.
 *
 * Kafka: [`StreamsGroupCurrentMemberAssignmentValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupCurrentMemberAssignmentValue.json) (versions 0, flexible 0+).
 */
export interface StreamsGroupCurrentMemberAssignmentValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The member epoch the member must send in its heartbeats. */
  memberEpoch: number;
  /** The previous member epoch, still accepted if the member missed the last bump. */
  previousMemberEpoch: number;
  /** The member's reconciliation state (Kafka's MemberState: 0 stable, 1 unrevoked partitions, 2 unreleased partitions, 3 unknown). */
  state: number;
  /** Active tasks assigned. */
  activeTasks: TaskIdsWithEpochs[];
  /** Standby tasks assigned. */
  standbyTasks: TaskIdsWithEpochs[];
  /** Warm-up tasks assigned. */
  warmupTasks: TaskIdsWithEpochs[];
  /** Active tasks the member must revoke. */
  activeTasksPendingRevocation: TaskIdsWithEpochs[];
  /** Standby tasks the member must revoke. */
  standbyTasksPendingRevocation: TaskIdsWithEpochs[];
  /** Warm-up tasks the member must revoke. */
  warmupTasksPendingRevocation: TaskIdsWithEpochs[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `stateChangelogTopics`: Its state-store changelog topics. Kafka's struct `TopicInfo`.
 * - Each of `repartitionSourceTopics`: Repartition topics it reads. Kafka's struct `TopicInfo`.
 *
 * Kafka: [`StreamsGroupTopologyValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTopologyValue.json) (versions 0, flexible 0+).
 */
export interface StreamsTopicInfo extends Flexible {
  /** The topic name. */
  name: string;
  /** Partition count to create it with; 0 when not enforced (always 0 for changelogs). */
  partitions: number;
  /** Replication factor to create it with; 0 for the broker default. */
  replicationFactor: number;
  /** Topic configs to create it with. */
  topicConfigs: KeyValue[];
}

/**
 * Each of `copartitionGroups`: Source topics that must be co-partitioned. Kafka's struct `CopartitionGroup`.
 *
 * Kafka: [`StreamsGroupTopologyValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTopologyValue.json) (versions 0, flexible 0+).
 */
export interface CopartitionGroup extends Flexible {
  /** Indexes into the subtopology's sourceTopics. */
  sourceTopics: number[];
  /** Indexes into the subtopology's sourceTopicRegex. */
  sourceTopicRegex: number[];
  /** Indexes into the subtopology's repartitionSourceTopics. */
  repartitionSourceTopics: number[];
}

/**
 * Each of `subtopologies`: The sub-topologies of the streams application. Kafka's struct `Subtopology`.
 *
 * Kafka: [`StreamsGroupTopologyValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTopologyValue.json) (versions 0, flexible 0+).
 */
export interface Subtopology extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** Topics it reads. */
  sourceTopics: string[];
  /** Regular expressions of topics it reads. */
  sourceTopicRegex: string[];
  /** Its state-store changelog topics. */
  stateChangelogTopics: StreamsTopicInfo[];
  /** Repartition topics it writes. */
  repartitionSinkTopics: string[];
  /** Repartition topics it reads. */
  repartitionSourceTopics: StreamsTopicInfo[];
  /** Source topics that must be co-partitioned. */
  copartitionGroups: CopartitionGroup[];
}

/**
 * A streams application's topology as its members declared it.
 *
 * Kafka: [`StreamsGroupTopologyValue.json`](https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/StreamsGroupTopologyValue.json) (versions 0, flexible 0+).
 */
export interface StreamsGroupTopologyValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The topology epoch. */
  epoch: number;
  /** The sub-topologies of the streams application. */
  subtopologies: Subtopology[];
}

/**
 * Each of `resolvedTopicIdsBySubtopology`: Resolved topic ids per subtopology. Kafka's struct `ResolvedTopicIds`.
 *
 * Kafka: [`StreamsGroupTargetAssignmentResolvedTopicIdsValue.json`](https://github.com/apache/kafka/blob/14440d21214cd060d08774b4c190fff6dea0efee/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentResolvedTopicIdsValue.json) (versions 0, flexible 0+).
 */
export interface ResolvedTopicIds extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** The topic ids its source topics resolved to. */
  topicIds: string[];
}

/**
 * The topic ids a streams target assignment was computed against.
 *
 * Kafka: [`StreamsGroupTargetAssignmentResolvedTopicIdsValue.json`](https://github.com/apache/kafka/blob/14440d21214cd060d08774b4c190fff6dea0efee/group-coordinator/src/main/resources/common/message/StreamsGroupTargetAssignmentResolvedTopicIdsValue.json) (versions 0, flexible 0+).
 */
export interface StreamsGroupTargetAssignmentResolvedTopicIdsValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The assignment epoch this snapshot belongs to. */
  assignmentEpoch: number;
  /** Resolved topic ids per subtopology. */
  resolvedTopicIdsBySubtopology: ResolvedTopicIds[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Names the share-partition whose complete state the value holds. A tombstone deletes the state (group or topic deleted).
 * - Names the share-partition the incremental update applies to.
 *
 * Kafka: [`ShareSnapshotKey.json`](https://github.com/apache/kafka/blob/4.4.0/share-coordinator/src/main/resources/common/message/ShareSnapshotKey.json) (versions 0), [`ShareUpdateKey.json`](https://github.com/apache/kafka/blob/4.4.0/share-coordinator/src/main/resources/common/message/ShareUpdateKey.json) (versions 0).
 */
export interface SharePartitionKey {
  /** The share group id. */
  groupId: string;
  /** The topic's id (base64, as Kafka prints it). */
  topicId: string;
  /** The partition index. */
  partition: number;
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `stateBatches`: The state batches. Kafka's struct `StateBatch`.
 * - Each of `stateBatches`: The state batches that changed. Kafka's struct `StateBatch`.
 *
 * Kafka: [`ShareSnapshotValue.json`](https://github.com/apache/kafka/blob/4.4.0/share-coordinator/src/main/resources/common/message/ShareSnapshotValue.json) (versions 0, flexible 0+), [`ShareUpdateValue.json`](https://github.com/apache/kafka/blob/4.4.0/share-coordinator/src/main/resources/common/message/ShareUpdateValue.json) (versions 0, flexible 0+).
 */
export interface ShareStateBatch extends Flexible {
  /** The first offset of this state batch. */
  firstOffset: bigint;
  /** The last offset of this state batch (inclusive). */
  lastOffset: bigint;
  /** The delivery state: 0 available, 2 acknowledged, 4 archived. */
  deliveryState: number;
  /** How many times the records were delivered. */
  deliveryCount: number;
}

/**
 * The complete state of a share-partition: replaces whatever was known. Written first, then after every N updates.
 *
 * Kafka: [`ShareSnapshotValue.json`](https://github.com/apache/kafka/blob/4.4.0/share-coordinator/src/main/resources/common/message/ShareSnapshotValue.json) (versions 0, flexible 0+).
 */
export interface ShareSnapshotValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The snapshot epoch (incremented by each new snapshot). */
  snapshotEpoch: number;
  /** The state epoch of the share-partition (incremented when the state is reset). */
  stateEpoch: number;
  /** The leader epoch of the share-partition. */
  leaderEpoch: number;
  /** The share-partition start offset (SPSO): every record before it is acknowledged or archived; -1 when not initialized. */
  startOffset: bigint;
  /** How many offsets at or above the start offset have completed delivery (acknowledged or archived); -1 when not written. Tagged field 0 (versions 0+): -1 when not written. */
  deliveryCompleteCount: number;
  /** When the state was created, ms since the epoch. */
  createTimestamp: bigint;
  /** When the state was written or rewritten, ms since the epoch. */
  writeTimestamp: bigint;
  /** The state batches. */
  stateBatches: ShareStateBatch[];
}

/**
 * A change to a share-partition's state since the last snapshot: its start offset (-1: unchanged) and the batches that changed.
 *
 * Kafka: [`ShareUpdateValue.json`](https://github.com/apache/kafka/blob/4.4.0/share-coordinator/src/main/resources/common/message/ShareUpdateValue.json) (versions 0, flexible 0+).
 */
export interface ShareUpdateValue extends Flexible {
  /** The value's version (0): which fields are on the wire. */
  version: number;
  /** The epoch of the snapshot this update applies to. */
  snapshotEpoch: number;
  /** The leader epoch of the share-partition (-1: unchanged). */
  leaderEpoch: number;
  /** The new share-partition start offset, or -1 when it is not being updated. */
  startOffset: bigint;
  /** How many offsets at or above the start offset have completed delivery (acknowledged or archived); -1 when not written. Tagged field 0 (versions 0+): -1 when not written. */
  deliveryCompleteCount: number;
  /** The state batches that changed. */
  stateBatches: ShareStateBatch[];
}

/**
 * One type for the definitions below, whose fields are the same:
 * - Each of `ownedPartitions`: Partitions the member owned when it joined. Kafka's struct `TopicPartition`.
 * - Each of `assignedPartitions`: The partitions assigned to the member. Kafka's struct `TopicPartition`.
 *
 * Kafka: [`ConsumerProtocolSubscription.json`](https://github.com/apache/kafka/blob/4.4.0/clients/src/main/resources/common/message/ConsumerProtocolSubscription.json) (versions 0-3), [`ConsumerProtocolAssignment.json`](https://github.com/apache/kafka/blob/4.4.0/clients/src/main/resources/common/message/ConsumerProtocolAssignment.json) (versions 0-3).
 */
export interface TopicPartitions {
  /** The topic name. Versions 1+; "" in others. */
  topic: string;
  /** The partition indexes. Versions 1+; `[]` in others. */
  partitions: number[];
}

/**
 * What a classic consumer asks for when it joins. v1 adds ownedPartitions (cooperative rebalancing), v2 generationId, v3 rackId.
 *
 * Kafka: [`ConsumerProtocolSubscription.json`](https://github.com/apache/kafka/blob/4.4.0/clients/src/main/resources/common/message/ConsumerProtocolSubscription.json) (versions 0-3).
 */
export interface ConsumerSubscription {
  /** Marks bytes decoded as the consumer protocol. */
  kind: "consumer";
  /** Its own version (int16 at the start of its bytes; 0-3 known, newer read as the newest). */
  version: number;
  /** The topics the member wants to consume. */
  topics: string[];
  /** Assignor-specific data; null when absent. */
  userData: Uint8Array | null;
  /** Partitions the member owned when it joined. Versions 1+; `[]` in others. */
  ownedPartitions: TopicPartitions[];
  /** The generation the member last belonged to. Versions 2+; -1 in others. */
  generationId: number;
  /** The member's client.rack. Versions 3+; null in others. */
  rackId: string | null;
  /** The original bytes: the source of truth that `encode` writes back. */
  bytes: Uint8Array;
  /** Bytes after the last known field (a newer protocol version), when there are any. */
  trailingBytes?: Uint8Array;
}

/**
 * The partitions the leader assigned to a classic consumer. Versions 0-3 share one layout.
 *
 * Kafka: [`ConsumerProtocolAssignment.json`](https://github.com/apache/kafka/blob/4.4.0/clients/src/main/resources/common/message/ConsumerProtocolAssignment.json) (versions 0-3).
 */
export interface ConsumerAssignment {
  /** Marks bytes decoded as the consumer protocol. */
  kind: "consumer";
  /** Its own version (int16 at the start of its bytes; 0-3 known, newer read as the newest). */
  version: number;
  /** The partitions assigned to the member. */
  assignedPartitions: TopicPartitions[];
  /** Assignor-specific data; null when absent. */
  userData: Uint8Array | null;
  /** The original bytes: the source of truth that `encode` writes back. */
  bytes: Uint8Array;
  /** Bytes after the last known field (a newer protocol version), when there are any. */
  trailingBytes?: Uint8Array;
}

/**
 * ShareGroupPartitionMetadataValue in every layout Kafka wrote: discriminate on `layout` ("4.0", "3.9").
 */
export type ShareGroupPartitionMetadataValue = ShareGroupPartitionMetadataValueLayout4_0 | ShareGroupPartitionMetadataValueLayout3_9;

/**
 * ShareGroupMetadataValue in every layout Kafka wrote: discriminate on `layout` ("4.1", "4.0").
 */
export type ShareGroupMetadataValue = ShareGroupMetadataValueLayout4_1 | ShareGroupMetadataValueLayout4_0;

/**
 * ShareGroupStatePartitionMetadataValue in every layout Kafka wrote: discriminate on `layout` ("4.1", "4.0").
 */
export type ShareGroupStatePartitionMetadataValue = ShareGroupStatePartitionMetadataValueLayout4_1 | ShareGroupStatePartitionMetadataValueLayout4_0;

/**
 * Record type 0 and 1: Names the committed partition: (group, topic, partition). A tombstone with this key deletes the offset.
 * Written by Kafka 0: 0.8.2-0.9 (LegacyOffsetCommit); 1: 0.9+.
 */
export type OffsetCommitRecord = KnownRecord<"OffsetCommit", 0 | 1, OffsetCommitKey, OffsetCommitValue>;

/**
 * Record type 2: Names the classic group. A tombstone with this key deletes the group (and Kafka then deletes its offsets too).
 * Written by Kafka 2: 0.9+.
 */
export type GroupMetadataRecord = KnownRecord<"GroupMetadata", 2, GroupMetadataKey, GroupMetadataValue>;

/**
 * Record type 3: Names the consumer group. A tombstone deletes the group.
 * Written by Kafka 3: 3.7+.
 */
export type ConsumerGroupMetadataRecord = KnownRecord<"ConsumerGroupMetadata", 3, GroupIdKey, ConsumerGroupMetadataValue>;

/**
 * Record type 4: Names the consumer group.
 * Written by Kafka 4: 3.7+ (tombstones only from 4.1).
 */
export type ConsumerGroupPartitionMetadataRecord = KnownRecord<"ConsumerGroupPartitionMetadata", 4, GroupIdKey, PartitionMetadataValue>;

/**
 * Record type 5: Names the member. A tombstone removes it from the group.
 * Written by Kafka 5: 3.7+.
 */
export type ConsumerGroupMemberMetadataRecord = KnownRecord<"ConsumerGroupMemberMetadata", 5, GroupMemberKey, ConsumerGroupMemberMetadataValue>;

/**
 * Record type 6: Names the consumer group.
 * Written by Kafka 6: 3.7+.
 */
export type ConsumerGroupTargetAssignmentMetadataRecord = KnownRecord<"ConsumerGroupTargetAssignmentMetadata", 6, GroupIdKey, TargetAssignmentMetadataValue>;

/**
 * Record type 7: Names the member.
 * Written by Kafka 7: 3.7+.
 */
export type ConsumerGroupTargetAssignmentMemberRecord = KnownRecord<"ConsumerGroupTargetAssignmentMember", 7, GroupMemberKey, ConsumerGroupTargetAssignmentMemberValue>;

/**
 * Record type 8: Names the member.
 * Written by Kafka 8: 3.7+.
 */
export type ConsumerGroupCurrentMemberAssignmentRecord = KnownRecord<"ConsumerGroupCurrentMemberAssignment", 8, GroupMemberKey, ConsumerGroupCurrentMemberAssignmentValue>;

/**
 * Record type 9: Names the share group.
 * Written by Kafka 9: 3.9 (early access) and 4.0.
 */
export type ShareGroupPartitionMetadataRecord = KnownRecord<"ShareGroupPartitionMetadata", 9, GroupIdKey, ShareGroupPartitionMetadataValue>;

/**
 * Record type 10: Names the member. A tombstone removes it from the group.
 * Written by Kafka 10: 4.0+.
 */
export type ShareGroupMemberMetadataRecord = KnownRecord<"ShareGroupMemberMetadata", 10, GroupMemberKey, ShareGroupMemberMetadataValue>;

/**
 * Record type 11: Names the share group. A tombstone deletes the group.
 * Written by Kafka 11: 4.0+.
 */
export type ShareGroupMetadataRecord = KnownRecord<"ShareGroupMetadata", 11, GroupIdKey, ShareGroupMetadataValue>;

/**
 * Record type 12: Names the share group.
 * Written by Kafka 12: 4.0+.
 */
export type ShareGroupTargetAssignmentMetadataRecord = KnownRecord<"ShareGroupTargetAssignmentMetadata", 12, GroupIdKey, TargetAssignmentMetadataValue>;

/**
 * Record type 13: Names the member.
 * Written by Kafka 13: 4.0+.
 */
export type ShareGroupTargetAssignmentMemberRecord = KnownRecord<"ShareGroupTargetAssignmentMember", 13, GroupMemberKey, ShareGroupTargetAssignmentMemberValue>;

/**
 * Record type 14: Names the member.
 * Written by Kafka 14: 4.0+.
 */
export type ShareGroupCurrentMemberAssignmentRecord = KnownRecord<"ShareGroupCurrentMemberAssignment", 14, GroupMemberKey, ShareGroupCurrentMemberAssignmentValue>;

/**
 * Record type 15: Names the share group.
 * Written by Kafka 15: 4.0+.
 */
export type ShareGroupStatePartitionMetadataRecord = KnownRecord<"ShareGroupStatePartitionMetadata", 15, GroupIdKey, ShareGroupStatePartitionMetadataValue>;

/**
 * Record type 16: Names the group and the regular expression. A tombstone drops the regex when no member uses it.
 * Written by Kafka 16: 4.0+.
 */
export type ConsumerGroupRegularExpressionRecord = KnownRecord<"ConsumerGroupRegularExpression", 16, ConsumerGroupRegularExpressionKey, ConsumerGroupRegularExpressionValue>;

/**
 * Record type 17: Names the streams group. A tombstone deletes the group.
 * Written by Kafka 17: 4.1+ (earlier previews).
 */
export type StreamsGroupMetadataRecord = KnownRecord<"StreamsGroupMetadata", 17, GroupIdKey, StreamsGroupMetadataValue>;

/**
 * Record type 18: Names the streams group.
 * Written by Kafka 18: pre-4.1 streams previews.
 */
export type StreamsGroupPartitionMetadataRecord = KnownRecord<"StreamsGroupPartitionMetadata", 18, GroupIdKey, PartitionMetadataValue>;

/**
 * Record type 19: Names the member. A tombstone removes it from the group.
 * Written by Kafka 19: 4.1+.
 */
export type StreamsGroupMemberMetadataRecord = KnownRecord<"StreamsGroupMemberMetadata", 19, GroupMemberKey, StreamsGroupMemberMetadataValue>;

/**
 * Record type 20: Names the streams group.
 * Written by Kafka 20: 4.1+.
 */
export type StreamsGroupTargetAssignmentMetadataRecord = KnownRecord<"StreamsGroupTargetAssignmentMetadata", 20, GroupIdKey, TargetAssignmentMetadataValue>;

/**
 * Record type 21: Names the member.
 * Written by Kafka 21: 4.1+.
 */
export type StreamsGroupTargetAssignmentMemberRecord = KnownRecord<"StreamsGroupTargetAssignmentMember", 21, GroupMemberKey, StreamsGroupTargetAssignmentMemberValue>;

/**
 * Record type 22: Names the member.
 * Written by Kafka 22: 4.1+.
 */
export type StreamsGroupCurrentMemberAssignmentRecord = KnownRecord<"StreamsGroupCurrentMemberAssignment", 22, GroupMemberKey, StreamsGroupCurrentMemberAssignmentValue>;

/**
 * Record type 23: Names the streams group.
 * Written by Kafka 23: 4.1+.
 */
export type StreamsGroupTopologyRecord = KnownRecord<"StreamsGroupTopology", 23, GroupIdKey, StreamsGroupTopologyValue>;

/**
 * Record type 24: Names the streams group.
 * Written by Kafka 24: trunk after 4.4.
 */
export type StreamsGroupTargetAssignmentResolvedTopicIdsRecord = KnownRecord<"StreamsGroupTargetAssignmentResolvedTopicIds", 24, GroupIdKey, StreamsGroupTargetAssignmentResolvedTopicIdsValue>;

/** Every record type `__consumer_offsets` has held: a discriminated union on `type` (and on `recordType`). */
export type KnownOffsetsRecord =
  | OffsetCommitRecord
  | GroupMetadataRecord
  | ConsumerGroupMetadataRecord
  | ConsumerGroupPartitionMetadataRecord
  | ConsumerGroupMemberMetadataRecord
  | ConsumerGroupTargetAssignmentMetadataRecord
  | ConsumerGroupTargetAssignmentMemberRecord
  | ConsumerGroupCurrentMemberAssignmentRecord
  | ShareGroupPartitionMetadataRecord
  | ShareGroupMemberMetadataRecord
  | ShareGroupMetadataRecord
  | ShareGroupTargetAssignmentMetadataRecord
  | ShareGroupTargetAssignmentMemberRecord
  | ShareGroupCurrentMemberAssignmentRecord
  | ShareGroupStatePartitionMetadataRecord
  | ConsumerGroupRegularExpressionRecord
  | StreamsGroupMetadataRecord
  | StreamsGroupPartitionMetadataRecord
  | StreamsGroupMemberMetadataRecord
  | StreamsGroupTargetAssignmentMetadataRecord
  | StreamsGroupTargetAssignmentMemberRecord
  | StreamsGroupCurrentMemberAssignmentRecord
  | StreamsGroupTopologyRecord
  | StreamsGroupTargetAssignmentResolvedTopicIdsRecord;

/** `__share_group_state` record type 0: Names the share-partition whose complete state the value holds. A tombstone deletes the state (group or topic deleted). */
export type ShareSnapshotRecord = KnownRecord<"ShareSnapshot", 0, SharePartitionKey, ShareSnapshotValue>;

/** `__share_group_state` record type 1: Names the share-partition the incremental update applies to. */
export type ShareUpdateRecord = KnownRecord<"ShareUpdate", 1, SharePartitionKey, ShareUpdateValue>;

/** Every known record type of `__share_group_state`: discriminate on `type`, then on `tombstone`. */
export type KnownShareStateRecord = ShareSnapshotRecord | ShareUpdateRecord;
