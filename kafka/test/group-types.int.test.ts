/**
 * Every group type a version supports really runs on the harness's brokers: a consumer group on the KIP-848
 * protocol (Java console consumer, `group.protocol=consumer`), a share group (console share consumer, 4.0+) and a
 * streams group (Kafka's WordCountDemo with `group.protocol=streams`, 4.1+), then Kafka's own tools list each group
 * with its type. One cluster per version, one version at a time.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KafkaJS } from "@confluentinc/kafka-javascript";
import { describe, expect, it } from "vitest";
import { groupSupport, parseKafkaVersion, startKafka, type KafkaCluster, type ToolResult } from "../src/index.js";

const VERSIONS = ["3.9.2", "4.0.2", "4.1.2", "4.4.0"];

/** Group id -> type as Kafka's tools print it (`GroupsCommand` on 4.x, `ConsumerGroupCommand --list --type` on 3.x). */
async function listGroupTypes(cluster: KafkaCluster): Promise<Map<string, string>> {
  const fourX = parseKafkaVersion(cluster.version).major >= 4;
  const result = fourX
    ? await cluster.runTool("org.apache.kafka.tools.GroupsCommand", ["--bootstrap-server", cluster.bootstrapServers, "--list"])
    : await cluster.runTool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", ["--bootstrap-server", cluster.bootstrapServers, "--list", "--type"]);
  expect(result.exitCode, result.stderr).toBe(0);
  const rows = result.stdout.trim().split("\n").slice(1).map((line) => line.trim().split(/\s+/));
  return new Map(rows.map(([group = "", type = ""]) => [group, type]));
}

/** Runs `run` until `until` resolves true (polled every second), then stops the tool and returns its result. */
async function runUntil(run: (signal: AbortSignal) => Promise<ToolResult>, until: () => Promise<boolean>, timeoutMs: number): Promise<ToolResult> {
  const controller = new AbortController();
  const tool = run(controller.signal);
  const deadline = Date.now() + timeoutMs;
  let done = false;
  while (!done && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    done = await until();
  }
  controller.abort();
  const result = await tool;
  expect(done, `condition not met in ${timeoutMs} ms; tool output:\n${result.stdout}\n${result.stderr}`).toBe(true);
  return result;
}

describe.each(VERSIONS)("Kafka %s", (version) => {
  it("runs every group type it supports", async () => {
    const protocols = groupSupport(parseKafkaVersion(version)).protocols;
    const cluster = await startKafka({ version });
    const stateDir = mkdtempSync(join(tmpdir(), "kafkesc-streams-state-"));
    try {
      const bootstrap = cluster.bootstrapServers;
      // WordCountDemo's fixed topics; this cluster is ours alone.
      await cluster.createTopic("streams-plaintext-input");
      await cluster.createTopic("streams-wordcount-output");
      const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: [bootstrap], logLevel: KafkaJS.logLevel.NOTHING } });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: "streams-plaintext-input", messages: [{ value: "hello kafka" }, { value: "hello harness" }] });
      await producer.disconnect();
      const expected = new Map<string, string>();

      expect(protocols).toContain("consumer");
      const consumed = await cluster.runTool("org.apache.kafka.tools.consumer.ConsoleConsumer", [
        "--bootstrap-server", bootstrap, "--topic", "streams-plaintext-input", "--group", "g-consumer",
        "--consumer-property", "group.protocol=consumer", "--from-beginning", "--max-messages", "2",
      ]);
      expect(consumed.exitCode, consumed.stderr).toBe(0);
      // 4.4.0 prints a deprecation note for --consumer-property (now --command-property, which 4.0/4.1 lack).
      const lines = consumed.stdout.trim().split("\n").filter((line) => !/^Option .* is deprecated/.test(line));
      expect(lines.sort()).toEqual(["hello harness", "hello kafka"]);
      expected.set("g-consumer", "Consumer");

      if (protocols.includes("share")) {
        // Joins the share group, reads nothing new (share groups start at the latest offset), stops after 3 s.
        const shared = await cluster.runTool("org.apache.kafka.tools.consumer.ConsoleShareConsumer", [
          "--bootstrap-server", bootstrap, "--topic", "streams-plaintext-input", "--group", "g-share", "--timeout-ms", "3000",
        ]);
        expect(shared.exitCode, shared.stderr).toBe(0);
        expected.set("g-share", "Share");
      }

      if (protocols.includes("streams")) {
        const config = join(stateDir, "streams.properties");
        writeFileSync(config, `bootstrap.servers=${bootstrap}\napplication.id=g-streams\ngroup.protocol=streams\nstate.dir=${stateDir}\n`);
        await runUntil(
          (signal) => cluster.runTool("org.apache.kafka.streams.examples.wordcount.WordCountDemo", [config], { signal, timeoutMs: 120_000 }),
          async () => (await listGroupTypes(cluster)).get("g-streams") === "Streams",
          60_000,
        );
        expected.set("g-streams", "Streams");
      }

      const listed = await listGroupTypes(cluster);
      for (const [group, type] of expected) expect(listed.get(group), group).toBe(type);
      expect(expected.size).toBe(protocols.length - 1); // every type but classic, which needs no switch
    } finally {
      await cluster.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 240_000);
});
