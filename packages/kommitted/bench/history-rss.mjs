// RSS of the real kommitted process (dist/cli.js) with TOPICS x PARTITIONS_PER_TOPIC partitions that ARE written to
// (`npm run bench`'s partitions are idle, so each history holds one sample there). On a single-node Kafka (the
// harness): one group commits on each topic (so every partition of it is polled), a producer writes RATE records/s
// spread over every partition, and kommitted polls at POLL_INTERVAL (200ms by default instead of 1s, so that the
// histories fill and thin within a few minutes rather than 10: 600 samples take 600 moves of a partition's end offset,
// whatever the interval). Measured each second for DURATION_S after ready: RSS (max and at the end) and the history
// samples held per partition (from `/topics`).
//
// Run after `npm run build`: node packages/kommitted/bench/history-rss.mjs (about 3 minutes a build, plus Kafka).
// KMTD_BENCH_CLI=PATH runs another build's cli.js instead of this one; KMTD_BENCH_OLD_CLI=PATH runs that one too, on
// the same Kafka, right after (e.g. main's build, to compare in the same run). Each build runs with its own defaults
// (`--history`, `--history-ready-at`). Overrides: KMTD_BENCH_TOPICS (10), KMTD_BENCH_PARTITIONS_PER_TOPIC (1000),
// KMTD_BENCH_RATE (20000), KMTD_BENCH_DURATION_S (180), KMTD_BENCH_POLL_INTERVAL (200ms). MB are 10^6 bytes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RdKafka, KafkaJS } from "@confluentinc/kafka-javascript";
import { encode } from "@kafkesc/konsumer-offsets";
import { startKafka } from "@kafkesc/kafka-harness";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const TOPICS = env("KMTD_BENCH_TOPICS", 10);
const PARTITIONS_PER_TOPIC = env("KMTD_BENCH_PARTITIONS_PER_TOPIC", 1000);
const RATE = env("KMTD_BENCH_RATE", 20_000);
const DURATION_S = env("KMTD_BENCH_DURATION_S", 180);
const POLL_INTERVAL = process.env.KMTD_BENCH_POLL_INTERVAL ?? "200ms";
const PARTITIONS = TOPICS * PARTITIONS_PER_TOPIC;
const BUILDS = [["this build", process.env.KMTD_BENCH_CLI ?? fileURLToPath(new URL("../dist/cli.js", import.meta.url))]];
if (process.env.KMTD_BENCH_OLD_CLI) BUILDS.push(["other build", process.env.KMTD_BENCH_OLD_CLI]);
const OFFSETS_TOPIC = "history-rss-offsets";
const topicName = (t) => `history-rss-${t}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** RSS of a process in MB, from /proc (KiB). */
const rssOf = (pid) => (Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024) / 1e6;

/** Creates a topic and waits until every partition answers ListOffsets. */
async function ensureTopic(admin, topic, partitions) {
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], timeout: 120_000 });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await admin.fetchTopicOffsets(topic)).length === partitions) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topic ${topic} not ready`);
    await sleep(500);
  }
}

/** A connected librdkafka producer. */
function producerFor(brokers) {
  const p = new RdKafka.Producer({ "bootstrap.servers": brokers, "linger.ms": 50, "batch.num.messages": 10000, "queue.buffering.max.messages": 2_000_000, dr_cb: false });
  return new Promise((resolve, reject) => p.connect({}, (e) => (e ? reject(e) : (p.setPollInterval(50), resolve(p)))));
}

