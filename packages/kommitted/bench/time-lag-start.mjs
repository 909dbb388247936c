// Time lag at the first scrape after ready, for a group that fell behind before kommitted started (run after
// `npm run build`): `node packages/kommitted/bench/time-lag-start.mjs`.
//
// On a real single-node Kafka (the harness): one topic of PARTITIONS partitions whose records carry producer timestamps
// (CreateTime) 2 minutes in the past, and a group committed at offset 0 of every partition. The real `kommitted`
// process (dist/cli.js) starts after that, readies after a single poll (--history-ready-at 0), and its first
// `/groups/<group>` answer is compared with the truth, once per lag mode: `auto` (the default: reads the record at
// each committed offset the history does not cover), `exact`, and `estimate` (history only, as the Rust kommitted and
// kafka-lag-exporter estimate). Prints start-to-ready time, the error per partition, the methods, and the reads.
//
// Environment: KMTD_BENCH_PARTITIONS (default 1000), KMTD_BENCH_MODES (default auto,exact,estimate).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { KafkaJS, RdKafka } from "@confluentinc/kafka-javascript";
import { startKafka } from "@kafkesc/kafka-harness";
import { commitOffsets } from "@kafkesc/kafka-io";

const PARTITIONS = Number(process.env.KMTD_BENCH_PARTITIONS ?? 1000);
const MODES = (process.env.KMTD_BENCH_MODES ?? "auto,exact,estimate").split(",");
const PER_PARTITION = 5;
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Produces PER_PARTITION records to every partition, record i of partition p stamped `ts(p, i)`. */
async function produce(brokers, topic, ts) {
  const p = new RdKafka.Producer({ "bootstrap.servers": brokers, "linger.ms": 20, dr_cb: false });
  await new Promise((resolve, reject) => p.connect({}, (e) => (e ? reject(e) : resolve())));
  for (let partition = 0; partition < PARTITIONS; partition++) {
    for (let i = 0; i < PER_PARTITION; i++) p.produce(topic, partition, Buffer.from(`r${i}`), null, ts(partition, i));
  }
  await new Promise((resolve, reject) => p.flush(60_000, (e) => (e ? reject(e) : resolve())));
  await new Promise((resolve) => p.disconnect(() => resolve()));
}

/** Commits offset 0 of every partition for `group`, without joining it. */
function commitAtStart(brokers, group, topic) {
  return commitOffsets({ "bootstrap.servers": brokers }, group, Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition, offset: 0 })));
}

/** Starts kommitted, waits for ready, reads the group once; returns the figures. */
async function firstScrape(brokers, group, mode, ts) {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, "--brokers", brokers, "--host", "127.0.0.1", "--port", "0", "--history-ready-at", "0", "--lag-mode", mode], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const port = await new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`kommitted exited with ${code}: ${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    const res = await fetch(`${base}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    if (Date.now() - started > 600_000) throw new Error("not ready after 10 minutes");
    await sleep(100);
  }
  const readyMs = Date.now() - started;
  const before = Date.now();
  const view = await (await fetch(`${base}/groups/${group}`)).json();
  const after = Date.now();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  const errors = [];
  const methods = {};
  for (const p of view.partitions) {
    methods[p.timeLag.method] = (methods[p.timeLag.method] ?? 0) + 1;
    const truth = (before + after) / 2 - ts(p.partition, p.committedOffset);
    errors.push(p.timeLag.ms === null ? Number.POSITIVE_INFINITY : p.timeLag.ms - truth);
  }
  errors.sort((a, b) => Math.abs(a) - Math.abs(b));
  return { readyMs, partitions: view.partitions.length, methods, medianError: errors[Math.floor(errors.length / 2)], worstError: errors[errors.length - 1], windowMs: after - before };
}

async function main() {
  console.log(`time lag at the first scrape after ready: ${PARTITIONS} partitions, a group committed at their start, records stamped 2 minutes ago`);
  const cluster = await startKafka({ nodes: 1 });
  try {
    const brokers = cluster.bootstrapServers;
    const topic = "lagging";
    const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], timeout: 120_000 });
    for (let i = 0; (await admin.fetchTopicOffsets(topic).catch(() => [])).length !== PARTITIONS; i++) {
      if (i > 300) throw new Error("topic not ready");
      await sleep(500);
    }
    await admin.disconnect();
    const base = Date.now() - 120_000;
    const ts = (partition, offset) => base + partition * 10 + offset;
    await produce(brokers, topic, ts);
    const group = "lagging-readers";
    await commitAtStart(brokers, group, topic);
    for (const mode of MODES) {
      const r = await firstScrape(brokers, group, mode, ts);
      const s = (ms) => `${(ms / 1000).toFixed(3)} s`;
      console.log(`--lag-mode ${mode}: ready ${s(r.readyMs)} after start; ${r.partitions} partitions; error vs truth: median ${s(r.medianError)}, worst ${s(r.worstError)} (scrape window ${r.windowMs} ms); methods ${JSON.stringify(r.methods)}`);
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
