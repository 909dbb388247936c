/**
 * kafka-io's seek helpers on the shared broker: `offsetsForTimes` finds the first record at or after a time (and the
 * end past the last), `endOffsets` the high watermarks, and `readPartitions` reads from per-partition offsets to a
 * bound and refuses partitions the topic lacks.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createTopic } from "../src/admin.js";
import { PartitionChoiceError, endOffsets, offsetsForTimes, readPartitions } from "../src/partition-reader.js";
import type { RawRecord } from "../src/topic-reader.js";
import { disconnectClient, readerConfig } from "../src/topic-reader.js";

const brokers = inject("kafkaBootstrap");
const topic = `kio-seek-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
/** Record i of each partition has timestamp BASE + i * 1000. */
const BASE = Date.now() - 3_600_000;
const COUNT = 5;

async function withConsumer<T>(use: (consumer: RdKafka.KafkaConsumer) => Promise<T>): Promise<T> {
  const consumer = new RdKafka.KafkaConsumer(readerConfig({ brokers, connectTimeoutMs: 30_000, isolation: "read_committed" }), {});
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 30_000 }, (error) => (error ? reject(error) : resolve())));
  try {
    return await use(consumer);
  } finally {
    await disconnectClient(consumer);
  }
}

beforeAll(async () => {
  await createTopic({ "bootstrap.servers": brokers }, topic, { partitions: 2 });
  const producer = new RdKafka.Producer({ "bootstrap.servers": brokers });
  await new Promise<void>((resolve, reject) => producer.connect({}, (error) => (error ? reject(error) : resolve())));
  for (const partition of [0, 1]) {
    for (let index = 0; index < COUNT; index++) producer.produce(topic, partition, Buffer.from(`v${index}`), Buffer.from(`k${index}`), BASE + index * 1000);
  }
  await new Promise<void>((resolve, reject) => producer.flush(30_000, (error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
});

describe("seek helpers", () => {
  it("offsetsForTimes: the first record at or after the time, -1 (the end) after the last", async () => {
    await withConsumer(async (consumer) => {
      expect(await offsetsForTimes(consumer, topic, [0, 1], BASE + 2000, 30_000)).toEqual(new Map([[0, 2], [1, 2]]));
      expect(await offsetsForTimes(consumer, topic, [0], BASE + 2001, 30_000)).toEqual(new Map([[0, 3]]));
      expect(await offsetsForTimes(consumer, topic, [1], BASE + COUNT * 1000, 30_000)).toEqual(new Map([[1, -1]]));
      expect(await endOffsets(consumer, topic, [0, 1], 30_000)).toEqual(new Map([[0, COUNT], [1, COUNT]]));
    });
  });

  it("readPartitions: from an offset per partition to a bound, then ends by itself", async () => {
    const seen: RawRecord[] = [];
    const summary = await readPartitions(
      { brokers, topic, isolation: "read_committed", connectTimeoutMs: 30_000, stopAtEnd: false, start: { offsets: new Map([[1, 1]]) }, until: { offsets: new Map([[1, 4]]) } },
      (batch) => void seen.push(...batch),
      new AbortController().signal,
    );
    expect(summary).toMatchObject({ partitions: 1, records: 3, endedBy: "end" });
    expect(seen.map((record) => [record.partition, record.offset, record.key?.toString()])).toEqual([
      [1, 1, "k1"],
      [1, 2, "k2"],
      [1, 3, "k3"],
    ]);
  });

  it("readPartitions: a partition the topic lacks is a usage error (exit status 2)", async () => {
    const reading = readPartitions(
      { brokers, topic, isolation: "read_committed", connectTimeoutMs: 30_000, stopAtEnd: true, start: "beginning", partitions: [0, 5] },
      () => undefined,
      new AbortController().signal,
    );
    await expect(reading).rejects.toBeInstanceOf(PartitionChoiceError);
    await expect(reading).rejects.toMatchObject({ code: "INVALID_PARTITION_CHOICE", exitCode: 2, message: `topic ${topic} has no partition 5 (it has 2: 0-1)` });
  });
});
