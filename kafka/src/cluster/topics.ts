/**
 * Topic creation and deletion through the librdkafka admin client (`@confluentinc/kafka-javascript`, from kafka-io,
 * loaded on first use), each waited for until every live broker's metadata agrees, so a test can use the topic at once.
 */
import type { KafkaJS } from "@kafkesc/kafka-io";
import { KafkaHarnessError } from "../errors.js";
import { fetchMetadata, type TopicMetadata } from "./metadata.js";

/** Options of `createTopic`. */
export interface CreateTopicOptions {
  /** Partition count (default 1). */
  partitions?: number;
  /** Replicas per partition (default 1; at most the node count). */
  replicationFactor?: number;
  /** Topic configuration entries (e.g. `cleanup.policy`). */
  config?: Record<string, string>;
}

const UNKNOWN_TOPIC_OR_PARTITION = 3;
const WAIT_MS = 30_000;

/** A broker address. */
export interface BrokerAddress {
  /** Host. */
  host: string;
  /** Port. */
  port: number;
}

/** Creates and deletes topics on one cluster; `close` disconnects its admin client. */
export class TopicAdmin {
  private admin: Promise<KafkaJS.Admin> | undefined;
  private readonly bootstrapServers: string;

  constructor(bootstrapServers: string) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Creates `name`, then waits until `brokers` all report it with a leader for each partition. */
  async create(name: string, options: CreateTopicOptions, brokers: () => BrokerAddress[]): Promise<void> {
    const partitions = options.partitions ?? 1;
    const admin = await this.connect();
    try {
      await admin.createTopics({
        topics: [{
          topic: name,
          numPartitions: partitions,
          replicationFactor: options.replicationFactor ?? 1,
          configEntries: Object.entries(options.config ?? {}).map(([key, value]) => ({ name: key, value })),
        }],
        timeout: WAIT_MS,
      });
    } catch (cause) {
      throw new KafkaHarnessError("ADMIN_FAILED", `cannot create topic "${name}": ${describe(cause)}`, {}, { cause });
    }
    await waitForTopic(name, brokers, (topic) =>
      topic !== undefined && topic.errorCode === 0 && topic.partitions.length === partitions && topic.partitions.every((p) => p.leader >= 0),
    `topic "${name}" with ${partitions} partition(s) led`);
  }

  /** Deletes `name`, then waits until `brokers` all stop reporting it. */
  async delete(name: string, brokers: () => BrokerAddress[]): Promise<void> {
    const admin = await this.connect();
    try {
      await admin.deleteTopics({ topics: [name], timeout: WAIT_MS });
    } catch (cause) {
      throw new KafkaHarnessError("ADMIN_FAILED", `cannot delete topic "${name}": ${describe(cause)}`, {}, { cause });
    }
    await waitForTopic(name, brokers, (topic) => topic === undefined || topic.errorCode === UNKNOWN_TOPIC_OR_PARTITION, `topic "${name}" gone`);
  }

  /** Disconnects the admin client, if one was made. */
  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }

  private connect(): Promise<KafkaJS.Admin> {
    this.admin ??= (async () => {
      const { KafkaJS } = await import("@kafkesc/kafka-io");
      const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: this.bootstrapServers.split(","), logLevel: KafkaJS.logLevel.NOTHING } }).admin();
      await admin.connect();
      return admin;
    })();
    const pending = this.admin;
    pending.catch(() => {
      if (this.admin === pending) this.admin = undefined;
    });
    return pending.catch((cause: unknown) => {
      throw new KafkaHarnessError("ADMIN_FAILED", `cannot connect an admin client to ${this.bootstrapServers}: ${describe(cause)}`, {}, { cause });
    });
  }
}

async function waitForTopic(name: string, brokers: () => BrokerAddress[], done: (topic: TopicMetadata | undefined) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let last = "no answer yet";
  for (;;) {
    const answers = await Promise.allSettled(brokers().map((b) => fetchMetadata(b.host, b.port, [name])));
    const agreed = answers.every((answer) => answer.status === "fulfilled" && done(answer.value.topics.find((t) => t.name === name)));
    if (agreed) return;
    last = answers.map((a) => (a.status === "fulfilled" ? JSON.stringify(a.value.topics) : describe(a.reason))).join("; ");
    if (Date.now() > deadline) throw new KafkaHarnessError("ADMIN_FAILED", `waited ${WAIT_MS} ms for ${what}; brokers answered: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
