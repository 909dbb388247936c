/**
 * Reads a coordinator's compacted topic (`__consumer_offsets`, `__share_group_state`, or a topic holding a captured
 * copy) with the native `KafkaConsumer`: every partition by manual assignment from the beginning, no consumer group
 * joined, nothing committed. Replays the whole log, then follows it; each record goes through the reader's decoder
 * into group events handed to `onEvents`.
 */
import { RdKafka, watermarks } from "@kafkesc/kafka-io";
import { KommittedError } from "../errors.js";
import type { KafkaConfig } from "../kafka/client.js";
import { connectConsumer, consumeMessages, disconnectConsumer, topicPartitions } from "../kafka/client.js";
import { COORDINATOR_READER_SETTINGS } from "../kafka/settings.js";
import type { GroupEvent } from "../state/events.js";
import type { DecodeOutcome } from "./adapter.js";
import { ReplayProgress } from "./replay-progress.js";

/** Turns one record (key, value or null for a tombstone, log timestamp in ms or -1) into group events; never throws. */
export type RecordDecoder = (key: Uint8Array, value: Uint8Array | null, timestamp: number) => DecodeOutcome;

/** What a topic reader needs. */
export interface TopicReaderOptions {
  /** Bootstrap servers. */
  brokers: string;
  /** Topic to read: `__consumer_offsets`, `__share_group_state`, or a copy of one. */
  topic: string;
  /** The decoder of the topic's records. */
  decode: RecordDecoder;
  /**
   * How long `start()` waits for the topic to appear (ms; default `timeoutMs`). A topic that Kafka creates lazily
   * (`__share_group_state`) is given 0 and `start()` reports it absent instead of failing.
   */
  waitForTopicMs?: number;
  /**
   * Tells whether the topic exists through a client that runs anyway (the poller's admin client). Given, the reader
   * creates its own consumer only once the topic is there: a librdkafka client (its threads, buffers and metadata
   * refreshes) kept only to look for `__share_group_state`, which most clusters never create, cost memory for nothing.
   */
  topicExists?: (topic: string) => Promise<boolean>;
  /** librdkafka settings from `--kafka-conf` and `--client-id` (they override the reader's defaults). */
  kafkaConfig: KafkaConfig;
  /** Bound on metadata and offset requests (ms). */
  timeoutMs: number;
  /** Bound on connecting (ms; default `timeoutMs`): past it, or on a refusal, `start()` rejects. */
  connectTimeoutMs?: number;
  /** Called when reading fails for good (a fatal consumer error): the reader has stopped. */
  onFatal?: (error: Error) => void;
  /** Called with the events of each decoded record, in log order per partition. */
  onEvents: (events: readonly GroupEvent[]) => void;
  /** Called for records that fail to decode (counted, skipped). */
  onDecodeError: (error: Error, partition: number, offset: number) => void;
  /** Called with non-fatal client warnings. */
  onWarning: (message: string) => void;
}

/** Counters of the reader's work. */
export interface TopicReaderStats {
  /** Records read. */
  records: number;
  /** Bytes of keys and values read. */
  bytes: number;
  /** Records that failed to decode. */
  decodeErrors: number;
  /** Records of each type read (type number to count). */
  byType: Map<number, number>;
}

/**
 * Most records taken from librdkafka at once. Measured under the bench's 10,000 commits/s (CPU profile of the main
 * thread, same 22 s of load): batches of 10,000 spent 4.0 % of a core in garbage collection and 10.4 % in native code,
 * batches of 1,000 1.1 % and 6.8 %; the process 18.8-21.0 % of a core against 22.6-26.3 %. The replay was slower
 * with them (ready in 10.1-10.5 s against 8.2-8.5 s) because librdkafka paused a partition whose pre-fetch queue was
 * full for `fetch.queue.backoff.ms`, 1 s by default: at 20 ms (settings.ts) the replay is no longer waiting on it.
 */
const BATCH_SIZE = 1_000;
const POLL_TIMEOUT_MS = 20;
const OFFSET_BEGINNING = -2;

/** A coordinator topic reader: `start()` resolves once reading has begun; `stop()` ends it. */
export class CoordinatorTopicReader {
  /** Replay progress of each partition, for readiness. */
  readonly progress = new ReplayProgress();
  /** Work counters. */
  readonly stats: TopicReaderStats = { records: 0, bytes: 0, decodeErrors: 0, byType: new Map() };
  readonly #options: TopicReaderOptions;
  /** The consumer, created at the first start attempt that finds the topic (or at the first, without a probe). */
  #consumer: RdKafka.KafkaConsumer | undefined;
  #running = false;
  #connected = false;
  #loop: Promise<void> | undefined;

  constructor(options: TopicReaderOptions) {
    this.#options = options;
  }

