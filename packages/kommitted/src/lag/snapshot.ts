/**
 * Builds the lag snapshot of every group as of one instant: committed offsets (share groups: share-partition start
 * offsets) from the registry, end offsets from the
 * last poll, time lag by the configured method, health from each partition's window.
 */
import type { Filters } from "../filters.js";
import { NO_FILTERS } from "../filters.js";
import type { HealthRules, PartitionStatus } from "../health/rules.js";
import { STATUS_SEVERITY, evaluateSeries } from "../health/rules.js";
import { HealthWindow } from "../health/window.js";
import type { GroupType } from "../state/events.js";
import type { GroupRegistry, GroupState } from "../state/groups.js";
import { GroupRegistry as Registry } from "../state/groups.js";
import type { PartitionOffsetsStore } from "../state/partition-offsets.js";
import type { CommitHistory, CommitRate } from "./commit-rate.js";
import { commitAge, offsetLag } from "./offset-lag.js";
import type { RecordTimestamps } from "./record-timestamps.js";

/** What the calculator needs of the record-timestamp fetcher: cached answers, and asking for a read. */
export type TimestampSource = Pick<RecordTimestamps, "get" | "request">;
import type { TimeLag } from "./time-lag.js";
import { estimateTimeLag, exactTimeLag, rebaseTimeLag, timeLagMsAfter } from "./time-lag.js";

/**
 * How time lag is measured:
 * - `auto` (the default): interpolates the end-offset history where it reaches back to the committed offset, and reads
 *   the timestamp of the record at the committed offset (once, cached) where it does not;
 * - `estimate`: the history only (no reads; a lower bound beyond the history);
 * - `exact`: reads the record timestamp of every lagging partition.
 */
export type LagMode = "auto" | "estimate" | "exact";

/** Every lag mode, the default first. */
export const LAG_MODES: readonly LagMode[] = ["auto", "estimate", "exact"];

/** The member that owns a partition. */
export interface PartitionOwner {
  /** Member ID. */
  memberId: string;
  /** Member host. */
  clientHost: string;
  /** Member `client.id`. */
  clientId: string;
}

/** Lag of one group on one partition. */
export interface PartitionLag {
  /** Topic. */
  topic: string;
  /** Partition. */
  partition: number;
  /** Committed offset (next to read); for a share group, the share-partition start offset (SPSO). */
  committedOffset: number;
  /** When it was committed (ms); for a share group, when its share state was last written; -1 when unknown (admin source). */
  commitTimestamp: number;
  /** Now minus the commit timestamp (ms); null when the commit time is unknown. */
  commitAgeMs: number | null;
  /** Earliest available offset. */
  earliestOffset: number;
  /** Latest offset (end). */
  latestOffset: number;
  /** max(0, latest - committed). */
  offsetLag: number;
  /** Time lag and its method. */
  timeLag: TimeLag;
  /** Commit and consumption rates. */
  commitRate: CommitRate;
  /** Health over the window. */
  status: PartitionStatus;
  /** True if the end offsets could not be listed at the last poll (values are the last known). */
  stale: boolean;
  /** When the end offsets were listed (ms). */
  observedAt: number;
  /** The committed offset is below the earliest available: the group will skip records when it resumes. */
  committedBeforeEarliest: boolean;
  /** Member that owns the partition, if any. */
  owner: PartitionOwner | null;
}

/** A member with its assignment. */
export interface MemberView {
  /** Member ID. */
  memberId: string;
  /** Static instance ID. */
  instanceId: string | null;
  /** `client.id`. */
  clientId: string;
  /** Host. */
  clientHost: string;
  /** Rack. */
  rackId: string | null;
  /** Assigned partitions by topic. */
  assignment: { topic: string; partitions: number[] }[];
}

