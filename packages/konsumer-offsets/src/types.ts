/**
 * Public types of `@kafkesc/konsumer-offsets`: one decoded record of Kafka's internal `__consumer_offsets` topic.
 *
 * Every record is a key and a value. The key starts with an int16 **record type** (which kind of group state the
 * record holds), the value with an int16 **version** (which layout its fields use). A `null` value is a
 * **tombstone**: under log compaction it deletes whatever the key names (an offset, a member, a whole group).
 *
 * Field names are Kafka's JSON schema names in lowerCamelCase (`GroupId` -> `groupId`). int64 fields are `bigint`,
 * UUIDs are Kafka's 22-character URL-safe base64 form (what `Uuid.toString()` prints), bytes are `Uint8Array`.
 * Each interface names the Kafka message definition it mirrors, in apache/kafka
 * `group-coordinator/src/main/resources/common/message/` (abbreviated `gc/` below) unless said otherwise.
 *
 * @module
 */

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

// ---------------------------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------------------------

/** Key of record types 0 and 1 (`gc/LegacyOffsetCommitKey.json`, `gc/OffsetCommitKey.json`): one committed offset. */
export interface OffsetCommitKey {
  /** The consumer group that committed the offset. */
  group: string;
  /** The topic of the committed partition. */
  topic: string;
  /** The partition index the offset belongs to. */
  partition: number;
}

/** Key of record type 2 (`gc/GroupMetadataKey.json`): the classic group's metadata. */
export interface GroupMetadataKey {
  /** The group id. */
  group: string;
}

/**
 * Key of the records that describe a whole group (types 3, 4, 6, 9, 11, 12, 15, 17, 18, 20, 23, 24):
 * `gc/<Record>Key.json` with a single `GroupId` field.
 */
export interface GroupIdKey {
  /** The group id. */
  groupId: string;
}

/**
 * Key of the records that describe one member of a group (types 5, 7, 8, 10, 13, 14, 19, 21, 22):
 * `gc/<Record>Key.json` with `GroupId` and `MemberId`.
 */
export interface GroupMemberKey {
  /** The group id. */
  groupId: string;
  /** The member id (assigned by the coordinator, a UUID string for KIP-848 members). */
  memberId: string;
}

