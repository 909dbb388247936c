/**
 * `--partitioner murmur2` puts each keyed record on the partition Kafka's Java default partitioner picks:
 * `Utils.toPositive(Utils.murmur2(key)) % partitions` (clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java),
 * computed here by Kafka's own `Utils` class from the harness's jars.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, inject, test } from "vitest";
import { DEFAULT_KAFKA_VERSION, fetchKafka } from "@kafkesc/kafka-harness";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "./support/kafka.js";

const brokers = inject("kafkaBootstrap");

const JAVA_PARTITIONER = `
import org.apache.kafka.common.utils.Utils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HexFormat;

public class JavaPartition {
  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(args[0]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    StringBuilder out = new StringBuilder();
    for (String line; (line = in.readLine()) != null; ) {
      byte[] key = HexFormat.of().parseHex(line.trim());
      out.append(Utils.toPositive(Utils.murmur2(key)) % partitions).append('\\n');
    }
    System.out.print(out);
  }
}
`;

/** Partitions Kafka's Java client would pick for these keys. */
async function javaPartitions(keys: Buffer[], partitions: number): Promise<number[]> {
  const kafkaJars = await fetchKafka(DEFAULT_KAFKA_VERSION);
  const dir = mkdtempSync(join(tmpdir(), "ksunami-murmur2-"));
  writeFileSync(join(dir, "JavaPartition.java"), JAVA_PARTITIONER);
  try {
    const output = execFileSync("java", ["-cp", kafkaJars.classpath, join(dir, "JavaPartition.java"), String(partitions)], {
      input: keys.map((k) => k.toString("hex")).join("\n") + "\n",
      encoding: "utf8",
      timeout: 60_000,
    });
    return output.trim().split("\n").map(Number);
  } finally {
    rmSync(dir, { recursive: true });
  }
}

test("murmur2: every key on the partition of Java's default partitioner", async () => {
  const topic = uniqueTopic("murmur2");
  await createTopic(brokers, topic, 7);
  const result = await runKsunami(["-b", brokers, "-t", topic, "--partitioner", "murmur2", "-k", "alpha:12", "-p", "string:x",
    "--min", "300", "--max", "300", "--min-sec", "1", "--max-sec", "0", "--up", "none", "--cycles", "1", "--seed", "11"]);
  expect(result.counts?.delivered).toBe(300);
  const records = await consumeAll(brokers, topic, 7, 300);
  expect(records.length).toBe(300);
  const expected = await javaPartitions(records.map((r) => r.key!), 7);
  expect(records.map((r) => r.partition)).toEqual(expected);
  expect(new Set(expected).size).toBe(7);
});
