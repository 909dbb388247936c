/**
 * Promise wrappers over the callbacks of `@confluentinc/kafka-javascript`'s native (non-promise) clients: the admin
 * client for list-offsets and topic descriptions, and helpers for the manual-assignment consumers.
 */
import { RdKafka, connectWithin, topicPartitionIds } from "@kafkesc/kafka-io";

export { consumeMessages, disconnectClient as disconnectConsumer } from "@kafkesc/kafka-io";
import { KommittedError } from "../errors.js";

/** librdkafka settings as the native clients take them. */
export type KafkaConfig = Record<string, string | number | boolean>;

/** Earliest and latest offsets of one partition, or why they could not be listed. */
export type PartitionOffsetsResult =
  | { topic: string; partition: number; ok: true; earliest: number; latest: number }
  | { topic: string; partition: number; ok: false; errorCode: number; message: string; topicMissing: boolean };

/** A partition of a topic. */
export interface TopicPartition {
  /** Topic name. */
  readonly topic: string;
  /** Partition number. */
  readonly partition: number;
}

/** What `describeTopics` tells about one topic. */
export interface TopicDescription {
  /** Topic name. */
  name: string;
  /** Topic ID in Kafka's 22-character URL-safe base64 form. */
  topicId: string;
  /** Partition numbers. */
  partitions: number[];
  /** Whether Kafka marks it internal. */
  internal: boolean;
}

/** Most partitions in one librdkafka ListOffsets call, and calls in flight at once. */
const LIST_OFFSETS_CHUNK = 250;
const LIST_OFFSETS_PARALLEL = 4;

const { ERRORS } = RdKafka.CODES;

/** Whether an error code means the topic or partition does not exist (the broker's answer, or librdkafka's own). */
export function isMissingTopicCode(code: number): boolean {
  return code === ERRORS.ERR_UNKNOWN_TOPIC_OR_PART || code === ERRORS.ERR__UNKNOWN_TOPIC || code === ERRORS.ERR__UNKNOWN_PARTITION;
}

