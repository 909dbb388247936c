/**
 * Streams groups (KIP-1071), member-level records: types 19 (`StreamsGroupMemberMetadata`), 21
 * (`StreamsGroupTargetAssignmentMember`) and 22 (`StreamsGroupCurrentMemberAssignment`). Mirrors the same-named
 * `*Key.json` / `*Value.json` in apache/kafka `group-coordinator/src/main/resources/common/message/`.
 * @module
 */
import type { FieldSpec, MessageSpec } from "../../schema/model.js";
import { flexibleValue, MEMBER_EPOCH_STATE, memberKey } from "../common.js";

const TASK_IDS: readonly FieldSpec[] = [
  { name: "subtopologyId", kafkaName: "SubtopologyId", type: "string", versions: "0+", doc: "The subtopology id." },
  { name: "partitions", kafkaName: "Partitions", type: "[]int32", versions: "0+", doc: "The partitions (task ids within the subtopology)." },
];
const TASK_IDS_WITH_EPOCHS: readonly FieldSpec[] = [
  ...TASK_IDS,
  {
    name: "assignmentEpochs", kafkaName: "AssignmentEpochs", type: "[]int32", versions: "0+", nullableVersions: "0+", taggedVersions: "0+", tag: 0, default: null,
    doc: "Epoch at which each partition was assigned (active tasks only, same length as partitions); null when not stored.",
  },
];
const tasks = (name: string, kafkaName: string, fields: readonly FieldSpec[], doc: string): FieldSpec =>
  ({ name, kafkaName, type: "[]TaskIds", typeName: fields === TASK_IDS ? "TaskIds" : "TaskIdsWithEpochs", versions: "0+", fields, doc });

/** Key of type 19. A tombstone removes the member. */
export const STREAMS_GROUP_MEMBER_METADATA_KEY: MessageSpec = memberKey("StreamsGroupMemberMetadata", "Names the member. A tombstone removes it from the group.");
/** Value of type 19. */
export const STREAMS_GROUP_MEMBER_METADATA_VALUE: MessageSpec = flexibleValue("StreamsGroupMemberMetadata", [
  { name: "instanceId", kafkaName: "InstanceId", type: "string", versions: "0+", nullableVersions: "0+", doc: "The static member id; null for dynamic members." },
  { name: "rackId", kafkaName: "RackId", type: "string", versions: "0+", nullableVersions: "0+", doc: "The member's rack; null when unset." },
  { name: "clientId", kafkaName: "ClientId", type: "string", versions: "0+", doc: "The member's client.id." },
  { name: "clientHost", kafkaName: "ClientHost", type: "string", versions: "0+", doc: "The member's host as the broker saw it." },
  { name: "rebalanceTimeoutMs", kafkaName: "RebalanceTimeoutMs", type: "int32", versions: "0+", default: -1, doc: "How long the member may take to revoke tasks, ms." },
  { name: "topologyEpoch", kafkaName: "TopologyEpoch", type: "int32", versions: "0+", doc: "The topology epoch the member runs." },
  { name: "processId", kafkaName: "ProcessId", type: "string", versions: "0+", doc: "Identity of the Streams instance (process) the member belongs to." },
  {
    name: "userEndpoint", kafkaName: "UserEndpoint", type: "Endpoint", typeName: "StreamsEndpoint", versions: "0+", nullableVersions: "0+", default: null, doc: "The endpoint for interactive queries; null when unset.",
    fields: [
      { name: "host", kafkaName: "Host", type: "string", versions: "0+", doc: "The host." },
      { name: "port", kafkaName: "Port", type: "uint16", versions: "0+", doc: "The port." },
    ],
  },
  {
    name: "clientTags", kafkaName: "ClientTags", type: "[]KeyValue", versions: "0+", doc: "Client tags, for rack-aware standby assignment.",
    fields: [
      { name: "key", kafkaName: "Key", type: "string", versions: "0+", doc: "The tag key." },
      { name: "value", kafkaName: "Value", type: "string", versions: "0+", doc: "The tag value." },
    ],
  },
], "One streams group member: identity, topology epoch, endpoint and tags.");

/** Key of type 21. */
export const STREAMS_GROUP_TARGET_ASSIGNMENT_MEMBER_KEY: MessageSpec = memberKey("StreamsGroupTargetAssignmentMember", "Names the member.");
/** Value of type 21. */
export const STREAMS_GROUP_TARGET_ASSIGNMENT_MEMBER_VALUE: MessageSpec = flexibleValue("StreamsGroupTargetAssignmentMember", [
  tasks("activeTasks", "ActiveTasks", TASK_IDS, "Target active tasks."),
  tasks("standbyTasks", "StandbyTasks", TASK_IDS, "Target standby tasks."),
  tasks("warmupTasks", "WarmupTasks", TASK_IDS, "Target warm-up tasks."),
], "The tasks the streams group's assignor wants this member to run.");

/** Key of type 22. */
export const STREAMS_GROUP_CURRENT_MEMBER_ASSIGNMENT_KEY: MessageSpec = memberKey("StreamsGroupCurrentMemberAssignment", "Names the member.");
/** Value of type 22. */
export const STREAMS_GROUP_CURRENT_MEMBER_ASSIGNMENT_VALUE: MessageSpec = flexibleValue("StreamsGroupCurrentMemberAssignment", [
  ...MEMBER_EPOCH_STATE,
  tasks("activeTasks", "ActiveTasks", TASK_IDS_WITH_EPOCHS, "Active tasks assigned."),
  tasks("standbyTasks", "StandbyTasks", TASK_IDS_WITH_EPOCHS, "Standby tasks assigned."),
  tasks("warmupTasks", "WarmupTasks", TASK_IDS_WITH_EPOCHS, "Warm-up tasks assigned."),
  tasks("activeTasksPendingRevocation", "ActiveTasksPendingRevocation", TASK_IDS_WITH_EPOCHS, "Active tasks the member must revoke."),
  tasks("standbyTasksPendingRevocation", "StandbyTasksPendingRevocation", TASK_IDS_WITH_EPOCHS, "Standby tasks the member must revoke."),
  tasks("warmupTasksPendingRevocation", "WarmupTasksPendingRevocation", TASK_IDS_WITH_EPOCHS, "Warm-up tasks the member must revoke."),
], "The streams member's current epoch, state and tasks.");
