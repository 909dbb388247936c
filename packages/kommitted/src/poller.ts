/**
 * Every interval: refreshes topic metadata when needed, lists earliest and latest offsets of every partition of every
 * topic a group commits to or is assigned, in batched ListOffsets requests (see `Admin.listOffsets`), records them in
 * the store and history, and computes the lag snapshot as of that instant.
 */
import type { Filters } from "./filters.js";
import { NO_FILTERS } from "./filters.js";
import type { Admin, TopicPartition } from "./kafka/client.js";
import type { LagCalculator, LagSnapshot } from "./lag/snapshot.js";
import type { GroupRegistry } from "./state/groups.js";
import { GroupRegistry as Registry } from "./state/groups.js";
import type { PartitionOffsetsStore, TopicInfo } from "./state/partition-offsets.js";

/** Poller settings and collaborators. */
export interface PollerOptions {
  /** Admin client. */
  admin: Admin;
  /** Groups. */
  registry: GroupRegistry;
  /** Offsets store. */
  store: PartitionOffsetsStore;
  /** Lag calculator. */
  calculator: LagCalculator;
  /** Time between polls (ms). */
  intervalMs: number;
  /** Longest time between two metadata refreshes (ms). */
  metadataRefreshMs: number;
  /** Called after each poll with the new snapshot. */
  onSnapshot: (snapshot: LagSnapshot, stats: PollStats) => void;
  /** Called when a poll fails as a whole (the next one is attempted anyway). */
  onError: (error: unknown) => void;
  /** Clock (ms), replaceable in tests. */
  now?: () => number;
  /** Groups and topics reported (others are not polled); default: all. */
  filters?: Filters;
  /** Refreshes the groups before each poll (the `admin` source), so that committed offsets are not newer than end offsets. */
  refreshGroups?: () => Promise<void>;
}

/** Figures of one poll. */
export interface PollStats {
  /** Partitions whose offsets were listed. */
  partitions: number;
  /** Partitions whose listing failed (marked stale). */
  failed: number;
  /** Duration of the list-offsets requests (ms). */
  listOffsetsMs: number;
  /** Whether metadata was refreshed. */
  refreshedMetadata: boolean;
}

/**
 * Earliest offsets are listed at every this many polls (and whenever a partition has none yet): a log start moves
 * only when the broker deletes segments (retention, checked every 5 minutes by default, or DeleteRecords), while
 * listing it costs as much as listing the end offsets.
 */
export const EARLIEST_EVERY_POLLS = 10;

/** Shortest time between metadata refreshes caused by topics that have commits but no metadata (ms). */
const MISSING_TOPIC_REFRESH_MS = 5000;

/** The polling loop. */
export class Poller {
  readonly #o: PollerOptions;
  readonly #now: () => number;
  #lastMetadataAt = Number.NEGATIVE_INFINITY;
  #forceMetadata = true;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #current: Promise<void> | undefined;
  /** The partition list of the last poll, and the topic metadata it was built from. */
  #list: { infos: readonly (TopicInfo | undefined)[]; partitions: readonly TopicPartition[] } | undefined;
  /** Completed polls. */
  polls = 0;

  constructor(options: PollerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** Starts polling (first poll immediately). */
  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops polling and waits for a poll in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#current?.catch(() => undefined);
  }

  /** Asks for a metadata refresh at the next poll (a topic ID nobody knows appeared). */
  requestMetadataRefresh(): void {
    this.#forceMetadata = true;
  }

