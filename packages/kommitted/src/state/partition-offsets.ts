import { PartitionHistory } from "./partition-history.js";

/** What the poller knows about one tracked partition. */
export interface PartitionOffsets {
  /** Topic name. */
  readonly topic: string;
  /** Partition number. */
  readonly partition: number;
  /** Earliest available offset (log start) at the last successful poll. */
  earliest: number;
  /** Latest offset (end, the next offset to be written) at the last successful poll. */
  latest: number;
  /** When the offsets were last listed successfully (ms; NaN before the first success). */
  observedAt: number;
  /** Whether the last poll failed for this partition: its offsets are the last known, not current. */
  stale: boolean;
  /** Why the last poll failed, if it did. */
  lastError: string | null;
  /** End-offset history for time-lag estimation. */
  readonly history: PartitionHistory;
}

/** Topic metadata the poller refreshes: ID and partitions. */
export interface TopicInfo {
  /** Topic name. */
  name: string;
  /** Topic ID (Kafka's base64 form). */
  topicId: string;
  /** Partition numbers. */
  partitions: number[];
}

/**
 * Offsets and history of every tracked partition, and the cluster's topic metadata (names, IDs, partitions). A topic
 * that disappears from the metadata (deleted) is forgotten at once, history and all: a recreated topic starts afresh.
 */
export class PartitionOffsetsStore {
  readonly #historySize: number;
  readonly #partitions = new Map<string, Map<number, PartitionOffsets>>();
  #topics = new Map<string, TopicInfo>();
  #idToName = new Map<string, string>();
  /** Bumped whenever a topic ID may resolve differently (metadata replaced, or an ID learnt). */
  namesRevision = 0;

  constructor(historySize: number) {
    this.#historySize = historySize;
  }

  /** Replaces the topic metadata; tracked partitions of topics no longer present (or recreated with a new ID) are dropped. */
  setTopics(topics: readonly TopicInfo[]): void {
    const next = new Map(topics.map((t) => [t.name, t]));
    for (const [name, partitions] of this.#partitions) {
      const now = next.get(name);
      const before = this.#topics.get(name);
      if (now === undefined || (before !== undefined && before.topicId !== now.topicId)) this.#partitions.delete(name);
      else for (const p of partitions.keys()) if (!now.partitions.includes(p)) partitions.delete(p);
    }
    this.#topics = next;
    this.#idToName = new Map(topics.map((t) => [t.topicId, t.name]));
    this.namesRevision++;
  }

  /** Learns a topic ID to name pair from `__consumer_offsets` records, until the next metadata refresh confirms it. */
  learnTopicId(topicId: string, topic: string): void {
    if (this.#idToName.has(topicId)) return;
    this.#idToName.set(topicId, topic);
    this.namesRevision++;
  }

  /** Topic metadata by name. */
  topic(name: string): TopicInfo | undefined {
    return this.#topics.get(name);
  }

  /** All topics in the metadata. */
  topics(): IterableIterator<TopicInfo> {
    return this.#topics.values();
  }

  /** Topic name of a topic ID. */
  topicName(topicId: string): string | undefined {
    return this.#idToName.get(topicId);
  }

  /** A tracked partition. */
  get(topic: string, partition: number): PartitionOffsets | undefined {
    return this.#partitions.get(topic)?.get(partition);
  }

  /** Tracked partitions of a topic. */
  partitionsOf(topic: string): ReadonlyMap<number, PartitionOffsets> | undefined {
    return this.#partitions.get(topic);
  }

  /** Names of tracked topics. */
  trackedTopics(): IterableIterator<string> {
    return this.#partitions.keys();
  }

  /** Records a successful listing (an `earliest` of NaN was not listed this time: the last known one stays). */
  observe(topic: string, partition: number, earliest: number, latest: number, nowMs: number): void {
    const p = this.#ensure(topic, partition);
    if (!Number.isNaN(earliest)) p.earliest = earliest;
    p.latest = latest;
    p.observedAt = nowMs;
    p.stale = false;
    p.lastError = null;
    p.history.observe(latest, nowMs);
  }

  /** Records a failed listing: the partition keeps its last offsets but is marked stale. */
  markStale(topic: string, partition: number, error: string): void {
    const p = this.get(topic, partition);
    if (p === undefined) return;
    p.stale = true;
    p.lastError = error;
  }

  /** Forgets a topic (deleted). */
  dropTopic(topic: string): void {
    this.#partitions.delete(topic);
    this.#topics.delete(topic);
  }

  /** Stops tracking partitions of topics not in `keep` (no group reads them any more). */
  retainTopics(keep: ReadonlySet<string>): void {
    for (const name of [...this.#partitions.keys()]) if (!keep.has(name)) this.#partitions.delete(name);
  }

  /** Number of tracked partitions. */
  get partitionCount(): number {
    let n = 0;
    for (const m of this.#partitions.values()) n += m.size;
    return n;
  }

  /** Smallest number of polls that observed any tracked partition (for readiness); Infinity when none is tracked. */
  minObservations(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const m of this.#partitions.values()) for (const p of m.values()) min = Math.min(min, p.history.observations);
    return min;
  }

  #ensure(topic: string, partition: number): PartitionOffsets {
    let partitions = this.#partitions.get(topic);
    if (partitions === undefined) this.#partitions.set(topic, (partitions = new Map()));
    let p = partitions.get(partition);
    if (p === undefined) {
      p = { topic, partition, earliest: -1, latest: -1, observedAt: Number.NaN, stale: false, lastError: null, history: new PartitionHistory(this.#historySize) };
      partitions.set(partition, p);
    }
    return p;
  }
}
