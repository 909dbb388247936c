// ksunami benchmark (`npm run bench -w packages/ksunami`, after `npm run build`):
// 1. throughput next to Kafka's own ProducerPerformance on the same local single-node Kafka in the same run: each
//    writes RECORDS records of 100 B as fast as it can to a 6-partition topic, with the same producer settings
//    (`acks=1`, `linger.ms=5`, no compression, each client's default batching); rate = records found in the topic
//    afterwards / the process's wall time (start to exit, both sides: start-up, connecting and the final flush
//    included). Rounds alternate (ours, peer, peer, ours, peer, peer; the peer with two sets of JVM flags, see
//    PEER_JVMS); the best round of each side is compared. Peak RSS of each.
//    Also ksunami's steady rate on librdkafka's mock cluster (no broker), where the Rust ksunami 0.1.10 reached about 200 k records/s at most.
// 2. pacing error per 100 ms and per 1 s window at 1k, 10k and 100k records/s: send side (when ksunami handed
//    records to the client) and broker side (LogAppendTime of the records consumed back).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import kafka from "@confluentinc/kafka-javascript";
import { fetchKafka, startKafka } from "@kafkesc/kafka-harness";
import { WavePlan, parseCommandLine, prepareRun, runWave } from "../dist/index.js";
import { record } from "../../../scripts/bench-results.mjs";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const seconds = Number(process.env.KSUNAMI_BENCH_SECONDS ?? 10);
const RECORDS = Number(process.env.KSUNAMI_BENCH_RECORDS ?? 3_000_000);
/** Producer settings given to both sides. */
const SETTINGS = { acks: "1", "linger.ms": "5" };
/**
 * The peer's JVM flags, both measured (the faster one is the peer's figure): those of Kafka's own
 * `kafka-producer-perf-test.sh` (kafka-run-class.sh defaults: G1, full JIT, 512 MB heap), and the harness's tool flags
 * (serial GC, client compiler only), which start faster and, on a busy 2-core machine, often run faster too.
 */
