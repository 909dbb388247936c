/**
 * What a topic read takes and gives (its options, the records as stored, its summary) and the native-client helpers
 * of librdkafka's fast non-promise `KafkaConsumer` it is made of (settings, batches, disconnect, single records at
 * given offsets), which kommitted uses too. The read itself, `readTopic` and its finer form `readPartitions`, is in
 * `partition-reader.ts`: by manual assignment, no consumer group joins, nothing is ever committed, so reading
 * `__consumer_offsets` leaves no trace on the cluster.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { KafkaRequestError } from "./errors.js";
import type { ClientSettings } from "./settings.js";

/** Where to start in each partition. */
export type StartPosition = "beginning" | "end";

/** Which records to see: `read_uncommitted` also shows records of open and aborted transactions. */
export type IsolationLevel = "read_committed" | "read_uncommitted";

/** What to read and how. */
export interface TopicReaderOptions {
  /** Bootstrap servers, `HOST:PORT[,HOST:PORT...]`. */
  readonly brokers: string;
  /** Topic to read, every partition of it. */
  readonly topic: string;
  /** Start of each partition or its current end. */
  readonly from: StartPosition;
  /** Transaction isolation of the reads. */
  readonly isolation: IsolationLevel;
  /** The user's client settings (SASL, SSL, ...); they override the reader's defaults. */
  readonly settings?: ClientSettings;
  /** `client.id` (default `kafkesc-reader`). */
  readonly clientId?: string;
  /** How long to wait for the cluster's first answer before failing with `BROKERS_UNREACHABLE`. */
  readonly connectTimeoutMs: number;
  /** Stop once every partition has been read up to its end (the end as it was when that partition was reached). */
  readonly stopAtEnd: boolean;
  /** Most records handed over per batch. */
  readonly batchSize?: number;
  /** Called with non-fatal client errors (a broker went away, ...); the read goes on. */
  readonly onWarning?: (message: string) => void;
}

/** One record as stored, bytes untouched. */
export interface RawRecord {
  /** Topic it was read from. */
  readonly topic: string;
  /** Partition it was read from. */
  readonly partition: number;
  /** Its offset in the partition. */
  readonly offset: number;
  /** Broker or producer timestamp (ms since the epoch), when known. */
  readonly timestamp: number | undefined;
  /** Key bytes (`null` if the record has none, which `__consumer_offsets` never holds). */
  readonly key: Buffer | null;
  /** Value bytes, `null` for a tombstone. */
  readonly value: Buffer | null;
}

/** Why a read ended and how much it saw. */
export interface ReadSummary {
  /** Partitions of the topic. */
  readonly partitions: number;
  /** Records handed to the callback. */
  readonly records: number;
  /** `end`: every partition was read to its end (`stopAtEnd`); `stopped`: the signal aborted it. */
  readonly endedBy: "end" | "stopped";
}

/** The reader's librdkafka settings: ours, then the user's. */
export function readerConfig(options: Pick<TopicReaderOptions, "brokers" | "settings" | "clientId" | "isolation" | "connectTimeoutMs">): RdKafka.ConsumerGlobalConfig {
  const clientId = options.clientId ?? "kafkesc-reader";
  const config: Record<string, string | number | boolean> = {
    "bootstrap.servers": options.brokers,
    "client.id": clientId,
    // librdkafka's consumer wants a group id even when it only uses manual assignment; it never joins nor commits.
    "group.id": `${clientId}-${process.pid}-${Date.now()}`,
    "enable.auto.commit": false,
    "enable.auto.offset.store": false,
    "enable.partition.eof": true,
    "isolation.level": options.isolation,
    "socket.connection.setup.timeout.ms": Math.max(1000, options.connectTimeoutMs),
    ...options.settings?.config,
  };
  return config as RdKafka.ConsumerGlobalConfig;
}

/** Consumes up to `max` records (waiting up to the consumer's consume timeout); non-fatal errors give an empty batch. */
export async function consumeBatch(consumer: RdKafka.KafkaConsumer, max: number, onWarning: (message: string) => void): Promise<RawRecord[]> {
  return (await consumeMessages(consumer, max, onWarning)).map(toRawRecord);
}

/**
 * {@link consumeBatch} without the copy into {@link RawRecord}s: the client's own messages, for a reader that goes
 * through every record of a busy topic and keeps none (one object fewer per record).
 */
