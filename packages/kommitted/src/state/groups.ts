import { CommitHistory } from "../lag/commit-rate.js";
import type { GroupEvent, GroupType, StreamsTasks, TopicIdPartitions, TopicPartitions } from "./events.js";

/** The last commit of a group on one partition, with its recent commit history. */
export interface GroupCommit {
  /** Topic name. */
  readonly topic: string;
  /** Partition number. */
  readonly partition: number;
  /** Committed offset: the next offset the group will read. */
  offset: number;
  /** When the broker accepted the commit (ms). */
  commitTimestamp: number;
  /** Leader epoch of the committed record (-1: none). */
  leaderEpoch: number;
  /** Client metadata attached to the commit. */
  metadata: string;
  /** Recent commits, for rates and rewinds. */
  readonly history: CommitHistory;
}

/**
 * A share group's progress on one partition, from `__share_group_state` (KIP-932). Share groups commit nothing: the
 * share coordinator keeps, per share-partition, its start offset (SPSO), below which every record is acknowledged or
 * archived, plus in-flight batches above it.
 */
export interface ShareProgress {
  /** Topic ID (resolved to a name through cluster metadata when lag is computed). */
  readonly topicId: string;
  /** Partition number. */
  readonly partition: number;
  /** Share-partition start offset; -1 while the coordinator has not initialized it. */
  startOffset: number;
  /** When the state was last written (ms; -1 if unknown). */
  writeTimestamp: number;
  /** Recent (write time, start offset) pairs, for rates. */
  readonly history: CommitHistory;
}

/** A group member, of any group type. */
export interface MemberState {
  /** Member ID. */
  readonly memberId: string;
  /** Static membership instance ID. */
  instanceId: string | null;
  /** Rack ID (modern groups). */
  rackId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host. */
  clientHost: string;
  /** Member epoch (modern groups; -1 for classic). */
  memberEpoch: number;
  /** Assignment by topic name (classic consumer-protocol groups); null if none or undecodable. */
  assignedByName: TopicPartitions[] | null;
  /** Assignment by topic ID (consumer and share groups); null until the assignment record arrives. */
  assignedById: TopicIdPartitions[] | null;
  /** Active tasks (streams groups); null until the assignment record arrives. */
  activeTasks: StreamsTasks[] | null;
}

/** Everything known about one group. */
export interface GroupState {
  /** Group ID. */
  readonly name: string;
  /** Group type; `classic` also for offsets-only groups (standalone consumers that only commit), as Kafka lists them. */
  type: GroupType;
  /** Whether a metadata record for the group's type is present (false for offsets-only groups). */
  hasMetadata: boolean;
  /** Classic protocol type (`consumer`, `connect`...); null for modern groups and offsets-only groups. */
  protocolType: string | null;
  /** Classic selected protocol (assignor). */
  protocol: string | null;
  /** Classic generation or modern group epoch (-1 if unknown). */
  epoch: number;
  /** Classic leader member ID. */
  leader: string | null;
  /** Members by member ID. */
  readonly members: Map<string, MemberState>;
  /** Commits by topic, then partition. */
  readonly commits: Map<string, Map<number, GroupCommit>>;
  /** Streams topology: subtopology ID to source topics. */
  topology: Map<string, string[]> | null;
  /** Share groups: progress by topic ID, then partition, from `__share_group_state`. */
  readonly shareProgress: Map<string, Map<number, ShareProgress>>;
  /** Bumped by every event that may change the members, their assignments or the topology (not by commits). */
  membersRevision: number;
}

/** Events that change committed offsets or share progress only, never members, assignments or topology. */
const COMMIT_KINDS: ReadonlySet<GroupEvent["kind"]> = new Set(["offset-commit", "offset-delete", "share-state", "share-state-delete"]);

/** Resolves a topic ID to its name (undefined when unknown). */
export type TopicNameResolver = (topicId: string) => string | undefined;

/**
 * Every group learnt from `__consumer_offsets` (and share groups' progress from `__share_group_state`), kept current by applying events in log order. Tombstones delete:
 * an offset tombstone removes that commit, a metadata tombstone removes the type's metadata (members, epoch), and a
 * group with neither metadata nor commits left disappears.
 */
export class GroupRegistry {
  readonly #groups = new Map<string, GroupState>();
  readonly #commitHistorySize: number;

  constructor(options: { commitHistorySize?: number } = {}) {
    this.#commitHistorySize = options.commitHistorySize ?? 8;
  }

  /** Number of groups. */
  get size(): number {
    return this.#groups.size;
  }

  /** A group by ID. */
  get(name: string): GroupState | undefined {
    return this.#groups.get(name);
  }

  /** All groups, in first-seen order. */
  groups(): IterableIterator<GroupState> {
    return this.#groups.values();
  }