const PEER_JVMS = {
  script: ["-Xmx512M", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true"],
  "c1-serial": ["-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"],
};

/** Headline figures for `npm run bench`'s table (scripts/bench-table.mjs), recorded once the measurements are done. */
const figures = {};
const cluster = await startKafka({ nodes: 1 });
const brokers = cluster.bootstrapServers;
try {
  console.log(`ksunami benchmark: Kafka ${cluster.version}, one node at ${brokers}; Node ${process.version}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  // KSUNAMI_BENCH_ONLY=rate or =pacing runs one half.
  const only = process.env.KSUNAMI_BENCH_ONLY;
  if (only !== "pacing") {
    const rounds = [];
    for (const side of ["ksunami", "script", "c1-serial", "ksunami", "c1-serial", "script"]) rounds.push(side === "ksunami" ? await ksunamiRound() : await peerRound(side));
    const best = (side) => rounds.filter((r) => r.side === side).sort((a, b) => b.rate - a.rate)[0];
    const ours = best("ksunami");
    const peer = best("peer");
    console.log("");
    console.log(`| ${RECORDS / 1e6} M records of 100 B, acks=1, linger.ms=5 | ksunami | Kafka ProducerPerformance | ratio |`);
    console.log("|---|---|---|---|");
    console.log(`| records/s (in topic / wall time), best round | ${fmt(ours.rate)} | ${fmt(peer.rate)} (JVM flags: ${peer.flags}) | ${(ours.rate / peer.rate).toFixed(2)}x |`);
    console.log(`| peak RSS | ${ours.rss} MiB | ${peer.rss} MiB | ${(ours.rss / peer.rss).toFixed(2)}x |`);
    console.log(`| every round, records/s | ${rounds.filter((r) => r.side === "ksunami").map((r) => fmt(r.rate)).join(", ")} | ${rounds.filter((r) => r.side === "peer").map((r) => `${fmt(r.rate)} (${r.flags})`).join(", ")} | |`);
    console.log("");
    const note = `${RECORDS / 1e6} M records of 100 B, acks=1, linger.ms=5`;
    const ourRounds = rounds.filter((r) => r.side === "ksunami");
    figures["produce-rate"] = { ours: ours.rate, peer: peer.rate, peerName: `ProducerPerformance (${peer.flags} JVM flags)`, note };
    const mb = (mib) => mib * 1.048576; // the table's MB are 10^6 bytes, as issue #14's "RSS < 300 MB"
    // Our worst round beside the peer's leanest (its JVM flags differ by round: G1 with a 512 MB heap takes far more).
    const leanest = rounds.filter((r) => r.side === "peer").sort((a, b) => a.rss - b.rss)[0];
    figures.rss = { ours: mb(Math.max(...ourRounds.map((r) => r.rss))), peer: mb(leanest.rss), peerName: `ProducerPerformance (${leanest.flags} JVM flags)` };
    // Every record counted in every round: produced = delivered + failed, and delivered = in the topic (missing when a
    // round printed no summary).
    if (ourRounds.every((r) => r.uncounted !== undefined)) figures.uncounted = { ours: ourRounds.reduce((sum, r) => sum + r.uncounted, 0), note: `${ourRounds.length} rounds` };
    figures["mock-rate"] = await maxRate("librdkafka mock cluster (where the Rust ksunami reached ~200 k/s)", ["-c", "test.mock.num.brokers:1"]);
  }
  if (only !== "rate") for (const rate of [1_000, 10_000, 100_000]) await pacing(rate);
} finally {
  await cluster.stop();
}
record("ksunami", figures);

/** Runs `command args` to its end: wall time (s), peak RSS (MiB), standard error. */
async function timed(command, args) {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const peak = watchPeakRss(child.pid);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  return { code, wall: (performance.now() - started) / 1000, rss: peak(), stdout, stderr };
}

/** One ksunami round: RECORDS records due at once (--max-lag covers them all), sent as fast as the client takes them. */
async function ksunamiRound() {
  const topic = `bench-ksunami-${Date.now()}`;
  await cluster.createTopic(topic, { partitions: 6 });
  const config = Object.entries(SETTINGS).flatMap(([k, v]) => ["-c", `${k}:${v}`]);
  const run = await timed(process.execPath, [cli, "-b", brokers, "-t", topic, "-p", "bytes:100", "--min", String(RECORDS), "--max", String(RECORDS),
    "--duration", "1", "--max-lag", "3600", ...config]);
  const found = await recordsIn(topic);
  const summary = /produced ([\d,]+) = delivered ([\d,]+) \+ failed ([\d,]+)/.exec(run.stderr);
  const rate = found / run.wall;
  const counts = summary?.slice(1, 4).map((n) => Number(n.replaceAll(",", "")));
  const uncounted = counts === undefined ? undefined : Math.abs(counts[0] - counts[1] - counts[2]) + Math.abs(counts[1] - found);
  console.log(`ksunami: ${fmt(found)} records in the topic in ${run.wall.toFixed(2)} s = ${fmt(rate)} rec/s; produced ${summary?.[1]} = delivered ${summary?.[2]} + failed ${summary?.[3]}; exit ${run.code}; peak RSS ${run.rss} MiB; load ${loadavg()[0].toFixed(1)}`);
  return { side: "ksunami", rate, rss: run.rss, uncounted };
}

/** One round of Kafka's own ProducerPerformance (Java, one sending thread) with the JVM flags of its script. */
async function peerRound(flags) {
  const topic = `bench-peer-${Date.now()}`;
  await cluster.createTopic(topic, { partitions: 6 });
  const { classpath } = await fetchKafka(cluster.version);
  const props = Object.entries({ "bootstrap.servers": brokers, ...SETTINGS }).map(([k, v]) => `${k}=${v}`);
  const run = await timed(process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : "java", [...PEER_JVMS[flags], "-cp", classpath, "org.apache.kafka.tools.ProducerPerformance",
    "--topic", topic, "--num-records", String(RECORDS), "--record-size", "100", "--throughput", "-1", "--producer-props", ...props]);
  const found = await recordsIn(topic);
  const line = run.stdout.trim().split("\n").filter((l) => l.includes("records sent")).at(-1);
  const rate = found / run.wall;
  console.log(`ProducerPerformance (${flags} JVM flags): ${fmt(found)} records in the topic in ${run.wall.toFixed(2)} s = ${fmt(rate)} rec/s; its own line: ${line ?? `exit ${run.code}: ${run.stderr.slice(-400)}`}; peak RSS ${run.rss} MiB; load ${loadavg()[0].toFixed(1)}`);
  return { side: "peer", flags, rate, rss: run.rss };
}

/** Records in `topic`: the sum of its partitions' end offsets. */
async function recordsIn(topic) {
  const admin = new kafka.KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: kafka.KafkaJS.logLevel.NOTHING } }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Highest steady rate: ksunami asked for 2 M rec/s (beyond reach) for `seconds`; median of its per-second status after
 * warm-up. Returns that figure for the summary table.
 */
async function maxRate(where, extraFlags) {
  const topic = `bench-max-${Date.now()}`;
  const child = spawn(process.execPath, [cli, "-b", brokers, "-t", topic, "-p", "bytes:100", "--min", "2000000", "--max", "2000000",
    "--duration", String(seconds), "--max-lag", "0.2", ...extraFlags], { stdio: ["ignore", "ignore", "pipe"] });
  const peak = watchPeakRss(child.pid);
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  const rates = stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l).status?.achievedRate).filter((r) => r !== undefined);
  const steady = rates.slice(2, -1).sort((a, b) => a - b);
  const summary = /produced ([\d,]+) = delivered ([\d,]+) \+ failed ([\d,]+)/.exec(stderr);
  console.log(`ksunami max steady rate on the ${where} (100 B payloads, ${seconds} s): median ${fmt(steady[Math.floor(steady.length / 2)])} rec/s, ` +
    `best second ${fmt(steady.at(-1))} rec/s; produced ${summary?.[1]} = delivered ${summary?.[2]} + failed ${summary?.[3]}; exit ${code}; peak RSS ${peak()} MiB`);
  return { ours: steady[Math.floor(steady.length / 2)], note: `${seconds} s, 100 B payloads; Rust ksunami 0.1.10: about 200 k/s at most, measured earlier` };
}

/** Pacing error at a constant rate for `seconds` (LogAppendTime topic). */
async function pacing(rate) {
  const topic = `bench-pacing-${rate}-${Date.now()}`;
  await cluster.createTopic(topic, { partitions: 3, config: { "message.timestamp.type": "LogAppendTime" } });
  const duration = Math.min(seconds, 6);
  const parsed = parseCommandLine(["-b", brokers, "-t", topic, "-p", "bytes:100", "--min", String(rate), "--max", String(rate), "--min-sec", "3600",
    "--max-sec", "0", "--up", "none", "--duration", String(duration), "-q"]);
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const batches = [];
  const result = await runWave(prepareRun(parsed.options), { stdout: sink, stderr: sink }, new AbortController().signal, {
    onBatch: (at, n) => batches.push([at, n]),
  });
  const plan = new WavePlan(parsed.options.wave);
  const appended = await consumeTimestamps(topic, 3, result.counts.delivered);
  const broker = appended.map((ts) => [(ts - result.startEpochMs) / 1000, 1]);
  const err = (events, window) => worst(events, plan, duration, window);
  console.log(`pacing at ${fmt(rate)} rec/s for ${duration} s: delivered ${fmt(result.counts.delivered)} of ${fmt(result.progress.due)} due, skipped ${result.progress.skipped}; ` +
    `worst window error, send side: ${err(batches, 0.1)} per 100 ms, ${err(batches, 1)} per 1 s; broker side: ${err(broker, 0.1)} per 100 ms, ${err(broker, 1)} per 1 s; ` +
    `latency p50 ${result.stats.total.latency.percentile(0.5)} ms, p99 ${result.stats.total.latency.percentile(0.99)} ms`);
}

function worst(events, plan, duration, window) {
  const windows = Math.floor(duration / window + 1e-9);
  const counts = new Array(windows).fill(0);
  for (const [at, n] of events) {
    const w = Math.floor(at / window);
    if (w >= 0 && w < windows) counts[w] += n;
  }
  const errors = counts.map((c, w) => Math.abs(c - (plan.areaAt((w + 1) * window) - plan.areaAt(w * window))) / (plan.areaAt((w + 1) * window) - plan.areaAt(w * window)));
  const sorted = [...errors].sort((a, b) => a - b);
  const pct = (v) => `${(v * 100).toFixed(2)} %`;
  return `${pct(sorted.at(-1))} (p95 ${pct(sorted[Math.floor(sorted.length * 0.95)])})`;
}

async function consumeTimestamps(topic, partitions, expected) {
  const consumer = new kafka.KafkaConsumer({ "bootstrap.servers": brokers, "group.id": `bench-${Date.now()}`, "enable.auto.commit": false }, { "auto.offset.reset": "earliest" });
  await new Promise((resolve, reject) => consumer.connect({ timeout: 20_000 }, (e) => (e ? reject(e) : resolve())));
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 0 })));
  const timestamps = [];
  let last = Date.now();
  while (timestamps.length < expected && Date.now() - last < 10_000) {
    const batch = await new Promise((resolve, reject) => consumer.consume(10_000, (e, m) => (e ? reject(e) : resolve(m))));
    if (batch.length) last = Date.now();
    for (const m of batch) timestamps.push(m.timestamp);
  }
  await new Promise((resolve) => consumer.disconnect(() => resolve()));
  return timestamps;
}

/** Polls a process's peak resident set (VmHWM) until it exits; returns a reader of the last value in MiB. */
function watchPeakRss(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      clearInterval(timer);
    }
  }, 100);
  return () => Math.round(peak);
}

function fmt(n) {
  return n === undefined ? "-" : Math.round(n).toLocaleString("en-US");
}
