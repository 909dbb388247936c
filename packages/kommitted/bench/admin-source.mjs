// Cost of one refresh of the `admin` source (run after `npm run build`): `node packages/kommitted/bench/admin-source.mjs`.
//
// On a real single-node Kafka (the harness): GROUPS offsets-only groups, each committed on every partition of one
// topic of PARTITIONS partitions. kommitted's Admin API source (ListGroups, DescribeGroups by 100, OffsetFetch per
// group) refreshes them all, ROUNDS times per concurrency; prints the median refresh time and the requests it took.
//
// Environment: KMTD_BENCH_GROUPS (default 1000), KMTD_BENCH_PARTITIONS (default 10), KMTD_BENCH_CONCURRENCY
// (default 1,10,50).
import { startKafka } from "@kafkesc/kafka-harness";
import { commitOffsets } from "@kafkesc/kafka-io";
import { NO_FILTERS } from "../dist/filters.js";
import { GroupAdmin } from "../dist/kafka/group-admin.js";
import { AdminGroupSource, DESCRIBE_BATCH } from "../dist/offsets/admin-source.js";

const GROUPS = Number(process.env.KMTD_BENCH_GROUPS ?? 1000);
const PARTITIONS = Number(process.env.KMTD_BENCH_PARTITIONS ?? 10);
const CONCURRENCY = (process.env.KMTD_BENCH_CONCURRENCY ?? "1,10,50").split(",").map(Number);
const ROUNDS = 5;

/** Commits offset 1 of every partition for each group in `groups`, one consumer (joining nothing) at a time. */
async function commitGroups(brokers, topic, groups) {
  const offsets = Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition, offset: 1 }));
  for (const group of groups) await commitOffsets({ "bootstrap.servers": brokers }, group, offsets);
}

const cluster = await startKafka({});
try {
  const brokers = cluster.bootstrapServers;
  const topic = "bench-admin";
  await cluster.createTopic(topic, { partitions: PARTITIONS });
  const started = Date.now();
  const names = Array.from({ length: GROUPS }, (_, i) => `bench-admin-${i}`);
  const lanes = 10;
  await Promise.all(Array.from({ length: lanes }, (_, lane) => commitGroups(brokers, topic, names.filter((_, i) => i % lanes === lane))));
  console.log(`${GROUPS} groups x ${PARTITIONS} partitions committed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const admin = await GroupAdmin.connect({ brokers, kafkaConfig: { "bootstrap.servers": brokers }, connectTimeoutMs: 30_000, timeoutMs: 30_000 });
  try {
    for (const concurrency of CONCURRENCY) {
      let events = 0;
      const source = new AdminGroupSource({ admin, filters: NO_FILTERS, concurrency, onEvents: (e) => (events += e.length), onWarning: (m) => console.warn(m) });
      const times = [];
      for (let round = 0; round < ROUNDS; round++) {
        await source.refresh();
        times.push(source.stats.lastRefreshMs);
      }
      times.sort((a, b) => a - b);
      const requests = 1 + Math.ceil(source.stats.groups / DESCRIBE_BATCH) + source.stats.groups;
      console.log(
        `concurrency ${concurrency}: refresh median ${times[Math.floor(ROUNDS / 2)]} ms (min ${times[0]}, max ${times[ROUNDS - 1]}); ` +
          `${source.stats.groups} groups, ${requests} requests a refresh, ${source.stats.failures} failed; ${events} events (first refresh only: nothing moved after)`,
      );
    }
  } finally {
    await admin.disconnect();
  }
} finally {
  await cluster.stop();
}