/** Key of record type 16 (`gc/ConsumerGroupRegularExpressionKey.json`): one regex subscription of a consumer group. */
export interface ConsumerGroupRegularExpressionKey {
  /** The group id. */
  groupId: string;
  /** The regular expression (RE2/J syntax) some member subscribed with. */
  regularExpression: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Classic offsets and group metadata (types 0, 1, 2)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Value of record types 0 and 1 (`gc/OffsetCommitValue.json`; type 0's `gc/LegacyOffsetCommitValue.json` is its v0):
 * the offset a group committed for one partition.
 * v0: Kafka 0.8.2-0.9; v1: adds `expireTimestamp` (retention asked by the client); v2: drops it (Kafka 2.1+);
 * v3: adds `leaderEpoch`; v4: flexible, adds tagged `topicId` (Kafka 4.x).
 */
export interface OffsetCommitValue extends Flexible {
  /** The value's version (0-4): selects the layout. */
  version: number;
  /** The committed offset: the next record the group will consume from this partition. */
  offset: bigint;
  /** Leader epoch of the last consumed record (v3+), used to detect log truncation; `-1` when absent or unknown. */
  leaderEpoch: number;
  /** Free-form metadata the client attached to the commit (`""` when it sent none). */
  metadata: string;
  /** When the commit was written, in ms since the epoch. */
  commitTimestamp: bigint;
  /** When the offset expires, in ms since the epoch: only v1 stores it, `-1n` otherwise. */
  expireTimestamp: bigint;
  /** The topic's id (tagged field 0, v4+), when the broker knew it; absent otherwise. */
  topicId?: string;
}

/**
 * Value of record type 2 (`gc/GroupMetadataValue.json`): the state of a classic group after a rebalance.
 * v0: Kafka 0.9; v1: adds `rebalanceTimeout`; v2: adds `currentStateTimestamp`; v3: adds `groupInstanceId`
 * (static membership); v4: flexible.
 */
export interface GroupMetadataValue extends Flexible {
  /** The value's version (0-4): selects the layout. */
  version: number;
  /** The protocol type the members use: `consumer` for Kafka consumers, `connect` for Connect workers, or empty. */
  protocolType: string;
  /** The generation (rebalance count) this state belongs to. */
  generation: number;
  /** The chosen protocol, for consumers the partition assignor (`range`, `cooperative-sticky`...); null when empty. */
  protocol: string | null;
  /** The member id of the group leader (who computed the assignment); null when the group is empty. */
  leader: string | null;
  /** When the group last changed state, in ms since the epoch (v2+); `-1n` before v2. */
  currentStateTimestamp: bigint;
  /** The members of this generation, with their subscription and assignment. */
  members: GroupMetadataMember[];
}

/** One member of a classic group (`MemberMetadata` in `gc/GroupMetadataValue.json`). */
export interface GroupMetadataMember extends Flexible {
  /** The member id assigned by the coordinator (usually `<client.id>-<uuid>`). */
  memberId: string;
  /** The static member id (`group.instance.id`, v3+); null for dynamic members and before v3. */
  groupInstanceId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host as the broker saw it (`/10.0.0.12`). */
  clientHost: string;
  /** Max time the member may take to rejoin in a rebalance, in ms (v1+); `-1` before v1. */
  rebalanceTimeout: number;
  /** Session timeout in ms: the member is removed when it sends no heartbeat for that long. */
  sessionTimeout: number;
  /** The member's subscription: decoded when the group's protocol type is `consumer`, raw otherwise. */
  subscription: MemberSubscription;
  /** The member's assignment: decoded when the group's protocol type is `consumer`, raw otherwise. */
  assignment: MemberAssignment;
}

/** Partitions of one topic, by name (`TopicPartition` in the consumer protocol definitions). */
export interface TopicPartitions {
  /** The topic name. */
  topic: string;
  /** The partition indexes. */
  partitions: number[];
}

/**
 * A classic consumer's subscription (`clients/src/main/resources/common/message/ConsumerProtocolSubscription.json`),
 * decoded from a member's `subscription` bytes. v0: topics and user data; v1: adds `ownedPartitions`
 * (cooperative rebalancing); v2: adds `generationId`; v3: adds `rackId`. Versions above 3 are read as 3,
 * as Kafka's `ConsumerProtocol` does.
 */
export interface ConsumerSubscription {
  /** Marks a decoded consumer-protocol subscription. */
  kind: "consumer";
  /** The subscription's own version (int16 at the start of its bytes). */
  version: number;
  /** The topics the member wants to consume. */
  topics: string[];
  /** Assignor-specific data (e.g. the sticky assignor's previous assignment); null when absent (length -1). */
  userData: Uint8Array | null;
  /** The partitions the member owned when it joined (v1+); empty before v1. */
  ownedPartitions: TopicPartitions[];
  /** The generation the member last belonged to (v2+); `-1` before v2. */
  generationId: number;
  /** The member's `client.rack` (v3+); null when unset and before v3. */
  rackId: string | null;
  /** The original bytes: the source of truth that `encode` writes back. */
  bytes: Uint8Array;
  /** Bytes after the last known field (a newer protocol version), when there are any. */
  trailingBytes?: Uint8Array;
}

/**
 * A classic consumer's assignment (`clients/src/main/resources/common/message/ConsumerProtocolAssignment.json`),
 * decoded from a member's `assignment` bytes. Versions 0-3 share one layout.
 */
export interface ConsumerAssignment {
  /** Marks a decoded consumer-protocol assignment. */
  kind: "consumer";
  /** The assignment's own version (int16 at the start of its bytes). */
  version: number;
  /** The partitions the leader assigned to this member. */
  assignedPartitions: TopicPartitions[];
  /** Assignor-specific data; null when absent (length -1). */
  userData: Uint8Array | null;
  /** The original bytes: the source of truth that `encode` writes back. */
  bytes: Uint8Array;
  /** Bytes after the last known field (a newer protocol version), when there are any. */
  trailingBytes?: Uint8Array;
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
// Shared structures of the new group coordinator (KIP-848, KIP-932, KIP-1071)
// ---------------------------------------------------------------------------------------------------------------

/** Partitions of one topic, by topic id. */
export interface TopicIdPartitions extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The partition indexes. */
  partitions: number[];
}

/** Partitions of one topic, by topic id, with the epoch each was assigned at (`TopicPartitions` in `gc/ConsumerGroupCurrentMemberAssignmentValue.json`). */
export interface TopicIdPartitionsWithEpochs extends TopicIdPartitions {
  /** Epoch at which each partition was assigned (tagged field 0, Kafka 4.1+), same length as `partitions`; null when not stored. */
  assignmentEpochs: number[] | null;
}

/** Metadata of one subscribed topic, as the coordinator last saw it (`TopicMetadata` in the `*PartitionMetadataValue.json` files). */
export interface TopicMetadata extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The topic's partition count. */
  numPartitions: number;
  /** Racks of each partition's replicas, for rack-aware assignment (deprecated after 4.0; often empty). */
  partitionMetadata: PartitionRacks[];
}

/** Racks that hold one partition's replicas (`PartitionMetadata` in the `*PartitionMetadataValue.json` files). */
export interface PartitionRacks extends Flexible {
  /** The partition index. */
  partition: number;
  /** The racks of its replicas. */
  racks: string[];
}

/** Value of the `*PartitionMetadata` records (types 4, 9, 18): the subscribed topics' metadata. */
export interface PartitionMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** Metadata of every topic the group subscribes to. */
  topics: TopicMetadata[];
}

