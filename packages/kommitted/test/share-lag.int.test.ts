// Share-group lag end to end on the shared Kafka 4.4 broker: N records produced, the group set to start at the
// earliest offset, M of them consumed (and acknowledged, ACCEPT) by Kafka's own ConsoleShareConsumer, which then
// closes. Its explicit acknowledgement mode acknowledges exactly the M records it printed; the records it fetched
// beyond them are released on close (or stay acquired until their lock expires): either way they are not
// acknowledged, so each partition's share start offset (SPSO) stops after the acknowledged prefix and the lag
// kommitted reports, sum over partitions of (end - SPSO), is N - M. Kafka's ShareGroupCommand gives the per-partition
// truth (START-OFFSET, LAG) that kommitted's committed offset and lag are compared with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { KafkaJS } from "@confluentinc/kafka-javascript";
import { runKafkaTool } from "@kafkesc/kafka-harness";
import type { GroupLag } from "../src/lag/snapshot.js";
import { admin, createTopic, endOffsets, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

const brokers = inject("kafkaBootstrap");
const KAFKA = "4.4.0";
// One partition: a share-partition the consumer never fetched from keeps an uninitialized start offset (-1; Kafka's
// ShareGroupCommand prints "-" and no lag), which kommitted skips, so only a fetched partition has a defined truth.
const PARTITIONS = 1;
const PER_PARTITION = 20;
const N = PARTITIONS * PER_PARTITION;
const M = 8;

/**
 * Kafka's own view of the share group: partition to START-OFFSET and LAG, from `kafka-share-groups --describe`. Kafka's
 * LAG (4.2+) is end - start offset - DeliveryCompleteCount: here nothing above the start offset is acknowledged, so it
 * must equal kommitted's.
 */
async function kafkaView(group: string, topic: string): Promise<Map<number, { start: number; lag: number }>> {
  const result = await runKafkaTool(KAFKA, "org.apache.kafka.tools.consumer.group.ShareGroupCommand", ["--bootstrap-server", brokers, "--describe", "--group", group], { timeoutMs: 60_000 });
  const lines = result.stdout.split("\n").map((l) => l.trim().split(/\s+/));
  const header = lines.find((cells) => cells.includes("START-OFFSET"));
  if (header === undefined) throw new Error(`no START-OFFSET column in:\n${result.stdout}\n${result.stderr}`);
  const [topicAt, partitionAt, startAt, lagAt] = ["TOPIC", "PARTITION", "START-OFFSET", "LAG"].map((c) => header.indexOf(c)) as [number, number, number, number];
  const view = new Map<number, { start: number; lag: number }>();
  for (const cells of lines) if (cells[topicAt] === topic) view.set(Number(cells[partitionAt]), { start: Number(cells[startAt]), lag: Number(cells[lagAt]) });
  return view;
}

describe("share-group lag from __share_group_state on a real Kafka 4.4 broker", () => {
  const topic = unique("kmtd-share");
  const group = unique("kmtd-share-g");
  let a: KafkaJS.Admin;
  let kommitted: RunningKommitted;

  beforeAll(async () => {
    a = await admin(brokers);
    await createTopic(brokers, topic, PARTITIONS);
    const prod = await producer(brokers);
    const now = Date.now();
    const records = [];
    for (let p = 0; p < PARTITIONS; p++) for (let o = 0; o < PER_PARTITION; o++) records.push({ partition: p, timestamp: now - 60_000 + o * 1000 });
    await prod.send(topic, records);
    await prod.close();
    // kommitted starts before the share group exists: on a fresh broker __share_group_state does not exist yet either
    kommitted = await startKommitted(brokers);
    const configs = await runKafkaTool(KAFKA, "org.apache.kafka.tools.ConfigCommand", [
      "--bootstrap-server", brokers, "--alter", "--entity-type", "groups", "--entity-name", group, "--add-config", "share.auto.offset.reset=earliest",
    ]);
    expect(configs.exitCode, configs.stderr).toBe(0);
    const consumed = await runKafkaTool(
      KAFKA,
      "org.apache.kafka.tools.consumer.ConsoleShareConsumer",
      ["--bootstrap-server", brokers, "--topic", topic, "--group", group, "--max-messages", String(M), "--timeout-ms", "60000"],
      { timeoutMs: 120_000 },
    );
    expect(consumed.stderr).toContain(`Processed a total of ${M} messages`);
  }, 240_000);

  afterAll(async () => {
    await kommitted?.stop();
    await a?.disconnect();
  });

  it("reports the share group with its type and an offset lag of N - M, matching Kafka's start offset and lag", async () => {
    const lag = await waitFor(
      "share lag",
      () => {
        const g = kommitted.monitor.snapshot?.groups.get(group);
        return g !== undefined && g.partitions.length === PARTITIONS && g.totalOffsetLag === N - M ? g : undefined;
      },
      90_000,
    );
    expect(lag.type).toBe("share");
    expect(kommitted.monitor.shareStateReader.started).toBe(true);
    const ends = await endOffsets(a, topic);
    const kafka = await kafkaView(group, topic);
    for (const p of lag.partitions) {
      expect(p.topic).toBe(topic);
      expect(p.committedOffset).toBe(kafka.get(p.partition)?.start);
      expect(p.offsetLag).toBe(kafka.get(p.partition)?.lag);
      expect(p.offsetLag).toBe((ends.get(p.partition) ?? 0) - p.committedOffset);
      expect(p.commitAgeMs).toBeLessThan(120_000); // the share state was written during this test
      expect(p.timeLag.ms).not.toBeNull();
    }
    expect(lag.partitions.reduce((sum, p) => sum + p.committedOffset, 0)).toBe(M);

    const view = (await (await fetch(`${kommitted.base}/groups/${encodeURIComponent(group)}`)).json()) as GroupLag;
    expect(view.type).toBe("share");
    expect(view.totalOffsetLag).toBe(N - M);
    const list = (await (await fetch(`${kommitted.base}/groups`)).json()) as unknown;
    expect(JSON.stringify(list)).toContain(group);
    const metrics = await (await fetch(`${kommitted.base}/metrics`)).text();
    for (const p of lag.partitions) {
      expect(metrics).toMatch(new RegExp(`kmtd_kafka_consumer_partition_lag_offset\\{[^}]*group="${group}",topic="${topic}",partition="${p.partition}"[^}]*\\} ${p.offsetLag}\\n`));
    }
    expect(metrics).toMatch(/kmtd_share_state_reader_records\{cluster_id="kafka"\} [1-9]/);
  });
});
