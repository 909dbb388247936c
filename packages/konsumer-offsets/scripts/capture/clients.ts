/**
 * librdkafka clients for the capture workloads: produce a known number of records per partition, run a consumer
 * group until it has read everything and commit exactly known offsets, commit offsets inside transactions.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { disconnectClient } from "@kafkesc/kafka-io";
import type { ExpectedCommit } from "./manifest.js";

/** How long any single workload step may take before the capture gives up on it. */
const STEP_TIMEOUT_MS = 60_000;

/** Produces `counts[p]` small records to partition `p` of `topic` and waits for every delivery. */
export async function produceRecords(brokers: string, topic: string, counts: readonly number[]): Promise<void> {
  const producer = new RdKafka.Producer({ "bootstrap.servers": brokers, dr_cb: true, "linger.ms": 5 });
  await new Promise<void>((resolve, reject) => producer.connect({ timeout: STEP_TIMEOUT_MS }, (error) => (error ? reject(error) : resolve())));
  const total = counts.reduce((sum, count) => sum + count, 0);
  let delivered = 0;
  const done = new Promise<void>((resolve, reject) => {
    producer.on("delivery-report", (error) => {
      if (error) reject(new Error(`delivery to ${topic} failed: ${error.message}`));
      delivered += 1;
      if (delivered === total) resolve();
    });
  });
  producer.setPollInterval(50);
  counts.forEach((count, partition) => {
    for (let i = 0; i < count; i += 1) producer.produce(topic, partition, Buffer.from(`record ${i} of partition ${partition}`), `k${i}`);
  });
  await withTimeout(done, `producing ${total} records to ${topic}`);
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
}

/** One member of a librdkafka consumer group. */
export interface MemberConfig {
  /** `client.id`. */
  clientId: string;
  /** `group.instance.id` for static membership. */
  groupInstanceId?: string;
}

/** A librdkafka consumer group run: members subscribe, read everything, commit what they read. */
export interface GroupRun {
  /** Bootstrap servers. */
  brokers: string;
  /** Group id. */
  group: string;
  /** Topics (or one `^regex`) to subscribe to. */
  subscription: string[];
  /** Records in each partition of each topic, as produced: the members read up to there and commit it. */
  expected: ReadonlyMap<string, readonly number[]>;
  /** Members. */
  members: MemberConfig[];
  /** Members that join once the first ones have read everything (a second rebalance, with owned partitions). */
  lateMembers?: MemberConfig[];
  /** Extra consumer settings (assignor, `group.protocol`...). */
  config: Record<string, string | number | boolean>;
  /** Commit metadata to send with every commit. */
  metadata?: string;
}

/** Runs the group until its members have read every record and committed; returns what was committed. */
export async function runConsumerGroup(run: GroupRun): Promise<ExpectedCommit[]> {
  const join = (member: MemberConfig) => {
    const consumer = createConsumer(run.brokers, {
      "group.id": run.group,
      "client.id": member.clientId,
      ...(member.groupInstanceId === undefined ? {} : { "group.instance.id": member.groupInstanceId }),
      ...run.config,
    });
    consumers.push(consumer);
    return consumer;
  };
  const consumers: RdKafka.KafkaConsumer[] = [];
  try {
    const first = run.members.map(join);
    await Promise.all(first.map((consumer) => connect(consumer)));
    for (const consumer of first) consumer.subscribe(run.subscription);
    const next = new Map<string, number>();
    const target = new Map<string, number>();
    for (const [topic, counts] of run.expected) counts.forEach((count, partition) => target.set(`${topic}\u0000${partition}`, count));
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    const poll = async () => {
      if (Date.now() > deadline) throw new Error(`group ${run.group} did not settle within ${STEP_TIMEOUT_MS} ms`);
      for (const consumer of consumers) {
        for (const message of await consumeSome(consumer)) {
          const key = `${message.topic}\u0000${message.partition}`;
          next.set(key, Math.max(next.get(key) ?? 0, message.offset + 1));
        }
      }
    };
    // Every partition read, every member holding partitions, and together exactly all of them (no rebalance in flight).
    const settled = () => {
      const owned = consumers.flatMap((consumer) => consumer.assignments().map(({ topic, partition }) => `${topic}\u0000${partition}`));
      return (
        [...target].every(([key, count]) => (next.get(key) ?? 0) >= count) &&
        consumers.every((consumer) => consumer.assignments().length > 0) &&
        owned.length === target.size &&
        new Set(owned).size === target.size &&
        owned.every((key) => target.has(key))
      );
    };
    while (!settled()) await poll();
    if (run.lateMembers && run.lateMembers.length > 0) {
      const late = run.lateMembers.map(join);
      await Promise.all(late.map((consumer) => connect(consumer)));
      for (const consumer of late) consumer.subscribe(run.subscription);
      while (!settled()) await poll();
    }
    const commits: ExpectedCommit[] = [];
    for (const consumer of consumers) {
      const owned = consumer.assignments().map(({ topic, partition }) => ({
        topic,
        partition,
        offset: target.get(`${topic}\u0000${partition}`) ?? 0,
        metadata: run.metadata ?? null,
      }));
      if (owned.length === 0) continue;
      await commitWithRetry(consumer, owned, deadline);
      // The binding hands librdkafka the metadata as a C string with its terminating NUL, and the NUL is stored too.
      const stored = run.metadata === undefined ? "" : `${run.metadata}\u0000`;
      commits.push(...owned.map((o) => ({ group: run.group, topic: o.topic, partition: o.partition, offset: o.offset, metadata: stored })));
    }
    return commits;
  } finally {
    await Promise.all(consumers.map((consumer) => disconnect(consumer)));
  }
}

