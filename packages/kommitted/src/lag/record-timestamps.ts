/**
 * Exact time lag needs the timestamp of the record at each committed offset (`--lag-mode exact` for every lagging
 * partition, `auto` where the end-offset history does not reach back to the committed offset). This fetcher reads those records with a
 * dedicated native consumer (manual assignment, no group), a bounded number of partitions at a time, and caches the
 * answers (a record's timestamp never changes, so an entry is valid until evicted).
 *
 * Where a committed offset has no record (compacted away, a transaction marker), the consumer returns the next record
 * and its timestamp is used: the lag is then slightly underestimated. Where retention removed it, the consumer starts
 * at the earliest record (`auto.offset.reset=earliest`): the lag is then a lower bound.
 */
import type { KafkaConfig } from "../kafka/client.js";
import { RdKafka, readRecordsAt, recordReaderConfig } from "@kafkesc/kafka-io";
import { connectConsumer, disconnectConsumer } from "../kafka/client.js";
import { RECORD_TIMESTAMP_READER_SETTINGS } from "../kafka/settings.js";

/** What the fetcher needs. */
export interface RecordTimestampsOptions {
  /** Bootstrap servers. */
  brokers: string;
  /** librdkafka settings from `--kafka-conf`. */
  kafkaConfig: KafkaConfig;
  /** Partitions read at once (the concurrency limit). */
  concurrency: number;
  /** Timestamps kept in the cache at most (the oldest entries are evicted first). */
  cacheSize: number;
  /** How long one round waits for its records (ms). */
  roundTimeoutMs: number;
  /** How long a read that found no record waits before it is tried again (ms); default 10 s. */
  retryAfterMs?: number;
  /** Non-fatal client warnings. */
  onWarning: (message: string) => void;
}

/** A cached answer: the timestamp of the record found at (or right after) the requested offset. */
export interface RecordTimestamp {
  /** Record timestamp (ms). */
  timestamp: number;
  /** Offset of the record actually read (greater than requested over a compaction or retention gap). */
  recordOffset: number;
}

/** A read asked for: the record at `offset` of a partition, wanted since `since` (ms). */
interface Wanted {
  topic: string;
  partition: number;
  offset: number;
  since: number;
}

const key = (topic: string, partition: number, offset: number) => `${topic}\u0000${partition}\u0000${offset}`;
const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** Fetches and caches record timestamps at committed offsets. */
export class RecordTimestamps {
  readonly #options: RecordTimestampsOptions;
  readonly #cache = new Map<string, RecordTimestamp>();
  /** Latest offset wanted per partition (one outstanding request per partition). */
  readonly #wanted = new Map<string, Wanted>();
  /** The reads of the round in flight, and their keys. */
  #inFlight: Wanted[] = [];
  #inFlightKeys = new Set<string>();
  /** Reads that found no record in their round (no access, only transaction markers), by key: when to try again. */
  readonly #retryAt = new Map<string, number>();
  /** Reads that found no record in one round and were asked again at once, by key (see `#missed`). */
  readonly #missedOnce = new Set<string>();
  #consumer: RdKafka.KafkaConsumer | undefined;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** Ends the pause after a failed connection (at stop only: new requests do not hurry a reconnection). */
  #endPause: (() => void) | undefined;
  /** Records fetched since start. */
  fetched = 0;
  /** Reads that found no record within their round since start. */
  missed = 0;

  constructor(options: RecordTimestampsOptions) {
    this.#options = options;
  }

  /** The cached timestamp of the record at `offset`, if known. */
  get(topic: string, partition: number, offset: number): RecordTimestamp | undefined {
    return this.#cache.get(key(topic, partition, offset));
  }