/** Value of the `*TargetAssignmentMetadata` records (types 6, 12, 20): which assignment epoch the target assignment is at. */
export interface TargetAssignmentMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The group epoch the target assignment was computed for. */
  assignmentEpoch: number;
  /** When the assignment computation finished, in ms since the epoch (tagged field 0, 4.1+); `0n` when not stored. */
  assignmentTimestamp: bigint;
}

// ---------------------------------------------------------------------------------------------------------------
// Consumer groups (KIP-848): types 3-8 and 16
// ---------------------------------------------------------------------------------------------------------------

/** Value of type 3 (`gc/ConsumerGroupMetadataValue.json`): the consumer group's epoch. */
export interface ConsumerGroupMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The group epoch: bumped whenever membership or subscriptions change. */
  epoch: number;
  /** Hash of the subscribed topics' metadata (tagged field 0, 4.1+); `0n` when not stored. */
  metadataHash: bigint;
}

/** A protocol a classic member supports (`ClassicProtocol` in `gc/ConsumerGroupMemberMetadataValue.json`). */
export interface ClassicProtocol extends Flexible {
  /** The protocol (assignor) name. */
  name: string;
  /** The protocol metadata: for `consumer` members a `ConsumerProtocolSubscription`, kept raw here. */
  metadata: Uint8Array;
}

/** Classic-protocol details of a member of a consumer group (`ClassicMemberMetadata` in `gc/ConsumerGroupMemberMetadataValue.json`). */
export interface ClassicMemberMetadata extends Flexible {
  /** The session timeout the classic member asked for, in ms. */
  sessionTimeoutMs: number;
  /** The protocols the classic member supports. */
  supportedProtocols: ClassicProtocol[];
}

