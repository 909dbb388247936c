/**
 * Reads every partition of one topic with librdkafka's fast non-promise `KafkaConsumer`, by manual assignment: no
 * consumer group joins, nothing is ever committed, so reading `__consumer_offsets` leaves no trace on the cluster.
 * Used by `konsumer-offsets tail`, the fixture capture script and benchmarks; the native-client helpers below it
 * (connect, partitions, consume, disconnect) are kommitted's too.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { KafkaRequestError, TopicNotFoundError } from "./errors.js";
import { RepeatedErrorLog, connectWithin, withRepeats } from "./failures.js";
import type { ClientSettings } from "./settings.js";
import { NO_SETTINGS, checkClientConfig } from "./settings.js";

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

/** How long one poll of librdkafka waits for records before the loop checks its stop conditions again. */
const POLL_TIMEOUT_MS = 200;
const DEFAULT_BATCH_SIZE = 1000;
/** librdkafka's `RD_KAFKA_OFFSET_BEGINNING` and `RD_KAFKA_OFFSET_END`. */
const OFFSET_BEGINNING = -2;
const OFFSET_END = -1;

/**
 * Reads `options.topic` until `signal` aborts (or its end with `stopAtEnd`), handing each batch of records to
 * `onRecords` and awaiting it (so a slow consumer of the output slows the read instead of buffering).
 */
export async function readTopic(
  options: TopicReaderOptions,
  onRecords: (records: RawRecord[]) => void | Promise<void>,
  signal: AbortSignal,
): Promise<ReadSummary> {
  const consumer = createConsumer(options);
  // librdkafka reports an unreachable broker again and again: each message once, then with a count
  const warnings = new RepeatedErrorLog((message, repeats) => options.onWarning?.(withRepeats(message, repeats)));
  // errors while connecting end up in the connection's own failure; afterwards they are warnings
  let connected = false;
  consumer.on("event.error", (error) => connected && warnings.note(`kafka: ${error.message}`));
  try {
    await connect(consumer, options);
    connected = true;
    const partitions = await partitionsOf(consumer, options);
    const pending = new Set(partitions);
    consumer.on("partition.eof", (eof) => pending.delete(eof.partition));
    const offset = options.from === "beginning" ? OFFSET_BEGINNING : OFFSET_END;
    consumer.assign(partitions.map((partition) => ({ topic: options.topic, partition, offset })));
    consumer.setDefaultConsumeTimeout(POLL_TIMEOUT_MS);
    // Wait for the first record of a batch only: when records are there, hand over what is ready at once.
    (consumer as unknown as TimeoutOnlyForFirstMessage).setDefaultIsTimeoutOnlyForFirstMessage(true);

    let records = 0;
    while (!signal.aborted) {
      if (options.stopAtEnd && pending.size === 0) return { partitions: partitions.length, records, endedBy: "end" };
      const batch = await consumeBatch(consumer, options.batchSize ?? DEFAULT_BATCH_SIZE, (message) => warnings.note(`kafka: ${message}`));
      if (batch.length === 0) continue;
      records += batch.length;
      await onRecords(batch);
    }
    return { partitions: partitions.length, records, endedBy: "stopped" };
  } finally {
    warnings.flush();
    await disconnectClient(consumer);
  }
}

/** The consumer; librdkafka checks every setting first, so a bad one is a `ClientSettingError` naming it (status 2). */
function createConsumer(options: TopicReaderOptions): RdKafka.KafkaConsumer {
  const config = readerConfig(options);
  checkClientConfig(config, options.settings ?? NO_SETTINGS, "consumer");
  return new RdKafka.KafkaConsumer(config, { "auto.offset.reset": options.from === "beginning" ? "earliest" : "latest" });
}

/** A method of the binding's `KafkaConsumer` (1.10.1) that its type declarations lack. */
interface TimeoutOnlyForFirstMessage {
  setDefaultIsTimeoutOnlyForFirstMessage(isTimeoutOnlyForFirstMessage: boolean): void;
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

/** Connects within the connect timeout; a refusal (credentials, TLS) ends it at once with its typed failure. */
function connect(consumer: RdKafka.KafkaConsumer, options: TopicReaderOptions): Promise<unknown> {
  return connectWithin(consumer, (timeout, done) => consumer.connect({ topic: options.topic, timeout }, done), {
    brokers: options.brokers,
    config: options.settings?.config ?? {},
    timeoutMs: options.connectTimeoutMs,
  });
}

function partitionsOf(consumer: RdKafka.KafkaConsumer, options: TopicReaderOptions): Promise<number[]> {
  return new Promise((resolve, reject) => {
    consumer.getMetadata({ topic: options.topic, timeout: options.connectTimeoutMs }, (error, metadata) => {
      if (error) {
        reject(new KafkaRequestError(`cannot describe topic ${options.topic}`, error));
        return;
      }
      const topic = metadata.topics.find((candidate) => candidate.name === options.topic);
      if (!topic || topic.partitions.length === 0) {
        reject(new TopicNotFoundError(options.topic, options.brokers));
        return;
      }
      resolve(topic.partitions.map((partition) => partition.id).sort((a, b) => a - b));
    });
  });
}

/** Consumes up to `max` records (waiting up to the consumer's consume timeout); non-fatal errors give an empty batch. */
export function consumeBatch(consumer: RdKafka.KafkaConsumer, max: number, onWarning: (message: string) => void): Promise<RawRecord[]> {
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
      resolve(messages.map(toRawRecord));
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
