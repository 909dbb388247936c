#!/usr/bin/env node
// The demo's slow consumer group (see start.mjs): reads TOPIC as GROUP, about 5 ms per record, so that lag builds
// when the wave peaks. A process of its own, so that stopping the demo never waits on a consumer leaving its group.
//
//   node scripts/demo-readers.mjs BROKERS TOPIC GROUP
import { setTimeout as sleep } from "node:timers/promises";
import kafka from "@confluentinc/kafka-javascript";

const { KafkaJS } = kafka;
const [brokers, topic, group] = process.argv.slice(2);
const consumer = new KafkaJS.Kafka({}).consumer({
  kafkaJS: { brokers: brokers.split(","), groupId: group, fromBeginning: true, logLevel: KafkaJS.logLevel.NOTHING },
  "auto.commit.interval.ms": 1000,
});
// On SIGTERM, leave the group if that is quick; the demo's cluster is deleted anyway.
process.on("SIGTERM", () => {
  setTimeout(() => process.kill(process.pid, "SIGKILL"), 2000).unref();
  void consumer.disconnect().finally(() => process.exit(0));
});
await consumer.connect();
await consumer.subscribe({ topics: [topic] });
void consumer.run({ eachMessage: async () => sleep(5) });
