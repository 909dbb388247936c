/**
 * The Admin API requests of the `admin` source, over `@confluentinc/kafka-javascript`'s native admin client:
 * ListGroups, DescribeGroups (many groups per request), OffsetFetch
 * (ListConsumerGroupOffsets: librdkafka takes one group per request, so several run at once) and whether the offsets
 * topic can be read (DescribeTopics with the authorized operations, KIP-430). Transient failures (a coordinator
 * loading or moving, a timeout) are retried with kafka-io's `withRetry` within the request timeout.
 *
 * What the client can see: librdkafka's ListConsumerGroups keeps only groups whose protocol type is `consumer` or
 * empty (`rd_kafka_ListConsumerGroupsResponse_parse` in librdkafka's `rdkafka_admin.c`), so classic consumer groups,
 * offsets-only groups and consumer (KIP-848) groups are listed, while share and streams groups (protocol types `share`
 * and `streams`) and Connect worker groups are not. The binding reports a protocol type of `simple` or `consumer`
 * only (from librdkafka's "simple consumer group" flag), not the broker's string.
 */
import { RdKafka, isRetriable, withRetry } from "@kafkesc/kafka-io";
import { KommittedError } from "../errors.js";
import type { AdminCommit, AdminMember } from "../offsets/admin-adapter.js";
import type { GroupType, TopicPartitions } from "../state/events.js";
import type { KafkaConfig } from "./client.js";
import { connectConsumer, disconnectConsumer } from "./client.js";

/** A group as ListGroups reports it. */
export interface ListedGroup {
  /** Group ID. */
  group: string;
  /** Group type (classic or consumer: the only ones librdkafka lists). */
  type: GroupType;
  /** Protocol type: `consumer`, or empty for offsets-only groups. */
  protocolType: string;
}

/** A group as DescribeGroups reports it: its members, or the error it was answered with. */
export type DescribedGroup = { group: string; ok: true; protocol: string | null; members: AdminMember[] } | { group: string; ok: false; message: string };

/** librdkafka's codes of a refused authorization (topic, group, cluster). */
const AUTHORIZATION_CODES = new Set([RdKafka.CODES.ERRORS.ERR_TOPIC_AUTHORIZATION_FAILED, RdKafka.CODES.ERRORS.ERR_GROUP_AUTHORIZATION_FAILED, RdKafka.CODES.ERRORS.ERR_CLUSTER_AUTHORIZATION_FAILED]);
/** KIP-430 operations: READ (3) and ALL (2) both allow reading a topic. */
const READ_OPERATIONS = new Set<number>([2, 3]);

/** How to connect a {@link GroupAdmin}. */
export interface GroupAdminOptions {
  /** Bootstrap servers (named in connection failures). */
  brokers: string;
  /** librdkafka settings: bootstrap, client ID and the user's settings. */
  kafkaConfig: KafkaConfig;
  /** Bound on connecting (ms): past it, or on a refusal (credentials, TLS), `connect` rejects with kafka-io's typed failure. */
  connectTimeoutMs: number;
  /** Bound on each request, retries included (ms). */
  timeoutMs: number;
}

/** The native admin client, with the group requests as promises. */
export class GroupAdmin {
  readonly #client: RdKafka.IAdminClient;
  readonly #timeoutMs: number;
  readonly #connection: RdKafka.KafkaConsumer;

