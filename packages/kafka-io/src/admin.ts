/**
 * Topic creation, offset reads and commits on the native clients, written once for the tools, their tests and scripts:
 * `createTopic` returns once every broker's metadata shows the topic, `watermarks` retries while a leader is elected,
 * `commitOffsets` commits for a group without joining it, retried while its coordinator is found.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { KafkaRequestError } from "./errors.js";
import { withRetry } from "./retry.js";
import { disconnectClient } from "./topic-reader.js";

/** What `createTopic` creates. */
export interface NewTopic {
  /** Partitions (default 1). */
  readonly partitions?: number;
  /** Replication factor (default 1). */
  readonly replicationFactor?: number;
  /** Topic configs (`cleanup.policy`, `message.timestamp.type`...). */
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * Creates a topic and waits until a client sees all its partitions with a leader (a freshly created topic is absent
 * from some brokers' metadata for a moment). `client`: librdkafka settings, at least `bootstrap.servers`.
 */
export async function createTopic(client: Readonly<Record<string, string | number | boolean>>, topic: string, options: NewTopic = {}, timeoutMs = 30_000): Promise<void> {
  const admin = RdKafka.AdminClient.create(client as RdKafka.GlobalConfig);
  try {
    await new Promise<void>((resolve, reject) =>
      admin.createTopic(
        { topic, num_partitions: options.partitions ?? 1, replication_factor: options.replicationFactor ?? 1, config: { ...options.config } },
        timeoutMs,
        (error) => (error ? reject(new KafkaRequestError(`cannot create topic ${topic}`, error)) : resolve()),
      ),
    );
  } finally {
    admin.disconnect();
  }
  const partitions = options.partitions ?? 1;
  const producer = new RdKafka.Producer(client as RdKafka.ProducerGlobalConfig);
  try {
    await new Promise<void>((resolve, reject) => producer.connect({ timeout: timeoutMs }, (error) => (error ? reject(error) : resolve())));
    await withRetry(
      () =>
        new Promise<void>((resolve, reject) =>
          producer.getMetadata({ topic, timeout: 5000 }, (error, metadata) => {
            const found = metadata?.topics.find((t) => t.name === topic);
            if (error) reject(error);
            else if (found === undefined || found.partitions.length < partitions || found.partitions.some((p) => p.leader < 0)) reject(new Error(`topic ${topic} not visible yet`));
            else resolve();
          }),
        ),
      { timeoutMs, retryIf: () => true },
    );
  } finally {
    await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  }
}

/** Low and high watermarks of one partition. */
export interface Watermarks {
  /** Earliest offset still in the log. */
  readonly low: number;
  /** Offset the next record will get (the end). */
  readonly high: number;
}

/**
 * Earliest and end offsets of one partition through a connected consumer, retried with backoff while the cluster
 * moves (no leader yet, leader moving, timeouts) for up to `timeoutMs`.
 */
export function watermarks(consumer: RdKafka.KafkaConsumer, topic: string, partition: number, timeoutMs: number): Promise<Watermarks> {
  return withRetry(
    () =>
      new Promise<Watermarks>((resolve, reject) =>
        consumer.queryWatermarkOffsets(topic, partition, timeoutMs, (error, offsets) => (error ? reject(error) : resolve({ low: offsets.lowOffset, high: offsets.highOffset }))),
      ),
    { timeoutMs },
  ).catch((error: unknown) => {
    throw new KafkaRequestError(`cannot read the offsets of ${topic} partition ${partition}`, error);
  });
}

/** One position to commit: `offset` is the next record the group will read in that partition. */
export interface CommitPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/**
 * Commits `offsets` for `group` without joining it (what a stopped consumer leaves behind), retried with backoff for
 * up to `timeoutMs` while a fresh group's coordinator is not known or still loading (NOT_COORDINATOR,
 * COORDINATOR_LOAD_IN_PROGRESS). `client`: librdkafka settings, at least `bootstrap.servers`.
 */
export async function commitOffsets(client: Readonly<Record<string, string | number | boolean>>, group: string, offsets: readonly CommitPosition[], timeoutMs = 30_000): Promise<void> {
  const consumer = new RdKafka.KafkaConsumer({ ...client, "group.id": group, "enable.auto.commit": false } as RdKafka.ConsumerGlobalConfig, {});
  try {
    await new Promise<void>((resolve, reject) => consumer.connect({ timeout: timeoutMs }, (error) => (error ? reject(error) : resolve())));
    await withRetry(async () => consumer.commitSync(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }))), { timeoutMs, retryIf: () => true });
  } catch (error) {
    throw new KafkaRequestError(`cannot commit the offsets of group ${group}`, error);
  } finally {
    await disconnectClient(consumer);
  }
}