/** Value of type 5 (`gc/ConsumerGroupMemberMetadataValue.json`): one consumer group member's metadata. */
export interface ConsumerGroupMemberMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The static member id (`group.instance.id`); null for dynamic members. */
  instanceId: string | null;
  /** The member's `client.rack`; null when unset. */
  rackId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** The topics the member subscribed to by name. */
  subscribedTopicNames: string[];
  /** The regular expression the member subscribed with; null when it subscribed by name. */
  subscribedTopicRegex: string | null;
  /** Max time the member may take to revoke partitions, in ms. */
  rebalanceTimeoutMs: number;
  /** The server-side assignor the member asked for (`uniform`, `range`); null for the default. */
  serverAssignor: string | null;
  /**
   * Tagged field 0. An object when the member uses the classic protocol inside a consumer group; `null` when it uses
   * the consumer protocol (Kafka 4.x writes that null explicitly); absent when the tag is not written (Kafka then
   * reads an empty `ClassicMemberMetadata`).
   */
  classicMemberMetadata?: ClassicMemberMetadata | null;
}

/** Value of type 7 (`gc/ConsumerGroupTargetAssignmentMemberValue.json`): the partitions the group wants a member to own. */
export interface ConsumerGroupTargetAssignmentMemberValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The target partitions of the member. */
  topicPartitions: TopicIdPartitions[];
}

/** Value of type 8 (`gc/ConsumerGroupCurrentMemberAssignmentValue.json`): what a member owns now. */
export interface ConsumerGroupCurrentMemberAssignmentValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The member epoch the member must heartbeat with. */
  memberEpoch: number;
  /** The previous member epoch, accepted if the last epoch bump got lost. */
  previousMemberEpoch: number;
  /** The member state (Kafka's `MemberState`: 0 stable, 1 unrevoked partitions, 2 unreleased partitions, 3 unknown). */
  state: number;
  /** The partitions the member is assigned (or owns). */
  assignedPartitions: TopicIdPartitionsWithEpochs[];
  /** The partitions the member must revoke. */
  partitionsPendingRevocation: TopicIdPartitionsWithEpochs[];
}

/** Value of type 16 (`gc/ConsumerGroupRegularExpressionValue.json`): what a regex subscription resolved to. */
export interface ConsumerGroupRegularExpressionValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The topics the regular expression matched. */
  topics: string[];
  /**
   * The metadata image version (offset) the regex was last resolved against. Kafka's field is `Version`, renamed
   * here because `version` is the value's version on every value.
   */
  resolvedVersion: bigint;
  /** When it was last resolved, in ms since the epoch. */
  timestamp: bigint;
}

// ---------------------------------------------------------------------------------------------------------------
// Share groups (KIP-932): types 9-15
// ---------------------------------------------------------------------------------------------------------------

/** Value of type 10 (`gc/ShareGroupMemberMetadataValue.json`): one share-group member's metadata. */
export interface ShareGroupMemberMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The member's `client.rack`; null when unset. */
  rackId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** The topics the member subscribed to. */
  subscribedTopicNames: string[];
}

/**
 * Value of type 11 (`gc/ShareGroupMetadataValue.json`): the share group's epoch. Its v0 changed in place:
 * Kafka 4.0 wrote only `epoch` (`layout: "4.0"`), 4.1+ adds a regular int64 `metadataHash` (`layout: "4.1"`).
 */
export type ShareGroupMetadataValue =
  | (Flexible & {
      /** The value's version (always 0). */
      version: number;
      /** Which release's layout the bytes use: Kafka 4.0's, without `metadataHash`. */
      layout: "4.0";
      /** The group epoch. */
      epoch: number;
    })
  | (Flexible & {
      /** The value's version (always 0). */
      version: number;
      /** Which release's layout the bytes use: Kafka 4.1 and later. */
      layout: "4.1";
      /** The group epoch. */
      epoch: number;
      /** Hash of the subscribed topics' metadata. */
      metadataHash: bigint;
    });