/** One group's snapshot. */
export interface GroupLag {
  /** Group ID. */
  group: string;
  /** Group type. */
  type: GroupType;
  /** Classic protocol type (`consumer`, `connect`...), null for modern or offsets-only groups. */
  protocolType: string | null;
  /** Classic assignor. */
  protocol: string | null;
  /** Generation (classic) or group epoch (modern); -1 if unknown. */
  epoch: number;
  /** Members. */
  members: MemberView[];
  /** Lag per committed partition (share groups: per share-partition with state) whose topic exists. */
  partitions: PartitionLag[];
  /** Worst partition status. */
  status: PartitionStatus;
  /** Sum of offset lags. */
  totalOffsetLag: number;
  /** Largest known time lag (ms), null if none known. */
  maxTimeLagMs: number | null;
}

/** The state of every group as of `asOf`. */
export interface LagSnapshot {
  /** The instant every time lag and commit age is measured against (ms): when it was computed, or re-based to. */
  asOf: number;
  /** Groups by ID. */
  groups: Map<string, GroupLag>;
  /** Topic IDs seen in assignments that metadata does not know yet (the poller refreshes metadata for them). */
  unresolvedTopicIds: Set<string>;
}

/**
 * Values by topic, then partition: looked up without building a string key per partition (building one per group
 * partition per poll was the hottest spot of a poll, measured at 10,000 partitions).
 */
class ByPartition<V> {
  readonly #topics = new Map<string, Map<number, V>>();
  /** Number of values held. */
  size = 0;

  /** The value of a partition, if any. */
  get(topic: string, partition: number): V | undefined {
    return this.#topics.get(topic)?.get(partition);
  }

  /** Sets the value of a partition. */
  set(topic: string, partition: number, value: V): void {
    let partitions = this.#topics.get(topic);
    if (partitions === undefined) this.#topics.set(topic, (partitions = new Map()));
    if (!partitions.has(partition)) this.size++;
    partitions.set(partition, value);
  }

  /** Removes every value for which `drop` is true. */
  deleteWhere(drop: (value: V) => boolean): void {
    for (const [topic, partitions] of this.#topics) {
      for (const [partition, value] of partitions) {
        if (!drop(value)) continue;
        partitions.delete(partition);
        this.size--;
      }
      if (partitions.size === 0) this.#topics.delete(topic);
    }
  }
}

/**
 * What one group partition keeps from snapshot to snapshot: its health window and its {@link PartitionLag}, whose
 * fields are rewritten at each poll rather than allocated anew (objects that live one poll outlive V8's young
 * generation, and at 10,000 group partitions they were most of the old generation's growth).
 */
interface PartitionSlot {
  /** The partition's lag, rewritten at each snapshot. */
  readonly lag: PartitionLag;
  /** Its health window. */
  readonly window: HealthWindow;
  /** The last snapshot (by number) that computed it. */
  seen: number;
}

/** A group's member views and partition owners, with what they were derived from. */
interface MembersView {
  /** The registry's group they were derived from. */
  readonly state: GroupState;
  /** Its `membersRevision` then. */
  readonly revision: number;
  /** The store's `namesRevision` then (topic IDs resolve to names). */
  readonly names: number;
  /** Member views. */
  readonly members: MemberView[];
  /** Owner of each partition. */
  readonly owners: ByPartition<PartitionOwner>;
  /** Topic IDs of assignments that did not resolve. */
  readonly unresolvedTopicIds: readonly string[];
}

/** What one group keeps from snapshot to snapshot. */
interface GroupSlot {
  /** The group's lag, rewritten at each snapshot (its `partitions` array is refilled in place). */
  readonly lag: GroupLag;
  /** Its partitions. */
  readonly partitions: ByPartition<PartitionSlot>;
  /** Its members, derived again only when they (or topic names) changed. */
  members: MembersView | undefined;
}

/** What every partition of one group's snapshot shares. */
interface PartitionContext {
  /** Owner of each partition. */
  readonly owners: ByPartition<PartitionOwner>;
  /** The group's partitions kept between snapshots. */
  readonly slots: ByPartition<PartitionSlot>;
  /** The snapshot's instant (ms). */
  readonly nowMs: number;
}

