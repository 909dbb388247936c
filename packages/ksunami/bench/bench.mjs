// ksunami benchmark (`npm run bench -w packages/ksunami`, after `npm run build`):
// 1. the highest steady rate one ksunami process sustains with 100-byte payloads on a local single-node Kafka,
//    next to Kafka's own ProducerPerformance on the same cluster in the same run; peak RSS of each;
// 2. pacing error per 100 ms and per 1 s window at 1k, 10k and 100k records/s: send side (when ksunami handed
//    records to the client) and broker side (LogAppendTime of the records consumed back).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import kafka from "@confluentinc/kafka-javascript";
import { startKafka } from "@kafkesc/kafka-harness";
import { WavePlan, parseCommandLine, prepareRun, runWave } from "../dist/index.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const seconds = Number(process.env.KSUNAMI_BENCH_SECONDS ?? 10);

const cluster = await startKafka({ nodes: 1 });
const brokers = cluster.bootstrapServers;
try {
  console.log(`ksunami benchmark: Kafka ${cluster.version}, one node at ${brokers}; Node ${process.version}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  // KSUNAMI_BENCH_ONLY=rate or =pacing runs one half.
  const only = process.env.KSUNAMI_BENCH_ONLY;
  if (only !== "pacing") {
    await maxRate("real single-node Kafka", [], 6);
    await producerPerfTest();
    await maxRate("librdkafka mock cluster (as the Rust ksunami figures in NOTES)", ["-c", "test.mock.num.brokers:1"], 0);
  }
  if (only !== "rate") for (const rate of [1_000, 10_000, 100_000]) await pacing(rate);
} finally {
  await cluster.stop();
}

/** Highest steady rate: ksunami asked for 2 M rec/s (beyond reach) for `seconds`; median of its per-second status after warm-up. */
async function maxRate(where, extraFlags, partitions) {
  const topic = `bench-max-${Date.now()}`;
  if (partitions > 0) await cluster.createTopic(topic, { partitions });
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
}

/** Kafka's own ProducerPerformance (Java, one thread) on the same cluster. */
async function producerPerfTest() {
  const topic = `bench-perf-${Date.now()}`;
  await cluster.createTopic(topic, { partitions: 6 });
  const result = await cluster.runTool("org.apache.kafka.tools.ProducerPerformance",
    ["--topic", topic, "--num-records", "3000000", "--record-size", "100", "--throughput", "-1", "--producer-props", `bootstrap.servers=${brokers}`],
    { timeoutMs: 300_000 });
  const line = result.stdout.trim().split("\n").filter((l) => l.includes("records sent")).at(-1);
  // ProducerPerformance prints a running line every 5 s and the totals last.
  console.log(`Kafka ProducerPerformance (3 M records of 100 B, --throughput -1): ${line ?? `exit ${result.exitCode}: ${result.stderr.slice(-400)}`}`);
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