/**
 * Value of type 9 (`gc/ShareGroupPartitionMetadataValue.json` of Kafka 3.9 and 4.0; gone from 4.1). Its v0 changed in
 * place: Kafka 3.9 defined it as the initialized and deleting topics (`layout: "3.9"`, what 4.0 moved to type 15),
 * 4.0 as the subscribed topics' metadata (`layout: "4.0"`).
 */
export type ShareGroupPartitionMetadataValue =
  | (PartitionMetadataValue & {
      /** Which release's layout the bytes use: Kafka 4.0's. */
      layout: "4.0";
    })
  | (Flexible & {
      /** The value's version (always 0). */
      version: number;
      /** Which release's layout the bytes use: Kafka 3.9's. */
      layout: "3.9";
      /** Topic-partitions whose share-group state is initialized. */
      initializedTopics: TopicPartitionsInfo[];
      /** Topics whose share-group state is being deleted. */
      deletingTopics: TopicIdName[];
    });

/** Value of type 13 (`gc/ShareGroupTargetAssignmentMemberValue.json`): the partitions the share group wants a member to consume. */
export interface ShareGroupTargetAssignmentMemberValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The target partitions of the member. */
  topicPartitions: TopicIdPartitions[];
}

/** Value of type 14 (`gc/ShareGroupCurrentMemberAssignmentValue.json`): what a share-group member consumes now. */
export interface ShareGroupCurrentMemberAssignmentValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The member epoch the member must heartbeat with. */
  memberEpoch: number;
  /** The previous member epoch. */
  previousMemberEpoch: number;
  /** The member state (Kafka's `MemberState`). */
  state: number;
  /** The partitions the member is assigned. */
  assignedPartitions: TopicIdPartitions[];
}

/** A topic and some of its partitions, by id and name (`TopicPartitionsInfo` in `gc/ShareGroupStatePartitionMetadataValue.json`). */
export interface TopicPartitionsInfo extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The partition indexes. */
  partitions: number[];
}

/** A topic by id and name (`TopicInfo` in `gc/ShareGroupStatePartitionMetadataValue.json`). */
export interface TopicIdName extends Flexible {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
}

/**
 * Value of type 15 (`gc/ShareGroupStatePartitionMetadataValue.json`): which partitions have share-group state
 * (in `__share_group_state`). Its v0 changed in place: Kafka 4.0 wrote `initializedTopics` and `deletingTopics`
 * (`layout: "4.0"`), 4.1+ starts with a regular `initializingTopics` array (`layout: "4.1"`).
 */
export type ShareGroupStatePartitionMetadataValue =
  | (Flexible & {
      /** The value's version (always 0). */
      version: number;
      /** Which release's layout the bytes use: Kafka 4.0's, without `initializingTopics`. */
      layout: "4.0";
      /** Topic-partitions whose share-group state is initialized. */
      initializedTopics: TopicPartitionsInfo[];
      /** Topics whose share-group state is being deleted. */
      deletingTopics: TopicIdName[];
    })
  | (Flexible & {
      /** The value's version (always 0). */
      version: number;
      /** Which release's layout the bytes use: Kafka 4.1 and later. */
      layout: "4.1";
      /** Topic-partitions whose share-group state is being initialized. */
      initializingTopics: TopicPartitionsInfo[];
      /** Topic-partitions whose share-group state is initialized. */
      initializedTopics: TopicPartitionsInfo[];
      /** Topics whose share-group state is being deleted. */
      deletingTopics: TopicIdName[];
    });

// ---------------------------------------------------------------------------------------------------------------
// Streams groups (KIP-1071): types 17-24
// ---------------------------------------------------------------------------------------------------------------

/** A key/value pair (`LastAssignmentConfig`, `KeyValue`, `TopicConfig` in the streams definitions). */
export interface KeyValue extends Flexible {
  /** The key. */
  key: string;
  /** The value. */
  value: string;
}