  /** Applies one event. */
  apply(event: GroupEvent): void {
    this.#applyEvent(event);
    // what a snapshot derives from members (owners, member views) is computed again only after such an event
    if (!COMMIT_KINDS.has(event.kind) && "group" in event) {
      const group = this.#groups.get(event.group);
      if (group !== undefined) group.membersRevision++;
    }
  }

  #applyEvent(event: GroupEvent): void {
    switch (event.kind) {
      case "offset-commit": {
        const group = this.#ensure(event.group, "classic");
        let partitions = group.commits.get(event.topic);
        if (partitions === undefined) group.commits.set(event.topic, (partitions = new Map()));
        let commit = partitions.get(event.partition);
        if (commit === undefined) {
          commit = {
            topic: event.topic,
            partition: event.partition,
            offset: event.offset,
            commitTimestamp: event.commitTimestamp,
            leaderEpoch: event.leaderEpoch,
            metadata: event.metadata,
            history: new CommitHistory(this.#commitHistorySize),
          };
          partitions.set(event.partition, commit);
        } else {
          commit.offset = event.offset;
          commit.commitTimestamp = event.commitTimestamp;
          commit.leaderEpoch = event.leaderEpoch;
          commit.metadata = event.metadata;
        }
        // rates need commit times: a commit of unknown time (the admin source) is not added to the history
        if (event.commitTimestamp >= 0) commit.history.add(event.commitTimestamp, event.offset);
        return;
      }
      case "offset-delete": {
        const group = this.#groups.get(event.group);
        const partitions = group?.commits.get(event.topic);
        if (group === undefined || partitions === undefined) return;
        partitions.delete(event.partition);
        if (partitions.size === 0) group.commits.delete(event.topic);
        this.#dropIfEmpty(group);
        return;
      }
      case "classic-group": {
        const group = this.#ensure(event.group, "classic");
        group.type = "classic";
        group.hasMetadata = true;
        group.protocolType = event.protocolType;
        group.protocol = event.protocol;
        group.epoch = event.generation;
        group.leader = event.leader;
        group.members.clear();
        for (const m of event.members) {
          group.members.set(m.memberId, {
            memberId: m.memberId,
            instanceId: m.instanceId,
            rackId: null,
            clientId: m.clientId,
            clientHost: m.clientHost,
            memberEpoch: -1,
            assignedByName: m.assignment,
            assignedById: null,
            activeTasks: null,
          });
        }
        return;
      }
      case "group-delete": {
        const group = this.#groups.get(event.group);
        if (group === undefined || group.type !== event.groupType) return;
        group.hasMetadata = false;
        group.members.clear();
        group.protocolType = null;
        group.protocol = null;
        group.leader = null;
        group.epoch = -1;
        group.topology = null;
        // a deleted share group's state is tombstoned in __share_group_state soon after; until then it stays a share group
        group.type = group.shareProgress.size > 0 ? "share" : "classic";
        this.#dropIfEmpty(group);
        return;
      }
      case "group-epoch": {
        const group = this.#ensure(event.group, event.groupType);
        this.#becomeModern(group, event.groupType);
        group.epoch = event.epoch;
        return;
      }
      case "member": {
        const group = this.#ensure(event.group, event.groupType);
        this.#becomeModern(group, event.groupType);
        const member = this.#member(group, event.memberId);
        member.instanceId = event.instanceId;
        member.rackId = event.rackId;
        member.clientId = event.clientId;
        member.clientHost = event.clientHost;
        return;
      }
      case "member-delete": {
        const group = this.#groups.get(event.group);
        if (group === undefined || group.type !== event.groupType) return;
        group.members.delete(event.memberId);
        return;
      }
      case "member-assignment": {
        const group = this.#ensure(event.group, event.groupType);
        this.#becomeModern(group, event.groupType);
        const member = this.#member(group, event.memberId);
        member.memberEpoch = event.memberEpoch;
        member.assignedById = event.assigned;
        return;
      }
      case "member-assignment-by-name": {
        const group = this.#ensure(event.group, event.groupType);
        this.#becomeModern(group, event.groupType);
        this.#member(group, event.memberId).assignedByName = event.assigned;
        return;
      }
      case "streams-member-assignment": {
        const group = this.#ensure(event.group, "streams");
        this.#becomeModern(group, "streams");
        const member = this.#member(group, event.memberId);
        member.memberEpoch = event.memberEpoch;
        member.activeTasks = event.activeTasks;
        return;
      }
      case "member-assignment-delete": {
        const member = this.#groups.get(event.group)?.members.get(event.memberId);
        if (member === undefined) return;
        member.assignedById = null;
        member.activeTasks = null;
        return;
      }
      case "streams-topology": {
        const group = this.#ensure(event.group, "streams");
        this.#becomeModern(group, "streams");
        group.topology = new Map(event.subtopologies.map((s) => [s.subtopologyId, s.sourceTopics]));
        return;
      }
      case "streams-topology-delete": {
        const group = this.#groups.get(event.group);
        if (group !== undefined) group.topology = null;
        return;
      }
      case "share-state": {
        this.#applyShareState(event);
        return;
      }
      case "share-state-delete": {
        const group = this.#groups.get(event.group);
        const partitions = group?.shareProgress.get(event.topicId);
        if (group === undefined || partitions === undefined) return;
        partitions.delete(event.partition);
        if (partitions.size === 0) group.shareProgress.delete(event.topicId);
        this.#dropIfEmpty(group);
        return;
      }
    }
  }