/** Converts librdkafka's standard base64 UUID form to Kafka's URL-safe, unpadded one (as `Uuid.toString()`). */
export function kafkaUuid(base64: string): string {
  return base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A connected native admin client with promise methods. */
export class Admin {
  readonly #client: RdKafka.IAdminClient;
  readonly #timeoutMs: number;
  /**
   * Chunks of each partition list asked for, and the request list of each chunk per offset spec: a poller asks for the
   * same list at every poll, and rebuilding 10,000 request objects per poll only fed the garbage collector.
   */
  readonly #chunks = new WeakMap<readonly TopicPartition[], readonly TopicPartition[][]>();
  readonly #requests = new WeakMap<readonly TopicPartition[], Map<RdKafka.OffsetSpec, RdKafka.TopicPartitionOffsetSpec[]>>();

  private constructor(client: RdKafka.IAdminClient, timeoutMs: number) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
  }

  /** Creates the admin client (librdkafka connects lazily; errors surface on the first request). */
  static create(config: KafkaConfig, timeoutMs: number): Admin {
    return new Admin(RdKafka.AdminClient.create(config as RdKafka.GlobalConfig), timeoutMs);
  }

  /**
   * Earliest and latest offsets of many partitions across topics, in batched ListOffsets requests: chunks of up to
   * 250 partitions (librdkafka sends one request per partition leader for each), a few chunks in flight at once.
   * Chunking matters: measured on one broker with 10,000 partitions, a single librdkafka call took 2-4 s and answered
   * "not leader" for 7-8 % of them, while ten calls of 1,000 in parallel took 0.9 s with no error; and librdkafka's
   * work per call grows faster than its size (its admin thread took 7.5 % of a core at 1,000 per call, 3.4 % at 250,
   * no less at 100, polling 10,000 partitions every second; 250 also listed them fastest). If a chunk fails as a
   * whole (librdkafka fails it when one topic is unknown), its topics are retried one by one, so that a deleted topic
   * cannot hide the offsets of the others. Without `withEarliest`, only latest offsets are listed (earliest is NaN).
   */
  async listOffsets(partitions: readonly TopicPartition[], withEarliest = true): Promise<PartitionOffsetsResult[]> {
    let chunks = this.#chunks.get(partitions);
    if (chunks === undefined) {
      const made: TopicPartition[][] = [];
      for (let i = 0; i < partitions.length; i += LIST_OFFSETS_CHUNK) made.push(partitions.slice(i, i + LIST_OFFSETS_CHUNK));
      this.#chunks.set(partitions, (chunks = made));
    }
    const results: PartitionOffsetsResult[] = [];
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] as TopicPartition[];
        await this.#listOffsetsChunk(chunk, withEarliest, results);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_OFFSETS_PARALLEL, chunks.length) }, worker));
    return results;
  }

  /** Appends the offsets of one chunk to `out`; a chunk that fails as a whole is retried topic by topic. */
  async #listOffsetsChunk(partitions: readonly { topic: string; partition: number }[], withEarliest: boolean, out: PartitionOffsetsResult[]): Promise<void> {
    try {
      await this.#listOffsetsBatch(partitions, withEarliest, out);
      return;
    } catch {
      const byTopic = new Map<string, { topic: string; partition: number }[]>();
      for (const tp of partitions) {
        let list = byTopic.get(tp.topic);
        if (list === undefined) byTopic.set(tp.topic, (list = []));
        list.push(tp);
      }
      for (const list of byTopic.values()) {
        try {
          await this.#listOffsetsBatch(list, withEarliest, out);
        } catch (error) {
          const code = errorCode(error);
          for (const tp of list) {
            out.push({ ...tp, ok: false, errorCode: code, message: errorMessage(error), topicMissing: isMissingTopicCode(code) });
          }
        }
      }
    }
  }

  /**
   * Appends the offsets of one librdkafka call's partitions to `out` (nothing if the call fails as a whole: it throws).
   * Results go straight into `out`, with no array per chunk: at every poll, 10,000 partitions' worth of them.
   */
  async #listOffsetsBatch(partitions: readonly { topic: string; partition: number }[], withEarliest: boolean, out: PartitionOffsetsResult[]): Promise<void> {
    if (!withEarliest) {
      for (const l of await this.#listOffsetsAt(partitions, RdKafka.OffsetSpec.LATEST)) {
        if (l.error === undefined || l.error === null) out.push({ topic: l.topic, partition: l.partition, ok: true, earliest: Number.NaN, latest: l.offset });
        else out.push({ topic: l.topic, partition: l.partition, ok: false, errorCode: l.error.code, message: l.error.message, topicMissing: isMissingTopicCode(l.error.code) });
      }
      return;
    }
    const [earliest, latest] = await Promise.all([this.#listOffsetsAt(partitions, RdKafka.OffsetSpec.EARLIEST), this.#listOffsetsAt(partitions, RdKafka.OffsetSpec.LATEST)]);
    const earliestByKey = new Map<string, RdKafka.ListOffsetsResult>();
    for (const r of earliest) earliestByKey.set(`${r.topic}\u0000${r.partition}`, r);
    for (const l of latest) {
      const e = earliestByKey.get(`${l.topic}\u0000${l.partition}`);
      const error = l.error ?? e?.error;
      if (error !== undefined || e === undefined) {
        const code = error?.code ?? -1;
        out.push({ topic: l.topic, partition: l.partition, ok: false, errorCode: code, message: error?.message ?? "no earliest offset", topicMissing: isMissingTopicCode(code) });
      } else out.push({ topic: l.topic, partition: l.partition, ok: true, earliest: e.offset, latest: l.offset });
    }
  }

  #listOffsetsAt(partitions: readonly TopicPartition[], spec: RdKafka.OffsetSpec): Promise<RdKafka.ListOffsetsResult[]> {
    let bySpec = this.#requests.get(partitions);
    if (bySpec === undefined) this.#requests.set(partitions, (bySpec = new Map()));
    let requests = bySpec.get(spec);
    if (requests === undefined) bySpec.set(spec, (requests = partitions.map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: spec }))));
    return new Promise((resolve, reject) => {
      this.#client.listOffsets(
        requests,
        { timeout: this.#timeoutMs },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
  }

  /** Names of every topic. */
  listTopics(): Promise<string[]> {
    return new Promise((resolve, reject) => {
      this.#client.listTopics({ timeout: this.#timeoutMs }, (error, topics) =>
        error ? reject(new KommittedError("KAFKA_REQUEST_FAILED", `listTopics failed: ${error.message}`, { request: "listTopics" }, { cause: error })) : resolve(topics),
      );
    });
  }

  /**
   * Describes topics (IDs and partitions); topics that do not exist are left out. Ask it right after a `listTopics`
   * that answered (as the poller does): see {@link topicExists} for what a DescribeTopics costs with every broker down.
   */
  describeTopics(topics: readonly string[]): Promise<TopicDescription[]> {
    if (topics.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#client.describeTopics([...topics], { timeout: this.#timeoutMs }, (error, result) => {
        if (error) {
          reject(new KommittedError("KAFKA_REQUEST_FAILED", `describeTopics failed: ${error.message}`, { request: "describeTopics", topics: topics.length }, { cause: error }));
          return;
        }
        try {
          resolve(
            result
              .filter((t) => t.error === undefined || t.error === null)
              .map((t) => ({ name: t.name, topicId: kafkaUuid(uuidBase64(t.topicId)), partitions: t.partitions.map((p) => p.partition), internal: t.isInternal })),
          );
        } catch (failure) {
          reject(new KommittedError("KAFKA_REQUEST_FAILED", `unexpected describeTopics result: ${errorMessage(failure)}`, { request: "describeTopics" }, { cause: failure }));
        }
      });
    });
  }

  /**
   * Whether a topic exists, from the cluster's topic list (a Metadata request). Not DescribeTopics: with every broker
   * down, a DescribeTopics request kept librdkafka's (2.15) main and broker threads busy until it timed out, about 90 %
   * of a core (measured), and this question is asked every few seconds (`__share_group_state`).
   */
  async topicExists(topic: string): Promise<boolean> {
    return (await this.listTopics()).includes(topic);
  }

  /** Releases the client. */
  disconnect(): void {
    this.#client.disconnect();
  }
}