  private constructor(client: RdKafka.IAdminClient, timeoutMs: number, connection: RdKafka.KafkaConsumer) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
    this.#connection = connection;
  }

  /**
   * Connects with the user's settings and returns the client. The admin client is made from a connected native
   * consumer (which joins no group: it only carries the connection), so that a cluster that is unreachable or
   * refuses the credentials ends here with kafka-io's typed failure (`BrokersUnreachableError`,
   * `AuthenticationError`, `TlsError`...), as the topic reader's does, instead of as timed-out requests later.
   */
  static async connect(options: GroupAdminOptions): Promise<GroupAdmin> {
    const consumer = new RdKafka.KafkaConsumer({ "group.id": `kommitted-admin-${process.pid}`, "enable.auto.commit": false, ...options.kafkaConfig } as RdKafka.ConsumerGlobalConfig, {});
    await connectConsumer(consumer, options.connectTimeoutMs, options.brokers, options.kafkaConfig);
    return new GroupAdmin(RdKafka.AdminClient.createFrom(consumer), options.timeoutMs, consumer);
  }

  /**
   * Every group of every type, and the brokers' errors (a broker that did not answer: its groups are missing, which
   * must not be read as deleted).
   */
  async listGroups(): Promise<{ groups: ListedGroup[]; errors: string[] }> {
    const result = await this.#request<{ groups: RdKafka.GroupOverview[]; errors: RdKafka.LibrdKafkaError[] }>("listGroups", {}, (done) => this.#client.listGroups({ timeout: this.#timeoutMs }, done));
    return {
      groups: result.groups.map((g) => ({ group: g.groupId, type: groupType(g.type), protocolType: g.isSimpleConsumerGroup ? "" : "consumer" })),
      errors: result.errors.map((e) => e.message),
    };
  }

  /** Members and assignments of many groups in one call (librdkafka sends one request per coordinator). */
  async describeGroups(groups: readonly string[]): Promise<DescribedGroup[]> {
    const result = await this.#request<RdKafka.GroupDescriptions>("describeGroups", { groups: groups.length }, (done) => this.#client.describeGroups([...groups], { timeout: this.#timeoutMs }, done));
    return result.groups.map((g): DescribedGroup => {
      if (g.error !== undefined && g.error !== null) return { group: g.groupId, ok: false, message: g.error.message };
      const protocol = g.partitionAssignor || g.protocol || null;
      return {
        group: g.groupId,
        ok: true,
        protocol,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          instanceId: m.groupInstanceId ?? null,
          clientId: m.clientId,
          clientHost: m.clientHost,
          assignment: byTopic(m.assignment?.topicPartitions ?? []),
        })),
      };
    });
  }

  /** Committed offsets of one group, every partition it committed (OffsetFetch without a partition list). */
  async committedOffsets(group: string): Promise<AdminCommit[]> {
    const result = await this.#request<RdKafka.GroupResults[]>("listConsumerGroupOffsets", { group }, (done) =>
      this.#client.listConsumerGroupOffsets([{ groupId: group }], { timeout: this.#timeoutMs, requireStableOffsets: false }, done),
    );
    const answer = result.find((r) => r.groupId === group);
    if (answer?.error !== undefined && answer.error !== null) throw new KommittedError("KAFKA_REQUEST_FAILED", `cannot fetch the committed offsets of group ${group}: ${answer.error.message}`, { group, code: answer.error.code });
    const commits: AdminCommit[] = [];
    for (const p of answer?.partitions ?? []) {
      // -1: no offset committed for a partition asked about (not the case without a list, but cheap to guard)
      if ((p.error !== undefined && p.error !== null) || p.offset < 0) continue;
      commits.push({ topic: p.topic, partition: p.partition, offset: p.offset, leaderEpoch: p.leaderEpoch ?? -1, metadata: p.metadata ?? "" });
    }
    return commits;
  }

  /**
   * Why this client may not read `topic`, or undefined when nothing says it may not: DescribeTopics with the
   * authorized operations (KIP-430). A refused Describe, or operations without READ or ALL, deny it. A topic that
   * does not exist (yet: Kafka creates `__consumer_offsets` with the first group) or a broker that lists no operations
   * deny nothing: the topic reader then reports what it meets.
   */
  async topicDenied(topic: string): Promise<string | undefined> {
    let result: RdKafka.TopicDescription[];
    try {
      result = await this.#request<RdKafka.TopicDescription[]>("describeTopics", { topic }, (done) => this.#client.describeTopics([topic], { includeAuthorizedOperations: true, timeout: this.#timeoutMs }, done));
    } catch (error) {
      const code = errorCodeOf((error as { cause?: unknown }).cause);
      if (code !== undefined && AUTHORIZATION_CODES.has(code)) return `describing ${topic} is not authorized`;
      throw error;
    }
    const found = result.find((t) => t.name === topic);
    if (found?.error !== undefined && found.error !== null) return AUTHORIZATION_CODES.has(found.error.code) ? `describing ${topic} is not authorized` : undefined;
    const operations = found?.authorizedOperations ?? [];
    if (operations.length === 0 || operations.some((o) => READ_OPERATIONS.has(o))) return undefined;
    return `reading ${topic} is not authorized (allowed: ${operations.map(aclOperationName).join(", ")})`;
  }

  /** Releases the client and its connection. */
  async disconnect(): Promise<void> {
    this.#client.disconnect();
    await disconnectConsumer(this.#connection);
  }

  /** One admin call as a promise, retried while the failure is transient, within the request timeout. */
  #request<T>(request: string, context: Record<string, unknown>, call: (done: (error: RdKafka.LibrdKafkaError | null | undefined, result: T) => void) => void): Promise<T> {
    return withRetry(() => new Promise<T>((resolve, reject) => call((error, result) => (error ? reject(error) : resolve(result)))), { timeoutMs: this.#timeoutMs, retryIf: isRetriable }).catch(
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
        throw new KommittedError("KAFKA_REQUEST_FAILED", `${request} failed: ${message}`, { request, ...context }, { cause: error });
      },
    );
  }
}

/** Our group type from ListGroups' (unknown from brokers before ListGroups v5, Kafka 3.8, where every group is classic). */
export function groupType(type: RdKafka.ConsumerGroupTypes): GroupType {
  return type === RdKafka.ConsumerGroupTypes.CONSUMER ? "consumer" : "classic";
}

/** The numeric code of a librdkafka error (or of the error p-retry carried), if any. */
function errorCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

/** The name of a KIP-430 operation code (`READ`, `DESCRIBE`...). */
function aclOperationName(code: number): string {
  return Object.entries(RdKafka.AclOperationTypes).find(([, value]) => value === code)?.[0] ?? String(code);
}

/** Partitions grouped by topic, sorted. */
function byTopic(partitions: readonly { topic: string; partition: number }[]): TopicPartitions[] {
  const topics = new Map<string, number[]>();
  for (const p of partitions) {
    let list = topics.get(p.topic);
    if (list === undefined) topics.set(p.topic, (list = []));
    list.push(p.partition);
  }
  return [...topics].map(([topic, list]) => ({ topic, partitions: list.sort((a, b) => a - b) }));
}
