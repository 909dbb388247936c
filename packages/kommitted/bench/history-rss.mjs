// RSS of the real kommitted process (the package's bin, as npm's `kommitted` command runs it) with TOPICS x
// PARTITIONS_PER_TOPIC partitions that ARE written to (`npm run bench`'s partitions are idle, so each history holds one
// sample there). On a single-node Kafka (the harness): one group commits on each topic (so every partition of it is
// polled), and a producer writes sweeps, one record to every partition then a flush, as fast as the broker takes them.
// A history stores a sample per poll in which its end offset moved, two when it moved after an idle poll (the plateau
// end), so it gains min(1 / poll interval, 2 / sweep period) samples a second: the poll interval is 500ms by default
// (not 1s) so that the histories grow as fast as the sweeps allow. Every 60 s of DURATION_S: RSS (now and max) and the
// history samples held per partition (from `/topics`), for each build.
//
// Run after `npm run build`: node packages/kommitted/bench/history-rss.mjs (DURATION_S plus 2-3 minutes of set-up).
// KMTD_BENCH_CLI=PATH runs another build's bin/kommitted.js or dist/cli.js instead; KMTD_BENCH_OLD_CLI=PATH runs one
// too, side by side on the same Kafka and the same writes (e.g. main's build). Each build runs with its own defaults
// (`--history`, `--history-ready-at`). Overrides: KMTD_BENCH_TOPICS (10), KMTD_BENCH_PARTITIONS_PER_TOPIC (1000),
// KMTD_BENCH_DURATION_S (600), KMTD_BENCH_POLL_INTERVAL (500ms). MB are 10^6 bytes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { KafkaJS } from "@confluentinc/kafka-javascript";
import { encode } from "@kafkesc/konsumer-offsets";
import { startKafka } from "@kafkesc/kafka-harness";
import { ensureTopic, producerFor, runBench } from "./kafka.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const TOPICS = env("KMTD_BENCH_TOPICS", 10);
const PARTITIONS_PER_TOPIC = env("KMTD_BENCH_PARTITIONS_PER_TOPIC", 1000);
const DURATION_S = env("KMTD_BENCH_DURATION_S", 600);
const POLL_INTERVAL = process.env.KMTD_BENCH_POLL_INTERVAL ?? "500ms";
const PARTITIONS = TOPICS * PARTITIONS_PER_TOPIC;
const BUILDS = [["this build", process.env.KMTD_BENCH_CLI ?? fileURLToPath(new URL("../bin/kommitted.js", import.meta.url))]];
if (process.env.KMTD_BENCH_OLD_CLI) BUILDS.push(["other build", process.env.KMTD_BENCH_OLD_CLI]);
const OFFSETS_TOPIC = "history-rss-offsets";
const topicName = (t) => `history-rss-${t}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** RSS of a process in MB, from /proc (KiB). */
const rssOf = (pid) => (Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024) / 1e6;

/**
 * Writes sweeps until `stop()`: one record to every partition, then waits until all are delivered, so that each
 * partition's end offset moves once a sweep, as often as the broker can take it, with no backlog. Returns the stopper
 * and a counter of completed sweeps.
 */
function writeContinuously(producer) {
  let running = true;
  const counter = { sweeps: 0, stalls: 0 };
  const value = Buffer.from("x");
  const loop = (async () => {
    while (running) {
      for (let t = 0; t < TOPICS; t++) for (let p = 0; p < PARTITIONS_PER_TOPIC; p++) producer.produce(topicName(t), p, value);
      // a flush that times out (the broker stalled) only delays the next sweep: the records are still queued
      const flushed = await new Promise((resolve) => producer.flush(60_000, (e) => resolve(!e)));
      if (flushed) counter.sweeps++;
      else counter.stalls++;
    }
  })();
  return { counter, stop: async () => ((running = false), await loop) };
}

/** Starts one build against the cluster and waits until it is ready; returns its process and base URL. */
async function start(label, cli, brokers) {
  const child = spawn(process.execPath, [cli, "--brokers", brokers, "--offsets-topic", OFFSETS_TOPIC, "--host", "127.0.0.1", "--port", "0", "--poll-interval", POLL_INTERVAL], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const port = await new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-50_000);
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`${label} exited with ${code}: ${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited before ready: ${stderr}`);
    const res = await fetch(`${base}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(200);
  }
  return { label, cli, child, base, maxRss: rssOf(child.pid), readyRss: rssOf(child.pid) };
}

