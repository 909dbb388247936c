// Memory and CPU of the end-offset history at PARTITIONS partitions that are written to (no Kafka): one
// PartitionHistory a partition, at the build's default `--history`, observed at every poll with a moving end offset,
// as the poller does. After a full collection, before and at each checkpoint: ArrayBuffers and RSS (MB of 10^6 bytes),
// and the main-thread time of one poll's observes (mean, p99 and max over the polls since the previous checkpoint).
//
// Run after `npm run build`: node packages/kommitted/bench/history-memory.mjs [partitions=10000] [checkpoints=610,3600]
// KMTD_BENCH_OLD_DIST=PATH/dist measures another build too (e.g. main's: `git worktree add` it and build), each build in
// a process of its own (node --expose-gc) so that their RSS do not mix.
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [partitionsArg, checkpointsArg] = process.argv.slice(2);
const PARTITIONS = Number(partitionsArg ?? 10_000);
const CHECKPOINTS = (checkpointsArg ?? "610,3600").split(",").map(Number);
const here = path.dirname(fileURLToPath(import.meta.url));

if (process.env.KMTD_HISTORY_MEMORY_CHILD) await child(process.env.KMTD_HISTORY_MEMORY_CHILD);
else {
  const builds = [["this build", path.join(here, "../dist")]];
  if (process.env.KMTD_BENCH_OLD_DIST) builds.push(["other build", path.resolve(process.env.KMTD_BENCH_OLD_DIST)]);
  for (const [label, dist] of builds) {
    const run = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), String(PARTITIONS), CHECKPOINTS.join(",")], {
      env: { ...process.env, KMTD_HISTORY_MEMORY_CHILD: dist },
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`${label} failed: ${run.stderr}`);
    console.log(`${label} (${dist}):\n${run.stdout}`);
  }
}

/** Measures one build (its dist directory) in this process. */
async function child(dist) {
  const { PartitionHistory } = await import(pathToFileURL(path.join(dist, "state/partition-history.js")).href);
  const { DEFAULTS } = await import(pathToFileURL(path.join(dist, "config.js")).href);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const measure = () => {
    global.gc();
    const m = process.memoryUsage();
    return { rss: m.rss, arrayBuffers: m.arrayBuffers, heapUsed: m.heapUsed };
  };
  // warm up: compiled code and inline caches are not the history's memory
  const warm = Array.from({ length: 100 }, () => new PartitionHistory(DEFAULTS.history));
  for (let poll = 0; poll < 2 * DEFAULTS.history; poll++) warm.forEach((h, i) => h.observe(poll * (1 + i), poll * 1000));
  warm.length = 0;
  const before = measure();
  const histories = Array.from({ length: PARTITIONS }, () => new PartitionHistory(DEFAULTS.history));
  const offsets = new Float64Array(PARTITIONS);
  console.log(`  --history ${DEFAULTS.history}, ${PARTITIONS.toLocaleString("en")} written partitions, one poll a second (simulated clock)`);
  console.log(`  before: ArrayBuffers ${mb(before.arrayBuffers)} MB, RSS ${mb(before.rss)} MB, JS heap ${mb(before.heapUsed)} MB`);
  let poll = 0;
  for (const checkpoint of CHECKPOINTS) {
    const durations = [];
    for (; poll < checkpoint; poll++) {
      const now = poll * 1000;
      const start = process.hrtime.bigint();
      for (let i = 0; i < PARTITIONS; i++) {
        // every partition moves at every poll, by 1 to a few hundred records, its rate changing every few minutes
        offsets[i] += 1 + ((i * 7 + Math.floor(poll / 240) * 13 + (poll % 5) * (i % 3)) % 300);
        histories[i].observe(offsets[i], now);
      }
      durations.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const after = measure();
    const sorted = durations.slice().sort((a, b) => a - b);
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    const samples = histories.reduce((n, h) => n + h.size, 0) / PARTITIONS;
    console.log(
      `  after ${checkpoint} polls: +${mb(after.arrayBuffers - before.arrayBuffers)} MB ArrayBuffers, +${mb(after.rss - before.rss)} MB RSS, ` +
        `+${mb(after.heapUsed - before.heapUsed)} MB JS heap; ${samples.toFixed(0)} samples a partition; ` +
        `a poll's ${PARTITIONS.toLocaleString("en")} observes: mean ${mean.toFixed(2)} ms, p99 ${sorted[Math.ceil(0.99 * sorted.length) - 1].toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms`,
    );
  }
}
