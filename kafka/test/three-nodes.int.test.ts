/**
 * A cluster of its own: three nodes, a topic replicated on all of them, one node crashed (SIGKILL), and the
 * cluster keeps serving; the node comes back; everything is gone after `stop`.
 */
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { KafkaJS } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchMetadata, startKafka, type KafkaCluster } from "../src/index.js";

const topic = `harness-rf3-${randomBytes(4).toString("hex")}`;
let cluster: KafkaCluster;

beforeAll(async () => {
  cluster = await startKafka({ nodes: 3 });
});

afterAll(async () => {
  await cluster?.stop();
});

/** Produces `values` (acks=all) and reads every record of `topic` back from the beginning with a fresh group. */
async function produceThenConsumeAll(values: string[], expectedTotal: number): Promise<string[]> {
  const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: cluster.bootstrapServers.split(","), logLevel: KafkaJS.logLevel.NOTHING } });
  const producer = kafka.producer({ kafkaJS: { acks: -1 } });
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
  const consumer = kafka.consumer({ kafkaJS: { groupId: `harness-rf3-${randomBytes(4).toString("hex")}`, fromBeginning: true } });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  const seen: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${seen.length} of ${expectedTotal} records`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message.value?.toString() ?? "");
          if (seen.length === expectedTotal) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe("a three-node cluster", () => {
  it("lists three brokers on every node", async () => {
    expect(cluster.nodeIds).toEqual([1, 2, 3]);
    const servers = cluster.bootstrapServers.split(",");
    expect(new Set(servers).size).toBe(3);
    for (const server of servers) {
      const [host = "", port = ""] = server.split(":");
      const metadata = await fetchMetadata(host, Number(port));
      expect(metadata.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    }
  });

  it("keeps serving a replication-factor-3 topic after a node is killed, and takes the node back", async () => {
    await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": "2" } });
    const [host = "", port = ""] = (cluster.bootstrapServers.split(",")[0] ?? "").split(":");
    const described = await fetchMetadata(host, Number(port), [topic]);
    expect(described.topics[0]?.partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);

    expect(await produceThenConsumeAll(["a", "b", "c"], 3)).toHaveLength(3);

    const victim = 2;
    const pid = cluster.pids().get(victim);
    await cluster.stopNode(victim, { signal: "SIGKILL" });
    expect(cluster.pids().has(victim)).toBe(false);
    expect(() => process.kill(pid ?? -1, 0)).toThrow();

    const afterCrash = await produceThenConsumeAll(["d", "e", "f"], 6);
    expect(afterCrash.sort()).toEqual(["a", "b", "c", "d", "e", "f"]);

    await cluster.startNode(victim);
    expect(cluster.pids().has(victim)).toBe(true);
    expect(cluster.logTail(victim, 200)).toMatch(/Kafka Server started|started \(kafka\.server/);
  });

  it("deletes the topic, then stops idempotently and removes its data", async () => {
    await cluster.deleteTopic(topic);
    const pids = [...cluster.pids().values()];
    expect(pids).toHaveLength(3);
    await cluster.stop();
    await cluster.stop();
    expect(existsSync(cluster.dataDir)).toBe(false);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    await expect(cluster.createTopic("too-late")).rejects.toMatchObject({ code: "CLUSTER_STOPPED" });
  });
});