/** A transactional run: a classic group reads, then commits offsets in a committed and in an aborted transaction. */
export interface TransactionalRun {
  /** Bootstrap servers. */
  brokers: string;
  /** Group whose offsets the transactions commit. */
  group: string;
  /** Topic read (one partition). */
  topic: string;
  /** Topic the transactions produce to. */
  outputTopic: string;
  /** `transactional.id`. */
  transactionalId: string;
  /** Offset committed in the transaction that commits. */
  committedOffset: number;
  /** Offset committed in the transaction that aborts. */
  abortedOffset: number;
}

/** Commits `committedOffset` in one transaction, then `abortedOffset` in one that aborts. */
export async function runTransactions(run: TransactionalRun): Promise<{ committed: ExpectedCommit; aborted: ExpectedCommit }> {
  const consumer = createConsumer(run.brokers, { "group.id": run.group, "client.id": `${run.group}-consumer` });
  const producer = new RdKafka.Producer({ "bootstrap.servers": run.brokers, "transactional.id": run.transactionalId, dr_cb: true });
  try {
    await connect(consumer);
    await new Promise<void>((resolve, reject) => producer.connect({ timeout: STEP_TIMEOUT_MS }, (error) => (error ? reject(error) : resolve())));
    producer.setPollInterval(50);
    consumer.subscribe([run.topic]);
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while (consumer.assignments().length === 0) {
      if (Date.now() > deadline) throw new Error(`transactional group ${run.group} got no assignment`);
      await consumeSome(consumer);
    }
    await call((cb) => producer.initTransactions(STEP_TIMEOUT_MS, cb));
    const inTransaction = async (offset: number, outcome: "commit" | "abort") => {
      await call((cb) => producer.beginTransaction(cb));
      producer.produce(run.outputTopic, 0, Buffer.from(`transaction ${outcome} at ${offset}`), "txn");
      await call((cb) => producer.sendOffsetsToTransaction([{ topic: run.topic, partition: 0, offset }], consumer, STEP_TIMEOUT_MS, cb));
      if (outcome === "commit") await call((cb) => producer.commitTransaction(STEP_TIMEOUT_MS, cb));
      else await call((cb) => producer.abortTransaction(STEP_TIMEOUT_MS, cb));
    };
    await inTransaction(run.committedOffset, "commit");
    await inTransaction(run.abortedOffset, "abort");
    const commit = (offset: number): ExpectedCommit => ({ group: run.group, topic: run.topic, partition: 0, offset, metadata: "" });
    return { committed: commit(run.committedOffset), aborted: commit(run.abortedOffset) };
  } finally {
    await new Promise<void>((resolve) => (producer.isConnected() ? producer.disconnect(() => resolve()) : resolve()));
    await disconnect(consumer);
  }
}

function createConsumer(brokers: string, config: Record<string, string | number | boolean>): RdKafka.KafkaConsumer {
  return new RdKafka.KafkaConsumer(
    { "bootstrap.servers": brokers, "enable.auto.commit": false, ...config } as RdKafka.ConsumerGlobalConfig,
    { "auto.offset.reset": "earliest" },
  );
}

function connect(consumer: RdKafka.KafkaConsumer): Promise<void> {
  return new Promise((resolve, reject) => {
    consumer.connect({ timeout: STEP_TIMEOUT_MS }, (error) => (error ? reject(error) : resolve()));
    consumer.setDefaultConsumeTimeout(100);
  });
}

function consumeSome(consumer: RdKafka.KafkaConsumer): Promise<RdKafka.Message[]> {
  return new Promise((resolve) => consumer.consume(100, (error, messages) => resolve(error ? [] : messages)));
}

async function commitWithRetry(
  consumer: RdKafka.KafkaConsumer,
  offsets: RdKafka.TopicPartitionOffsetAndMetadata[],
  deadline: number,
): Promise<void> {
  for (;;) {
    try {
      consumer.commitSync(offsets);
      return;
    } catch (error) {
      // A rebalance in flight makes the commit fail (illegal generation, rebalance in progress): poll and retry.
      if (Date.now() > deadline) throw error;
      await consumeSome(consumer);
    }
  }
}

/** Closes a consumer (leaving its group); bounded, since a close can hang on a group the broker never accepted. */
function disconnect(consumer: RdKafka.KafkaConsumer): Promise<void> {
  return disconnectClient(consumer, 15_000);
}

function call(start: (cb: (error: RdKafka.LibrdKafkaError | null) => void) => void): Promise<void> {
  return withTimeout(
    new Promise<void>((resolve, reject) => start((error) => (error ? reject(new Error(error.message)) : resolve()))),
    "transaction step",
  );
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