/** Mean and max history samples a partition, from `/topics`. */
async function historySamples(base) {
  const { topics } = await (await fetch(`${base}/topics`)).json();
  const counts = topics.flatMap((t) => t.partitions.map((p) => p.historySamples));
  return { mean: counts.reduce((a, b) => a + b, 0) / counts.length, max: Math.max(...counts), partitions: counts.length };
}

async function main() {
  console.log(`starting Kafka; ${PARTITIONS} partitions (${TOPICS} topics x ${PARTITIONS_PER_TOPIC}) each written once a sweep, ${BUILDS.length} build(s) side by side polling every ${POLL_INTERVAL} for ${DURATION_S} s`);
  const cluster = await startKafka({ nodes: 1 });
  let writer;
  const runs = [];
  try {
    const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: [cluster.bootstrapServers], logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await admin.connect();
    await ensureTopic(admin, OFFSETS_TOPIC, 1);
    for (let t = 0; t < TOPICS; t++) await ensureTopic(admin, topicName(t), PARTITIONS_PER_TOPIC);
    await admin.disconnect();
    const producer = await producerFor(cluster.bootstrapServers, { lingerMs: 50, queueMessages: 2_000_000 });
    producer.on("event.error", (error) => console.error(`producer: ${error.message}`));
    for (let t = 0; t < TOPICS; t++) {
      const key = { group: `history-rss-group-${t}`, topic: topicName(t), partition: 0 };
      const r = encode({ type: "OffsetCommit", recordType: 1, key, tombstone: false, value: { version: 4, offset: 0n, leaderEpoch: 0, metadata: "", commitTimestamp: BigInt(Date.now()), expireTimestamp: -1n } });
      producer.produce(OFFSETS_TOPIC, 0, Buffer.from(r.value), Buffer.from(r.key));
    }
    for (const [label, cli] of BUILDS) runs.push(await start(label, cli, cluster.bootstrapServers));
    for (const r of runs) console.log(`${r.label} (${r.cli}): ready, RSS ${r.readyRss.toFixed(0)} MB`);
    writer = writeContinuously(producer);
    const started = Date.now();
    for (let second = 1; second <= DURATION_S; second++) {
      await sleep(Math.max(0, started + second * 1000 - Date.now()));
      for (const r of runs) r.maxRss = Math.max(r.maxRss, rssOf(r.child.pid));
      if (second % 60 === 0 || second === DURATION_S) {
        const cells = [];
        for (const r of runs) {
          const h = await historySamples(r.base);
          cells.push(`${r.label}: RSS ${rssOf(r.child.pid).toFixed(0)} MB (max ${r.maxRss.toFixed(0)}), samples a partition mean ${h.mean.toFixed(0)} max ${h.max}`);
        }
        console.log(`${second} s, ${writer.counter.sweeps} sweeps (${((writer.counter.sweeps * PARTITIONS) / second).toFixed(0)} partition writes/s${writer.counter.stalls ? `, ${writer.counter.stalls} flushes timed out` : ""}): ${cells.join("; ")}`);
      }
    }
    await writer.stop();
    writer = undefined;
    producer.disconnect();
  } finally {
    if (writer) await writer.stop().catch(() => undefined);
    for (const r of runs) r.child.kill("SIGTERM");
    await Promise.all(runs.map((r) => new Promise((resolve) => (r.child.exitCode !== null ? resolve() : r.child.once("exit", resolve)))));
    await cluster.stop();
  }
}

runBench(main);
