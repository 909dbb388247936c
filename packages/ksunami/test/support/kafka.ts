/** Test helpers on a real Kafka: topics, consuming everything back, and running ksunami in-process. */
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import kafka from "@confluentinc/kafka-javascript";
import { createTopic as createKafkaTopic } from "@kafkesc/kafka-io";
import type { Message, MessageHeader } from "@confluentinc/kafka-javascript";
import { parseCommandLine } from "../../src/command-line.js";
import type { RunHooks, RunResult } from "../../src/run.js";
import { prepareRun, runWave } from "../../src/run.js";

/** A unique topic name. */
export const uniqueTopic = (prefix: string): string => `ksunami-${prefix}-${randomBytes(4).toString("hex")}`;

/** Creates a topic (replication factor 1), visible to every client once this resolves. */
export function createTopic(brokers: string, topic: string, partitions: number, config: Record<string, string> = {}): Promise<void> {
  return createKafkaTopic({ "bootstrap.servers": brokers }, topic, { partitions, config });
}

/** A record as consumed back. */
export interface ConsumedRecord {
  readonly partition: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** CreateTime (ksunami's intended send time) or LogAppendTime, by the topic's setting. */
  readonly timestamp: number;
  readonly headers: MessageHeader[];
}

/**
 * Consumes every partition of `topic` from the start until `expected` records came or nothing came for `idleMs`.
 * `config`: more consumer settings (e.g. `isolation.level`; librdkafka's default is read_committed).
 */
export async function consumeAll(brokers: string, topic: string, partitions: number, expected: number, idleMs = 5000, config: Record<string, string> = {}): Promise<ConsumedRecord[]> {
  const consumer = new kafka.KafkaConsumer(
    { "bootstrap.servers": brokers, "group.id": uniqueTopic("group"), "enable.auto.commit": false, "fetch.wait.max.ms": 50, ...config },
    { "auto.offset.reset": "earliest" },
  );
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 20_000 }, (error) => (error ? reject(error) : resolve())));
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 0 })));
  const records: ConsumedRecord[] = [];
  let lastData = Date.now();
  while (records.length < expected && Date.now() - lastData < idleMs) {
    const batch = await new Promise<Message[]>((resolve, reject) => consumer.consume(10_000, (error, messages) => (error ? reject(error) : resolve(messages))));
    if (batch.length > 0) lastData = Date.now();
    for (const m of batch) {
      records.push({ partition: m.partition, key: (m.key as Buffer | null | undefined) ?? null, value: m.value, timestamp: m.timestamp ?? -1, headers: m.headers ?? [] });
    }
  }
  await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  return records;
}

/** Runs ksunami in-process with these flags (quiet), until its end or `signal`. */
export async function runKsunami(argv: string[], signal: AbortSignal = new AbortController().signal, hooks: RunHooks = {}): Promise<RunResult> {
  const parsed = parseCommandLine([...argv, "-q"], {});
  if (parsed.kind !== "options") throw new Error(`unexpected ${parsed.kind}`);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return runWave(prepareRun(parsed.options), { stdout: sink, stderr: sink }, signal, hooks);
}
