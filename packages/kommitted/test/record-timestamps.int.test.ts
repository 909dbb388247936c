/**
 * The record-timestamp fetcher on the shared real broker: a read that finds no record in its round is asked again at
 * once, still waiting since it was first asked (so readiness, which waits for the first snapshot's reads, waits for it
 * too: a slow first fetch must not make kommitted ready with lower bounds), and only a second miss makes it wait.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { RecordTimestamps } from "../src/lag/record-timestamps.js";
import { createTopic, producer, unique, waitFor } from "./kafka-helpers.js";

const brokers = inject("kafkaBootstrap");

describe("RecordTimestamps on a real broker", () => {
  const warnings: string[] = [];
  // rounds of 3 s: the first miss is seen (waitFor looks every 200 ms) long before the second round ends
  const fetcher = new RecordTimestamps({ brokers, kafkaConfig: {}, concurrency: 10, cacheSize: 100, roundTimeoutMs: 3000, retryAfterMs: 600_000, onWarning: (m) => warnings.push(m) });

  afterAll(async () => {
    await fetcher.stop();
  });

  it("asks a read that found no record again at once, pending since it was first asked; after a second miss it waits", async () => {
    const topic = unique("kmtd-ts-miss");
    await createTopic(brokers, topic, 1);
    await fetcher.start();
    fetcher.request(topic, 0, 5, 1000); // an empty partition: no record at or after offset 5 within a round
    // seen as the first miss is counted: the same read is queued again (or already in the next round), since 1000
    const afterFirst = await waitFor("the first miss", () => (fetcher.missed >= 1 ? { missed: fetcher.missed, pending: fetcher.pending, since: fetcher.pendingSince() } : undefined));
    expect(afterFirst).toEqual({ missed: 1, pending: 1, since: 1000 });
    await waitFor("the second miss", () => (fetcher.missed >= 2 ? true : undefined));
    expect([fetcher.missed, fetcher.pending, fetcher.pendingSince()]).toEqual([2, 0, undefined]);
    fetcher.request(topic, 0, 5, 5000); // within retryAfterMs: not asked again
    expect(fetcher.pending).toBe(0);

    // a record that exists is answered in its round, and the fetcher's count of misses stays where it was
    const p = await producer(brokers);
    try {
      await p.send(topic, [{ partition: 0, timestamp: 1_700_000_000_123 }]);
    } finally {
      await p.close();
    }
    fetcher.request(topic, 0, 0, 6000);
    const read = await waitFor("the record at offset 0", () => fetcher.get(topic, 0, 0));
    expect(read).toEqual({ timestamp: 1_700_000_000_123, recordOffset: 0 });
    expect([fetcher.missed, fetcher.pending, fetcher.fetched]).toEqual([2, 0, 1]);
    expect(warnings).toEqual([]);
  });
});
