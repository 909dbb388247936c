/**
 * Streams groups (KIP-1071), group-level records: types 17 (`StreamsGroupMetadata`), 18
 * (`StreamsGroupPartitionMetadata`, pre-4.1 previews), 20 (`StreamsGroupTargetAssignmentMetadata`), 23
 * (`StreamsGroupTopology`) and 24 (`StreamsGroupTargetAssignmentResolvedTopicIds`, Kafka trunk after 4.4).
 * Mirrors the same-named `*Key.json` / `*Value.json` in apache/kafka `group-coordinator/src/main/resources/common/message/`.
 * @module
 */
import type { FieldSpec, MessageSpec } from "../../schema/model.js";
import { flexibleValue, groupKey, partitionMetadataValue, targetAssignmentMetadataValue } from "../common.js";

/** An apache/kafka commit that still has type 18 (in no release the tables compare against). */
const PREVIEW = "44e616aa774b73381b8238059d2b091238c2df4e";
/** An apache/kafka trunk commit with type 24 (after 4.4, in no release yet). */
const TRUNK = "14440d21214cd060d08774b4c190fff6dea0efee";

/** Key/value pairs; Kafka spells the fields `Key`/`Value`, except in `TopicConfig` (`key`/`value`). */
const KEY_VALUE = (what: string, capitalized = true): readonly FieldSpec[] => [
  { name: "key", kafkaName: capitalized ? "Key" : "key", type: "string", versions: "0+", doc: `The ${what} key.` },
  { name: "value", kafkaName: capitalized ? "Value" : "value", type: "string", versions: "0+", doc: `The ${what} value.` },
];

/** Key of type 17. A tombstone deletes the streams group. */
export const STREAMS_GROUP_METADATA_KEY: MessageSpec = groupKey("StreamsGroupMetadata", "Names the streams group. A tombstone deletes the group.");
/** Value of type 17. */
export const STREAMS_GROUP_METADATA_VALUE: MessageSpec = flexibleValue("StreamsGroupMetadata", [
  { name: "epoch", kafkaName: "Epoch", type: "int32", versions: "0+", doc: "The group epoch." },
  { name: "metadataHash", kafkaName: "MetadataHash", type: "int64", versions: "0+", doc: "Hash of the subscribed topics' metadata." },
  { name: "validatedTopologyEpoch", kafkaName: "ValidatedTopologyEpoch", type: "int32", versions: "0+", taggedVersions: "0+", tag: 0, default: -1, doc: "The topology epoch whose topics were validated against the metadata; -1 when none." },
  {
    name: "lastAssignmentConfigs", kafkaName: "LastAssignmentConfigs", type: "[]LastAssignmentConfig", typeName: "KeyValue", versions: "0+", nullableVersions: "0+", taggedVersions: "0+", tag: 1, default: null,
    fields: KEY_VALUE("config"), doc: "The assignment configuration last used (e.g. num.standby.replicas); null when not stored.",
  },
  { name: "storedDescriptionTopologyEpoch", kafkaName: "StoredDescriptionTopologyEpoch", type: "int32", versions: "0+", taggedVersions: "0+", tag: 2, default: -1, doc: "The topology epoch the description plugin holds; -1 none, -2 uncertain." },
  { name: "failedDescriptionTopologyEpoch", kafkaName: "FailedDescriptionTopologyEpoch", type: "int32", versions: "0+", taggedVersions: "0+", tag: 3, default: -1, doc: "The topology epoch whose description push was permanently rejected; -1 none." },
], "A streams group's epoch and topology bookkeeping.");

/** Key of type 18. */
export const STREAMS_GROUP_PARTITION_METADATA_KEY: MessageSpec = { ...groupKey("StreamsGroupPartitionMetadata", "Names the streams group."), ref: PREVIEW };
/** Value of type 18 (streams previews before 4.1; may remain in old logs). */
export const STREAMS_GROUP_PARTITION_METADATA_VALUE: MessageSpec = {
  ...partitionMetadataValue("StreamsGroupPartitionMetadata", "The metadata of the topics a streams group subscribes to (pre-4.1 previews only)."),
  ref: PREVIEW,
};

/** Key of type 20. */
export const STREAMS_GROUP_TARGET_ASSIGNMENT_METADATA_KEY: MessageSpec = groupKey("StreamsGroupTargetAssignmentMetadata", "Names the streams group.");
/** Value of type 20. */
export const STREAMS_GROUP_TARGET_ASSIGNMENT_METADATA_VALUE: MessageSpec = targetAssignmentMetadataValue("StreamsGroupTargetAssignmentMetadata",
  "Which group epoch the streams group's target assignment was computed for.");

