/**
 * The one reader of a topic, by manual assignment (nothing joins a group, nothing is committed): `readPartitions`
 * reads chosen partitions from chosen positions (the start, the end, an offset per partition, the first record at or
 * after a time through ListOffsets by timestamp) up to an optional bound (the end offsets at start, an offset per
 * partition, a time); `readTopic` is its plain form, every partition from its start or its end. `offsetsForTimes` and
 * `endOffsets` are the seek helpers it is made of, exported for other tools.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { EXIT_USAGE, KafkaRequestError, KafkescError, TopicNotFoundError } from "./errors.js";
import { RepeatedErrorLog, connectWithin, withRepeats } from "./failures.js";
import { withRetry } from "./retry.js";
import { NO_SETTINGS, checkClientConfig } from "./settings.js";
import type { RawRecord, ReadSummary, StartPosition, TopicReaderOptions } from "./topic-reader.js";
import { consumeBatch, disconnectClient, readerConfig, topicPartitionIds } from "./topic-reader.js";

/** Where each partition starts: start/end, an offset per partition, or the first record at or after a time (ms). */
export type PartitionStart = StartPosition | { readonly offsets: ReadonlyMap<number, number> } | { readonly timestamp: number };

/** Where each partition stops: the end offsets when the read began, an offset per partition (exclusive), or a time (ms, inclusive). */
export type PartitionBound = "end" | { readonly offsets: ReadonlyMap<number, number> } | { readonly timestamp: number };

/** What `readPartitions` reads: `readTopic`'s options with a per-partition start, a partition subset and a bound. */
export interface PartitionReaderOptions extends Omit<TopicReaderOptions, "from"> {
  /** Where each partition starts. With `offsets`, only the partitions it names are read (unless `partitions` says more). */
  readonly start: PartitionStart;
  /** Only these partitions (default: every partition, or those `start.offsets` names). */
  readonly partitions?: readonly number[];
  /** Stop each partition here; the read ends when every partition has reached its bound. */
  readonly until?: PartitionBound;
}

/** A partition the caller asked for that the topic lacks, or a partition without a start or bound offset: usage (2). */
export class PartitionChoiceError extends KafkescError {
  constructor(message: string) {
    super("INVALID_PARTITION_CHOICE", message, EXIT_USAGE);
  }
}

/** librdkafka's `RD_KAFKA_OFFSET_BEGINNING` and `RD_KAFKA_OFFSET_END`. */
const OFFSET_BEGINNING = -2;
const OFFSET_END = -1;
/** How long one poll of librdkafka waits for records before the loop checks its stop conditions again. */
const POLL_TIMEOUT_MS = 200;
const DEFAULT_BATCH_SIZE = 1000;

/**
 * The offset of the first record at or after `timestamp` (ms) in each partition, through ListOffsets by timestamp
 * (KIP-79); `-1` (librdkafka's "end") for a partition with no such record. Retried while leaders move.
 */
export function offsetsForTimes(consumer: RdKafka.KafkaConsumer, topic: string, partitions: readonly number[], timestamp: number, timeoutMs: number): Promise<Map<number, number>> {
  return withRetry(
    () =>
      new Promise<Map<number, number>>((resolve, reject) =>
        consumer.offsetsForTimes(
          partitions.map((partition) => ({ topic, partition, offset: timestamp })),
          timeoutMs,
          (error, offsets) => (error ? reject(error) : resolve(new Map(offsets.map((found) => [found.partition, found.offset])))),
        ),
      ),
    { timeoutMs },
  ).catch((error: unknown) => {
    throw new KafkaRequestError(`cannot look up the offsets of ${topic} at ${new Date(timestamp).toISOString()}`, error);
  });
}

/** The end offset (high watermark) of each partition now, retried while leaders move. */
export async function endOffsets(consumer: RdKafka.KafkaConsumer, topic: string, partitions: readonly number[], timeoutMs: number): Promise<Map<number, number>> {
  const ends = new Map<number, number>();
  for (const partition of partitions) {
    const high = await withRetry(
      () =>
        new Promise<number>((resolve, reject) =>
          consumer.queryWatermarkOffsets(topic, partition, timeoutMs, (error, offsets) => (error ? reject(error) : resolve(offsets.highOffset))),
        ),
      { timeoutMs },
    ).catch((error: unknown) => {
      throw new KafkaRequestError(`cannot read the end offset of ${topic} partition ${partition}`, error);
    });
    ends.set(partition, high);
  }
  return ends;
}

