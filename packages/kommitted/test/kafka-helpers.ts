// Integration-test helpers: produce with known timestamps, commit known offsets, run live group members, admin ops.
import { KafkaJS, RdKafka } from "@confluentinc/kafka-javascript";
import { commitOffsets as commitGroupOffsets, createTopic as createKafkaTopic } from "@kafkesc/kafka-io";

/** A unique name for topics and groups on the shared broker. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** KafkaJS-compatible admin (fine for test setup). */
export async function admin(brokers: string): Promise<KafkaJS.Admin> {
  const a = new KafkaJS.Kafka({ kafkaJS: { brokers: brokers.split(","), logLevel: KafkaJS.logLevel.NOTHING } }).admin();
  await a.connect();
  return a;
}

/** Creates a topic (replication factor 1) through kafka-io, visible to every client once this resolves. */
export function createTopic(brokers: string, topic: string, partitions: number): Promise<void> {
  return createKafkaTopic({ "bootstrap.servers": brokers }, topic, { partitions });
}

/** True end offsets of a topic (partition to latest offset). */
export async function endOffsets(a: KafkaJS.Admin, topic: string): Promise<Map<number, number>> {
  const offsets = await a.fetchTopicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
}

/** A native producer; `send` writes records with explicit timestamps and resolves once all are acknowledged. */
export async function producer(brokers: string): Promise<{ send(topic: string, records: { partition: number; timestamp: number }[]): Promise<void>; close(): Promise<void> }> {
  const p = new RdKafka.Producer({ "bootstrap.servers": brokers, dr_cb: true, "linger.ms": 5, acks: -1 } as RdKafka.ProducerGlobalConfig);
  let pending = 0;
  let failed: Error | undefined;
  let drained: (() => void) | undefined;
  p.on("delivery-report", (error) => {
    if (error) failed = new Error(error.message);
    pending--;
    if (pending === 0) drained?.();
  });
  await new Promise<void>((resolve, reject) => p.connect({}, (error) => (error ? reject(error) : resolve())));
  p.setPollInterval(10);
  return {
    async send(topic, records) {
      const done = new Promise<void>((resolve) => (drained = resolve));
      pending += records.length;
      for (const r of records) p.produce(topic, r.partition, Buffer.from(`v-${r.timestamp}`), null, r.timestamp);
      p.flush(10_000);
      await done;
      if (failed) throw failed;
    },
    close: () => new Promise<void>((resolve) => p.disconnect(() => resolve())),
  };
}

/** Commits offsets for a group without joining it (an offsets-only group, as a stopped consumer leaves behind), through kafka-io. */
export function commitOffsets(brokers: string, group: string, offsets: { topic: string; partition: number; offset: number }[]): Promise<void> {
  return commitGroupOffsets({ "bootstrap.servers": brokers }, group, offsets);
}

/** A live group member that subscribes, reads and commits up to `limit` records, then stays in the group idle. */
export async function member(
  brokers: string,
  group: string,
  topic: string,
  protocol: "classic" | "consumer",
  clientId: string,
): Promise<{ consumed(): number; stop(): Promise<void> }> {
  const conf: Record<string, string | number | boolean> = {
    "bootstrap.servers": brokers,
    "group.id": group,
    "client.id": clientId,
    "group.protocol": protocol,
    "enable.auto.commit": true,
    "auto.commit.interval.ms": 200,
    "auto.offset.reset": "earliest",
  };
  if (protocol === "classic") conf["session.timeout.ms"] = 10_000;
  const c = new RdKafka.KafkaConsumer(conf as RdKafka.ConsumerGlobalConfig, { "auto.offset.reset": "earliest" });
  await new Promise<void>((resolve, reject) => c.connect({}, (error) => (error ? reject(error) : resolve())));
  c.subscribe([topic]);
  c.setDefaultConsumeTimeout(100);
  let consumed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const batch = await new Promise<RdKafka.Message[]>((resolve) => c.consume(100, (error, messages) => resolve(error ? [] : messages)));
      consumed += batch.length;
    }
  })();
  return {
    consumed: () => consumed,
    async stop() {
      running = false;
      await loop;
      await new Promise<void>((resolve) => c.disconnect(() => resolve()));
    },
  };
}

/** Waits until `check` returns a value (not undefined), polling every 200 ms. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