/** Key of type 23. */
export const STREAMS_GROUP_TOPOLOGY_KEY: MessageSpec = groupKey("StreamsGroupTopology", "Names the streams group.");
const TOPIC_INFO: readonly FieldSpec[] = [
  { name: "name", kafkaName: "Name", type: "string", versions: "0+", doc: "The topic name." },
  { name: "partitions", kafkaName: "Partitions", type: "int32", versions: "0+", doc: "Partition count to create it with; 0 when not enforced (always 0 for changelogs)." },
  { name: "replicationFactor", kafkaName: "ReplicationFactor", type: "int16", versions: "0+", doc: "Replication factor to create it with; 0 for the broker default." },
  { name: "topicConfigs", kafkaName: "TopicConfigs", type: "[]TopicConfig", typeName: "KeyValue", versions: "0+", fields: KEY_VALUE("topic config", false), doc: "Topic configs to create it with." },
];
/** Value of type 23: the application's topology. */
export const STREAMS_GROUP_TOPOLOGY_VALUE: MessageSpec = flexibleValue("StreamsGroupTopology", [
  { name: "epoch", kafkaName: "Epoch", type: "int32", versions: "0+", doc: "The topology epoch." },
  {
    name: "subtopologies", kafkaName: "Subtopologies", type: "[]Subtopology", versions: "0+", doc: "The sub-topologies of the streams application.",
    fields: [
      { name: "subtopologyId", kafkaName: "SubtopologyId", type: "string", versions: "0+", doc: "The subtopology id." },
      { name: "sourceTopics", kafkaName: "SourceTopics", type: "[]string", versions: "0+", doc: "Topics it reads." },
      { name: "sourceTopicRegex", kafkaName: "SourceTopicRegex", type: "[]string", versions: "0+", doc: "Regular expressions of topics it reads." },
      { name: "stateChangelogTopics", kafkaName: "StateChangelogTopics", type: "[]TopicInfo", typeName: "StreamsTopicInfo", versions: "0+", fields: TOPIC_INFO, doc: "Its state-store changelog topics." },
      { name: "repartitionSinkTopics", kafkaName: "RepartitionSinkTopics", type: "[]string", versions: "0+", doc: "Repartition topics it writes." },
      { name: "repartitionSourceTopics", kafkaName: "RepartitionSourceTopics", type: "[]TopicInfo", typeName: "StreamsTopicInfo", versions: "0+", fields: TOPIC_INFO, doc: "Repartition topics it reads." },
      {
        name: "copartitionGroups", kafkaName: "CopartitionGroups", type: "[]CopartitionGroup", versions: "0+", doc: "Source topics that must be co-partitioned.",
        fields: [
          { name: "sourceTopics", kafkaName: "SourceTopics", type: "[]int16", versions: "0+", doc: "Indexes into the subtopology's sourceTopics." },
          { name: "sourceTopicRegex", kafkaName: "SourceTopicRegex", type: "[]int16", versions: "0+", doc: "Indexes into the subtopology's sourceTopicRegex." },
          { name: "repartitionSourceTopics", kafkaName: "RepartitionSourceTopics", type: "[]int16", versions: "0+", doc: "Indexes into the subtopology's repartitionSourceTopics." },
        ],
      },
    ],
  },
], "A streams application's topology as its members declared it.");

/** Key of type 24. */
export const STREAMS_GROUP_TARGET_ASSIGNMENT_RESOLVED_TOPIC_IDS_KEY: MessageSpec = { ...groupKey("StreamsGroupTargetAssignmentResolvedTopicIds", "Names the streams group."), ref: TRUNK };
/** Value of type 24 (Kafka trunk after 4.4). */
export const STREAMS_GROUP_TARGET_ASSIGNMENT_RESOLVED_TOPIC_IDS_VALUE: MessageSpec = { ...flexibleValue("StreamsGroupTargetAssignmentResolvedTopicIds", [
  { name: "assignmentEpoch", kafkaName: "AssignmentEpoch", type: "int32", versions: "0+", doc: "The assignment epoch this snapshot belongs to." },
  {
    name: "resolvedTopicIdsBySubtopology", kafkaName: "ResolvedTopicIdsBySubtopology", type: "[]ResolvedTopicIds", versions: "0+", doc: "Resolved topic ids per subtopology.",
    fields: [
      { name: "subtopologyId", kafkaName: "SubtopologyId", type: "string", versions: "0+", doc: "The subtopology id." },
      { name: "topicIds", kafkaName: "TopicIds", type: "[]uuid", versions: "0+", doc: "The topic ids its source topics resolved to." },
    ],
  },
], "The topic ids a streams target assignment was computed against."), ref: TRUNK };