/** Value of type 17 (`gc/StreamsGroupMetadataValue.json`): the streams group's epoch and topology state. */
export interface StreamsGroupMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The group epoch. */
  epoch: number;
  /** Hash of the subscribed topics' metadata. */
  metadataHash: bigint;
  /** The topology epoch whose topics were validated (tagged field 0); `-1` when not stored. */
  validatedTopologyEpoch: number;
  /** The assignment configuration last used, e.g. `num.standby.replicas` (tagged field 1); null when not stored. */
  lastAssignmentConfigs: KeyValue[] | null;
  /** The topology epoch the description plugin holds, `-1` none, `-2` uncertain (tagged field 2). */
  storedDescriptionTopologyEpoch: number;
  /** The topology epoch whose description push was permanently rejected, `-1` none (tagged field 3). */
  failedDescriptionTopologyEpoch: number;
}

/** A streams member's interactive-query endpoint (`Endpoint` in `gc/StreamsGroupMemberMetadataValue.json`). */
export interface StreamsEndpoint extends Flexible {
  /** The host. */
  host: string;
  /** The port (uint16). */
  port: number;
}

/** Value of type 19 (`gc/StreamsGroupMemberMetadataValue.json`): one streams-group member's metadata. */
export interface StreamsGroupMemberMetadataValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The static member id; null for dynamic members. */
  instanceId: string | null;
  /** The member's rack; null when unset. */
  rackId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host as the broker saw it. */
  clientHost: string;
  /** Max time the member may take to revoke tasks, in ms. */
  rebalanceTimeoutMs: number;
  /** The topology epoch the member runs. */
  topologyEpoch: number;
  /** Identity of the Streams instance (process) the member belongs to. */
  processId: string;
  /** The endpoint for interactive queries; null when unset. */
  userEndpoint: StreamsEndpoint | null;
  /** Client tags, used by rack-aware standby assignment. */
  clientTags: KeyValue[];
}

/** Tasks of one subtopology (`TaskIds` in the streams assignment definitions). */
export interface TaskIds extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** The partitions (task ids within the subtopology). */
  partitions: number[];
}

/** Tasks of one subtopology with the epoch each was assigned at (`TaskIds` in `gc/StreamsGroupCurrentMemberAssignmentValue.json`). */
export interface TaskIdsWithEpochs extends TaskIds {
  /** Epoch at which each partition was assigned (tagged field 0), same length as `partitions`; null when not stored. */
  assignmentEpochs: number[] | null;
}

/** Value of type 21 (`gc/StreamsGroupTargetAssignmentMemberValue.json`): the tasks the group wants a member to run. */
export interface StreamsGroupTargetAssignmentMemberValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** Target active tasks. */
  activeTasks: TaskIds[];
  /** Target standby tasks. */
  standbyTasks: TaskIds[];
  /** Target warm-up tasks. */
  warmupTasks: TaskIds[];
}

/** Value of type 22 (`gc/StreamsGroupCurrentMemberAssignmentValue.json`): the tasks a streams member runs now. */
export interface StreamsGroupCurrentMemberAssignmentValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The member epoch the member must heartbeat with. */
  memberEpoch: number;
  /** The previous member epoch. */
  previousMemberEpoch: number;
  /** The member state (Kafka's `StreamsGroupMember.MemberState`). */
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

/** A topic of a streams topology (`TopicInfo` in `gc/StreamsGroupTopologyValue.json`). */
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

/** A group of source topics that must be co-partitioned, as indexes into the subtopology's arrays. */
export interface CopartitionGroup extends Flexible {
  /** Indexes into `sourceTopics`. */
  sourceTopics: number[];
  /** Indexes into `sourceTopicRegex`. */
  sourceTopicRegex: number[];
  /** Indexes into `repartitionSourceTopics`. */
  repartitionSourceTopics: number[];
}

/** One subtopology of a streams application (`Subtopology` in `gc/StreamsGroupTopologyValue.json`). */
export interface Subtopology extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** Source topics it reads. */
  sourceTopics: string[];
  /** Source topic regular expressions it reads. */
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