/**
 * Reads every partition of `options.topic` from its start or its end until `signal` aborts (or its end with
 * `stopAtEnd`), handing each batch of records to `onRecords` and awaiting it (so a slow consumer of the output slows
 * the read instead of buffering): `readPartitions` with every partition and no bound.
 */
export function readTopic(
  options: TopicReaderOptions,
  onRecords: (records: RawRecord[]) => void | Promise<void>,
  signal: AbortSignal,
): Promise<ReadSummary> {
  const { from, ...rest } = options;
  return readPartitions({ ...rest, start: from }, onRecords, signal);
}

/**
 * Reads the chosen partitions from `options.start` until every partition reached `options.until` (`endedBy: "end"`),
 * or, without a bound, until `signal` aborts (or the end, with `stopAtEnd`). Records at or past a partition's bound are
 * not handed over; the partition is paused. Throws `PartitionChoiceError` for a partition the topic lacks.
 */
export async function readPartitions(
  options: PartitionReaderOptions,
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
    await connectWithin(consumer, (timeout, done) => consumer.connect({ topic: options.topic, allTopics: false, timeout }, done), {
      brokers: options.brokers,
      config: options.settings?.config ?? {},
      timeoutMs: options.connectTimeoutMs,
    });
    connected = true;
    const existing = await topicPartitions(consumer, options);
    const partitions = choosePartitions(options, existing);
    const starts = await startOffsets(consumer, options, partitions);
    const bounds = await boundOffsets(consumer, options, partitions);
    const bound = options.until;
    const timeBound = bound !== undefined && typeof bound === "object" && "timestamp" in bound ? bound.timestamp : undefined;

    // `open`: partitions still to be read to their bound. Records are kept by their own offset and time, not by
    // `open`: the binding reports a partition's end before handing over the batch that reached it.
    const chosen = new Set(partitions);
    const open = new Set(partitions);
    const passedTime = new Set<number>();
    /** Partition → the end offset librdkafka reported when it reached the end; removed when a later record arrives. */
    const endAt = new Map<number, number>();
    /** Partitions that reached their end once (`stopAtEnd`: the end as it was when that partition was reached). */
    const reachedEnd = new Set<number>();
    const close = (partition: number) => {
      if (!open.delete(partition)) return;
      consumer.pause([{ topic: options.topic, partition }]);
    };
    // A partition whose start is already at its bound has nothing to read.
    for (const partition of partitions) {
      const limit = bounds?.get(partition);
      const start = starts.get(partition) ?? OFFSET_BEGINNING;
      if (limit !== undefined && start >= 0 && start >= limit) open.delete(partition);
    }
    consumer.on("partition.eof", (eof) => {
      endAt.set(eof.partition, eof.offset);
      reachedEnd.add(eof.partition);
      // read_committed may never deliver the last offsets (transaction markers): the end position settles it.
      const limit = bounds?.get(eof.partition);
      if (limit !== undefined && eof.offset >= limit) close(eof.partition);
    });
    consumer.assign([...open].map((partition) => ({ topic: options.topic, partition, offset: starts.get(partition) ?? OFFSET_BEGINNING })));
    consumer.setDefaultConsumeTimeout(POLL_TIMEOUT_MS);
    // Wait for the first record of a batch only: when records are there, hand over what is ready at once.
    (consumer as unknown as TimeoutOnlyForFirstMessage).setDefaultIsTimeoutOnlyForFirstMessage(true);

    let records = 0;
    while (!signal.aborted) {
      if (bound !== undefined && open.size === 0) return { partitions: partitions.length, records, endedBy: "end" };
      if (bound === undefined && options.stopAtEnd && [...open].every((partition) => reachedEnd.has(partition))) {
        return { partitions: partitions.length, records, endedBy: "end" };
      }
      // A time bound: a partition at its end once the clock passed the bound will get nothing older.
      if (timeBound !== undefined && Date.now() > timeBound) for (const partition of endAt.keys()) close(partition);
      const batch = await consumeBatch(consumer, options.batchSize ?? DEFAULT_BATCH_SIZE, (message) => warnings.note(`kafka: ${message}`));
      const kept: RawRecord[] = [];
      for (const record of batch) {
        const { partition, offset } = record;
        if (!chosen.has(partition) || passedTime.has(partition)) continue;
        if (offset >= (endAt.get(partition) ?? Infinity)) endAt.delete(partition);
        const limit = bounds?.get(partition);
        if (limit !== undefined && offset >= limit) {
          close(partition);
          continue;
        }
        if (timeBound !== undefined && record.timestamp !== undefined && record.timestamp > timeBound) {
          passedTime.add(partition);
          close(partition);
          continue;
        }
        kept.push(record);
        if (limit !== undefined && offset + 1 >= limit) close(partition);
      }
      if (kept.length === 0) continue;
      records += kept.length;
      await onRecords(kept);
    }
    return { partitions: partitions.length, records, endedBy: "stopped" };
  } finally {
    warnings.flush();
    await disconnectClient(consumer);
  }
}

