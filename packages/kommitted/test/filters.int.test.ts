/**
 * `--groups`, `--groups-exclude`, `--topics`, `--topics-exclude` on a real Kafka: what is filtered out is in no
 * metric, no REST answer and no health status, and a filtered-out topic is not even polled.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compilePatterns } from "../src/filters.js";
import { commitOffsets, createTopic, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

const brokers = inject("kafkaBootstrap");

describe("filters on a real Kafka 4.4 broker", () => {
  const run = unique("flt");
  const shown = `${run}-orders`;
  const hidden = `${run}-audit`;
  const [keep, keepToo, dropped, onlyHidden] = ["keep-a", "keep-b-test", "other", "keep-c"].map((g) => `${run}-${g}`) as [string, string, string, string];
  let k: RunningKommitted;

  beforeAll(async () => {
    await createTopic(brokers, shown, 1);
    await createTopic(brokers, hidden, 1);
    const p = await producer(brokers);
    await p.send(shown, Array.from({ length: 10 }, () => ({ partition: 0, timestamp: Date.now() })));
    await p.send(hidden, Array.from({ length: 10 }, () => ({ partition: 0, timestamp: Date.now() })));
    await p.close();
    await commitOffsets(brokers, keep, [{ topic: shown, partition: 0, offset: 4 }, { topic: hidden, partition: 0, offset: 1 }]);
    await commitOffsets(brokers, keepToo, [{ topic: shown, partition: 0, offset: 2 }]);
    await commitOffsets(brokers, dropped, [{ topic: shown, partition: 0, offset: 3 }]);
    await commitOffsets(brokers, onlyHidden, [{ topic: hidden, partition: 0, offset: 3 }]);
    k = await startKommitted(brokers, {
      groups: compilePatterns("--groups", [`${run}-keep-.*`]),
      groupsExclude: compilePatterns("--groups-exclude", [".*-test"]),
      topicsExclude: compilePatterns("--topics-exclude", [`${run}-audit`]),
    });
  });

  afterAll(async () => {
    await k?.stop();
  });

  it("reports only the chosen groups and topics, in metrics, REST and health", async () => {
    await waitFor("ready with the kept group", async () => ((await fetch(`${k.base}/readyz`)).status === 200 && k.monitor.snapshot?.groups.has(keep) ? true : undefined));
    const groups = (await (await fetch(`${k.base}/groups`)).json()) as { groups: { group: string; totalOffsetLag: number; status: string }[] };
    const ours = groups.groups.filter((g) => g.group.startsWith(run));
    expect(ours.map((g) => [g.group, g.totalOffsetLag])).toEqual([[keep, 6]]);
    const view = (await (await fetch(`${k.base}/groups/${keep}`)).json()) as { partitions: { topic: string }[] };
    expect(view.partitions.map((p) => p.topic)).toEqual([shown]);
    for (const g of [keepToo, dropped, onlyHidden]) expect((await fetch(`${k.base}/groups/${g}`)).status).toBe(404);

    const topics = (await (await fetch(`${k.base}/topics`)).json()) as { topics: { topic: string }[] };
    expect(topics.topics.map((t) => t.topic)).toContain(shown);
    expect(topics.topics.map((t) => t.topic)).not.toContain(hidden); // not polled at all

    const metrics = await (await fetch(`${k.base}/metrics`)).text();
    const ourLines = metrics.split("\n").filter((l) => l.includes(run));
    expect(ourLines.filter((l) => l.startsWith("kmtd_kafka_consumer_partition_lag_offset"))).toEqual([
      `kmtd_kafka_consumer_partition_lag_offset{cluster_id="kafka",group="${keep}",topic="${shown}",partition="0",member_id="",member_host="",member_client_id=""} 6`,
    ]);
    for (const name of [keepToo, dropped, onlyHidden, hidden]) expect(ourLines.filter((l) => l.includes(`"${name}"`))).toEqual([]);
    expect(ourLines.some((l) => l.startsWith(`kmtd_consumer_group_status_code{cluster_id="kafka",group="${keep}"}`))).toBe(true);
  });
});
