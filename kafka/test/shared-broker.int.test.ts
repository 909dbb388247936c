/**
 * The shared broker of the global setup, driven like the other packages' tests drive it: produce with librdkafka,
 * consume in a group that commits, then read the raw commit records back from `__consumer_offsets`.
 */
import { randomBytes } from "node:crypto";
import { KafkaJS } from "@confluentinc/kafka-javascript";
import { describe, expect, inject, it } from "vitest";
import { DEFAULT_KAFKA_VERSION, fetchMetadata, runKafkaTool } from "../src/index.js";

const bootstrap = inject("kafkaBootstrap");
const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(","), logLevel: KafkaJS.logLevel.NOTHING } });
const suffix = randomBytes(4).toString("hex");

/** Consumes until `count` messages arrived or `timeoutMs` passed, then disconnects. */
async function consume(consumer: KafkaJS.Consumer, topic: string, count: number, timeoutMs: number, keep: (m: KafkaJS.EachMessagePayload) => boolean = () => true) {
  const seen: KafkaJS.EachMessagePayload[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${count} messages in ${timeoutMs} ms from ${topic}`)), timeoutMs);
    void consumer.run({
      eachMessage: async (payload) => {
        if (!keep(payload)) return;
        seen.push(payload);
        if (seen.length === count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  }).finally(() => consumer.disconnect());
  return seen;
}

describe("shared broker from the global setup", () => {
  it("is the default version with one broker, also exported as $KAFKA_BOOTSTRAP", async () => {
    const [host = "", port = ""] = (bootstrap.split(",")[0] ?? "").split(":");
    const metadata = await fetchMetadata(host, Number(port));
    expect(metadata.brokers.map((b) => b.nodeId)).toEqual([1]);
    expect(process.env.KAFKA_BOOTSTRAP).toBe(bootstrap);
    expect(DEFAULT_KAFKA_VERSION).toBe("4.4.0");
  });

  it("round-trips records through a consumer group, whose commits land in __consumer_offsets", async () => {
    const topic = `harness-roundtrip-${suffix}`;
    const group = `harness-group-${suffix}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] });
    await admin.disconnect();

    const producer = kafka.producer();
    await producer.connect();
    const values = Array.from({ length: 20 }, (_, i) => `value-${i}`);
    await producer.send({ topic, messages: values.map((value, i) => ({ key: `k${i}`, value, partition: i % 2 })) });
    await producer.disconnect();

    const consumer = kafka.consumer({ kafkaJS: { groupId: group, fromBeginning: true, autoCommit: false } });
    const received = await consume(consumer, topic, values.length, 60_000);
    expect(received.map((m) => m.message.value?.toString()).sort()).toEqual([...values].sort());

    // Commit the next offset of each partition explicitly: the group coordinator writes one OffsetCommit record each.
    const committer = kafka.consumer({ kafkaJS: { groupId: group, fromBeginning: true, autoCommit: false } });
    await committer.connect();
    await committer.commitOffsets([0, 1].map((partition) => ({ topic, partition, offset: "10" })));
    await committer.disconnect();

    // Read the raw records of __consumer_offsets: the key of an offset commit holds the group and topic names.
    const reader = kafka.consumer({ kafkaJS: { groupId: `harness-reader-${suffix}`, fromBeginning: true, autoCommit: false } });
    const commits = await consume(reader, "__consumer_offsets", 2, 60_000, ({ message }) =>
      message.key !== null && message.key.includes(Buffer.from(group)) && message.key.includes(Buffer.from(topic)));
    for (const { message } of commits) {
      const key = message.key ?? Buffer.alloc(0);
      const value = message.value ?? Buffer.alloc(0);
      expect(key.length).toBeGreaterThan(2);
      expect(value.length).toBeGreaterThan(2);
      // Key type 1 (OffsetCommit); 4.4.0 writes OffsetCommitValue v4 (flexible, with the tagged topicId; seen in the captured fixtures).
      expect(key.readInt16BE(0)).toBe(1);
      expect(value.readInt16BE(0)).toBe(4);
      // Value v4: offset is the first field after the version.
      expect(value.readBigInt64BE(2)).toBe(10n);
    }
    expect(new Set(commits.map(({ message }) => message.key?.readInt32BE(message.key.length - 4))).size).toBe(2);
  });

  it("runs Kafka's own console consumer with its offsets formatter against the shared broker", async () => {
    const group = `harness-tool-${suffix}`;
    const topic = `harness-tool-topic-${suffix}`;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: "x" }] });
    await producer.disconnect();
    const committer = kafka.consumer({ kafkaJS: { groupId: group, autoCommit: false } });
    await committer.connect();
    await committer.commitOffsets([{ topic, partition: 0, offset: "1" }]);
    await committer.disconnect();

    const result = await runKafkaTool(DEFAULT_KAFKA_VERSION, "org.apache.kafka.tools.consumer.ConsoleConsumer", [
      "--bootstrap-server", bootstrap, "--topic", "__consumer_offsets", "--from-beginning", "--timeout-ms", "5000",
      "--formatter", "org.apache.kafka.tools.consumer.OffsetsMessageFormatter",
    ], { timeoutMs: 60_000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`"group":"${group}","topic":"${topic}","partition":0`);
    expect(result.stdout).toMatch(/"value":\{"version":4,"data":\{"offset":1,/);
    expect(result.stderr).not.toMatch(/ INFO /);
  });
});