/** The consumer; librdkafka checks every setting first, so a bad one is a `ClientSettingError` naming it (status 2). */
function createConsumer(options: PartitionReaderOptions): RdKafka.KafkaConsumer {
  const config = readerConfig(options);
  checkClientConfig(config, options.settings ?? NO_SETTINGS, "consumer");
  return new RdKafka.KafkaConsumer(config, { "auto.offset.reset": options.start === "end" ? "latest" : "earliest" });
}

/** A method of the binding's `KafkaConsumer` (1.10.1) that its type declarations lack. */
interface TimeoutOnlyForFirstMessage {
  setDefaultIsTimeoutOnlyForFirstMessage(isTimeoutOnlyForFirstMessage: boolean): void;
}

/** The topic's partition ids, sorted; `TopicNotFoundError` when it has none. */
async function topicPartitions(consumer: RdKafka.KafkaConsumer, options: PartitionReaderOptions): Promise<number[]> {
  let ids: number[] | null;
  try {
    ids = await topicPartitionIds(consumer, options.topic, options.connectTimeoutMs);
  } catch (error) {
    throw new KafkaRequestError(`cannot describe topic ${options.topic}`, error);
  }
  if (ids === null) throw new TopicNotFoundError(options.topic, options.brokers);
  return ids;
}

/** The partitions to read: `partitions`, else those `start.offsets` names, else all; each must exist. */
function choosePartitions(options: PartitionReaderOptions, existing: readonly number[]): number[] {
  const startOffsets = typeof options.start === "object" && "offsets" in options.start ? options.start.offsets : undefined;
  const chosen = options.partitions ?? (startOffsets ? [...startOffsets.keys()] : existing);
  const missing = chosen.filter((partition) => !existing.includes(partition));
  if (missing.length > 0) {
    throw new PartitionChoiceError(`topic ${options.topic} has no partition ${missing.join(", ")} (it has ${existing.length}: 0-${existing.length - 1})`);
  }
  if (startOffsets) {
    const unset = chosen.filter((partition) => !startOffsets.has(partition));
    if (unset.length > 0) throw new PartitionChoiceError(`no start offset for partition ${unset.join(", ")}`);
  }
  return [...new Set(chosen)].sort((a, b) => a - b);
}

/** The librdkafka start offset of each partition. */
async function startOffsets(consumer: RdKafka.KafkaConsumer, options: PartitionReaderOptions, partitions: readonly number[]): Promise<Map<number, number>> {
  const start = options.start;
  if (start === "beginning" || start === "end") return new Map(partitions.map((partition) => [partition, start === "beginning" ? OFFSET_BEGINNING : OFFSET_END]));
  if ("offsets" in start) return new Map(partitions.map((partition) => [partition, start.offsets.get(partition) ?? OFFSET_BEGINNING]));
  return offsetsForTimes(consumer, options.topic, partitions, start.timestamp, options.connectTimeoutMs);
}

/** The exclusive end offset of each partition for an offset bound (`end`: the end offsets now); none for a time bound. */
async function boundOffsets(consumer: RdKafka.KafkaConsumer, options: PartitionReaderOptions, partitions: readonly number[]): Promise<Map<number, number> | undefined> {
  const until = options.until;
  if (until === undefined || (typeof until === "object" && "timestamp" in until)) return undefined;
  if (until === "end") return endOffsets(consumer, options.topic, partitions, options.connectTimeoutMs);
  const unset = partitions.filter((partition) => !until.offsets.has(partition));
  if (unset.length > 0) throw new PartitionChoiceError(`no bound offset for partition ${unset.join(", ")}`);
  return new Map(partitions.map((partition) => [partition, until.offsets.get(partition) as number]));
}