  /** The reader's consumer, created on first use. */
  #client(): RdKafka.KafkaConsumer {
    if (this.#consumer !== undefined) return this.#consumer;
    const options = this.#options;
    const consumer = new RdKafka.KafkaConsumer(
      {
        "bootstrap.servers": options.brokers,
        // librdkafka wants a group id even for manual assignment; it never joins nor commits.
        "group.id": `kommitted-reader-${options.topic}-${process.pid}`,
        "enable.auto.commit": false,
        "enable.auto.offset.store": false,
        "enable.partition.eof": true,
        ...COORDINATOR_READER_SETTINGS,
        ...options.kafkaConfig,
      } as RdKafka.ConsumerGlobalConfig,
      { "auto.offset.reset": "earliest" },
    );
    // errors while connecting end up in the connection's own failure; afterwards they are warnings
    consumer.on("event.error", (error) => this.#connected && options.onWarning(`${options.topic} reader: ${error.message}`));
    consumer.on("partition.eof", (eof) => this.progress.onEndOfPartition(eof.partition));
    return (this.#consumer = consumer);
  }

  /** Whether reading has begun. */
  get started(): boolean {
    return this.#running;
  }

  /** Connects, learns the partitions and their current ends, assigns them all from the beginning and starts reading. */
  async start(): Promise<void> {
    if (!(await this.startIfPresent())) {
      const topic = this.#options.topic;
      throw new KommittedError("OFFSETS_TOPIC_NOT_FOUND", `topic ${topic} does not exist (or has no partitions)`, { topic });
    }
  }

  /**
   * Like {@link start}, but a topic still absent after `waitForTopicMs` gives `false` (the consumer stays connected:
   * call again later). Resolves `true` once reading has begun (at once if it already had).
   */
  async startIfPresent(): Promise<boolean> {
    if (this.#running) return true;
    const { brokers, topic, timeoutMs, topicExists } = this.#options;
    if (this.#consumer === undefined && topicExists !== undefined && !(await topicExists(topic))) return false;
    const consumer = this.#client();
    if (!this.#connected) {
      await connectConsumer(consumer, this.#options.connectTimeoutMs ?? timeoutMs, brokers, this.#options.kafkaConfig);
      this.#connected = true;
    }
    // a topic just created (or metadata answered while leaders are being elected) can look absent for a moment
    let partitions = await topicPartitions(consumer, topic, timeoutMs);
    for (const deadline = Date.now() + (this.#options.waitForTopicMs ?? timeoutMs); partitions === null && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      partitions = await topicPartitions(consumer, topic, timeoutMs);
    }
    if (partitions === null) return false;
    const watermarks = await Promise.all(partitions.map((partition) => this.#watermarks(partition)));
    partitions.forEach((partition, i) => this.progress.setTarget(partition, watermarks[i]?.lowOffset ?? 0, watermarks[i]?.highOffset ?? 0));
    consumer.assign(partitions.map((partition) => ({ topic, partition, offset: OFFSET_BEGINNING })));
    consumer.setDefaultConsumeTimeout(POLL_TIMEOUT_MS);
    this.#running = true;
    this.#loop = this.#run().catch((error: unknown) => {
      this.#running = false;
      this.#options.onFatal?.(error instanceof Error ? error : new Error(String(error)));
    });
    return true;
  }

  /** Stops reading and disconnects. */
  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop?.catch(() => undefined);
    if (this.#consumer !== undefined) await disconnectConsumer(this.#consumer);
  }

  async #run(): Promise<void> {
    const { onEvents, onDecodeError, onWarning, decode, topic } = this.#options;
    const stats = this.stats;
    const consumer = this.#client();
    while (this.#running) {
      // the client's messages as they are: one object fewer per record than kafka-io's RawRecord
      const batch = await consumeMessages(consumer, BATCH_SIZE, (m) => onWarning(`${topic} reader: ${m}`));
      for (const message of batch) {
        const key = typeof message.key === "string" ? Buffer.from(message.key) : message.key;
        if (key === null || key === undefined) continue; // every coordinator record has a key
        stats.records++;
        stats.bytes += key.length + (message.value?.length ?? 0);
        const outcome = decode(key, message.value, message.timestamp ?? -1);
        if (outcome.ok) {
          stats.byType.set(outcome.recordType, (stats.byType.get(outcome.recordType) ?? 0) + 1);
          if (outcome.events.length > 0) onEvents(outcome.events);
        } else {
          stats.decodeErrors++;
          onDecodeError(outcome.error, message.partition, message.offset);
        }
        this.progress.onRecord(message.partition, message.offset);
      }
    }
  }

  /**
   * Low and high watermarks of one partition. On a cluster that has just started, the partitions of the offsets topic
   * are still electing leaders: kafka-io's `watermarks` retries those answers with backoff until the timeout.
   */
  async #watermarks(partition: number): Promise<{ lowOffset: number; highOffset: number }> {
    const { topic, timeoutMs } = this.#options;
    try {
      const marks = await watermarks(this.#client(), topic, partition, timeoutMs);
      return { lowOffset: marks.low, highOffset: marks.high };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new KommittedError("KAFKA_REQUEST_FAILED", `cannot read the end offsets of ${topic}: ${message}`, { topic, partition }, { cause: error });
    }
  }
}