/**
 * Computes snapshots and keeps each group partition's health window between them. The objects of a snapshot are
 * reused by the next `compute()`: a reader that keeps one across polls copies it (as {@link rebaseSnapshot} does).
 */
export class LagCalculator {
  readonly #registry: GroupRegistry;
  readonly #store: PartitionOffsetsStore;
  readonly #rules: HealthRules;
  readonly #mode: LagMode;
  readonly #timestamps: TimestampSource | undefined;
  readonly #filters: Filters;
  /** What each group keeps between snapshots, by group. */
  #groups = new Map<string, GroupSlot>();
  /** Number of the snapshot being computed. */
  #round = 0;
  /** The instant of the last snapshot that computed a group partition the one before it did not (ms). */
  #newPartitionsAt = Number.NEGATIVE_INFINITY;

  constructor(options: { registry: GroupRegistry; store: PartitionOffsetsStore; rules: HealthRules; mode: LagMode; timestamps?: TimestampSource; filters?: Filters }) {
    this.#registry = options.registry;
    this.#store = options.store;
    this.#rules = options.rules;
    this.#mode = options.mode;
    this.#timestamps = options.timestamps;
    this.#filters = options.filters ?? NO_FILTERS;
  }

  /**
   * The instant of the last snapshot that computed a group partition the snapshot before it did not (ms; -Infinity
   * before any): a partition new to kommitted, or one whose end offsets were not listed until then. Its record
   * timestamp, if it needs one, was asked for at that instant.
   */
  get newPartitionsAt(): number {
    return this.#newPartitionsAt;
  }

