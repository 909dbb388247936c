// Kafka helpers of kommitted's benchmarks (bench.mjs, history-rss.mjs): topics created and ready, a fast producer.
import { RdKafka } from "@confluentinc/kafka-javascript";

/** Creates a topic and waits until every partition answers ListOffsets (creation of many partitions takes a while). */
export async function ensureTopic(admin, topic, partitions) {
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], timeout: 120_000 });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await admin.fetchTopicOffsets(topic)).length === partitions) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topic ${topic} not ready`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A connected librdkafka producer without delivery reports, batching for throughput (`lingerMs`, `queueMessages`). */
export function producerFor(brokers, { lingerMs, queueMessages }) {
  const p = new RdKafka.Producer({ "bootstrap.servers": brokers, "linger.ms": lingerMs, "batch.num.messages": 10000, "queue.buffering.max.messages": queueMessages, dr_cb: false });
  return new Promise((resolve, reject) => p.connect({}, (e) => (e ? reject(e) : (p.setPollInterval(50), resolve(p)))));
}

/** Runs a bench's `main`, then exits: 0 when it resolves, 1 with the error printed (librdkafka's handles would keep the process alive). */
export function runBench(main) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
