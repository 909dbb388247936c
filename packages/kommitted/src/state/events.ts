/**
 * What kommitted learns from `__consumer_offsets`, independent of how konsumer-offsets spells its records: the
 * adapter (`offsets/adapter.ts`) turns each decoded record into zero or more of these events, and the group registry
 * applies them. Offsets and timestamps are plain numbers (ms; offsets stay far below 2^53).
 */

/** The kinds of group Kafka 4.x keeps in `__consumer_offsets`. */
export type GroupType = "classic" | "consumer" | "share" | "streams";

/** Group types whose membership lives in the new group coordinator's records (types 3 and up). */
export type ModernGroupType = Exclude<GroupType, "classic">;

/** Partitions of one topic, by name. */
export interface TopicPartitions {
  /** Topic name. */
  topic: string;
  /** Partition numbers. */
  partitions: number[];
}

/** Partitions of one topic, by topic ID (Kafka's 22-character base64 form), as consumer and share groups record them. */
export interface TopicIdPartitions {
  /** Topic ID. */
  topicId: string;
  /** Partition numbers. */
  partitions: number[];
}

/** A streams task set: partitions of one subtopology's input topics. */
export interface StreamsTasks {
  /** Subtopology identifier. */
  subtopologyId: string;
  /** Partition numbers (the same partition of every source topic of the subtopology). */
  partitions: number[];
}

/** A member of a classic group, as recorded in its GroupMetadata value. */
export interface ClassicMemberInfo {
  /** Member ID. */
  memberId: string;
  /** Static membership instance ID. */
  instanceId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host, as the broker saw it. */
  clientHost: string;
  /** Assigned partitions, when the group speaks the consumer protocol and the assignment decodes; null otherwise. */
  assignment: TopicPartitions[] | null;
}

/** One fact learnt from a `__consumer_offsets` record. */
export type GroupEvent =
  | {
      kind: "offset-commit";
      group: string;
      topic: string;
      partition: number;
      /** Next offset the group will read. */
      offset: number;
      /** When the broker accepted the commit (ms); -1 when unknown (the Admin API's OffsetFetch does not say). */
      commitTimestamp: number;
      /** Leader epoch of the committed record (-1: none). */
      leaderEpoch: number;
      /** Metadata string the client attached. */
      metadata: string;
    }
  | { kind: "offset-delete"; group: string; topic: string; partition: number }
  | {
      kind: "classic-group";
      group: string;
      /** `consumer`, `connect`... or empty for offsets-only groups. */
      protocolType: string;
      /** Selected assignor (null while none). */
      protocol: string | null;
      /** Generation. */
      generation: number;
      /** Member ID of the leader. */
      leader: string | null;
      /** When the group last changed state (ms, -1 if unknown). */
      stateTimestamp: number;
      /** Members with their assignments. */
      members: ClassicMemberInfo[];
    }
  | { kind: "group-delete"; group: string; groupType: GroupType }
  | { kind: "group-epoch"; group: string; groupType: ModernGroupType; epoch: number }
  | {
      kind: "member";
      group: string;
      groupType: ModernGroupType;
      memberId: string;
      instanceId: string | null;
      rackId: string | null;
      clientId: string;
      clientHost: string;
    }
  | { kind: "member-delete"; group: string; groupType: ModernGroupType; memberId: string }
  | { kind: "member-assignment"; group: string; groupType: "consumer" | "share"; memberId: string; memberEpoch: number; assigned: TopicIdPartitions[] }
  /** A modern group member's assignment by topic name, as the Admin API's DescribeGroups reports it (the `admin` source). */
  | { kind: "member-assignment-by-name"; group: string; groupType: ModernGroupType; memberId: string; assigned: TopicPartitions[] }
  | { kind: "streams-member-assignment"; group: string; memberId: string; memberEpoch: number; activeTasks: StreamsTasks[] }
  | { kind: "member-assignment-delete"; group: string; groupType: ModernGroupType; memberId: string }
  | { kind: "streams-topology"; group: string; subtopologies: { subtopologyId: string; sourceTopics: string[] }[] }
  | { kind: "streams-topology-delete"; group: string }
  /** Topic ID to name pairs that records carry (OffsetCommit v4 `topicId`, partition and share-state metadata). */
  | { kind: "topic-names"; names: { topicId: string; topic: string }[] }
  /**
   * A share group's progress on one partition, from `__share_group_state`: a snapshot (the complete state) or an update
   * (applied to it; its `startOffset` of -1 means unchanged, as in Kafka's `ShareCoordinatorShard.merge`).
   */
  | {
      kind: "share-state";
      group: string;
      topicId: string;
      partition: number;
      /** Whether the record is a complete snapshot (type 0) rather than an update (type 1). */
      snapshot: boolean;
      /** Share-partition start offset (SPSO): every record before it is acknowledged or archived; -1 unknown/unchanged. */
      startOffset: number;
      /** When the state was written (ms): the snapshot's `writeTimestamp`, else the record's log timestamp; -1 if none. */
      writeTimestamp: number;
    }
  /** The share coordinator deleted a share-partition's state (group deleted, or topic deleted). */
  | { kind: "share-state-delete"; group: string; topicId: string; partition: number };