  /**
   * A snapshot replaces the partition's state; an update changes the start offset unless it is -1 ("unchanged"), as
   * Kafka's `ShareCoordinatorShard.merge` does. An update with no snapshot before it stands as the state, as in Kafka.
   */
  #applyShareState(event: Extract<GroupEvent, { kind: "share-state" }>): void {
    const group = this.#ensure(event.group, "share");
    // the share state may be read before the group's metadata in __consumer_offsets: it is a share group either way
    if (!group.hasMetadata) group.type = "share";
    let partitions = group.shareProgress.get(event.topicId);
    if (partitions === undefined) group.shareProgress.set(event.topicId, (partitions = new Map()));
    let progress = partitions.get(event.partition);
    if (progress === undefined) {
      progress = { topicId: event.topicId, partition: event.partition, startOffset: -1, writeTimestamp: -1, history: new CommitHistory(this.#commitHistorySize) };
      partitions.set(event.partition, progress);
    }
    if (event.snapshot || event.startOffset !== -1) progress.startOffset = event.startOffset;
    if (event.writeTimestamp >= 0) progress.writeTimestamp = event.writeTimestamp;
    if (progress.startOffset >= 0 && progress.writeTimestamp >= 0) progress.history.add(progress.writeTimestamp, progress.startOffset);
  }

  /**
   * The partitions assigned to a member, by topic name. Topic IDs unknown to `resolve` are returned apart, so the
   * caller can refresh metadata; streams tasks are expanded to the same partition of every source topic.
   */
  static assignmentOf(group: GroupState, member: MemberState, resolve: TopicNameResolver): { assigned: TopicPartitions[]; unresolvedTopicIds: string[] } {
    const unresolvedTopicIds: string[] = [];
    if (member.assignedByName !== null) return { assigned: member.assignedByName, unresolvedTopicIds };
    const assigned: TopicPartitions[] = [];
    if (member.assignedById !== null) {
      for (const a of member.assignedById) {
        const topic = resolve(a.topicId);
        if (topic === undefined) unresolvedTopicIds.push(a.topicId);
        else assigned.push({ topic, partitions: a.partitions });
      }
    }
    if (member.activeTasks !== null && group.topology !== null) {
      const byTopic = new Map<string, Set<number>>();
      for (const task of member.activeTasks) {
        for (const topic of group.topology.get(task.subtopologyId) ?? []) {
          let set = byTopic.get(topic);
          if (set === undefined) byTopic.set(topic, (set = new Set()));
          for (const p of task.partitions) set.add(p);
        }
      }
      for (const [topic, set] of byTopic) assigned.push({ topic, partitions: [...set].sort((a, b) => a - b) });
    }
    return { assigned, unresolvedTopicIds };
  }

  #ensure(name: string, type: GroupType): GroupState {
    let group = this.#groups.get(name);
    if (group === undefined) {
      group = {
        name,
        type,
        hasMetadata: false,
        protocolType: null,
        protocol: null,
        epoch: -1,
        leader: null,
        members: new Map(),
        commits: new Map(),
        topology: null,
        shareProgress: new Map(),
        membersRevision: 0,
      };
      this.#groups.set(name, group);
    }
    return group;
  }

  /** A modern record arrived: the group is (now) of that type. A classic group converted to consumer loses its classic members. */
  #becomeModern(group: GroupState, type: GroupType): void {
    if (group.type !== type || !group.hasMetadata) {
      if (group.type !== type) {
        group.members.clear();
        group.protocolType = null;
        group.protocol = null;
        group.leader = null;
      }
      group.type = type;
      group.hasMetadata = true;
    }
  }

  #member(group: GroupState, memberId: string): MemberState {
    let member = group.members.get(memberId);
    if (member === undefined) {
      member = {
        memberId,
        instanceId: null,
        rackId: null,
        clientId: "",
        clientHost: "",
        memberEpoch: -1,
        assignedByName: null,
        assignedById: null,
        activeTasks: null,
      };
      group.members.set(memberId, member);
    }
    return member;
  }

  #dropIfEmpty(group: GroupState): void {
    if (!group.hasMetadata && group.commits.size === 0 && group.members.size === 0 && group.shareProgress.size === 0) this.#groups.delete(group.name);
  }
}