/** Writes RATE records/s round-robin over every partition until `stop()`; returns the stopper. */
function writeContinuously(producer) {
  let running = true;
  let next = 0;
  const value = Buffer.from("x");
  const loop = (async () => {
    while (running) {
      const tick = Date.now();
      for (let k = 0; k < RATE / 20; k++, next++) {
        const global = next % PARTITIONS;
        try {
          producer.produce(topicName(Math.floor(global / PARTITIONS_PER_TOPIC)), global % PARTITIONS_PER_TOPIC, value);
        } catch {
          await sleep(10); // queue full: let librdkafka drain it
        }
      }
      await sleep(Math.max(0, 50 - (Date.now() - tick)));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/** Runs one build against the cluster and prints its figures. */
async function measure(label, cli, brokers) {
  const child = spawn(process.execPath, [cli, "--brokers", brokers, "--offsets-topic", OFFSETS_TOPIC, "--host", "127.0.0.1", "--port", "0", "--poll-interval", POLL_INTERVAL], { stdio: ["ignore", "ignore", "pipe"] });
  try {
    let stderr = "";
    const port = await new Promise((resolve, reject) => {
      child.stderr.on("data", (chunk) => {
        stderr = (stderr + chunk).slice(-50_000);
        const m = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`kommitted exited with ${code}: ${stderr}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`kommitted exited before ready: ${stderr}`);
      const res = await fetch(`${base}/readyz`).catch(() => undefined);
      if (res?.status === 200) break;
      await sleep(200);
    }
    const readyRss = rssOf(child.pid);
    let maxRss = readyRss;
    const started = Date.now();
    const series = [];
    while (Date.now() - started < DURATION_S * 1000) {
      await sleep(1000);
      const rss = rssOf(child.pid);
      maxRss = Math.max(maxRss, rss);
      if (series.length % 30 === 29) series.push(`${Math.round((Date.now() - started) / 1000)} s ${rss.toFixed(0)} MB`);
      else series.push(undefined);
    }
    const { topics } = await (await fetch(`${base}/topics`)).json();
    const counts = topics.flatMap((t) => t.partitions.map((p) => p.historySamples));
    const polls = (await (await fetch(`${base}/readyz`)).json()).polls?.done;
    const endRss = rssOf(child.pid);
    console.log(
      `${label} (${cli}): ${counts.length} partitions polled every ${POLL_INTERVAL}${polls ? ` (${polls} polls since the replay)` : ""}; ` +
        `history samples a partition at the end: mean ${(counts.reduce((a, b) => a + b, 0) / counts.length).toFixed(0)}, max ${Math.max(...counts)}`,
    );
    console.log(`  RSS at ready ${readyRss.toFixed(0)} MB, max over ${DURATION_S} s of writes ${maxRss.toFixed(0)} MB, at the end ${endRss.toFixed(0)} MB; every 30 s: ${series.filter(Boolean).join(", ")}`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  }
}

async function main() {
  console.log(`starting Kafka; ${PARTITIONS} partitions (${TOPICS} topics x ${PARTITIONS_PER_TOPIC}) written at ${RATE} records/s, kommitted polling every ${POLL_INTERVAL} for ${DURATION_S} s`);
  const cluster = await startKafka({ nodes: 1 });
  let stop;
  try {
    const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: [cluster.bootstrapServers], logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await admin.connect();
    await ensureTopic(admin, OFFSETS_TOPIC, 1);
    for (let t = 0; t < TOPICS; t++) await ensureTopic(admin, topicName(t), PARTITIONS_PER_TOPIC);
    await admin.disconnect();
    const producer = await producerFor(cluster.bootstrapServers);
    producer.on("event.error", (error) => console.error(`producer: ${error.message}`));
    for (let t = 0; t < TOPICS; t++) {
      const key = { group: `history-rss-group-${t}`, topic: topicName(t), partition: 0 };
      const r = encode({ type: "OffsetCommit", recordType: 1, key, tombstone: false, value: { version: 4, offset: 0n, leaderEpoch: 0, metadata: "", commitTimestamp: BigInt(Date.now()), expireTimestamp: -1n } });
      producer.produce(OFFSETS_TOPIC, 0, Buffer.from(r.value), Buffer.from(r.key));
    }
    stop = writeContinuously(producer);
    for (const [label, cli] of BUILDS) await measure(label, cli, cluster.bootstrapServers);
    await stop();
    stop = undefined;
    producer.disconnect();
  } finally {
    if (stop) await stop();
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