  /** Computes the snapshot as of `nowMs` and advances health windows. */
  compute(nowMs: number): LagSnapshot {
    const round = ++this.#round;
    const groups = new Map<string, GroupLag>();
    const unresolvedTopicIds = new Set<string>();
    const kept = new Map<string, GroupSlot>();
    const topicFilter = this.#filters.topics;
    for (const group of this.#registry.groups()) {
      if (!this.#filters.groups.accepts(group.name)) continue;
      const slot = this.#groups.get(group.name) ?? { lag: emptyGroupLag(group.name), partitions: new ByPartition<PartitionSlot>(), members: undefined };
      kept.set(group.name, slot);
      const { members, owners, unresolvedTopicIds: unresolved } = this.#members(group, slot);
      for (const id of unresolved) unresolvedTopicIds.add(id);
      const partitions = slot.lag.partitions;
      partitions.length = 0;
      const context: PartitionContext = { owners, slots: slot.partitions, nowMs };
      for (const [topic, commits] of group.commits) {
        if (!topicFilter.accepts(topic)) continue;
        for (const commit of commits.values()) {
          const lag = this.#partitionLag(context, round, topic, commit.partition, commit.offset, commit.commitTimestamp, commit.history);
          if (lag !== undefined) partitions.push(lag);
        }
      }
      // share groups: the share-partition start offset plays the committed offset (see the README: what it means)
      for (const [topicId, progress] of group.shareProgress) {
        const topic = this.#store.topicName(topicId);
        if (topic === undefined) {
          unresolvedTopicIds.add(topicId);
          continue;
        }
        if (!topicFilter.accepts(topic)) continue;
        for (const p of progress.values()) {
          if (p.startOffset < 0) continue; // not initialized yet: nothing to measure from
          const lag = this.#partitionLag(context, round, topic, p.partition, p.startOffset, p.writeTimestamp, p.history);
          if (lag !== undefined) partitions.push(lag);
        }
      }
      // windows of partitions this snapshot did not compute (offsets deleted, topic gone or not polled) go with them
      if (slot.partitions.size > partitions.length) slot.partitions.deleteWhere((p) => p.seen !== round);
      // with a topic filter, a group with nothing left to report is left out
      if (!topicFilter.acceptsAll && partitions.length === 0 && members.every((m) => m.assignment.length === 0)) continue;
      let totalOffsetLag = 0;
      let maxTimeLagMs: number | null = null;
      let status: PartitionStatus = "OK";
      for (const p of partitions) {
        totalOffsetLag += p.offsetLag;
        if (p.timeLag.ms !== null) maxTimeLagMs = Math.max(maxTimeLagMs ?? 0, p.timeLag.ms);
        if (STATUS_SEVERITY[p.status] > STATUS_SEVERITY[status]) status = p.status;
      }
      const lag = slot.lag;
      lag.type = group.type;
      lag.protocolType = group.protocolType;
      lag.protocol = group.protocol;
      lag.epoch = group.epoch;
      lag.members = members;
      lag.status = status;
      lag.totalOffsetLag = totalOffsetLag;
      lag.maxTimeLagMs = maxTimeLagMs;
      groups.set(group.name, lag);
    }
    this.#groups = kept; // what vanished or filtered-out groups kept goes with them
    return { asOf: nowMs, groups, unresolvedTopicIds };
  }

  /** Lag of one group partition from its committed (or share start) offset; undefined while its end offsets are unknown. */
  #partitionLag(context: PartitionContext, round: number, topic: string, partition: number, committed: number, commitTimestamp: number, commits: CommitHistory): PartitionLag | undefined {
    const { owners, slots, nowMs } = context;
    const offsets = this.#store.get(topic, partition);
    if (offsets === undefined || Number.isNaN(offsets.observedAt)) return undefined; // topic unknown or not polled yet
    let slot = slots.get(topic, partition);
    if (slot === undefined || slot.seen !== round - 1) {
      // new, or not computed by the previous snapshot: its window starts afresh
      slot = { lag: emptyPartitionLag(topic, partition), window: new HealthWindow(this.#rules.windowSize), seen: round };
      slots.set(topic, partition, slot);
      this.#newPartitionsAt = nowMs;
    }
    slot.seen = round;
    const lag = offsetLag(committed, offsets.latest);
    const timeLag = this.#timeLag(topic, partition, committed, offsets, nowMs);
    const window = slot.window;
    if (!offsets.stale) window.pushValues(committed, lag, commitTimestamp);
    const p = slot.lag;
    p.committedOffset = committed;
    p.commitTimestamp = commitTimestamp;
    p.commitAgeMs = commitAge(commitTimestamp, nowMs);
    p.earliestOffset = offsets.earliest;
    p.latestOffset = offsets.latest;
    p.offsetLag = lag;
    p.timeLag.ms = timeLag.ms;
    p.timeLag.method = timeLag.method;
    commits.rateInto(p.commitRate);
    p.status = evaluateSeries(window, this.#rules, nowMs);
    p.stale = offsets.stale;
    p.observedAt = offsets.observedAt;
    p.committedBeforeEarliest = committed < offsets.earliest;
    p.owner = owners.get(topic, partition) ?? null;
    return p;
  }

  /**
   * Time lag by the configured mode. Where a record timestamp is wanted but not read yet, the estimate is served (a
   * `history-lower-bound` when the history does not reach the committed offset) and the read is asked for.
   */
  #timeLag(topic: string, partition: number, committed: number, offsets: { earliest: number; latest: number; history: Parameters<typeof estimateTimeLag>[0] }, nowMs: number): TimeLag {
    const { earliest, latest, history } = offsets;
    const estimate = estimateTimeLag(history, committed, latest, nowMs);
    const timestamps = this.#timestamps;
    if (this.#mode === "estimate" || timestamps === undefined || committed >= latest) return estimate;
    if (this.#mode === "auto" && estimate.method === "interpolated") return estimate;
    const known = timestamps.get(topic, partition, committed);
    if (known === undefined) {
      timestamps.request(topic, partition, committed, nowMs);
      return estimate;
    }
    // a record read past the committed offset because retention deleted it gives a lower bound; past a compaction gap
    // or a transaction marker it is the next record the group will read
    const gone = known.recordOffset > committed && committed < earliest;
    return exactTimeLag(known.timestamp, committed, latest, nowMs, gone);
  }

  /** The group's member views and partition owners: the last ones while neither the members nor topic names changed. */
  #members(group: GroupState, slot: GroupSlot): MembersView {
    const names = this.#store.namesRevision;
    const last = slot.members;
    if (last !== undefined && last.state === group && last.revision === group.membersRevision && last.names === names) return last;
    const members: MemberView[] = [];
    const owners = new ByPartition<PartitionOwner>();
    const unresolved: string[] = [];
    for (const member of group.members.values()) {
      const { assigned, unresolvedTopicIds } = Registry.assignmentOf(group, member, (id) => this.#store.topicName(id));
      unresolved.push(...unresolvedTopicIds);
      const reported = this.#filters.topics.acceptsAll ? assigned : assigned.filter((tp) => this.#filters.topics.accepts(tp.topic));
      const owner: PartitionOwner = { memberId: member.memberId, clientHost: member.clientHost, clientId: member.clientId };
      for (const tp of reported) for (const p of tp.partitions) owners.set(tp.topic, p, owner);
      members.push({
        memberId: member.memberId,
        instanceId: member.instanceId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        rackId: member.rackId,
        assignment: reported,
      });
    }
    slot.members = { state: group, revision: group.membersRevision, names, members, owners, unresolvedTopicIds: unresolved };
    return slot.members;
  }
}

/**
 * The snapshot seen at `nowMs` (not before its own instant): offsets and statuses as polled, time lags and commit
 * ages measured against `nowMs`, so that a value read between two polls is not a poll interval old. A copy of every
 * group partition: a reader of a few groups re-bases those ({@link rebaseGroup}).
 */
export function rebaseSnapshot(snapshot: LagSnapshot, nowMs: number): LagSnapshot {
  if (nowMs <= snapshot.asOf) return snapshot;
  const groups = new Map<string, GroupLag>();
  for (const [name, group] of snapshot.groups) groups.set(name, rebaseGroup(group, snapshot.asOf, nowMs));
  return { asOf: nowMs, groups, unresolvedTopicIds: snapshot.unresolvedTopicIds };
}

/** One group of a snapshot computed at `asOf`, seen at `nowMs` (see {@link rebaseSnapshot}): a copy. */
export function rebaseGroup(group: GroupLag, asOf: number, nowMs: number): GroupLag {
  const at = Math.max(asOf, nowMs);
  const partitions = group.partitions.map((p) => ({ ...p, timeLag: rebaseTimeLag(p.timeLag, at - asOf), commitAgeMs: commitAge(p.commitTimestamp, at) }));
  return { ...group, partitions, maxTimeLagMs: maxTimeLagMsAfter(group, at - asOf) };
}

/** The largest known time lag of a group seen `deltaMs` after its snapshot (null if none is known), without a copy. */
export function maxTimeLagMsAfter(group: GroupLag, deltaMs: number): number | null {
  let max: number | null = null;
  for (const p of group.partitions) {
    const ms = timeLagMsAfter(p.timeLag, deltaMs);
    if (ms !== null) max = Math.max(max ?? 0, ms);
  }
  return max;
}

/** A group's lag before its first snapshot (every field is set by `compute`). */
function emptyGroupLag(group: string): GroupLag {
  return { group, type: "classic", protocolType: null, protocol: null, epoch: -1, members: [], partitions: [], status: "OK", totalOffsetLag: 0, maxTimeLagMs: null };
}

/** A partition's lag before its first snapshot, with its own time-lag and rate objects (every field is set by `compute`). */
function emptyPartitionLag(topic: string, partition: number): PartitionLag {
  return {
    topic,
    partition,
    committedOffset: 0,
    commitTimestamp: -1,
    commitAgeMs: null,
    earliestOffset: 0,
    latestOffset: 0,
    offsetLag: 0,
    timeLag: { ms: null, method: "unknown" },
    commitRate: { commitsPerSecond: null, offsetsPerSecond: null },
    status: "OK",
    stale: false,
    observedAt: 0,
    committedBeforeEarliest: false,
    owner: null,
  };
}