/** Value of type 23 (`gc/StreamsGroupTopologyValue.json`): the streams application's topology. */
export interface StreamsGroupTopologyValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The topology epoch. */
  epoch: number;
  /** The subtopologies. */
  subtopologies: Subtopology[];
}

/** Topic ids resolved for one subtopology (`ResolvedTopicIds` in `gc/StreamsGroupTargetAssignmentResolvedTopicIdsValue.json`). */
export interface ResolvedTopicIds extends Flexible {
  /** The subtopology id. */
  subtopologyId: string;
  /** The resolved topic ids. */
  topicIds: string[];
}

/** Value of type 24 (`gc/StreamsGroupTargetAssignmentResolvedTopicIdsValue.json`, Kafka trunk after 4.4): topic ids behind a target assignment. */
export interface StreamsGroupTargetAssignmentResolvedTopicIdsValue extends Flexible {
  /** The value's version (always 0). */
  version: number;
  /** The assignment epoch this snapshot belongs to. */
  assignmentEpoch: number;
  /** Resolved topic ids per subtopology. */
  resolvedTopicIdsBySubtopology: ResolvedTopicIds[];
}

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

/** Types 0 (written by Kafka 0.8.2-0.9) and 1: one committed offset. */
export type OffsetCommitRecord = KnownRecord<"OffsetCommit", 0 | 1, OffsetCommitKey, OffsetCommitValue>;
/** Type 2: a classic group's state and members. */
export type GroupMetadataRecord = KnownRecord<"GroupMetadata", 2, GroupMetadataKey, GroupMetadataValue>;
/** Type 3: a consumer group's epoch. */
export type ConsumerGroupMetadataRecord = KnownRecord<"ConsumerGroupMetadata", 3, GroupIdKey, ConsumerGroupMetadataValue>;
/** Type 4: a consumer group's subscribed topics (Kafka 4.4 writes only tombstones of it). */
export type ConsumerGroupPartitionMetadataRecord = KnownRecord<"ConsumerGroupPartitionMetadata", 4, GroupIdKey, PartitionMetadataValue>;
/** Type 5: one consumer group member. */
export type ConsumerGroupMemberMetadataRecord = KnownRecord<"ConsumerGroupMemberMetadata", 5, GroupMemberKey, ConsumerGroupMemberMetadataValue>;
/** Type 6: the epoch of a consumer group's target assignment. */
export type ConsumerGroupTargetAssignmentMetadataRecord = KnownRecord<"ConsumerGroupTargetAssignmentMetadata", 6, GroupIdKey, TargetAssignmentMetadataValue>;
/** Type 7: one member's target assignment. */
export type ConsumerGroupTargetAssignmentMemberRecord = KnownRecord<"ConsumerGroupTargetAssignmentMember", 7, GroupMemberKey, ConsumerGroupTargetAssignmentMemberValue>;
/** Type 8: one member's current assignment. */
export type ConsumerGroupCurrentMemberAssignmentRecord = KnownRecord<"ConsumerGroupCurrentMemberAssignment", 8, GroupMemberKey, ConsumerGroupCurrentMemberAssignmentValue>;
/** Type 9 (Kafka 3.9 early access and 4.0; dropped in 4.1): a share group's partition metadata. */
export type ShareGroupPartitionMetadataRecord = KnownRecord<"ShareGroupPartitionMetadata", 9, GroupIdKey, ShareGroupPartitionMetadataValue>;
/** Type 10: one share group member. */
export type ShareGroupMemberMetadataRecord = KnownRecord<"ShareGroupMemberMetadata", 10, GroupMemberKey, ShareGroupMemberMetadataValue>;
/** Type 11: a share group's epoch. */
export type ShareGroupMetadataRecord = KnownRecord<"ShareGroupMetadata", 11, GroupIdKey, ShareGroupMetadataValue>;
/** Type 12: the epoch of a share group's target assignment. */
export type ShareGroupTargetAssignmentMetadataRecord = KnownRecord<"ShareGroupTargetAssignmentMetadata", 12, GroupIdKey, TargetAssignmentMetadataValue>;
/** Type 13: one share member's target assignment. */
export type ShareGroupTargetAssignmentMemberRecord = KnownRecord<"ShareGroupTargetAssignmentMember", 13, GroupMemberKey, ShareGroupTargetAssignmentMemberValue>;
/** Type 14: one share member's current assignment. */
export type ShareGroupCurrentMemberAssignmentRecord = KnownRecord<"ShareGroupCurrentMemberAssignment", 14, GroupMemberKey, ShareGroupCurrentMemberAssignmentValue>;
/** Type 15: which partitions of a share group have state. */
export type ShareGroupStatePartitionMetadataRecord = KnownRecord<"ShareGroupStatePartitionMetadata", 15, GroupIdKey, ShareGroupStatePartitionMetadataValue>;
/** Type 16: what a broker-side regex subscription resolved to. */
export type ConsumerGroupRegularExpressionRecord = KnownRecord<"ConsumerGroupRegularExpression", 16, ConsumerGroupRegularExpressionKey, ConsumerGroupRegularExpressionValue>;
/** Type 17: a streams group's epoch. */
export type StreamsGroupMetadataRecord = KnownRecord<"StreamsGroupMetadata", 17, GroupIdKey, StreamsGroupMetadataValue>;
/** Type 18 (pre-4.1 previews only): a streams group's subscribed topics. */
export type StreamsGroupPartitionMetadataRecord = KnownRecord<"StreamsGroupPartitionMetadata", 18, GroupIdKey, PartitionMetadataValue>;
/** Type 19: one streams group member. */
export type StreamsGroupMemberMetadataRecord = KnownRecord<"StreamsGroupMemberMetadata", 19, GroupMemberKey, StreamsGroupMemberMetadataValue>;
/** Type 20: the epoch of a streams group's target assignment. */
export type StreamsGroupTargetAssignmentMetadataRecord = KnownRecord<"StreamsGroupTargetAssignmentMetadata", 20, GroupIdKey, TargetAssignmentMetadataValue>;
/** Type 21: one streams member's target assignment. */
export type StreamsGroupTargetAssignmentMemberRecord = KnownRecord<"StreamsGroupTargetAssignmentMember", 21, GroupMemberKey, StreamsGroupTargetAssignmentMemberValue>;
/** Type 22: one streams member's current assignment. */
export type StreamsGroupCurrentMemberAssignmentRecord = KnownRecord<"StreamsGroupCurrentMemberAssignment", 22, GroupMemberKey, StreamsGroupCurrentMemberAssignmentValue>;
/** Type 23: a streams group's topology. */
export type StreamsGroupTopologyRecord = KnownRecord<"StreamsGroupTopology", 23, GroupIdKey, StreamsGroupTopologyValue>;
/** Type 24 (Kafka trunk after 4.4): topic ids behind a streams target assignment. */
export type StreamsGroupTargetAssignmentResolvedTopicIdsRecord = KnownRecord<"StreamsGroupTargetAssignmentResolvedTopicIds", 24, GroupIdKey, StreamsGroupTargetAssignmentResolvedTopicIdsValue>;

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
export type OffsetsRecord =
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
  | StreamsGroupTargetAssignmentResolvedTopicIdsRecord
  | UnknownRecord;

/** The `type` names of the known records. */
export type KnownRecordName = Exclude<OffsetsRecord["type"], "Unknown">;

/** Key and value bytes of one record, as `encode` returns them (value null for a tombstone). */
export interface EncodedRecord {
  /** The key bytes, record type included. */
  key: Uint8Array;
  /** The value bytes, version included, or null for a tombstone. */
  value: Uint8Array | null;
}