  /**
   * Asks, at `atMs`, for the timestamp of the record at `offset` (replaces an older request for the same partition;
   * a read that found nothing is not asked again for `retryAfterMs`).
   */
  request(topic: string, partition: number, offset: number, atMs: number = Date.now()): void {
    const k = key(topic, partition, offset);
    if (this.#cache.has(k)) return;
    const retryAt = this.#retryAt.get(k);
    if (retryAt !== undefined) {
      if (atMs < retryAt) return;
      this.#retryAt.delete(k);
    }
    if (this.#inFlightKeys.has(k)) return;
    const pk = partitionKey(topic, partition);
    const previous = this.#wanted.get(pk);
    if (previous !== undefined && previous.offset === offset) return;
    this.#wanted.set(pk, { topic, partition, offset, since: atMs });
    this.#wake?.();
  }

  /** Number of partitions waiting for a fetch (in the queue or in the round in flight). */
  get pending(): number {
    return this.#wanted.size + this.#inFlight.length;
  }

  /** When the oldest read still outstanding (queued or in flight) was asked for, or undefined if none is. */
  pendingSince(): number | undefined {
    let oldest: number | undefined;
    for (const w of this.#wanted.values()) oldest = Math.min(oldest ?? w.since, w.since);
    for (const w of this.#inFlight) oldest = Math.min(oldest ?? w.since, w.since);
    return oldest;
  }

  /**
   * Starts the fetch loop. The consumer connects at the first read asked for: where the end-offset history covers every
   * committed offset (`auto` on a warm history, or nothing lagging) no fourth librdkafka client runs at all.
   */
  async start(): Promise<void> {
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Connects the consumer (once); on failure, warns and leaves it for the next round to try again. */
  async #connect(): Promise<RdKafka.KafkaConsumer | undefined> {
    if (this.#consumer !== undefined) return this.#consumer;
    const { brokers, kafkaConfig } = this.#options;
    const consumer = new RdKafka.KafkaConsumer(recordReaderConfig(brokers, "kommitted-timestamps", { ...RECORD_TIMESTAMP_READER_SETTINGS, ...kafkaConfig }), { "auto.offset.reset": "earliest" });
    consumer.on("event.error", (error) => this.#options.onWarning(`timestamp fetcher: ${error.message}`));
    try {
      await connectConsumer(consumer, 10_000, brokers, kafkaConfig);
    } catch (error) {
      this.#options.onWarning(`timestamp fetcher: cannot connect: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    consumer.setDefaultConsumeTimeout(50);
    this.#consumer = consumer;
    return consumer;
  }

  /** Stops fetching and disconnects. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    this.#endPause?.();
    await this.#loop?.catch(() => undefined);
    if (this.#consumer !== undefined) await disconnectConsumer(this.#consumer);
  }

  async #run(): Promise<void> {
    while (this.#running) {
      if (this.#wanted.size === 0) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
      const consumer = await this.#connect();
      if (consumer === undefined) {
        // not reachable now: the reads stay wanted, tried again after a pause (or at stop)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.retryAfterMs ?? 10_000);
          this.#endPause = () => (clearTimeout(timer), resolve());
        });
        this.#endPause = undefined;
        continue;
      }
      const round = [...this.#wanted.values()].slice(0, this.#options.concurrency);
      for (const r of round) this.#wanted.delete(partitionKey(r.topic, r.partition));
      this.#inFlight = round;
      this.#inFlightKeys = new Set(round.map((r) => key(r.topic, r.partition, r.offset)));
      const missed = await readRecordsAt(
        consumer,
        round,
        this.#options.roundTimeoutMs,
        (wanted, record) => {
          this.fetched++;
          this.#remember(wanted, { timestamp: record.timestamp as number, recordOffset: record.offset });
        },
        { running: () => this.#running, onWarning: (m) => this.#options.onWarning(`timestamp fetcher: ${m}`) },
      );
      this.#inFlight = [];
      this.#inFlightKeys = new Set();
      this.#missed(missed);
    }
  }

  /**
   * Reads that found no record in their round. A first miss is most often a slow first fetch (a consumer that just
   * connected, a busy broker), so the read is asked again at once, still waiting since it was first asked: readiness,
   * which waits for the reads of the first snapshot, waits for it too. A read that misses again (no access, only
   * transaction markers past the offset) waits `retryAfterMs` before each further try.
   */
  #missed(reads: readonly Wanted[]): void {
    const retryAt = Date.now() + (this.#options.retryAfterMs ?? 10_000);
    for (const r of reads) {
      this.missed++;
      const k = key(r.topic, r.partition, r.offset);
      if (!this.#missedOnce.has(k)) {
        if (this.#missedOnce.size >= this.#options.cacheSize) this.#missedOnce.clear();
        this.#missedOnce.add(k);
        // unless the group moved on meanwhile: the newer offset's read replaces this one
        const pk = partitionKey(r.topic, r.partition);
        if (!this.#wanted.has(pk)) this.#wanted.set(pk, r);
        continue;
      }
      if (this.#retryAt.size >= this.#options.cacheSize) this.#retryAt.clear();
      this.#retryAt.set(k, retryAt);
    }
  }

  #remember(wanted: Wanted, value: RecordTimestamp): void {
    const k = key(wanted.topic, wanted.partition, wanted.offset);
    this.#missedOnce.delete(k);
    this.#cache.delete(k);
    this.#cache.set(k, value);
    if (this.#cache.size > this.#options.cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }
}