export function consumeMessages(consumer: RdKafka.KafkaConsumer, max: number, onWarning: (message: string) => void): Promise<RdKafka.Message[]> {
  return new Promise((resolve, reject) => {
    consumer.consume(max, (error, messages) => {
      if (error) {
        if (error.isFatal) reject(new KafkaRequestError("consumer failed", error));
        else {
          onWarning(error.message);
          resolve([]);
        }
        return;
      }
      resolve(messages);
    });
  });
}

function toRawRecord(message: RdKafka.Message): RawRecord {
  const key = message.key;
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    timestamp: message.timestamp !== undefined && message.timestamp >= 0 ? message.timestamp : undefined,
    key: key === undefined || key === null ? null : typeof key === "string" ? Buffer.from(key) : key,
    value: message.value,
  };
}

/**
 * A topic's partition ids, sorted, from the consumer's metadata; null when the cluster does not know the topic (or it
 * has no partitions). Rejects with the client's own error. Metadata of this topic alone (`allTopics: false`): with a
 * topic but without it, the client asks for every topic of the cluster, and keeps the answer.
 */
export function topicPartitionIds(consumer: RdKafka.KafkaConsumer, topic: string, timeoutMs: number): Promise<number[] | null> {
  return new Promise((resolve, reject) => {
    consumer.getMetadata({ topic, allTopics: false, timeout: timeoutMs }, (error, metadata) => {
      if (error) return reject(error);
      const found = metadata.topics.find((candidate) => candidate.name === topic);
      resolve(found === undefined || found.partitions.length === 0 ? null : found.partitions.map((partition) => partition.id).sort((a, b) => a - b));
    });
  });
}

/** Disconnects a native client, giving up after `graceMs` (a close can hang on a broker that went away, or on a group). */
export function disconnectClient(client: { isConnected(): boolean; disconnect(cb: () => void): unknown }, graceMs = 5000): Promise<void> {
  if (!client.isConnected()) return Promise.resolve();
  return new Promise((resolve) => {
    const guard = setTimeout(resolve, graceMs);
    client.disconnect(() => {
      clearTimeout(guard);
      resolve();
    });
  });
}

/** One partition to read a record from, at `offset` or the first record after it. */
export interface RecordRequest {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Settings of a consumer that reads single records at given offsets (small fetches, no group, nothing committed). */
export function recordReaderConfig(brokers: string, clientId: string, settings: Readonly<Record<string, string | number | boolean>>): RdKafka.ConsumerGlobalConfig {
  return {
    "bootstrap.servers": brokers,
    "client.id": clientId,
    "group.id": `${clientId}-${process.pid}`,
    "enable.auto.commit": false,
    "enable.auto.offset.store": false,
    "fetch.wait.max.ms": 50,
    "fetch.max.bytes": 4 * 1024 * 1024,
    "max.partition.fetch.bytes": 64 * 1024,
    ...settings,
  } as RdKafka.ConsumerGlobalConfig;
}

/**
 * Reads, through a connected consumer, the first record at or after each request's offset (one request per
 * partition), until every partition answered, `timeoutMs` passed or `running()` turns false; calls `onRecord` for each
 * record found. Where the offset has no record (compacted away, a transaction marker) the next record answers; where
 * retention removed it, the earliest (with `auto.offset.reset=earliest`). Returns the requests that got no record.
 */
export async function readRecordsAt<T extends RecordRequest>(
  consumer: RdKafka.KafkaConsumer,
  requests: readonly T[],
  timeoutMs: number,
  onRecord: (request: T, record: RawRecord) => void,
  options: { readonly running?: () => boolean; readonly onWarning?: (message: string) => void } = {},
): Promise<T[]> {
  const open = new Map(requests.map((r) => [`${r.topic}\u0000${r.partition}`, r]));
  consumer.assign(requests.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.offset })));
  try {
    const deadline = Date.now() + timeoutMs;
    while (open.size > 0 && Date.now() < deadline && (options.running?.() ?? true)) {
      for (const record of await consumeBatch(consumer, 1000, options.onWarning ?? (() => {}))) {
        const k = `${record.topic}\u0000${record.partition}`;
        const wanted = open.get(k);
        if (wanted === undefined || record.offset < wanted.offset || record.timestamp === undefined) continue;
        open.delete(k);
        onRecord(wanted, record);
      }
    }
  } finally {
    consumer.unassign();
  }
  return [...open.values()];
}
