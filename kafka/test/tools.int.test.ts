/**
 * Kafka's tools (standalone, and against the shared broker) and message definitions, straight from the cached jars
 * of both pinned versions.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { readMessageDefinitions, runKafkaTool } from "../src/index.js";

describe("runKafkaTool", () => {
  it("runs a tool class of the requested version and returns its exit code and output", async () => {
    for (const version of ["4.4.0", "3.9.2"]) {
      const result = await runKafkaTool(version, "kafka.Kafka", ["--version"], { timeoutMs: 60_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain(version);
    }
  });

  it("feeds standard input: console producer to the shared broker, console consumer reads it back", async () => {
    const bootstrap = inject("kafkaBootstrap");
    const topic = `harness-console-${randomBytes(4).toString("hex")}`;
    const produced = await runKafkaTool("4.4.0", "org.apache.kafka.tools.ConsoleProducer", ["--bootstrap-server", bootstrap, "--topic", topic], { input: "first\nsecond\nthird\n" });
    expect(produced.exitCode, produced.stderr).toBe(0);
    const consumed = await runKafkaTool("4.4.0", "org.apache.kafka.tools.consumer.ConsoleConsumer", [
      "--bootstrap-server", bootstrap, "--topic", topic, "--from-beginning", "--max-messages", "3",
    ]);
    expect(consumed.exitCode, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim().split("\n")).toEqual(["first", "second", "third"]);
  });

  it("reports a failing tool's exit code and output", async () => {
    const result = await runKafkaTool("4.4.0", "org.apache.kafka.tools.ConsumerPerformance", ["--no-such-flag"]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/no-such-flag/);
  });

  it("kills a tool that outlives its timeout and throws TOOL_TIMEOUT", async () => {
    // A consumer of an unreachable broker retries forever.
    const started = Date.now();
    const error = await runKafkaTool("4.4.0", "org.apache.kafka.tools.consumer.ConsoleConsumer", ["--bootstrap-server", "127.0.0.1:1", "--topic", "t"], { timeoutMs: 3_000 })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: "TOOL_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("readMessageDefinitions", () => {
  it("reads the 44 __consumer_offsets record definitions of 4.4.0, comments stripped", async () => {
    const definitions = await readMessageDefinitions("4.4.0", "group-coordinator");
    const records = [...definitions.values()].filter((d) => {
      const type = (d as { type?: string }).type;
      return type === "coordinator-key" || type === "coordinator-value";
    });
    expect(records).toHaveLength(44);
    expect(definitions.get("OffsetCommitValue")).toMatchObject({ name: "OffsetCommitValue", validVersions: "0-4", flexibleVersions: "4+" });
    expect(definitions.get("StreamsGroupTopologyKey")).toMatchObject({ apiKey: 23 });
  });

  it("reads the consumer protocol from kafka-clients and the share state records from kafka-share-coordinator", async () => {
    const clients = await readMessageDefinitions("4.4.0", "clients");
    expect(clients.get("ConsumerProtocolSubscription")).toMatchObject({ validVersions: "0-3" });
    expect(clients.get("MetadataRequest")).toMatchObject({ apiKey: 3 });
    const share = await readMessageDefinitions("4.4.0", "share-coordinator");
    expect([...share.keys()].some((name) => name.startsWith("ShareSnapshot"))).toBe(true);
  });

  it("3.9.2: its own definitions (typed `data`, OffsetCommitValue v4 without topicId), and no share coordinator jar", async () => {
    const fieldNames = (d: unknown) => (d as { fields: Array<{ name: string }> }).fields.map((f) => f.name);
    const v39 = await readMessageDefinitions("3.9.2", "group-coordinator");
    const v44 = await readMessageDefinitions("4.4.0", "group-coordinator");
    expect(v39.size).toBe(22);
    expect(v39.get("OffsetCommitValue")).toMatchObject({ type: "data", validVersions: "0-4", flexibleVersions: "4+" });
    expect(fieldNames(v39.get("OffsetCommitValue"))).not.toContain("topicId");
    expect(fieldNames(v44.get("OffsetCommitValue"))).toContain("topicId");
    await expect(readMessageDefinitions("3.9.2", "share-coordinator")).rejects.toMatchObject({ code: "JAR_UNREADABLE" });
  });
});