  /** One poll. */
  async pollOnce(): Promise<LagSnapshot> {
    const { admin, registry, store, calculator } = this.#o;
    await this.#o.refreshGroups?.();
    const wanted = this.#wantedTopics(registry, store);
    let refreshedMetadata = false;
    const missing = [...wanted].some((t) => store.topic(t) === undefined);
    const sinceRefresh = this.#now() - this.#lastMetadataAt;
    // a topic with commits but no metadata may be new (refresh soon) or deleted (do not refresh at every poll)
    const missingDue = missing && sinceRefresh >= Math.min(MISSING_TOPIC_REFRESH_MS, this.#o.metadataRefreshMs);
    if (this.#forceMetadata || missingDue || sinceRefresh >= this.#o.metadataRefreshMs) {
      const names = await admin.listTopics();
      store.setTopics(await admin.describeTopics(names));
      this.#lastMetadataAt = this.#now();
      this.#forceMetadata = false;
      refreshedMetadata = true;
    }
    const partitions = this.#partitionsOf(wanted, store);
    store.retainTopics(wanted);
    const withEarliest = refreshedMetadata || this.polls % EARLIEST_EVERY_POLLS === 0 || partitions.some((tp) => (store.get(tp.topic, tp.partition)?.earliest ?? -1) < 0);
    const started = this.#now();
    const results = await admin.listOffsets(partitions, withEarliest);
    const listOffsetsMs = this.#now() - started;
    const at = this.#now();
    let failed = 0;
    for (const r of results) {
      if (r.ok) store.observe(r.topic, r.partition, r.earliest, r.latest, at);
      else {
        failed++;
        if (r.topicMissing) {
          store.dropTopic(r.topic);
          this.#forceMetadata = true;
        } else store.markStale(r.topic, r.partition, r.message);
      }
    }
    const snapshot = calculator.compute(at);
    if (snapshot.unresolvedTopicIds.size > 0) this.#forceMetadata = true;
    this.polls++;
    this.#o.onSnapshot(snapshot, { partitions: partitions.length, failed, listOffsetsMs, refreshedMetadata });
    return snapshot;
  }

  /**
   * Every partition of the wanted topics that metadata knows. The same list (the same array) while neither the wanted
   * topics nor their metadata changed: the admin client then reuses its requests, and a poll builds no list anew.
   */
  #partitionsOf(wanted: ReadonlySet<string>, store: PartitionOffsetsStore): readonly TopicPartition[] {
    const infos: (TopicInfo | undefined)[] = [];
    for (const topic of wanted) infos.push(store.topic(topic));
    const last = this.#list;
    if (last !== undefined && last.infos.length === infos.length && last.infos.every((info, i) => info === infos[i])) return last.partitions;
    const partitions: TopicPartition[] = [];
    for (const info of infos) if (info !== undefined) for (const partition of info.partitions) partitions.push({ topic: info.name, partition });
    this.#list = { infos, partitions };
    return partitions;
  }

  #wantedTopics(registry: GroupRegistry, store: PartitionOffsetsStore): Set<string> {
    const topics = new Set<string>();
    const filters = this.#o.filters ?? NO_FILTERS;
    for (const group of registry.groups()) {
      if (!filters.groups.accepts(group.name)) continue;
      for (const topic of group.commits.keys()) topics.add(topic);
      for (const topicId of group.shareProgress.keys()) {
        const topic = store.topicName(topicId);
        if (topic !== undefined) topics.add(topic);
      }
      for (const member of group.members.values()) {
        for (const tp of Registry.assignmentOf(group, member, (id) => store.topicName(id)).assigned) topics.add(tp.topic);
      }
    }
    if (!filters.topics.acceptsAll) for (const topic of topics) if (!filters.topics.accepts(topic)) topics.delete(topic);
    return topics;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      const started = this.#now();
      this.#current = this.pollOnce().then(
        () => undefined,
        (error: unknown) => {
          this.#o.onError(error);
          // every partition's offsets are now older than one interval: mark them stale so nothing old passes for current
          const { store, calculator } = this.#o;
          let partitions = 0;
          for (const topic of [...store.trackedTopics()]) {
            for (const p of store.partitionsOf(topic)?.values() ?? []) {
              store.markStale(topic, p.partition, error instanceof Error ? error.message : String(error));
              partitions++;
            }
          }
          this.#o.onSnapshot(calculator.compute(this.#now()), { partitions, failed: partitions, listOffsetsMs: 0, refreshedMetadata: false });
        },
      );
      void this.#current.then(() => this.#schedule(Math.max(0, this.#o.intervalMs - (this.#now() - started))));
    }, delayMs);
  }
}