/**
 * Connects a native consumer within `timeoutMs` whatever librdkafka does; a refusal (credentials, TLS, SASL mechanism)
 * ends the attempt at once. Rejects with kafka-io's typed failures (`BrokersUnreachableError`, `AuthenticationError`...).
 * The connection's Metadata request names no topic (`allTopics: false`): by default the client asks for every topic
 * of the cluster and keeps its last metadata answer as JavaScript objects for the client's lifetime, even after it
 * disconnects (at 10,000 partitions: 10,100 partition objects with their replica and ISR arrays, about 5 MB of heap).
 */
export async function connectConsumer(consumer: RdKafka.KafkaConsumer, timeoutMs: number, brokers: string, config: KafkaConfig): Promise<void> {
  await connectWithin(consumer, (timeout, done) => consumer.connect({ allTopics: false, timeout }, done), { brokers, config, timeoutMs });
}

/** Partition numbers of a topic from the consumer's metadata, or null when the cluster does not know the topic. */
export async function topicPartitions(consumer: RdKafka.KafkaConsumer, topic: string, timeoutMs: number): Promise<number[] | null> {
  try {
    return await topicPartitionIds(consumer, topic, timeoutMs);
  } catch (error) {
    throw new KommittedError("KAFKA_REQUEST_FAILED", `cannot describe topic ${topic}: ${errorMessage(error)}`, { topic }, { cause: error });
  }
}

/**
 * The base64 form of a topic ID as the binding returns it: the native code sets `base64`, while the bundled type
 * declarations say `base64str`; both are accepted.
 */
function uuidBase64(uuid: RdKafka.Uuid | undefined): string {
  const value = uuid as { base64?: unknown; base64str?: unknown } | undefined;
  const text = typeof value?.base64 === "string" ? value.base64 : typeof value?.base64str === "string" ? value.base64str : undefined;
  if (text === undefined) throw new TypeError("topic description without a topic ID");
  return text;
}

function errorCode(error: unknown): number {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : -1;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
