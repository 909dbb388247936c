// In-memory cost of one /metrics scrape at the bench's size (run after `npm run build`):
// `node bench/scrape-render.mjs`. 1,000 classic groups of 2 members, each reading 10 of 10,000 partitions
// (10 topics x 1,000), every partition committed and listed: the series a scrape renders in `bench/bench.mjs`.
// Prints CPU per scrape: as the server writes it (in chunks, plain and through gzip as Prometheus asks), as one string,
// and, for comparison in the same run, prom-client's renderer given the same series (what /metrics used before).
import { Writable } from "node:stream";
import { constants, createGzip } from "node:zlib";
import { Registry } from "prom-client";
import { GroupRegistry, LagCalculator, PartitionOffsetsStore, createMetrics } from "../dist/index.js";

const GROUPS = 1000, TOPICS = 10, PER_TOPIC = 1000, PER_GROUP = (TOPICS * PER_TOPIC) / GROUPS;
const registry = new GroupRegistry();
const store = new PartitionOffsetsStore(120);
store.setTopics(Array.from({ length: TOPICS }, (_, t) => ({ name: `bench-topic-${t}`, topicId: `AAAAAAAAAAAAAAAAAAAAA${"ABCDEFGHIJ"[t]}`, partitions: Array.from({ length: PER_TOPIC }, (_, p) => p) })));
const tpOf = (g, n) => { const global = g * PER_GROUP + n; return { topic: `bench-topic-${Math.floor(global / PER_TOPIC)}`, partition: global % PER_TOPIC }; };
for (let g = 0; g < GROUPS; g++) {
  const members = [0, 1].map((m) => {
    const mine = [];
    for (let n = m; n < PER_GROUP; n += 2) mine.push(tpOf(g, n));
    const byTopic = new Map();
    for (const tp of mine) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
    return { memberId: `bench-group-${g}-member-${m}`, instanceId: null, clientId: `bench-client-${m}`, clientHost: `/10.0.${g % 250}.${m}`, assignment: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) };
  });
  registry.apply({ kind: "classic-group", group: `bench-group-${g}`, protocolType: "consumer", protocol: "range", generation: 1, leader: members[0].memberId, stateTimestamp: 0, members });
  for (let n = 0; n < PER_GROUP; n++) registry.apply({ kind: "offset-commit", group: `bench-group-${g}`, ...tpOf(g, n), offset: 900 + n, commitTimestamp: 9_000, leaderEpoch: 0, metadata: "" });
}
for (let t = 0; t < TOPICS; t++) for (let p = 0; p < PER_TOPIC; p++) { store.observe(`bench-topic-${t}`, p, 0, 1000, 5_000); store.observe(`bench-topic-${t}`, p, 0, 1010, 10_000); }
const calculator = new LagCalculator({ registry, store, rules: { windowSize: 5, stopAfterMs: 60_000 }, mode: "estimate" });
const snapshot = calculator.compute(10_000);
const monitor = {
  config: { clusterId: "bench" }, registry, store, snapshot, polled: snapshot, readAt: 10_000,
  lastPoll: { partitions: 10_000, failed: 0, listOffsetsMs: 100, refreshedMetadata: false },
  reader: { stats: { records: 0, decodeErrors: 0 } }, shareStateReader: { stats: { records: 0, decodeErrors: 0 } },
  readiness: () => ({ ready: true, waitingFor: [], replayPendingPartitions: [], shareStateReplayPendingPartitions: [], polls: { done: 3, needed: 3 } }),
  liveness: () => ({ live: true, reason: null }),
};
const metrics = createMetrics(monitor);
/** A destination that reads as fast as it is written to, counting bytes. */
const sink = () => { let bytes = 0; const w = new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } }); return { w, bytes: () => bytes }; };

async function measure(label, scrape, runs = 8) {
  const cpu = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    size = await scrape();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  console.log(`${label}: ${cpu[Math.floor(runs / 2)].toFixed(0)} ms of CPU per scrape (median of ${runs}; min ${cpu[0].toFixed(0)}), ${(size / 1e6).toFixed(1)} MB`);
}
await measure("whole text as one string (metrics())", async () => Buffer.byteLength(await metrics.metrics()));
// the same series through prom-client's renderer: one metric per family, its samples as label objects
const reference = new Registry();
for (const block of (await metrics.metrics()).split("\n\n")) {
  const lines = block.trim().split("\n");
  const name = /^# HELP (\S+)/.exec(lines[0])?.[1];
  if (name === undefined || !name.startsWith("kmtd_") || name.startsWith("kmtd_nodejs") || name.startsWith("kmtd_process")) continue;
  const values = lines.slice(2).map((line) => {
    const m = /^\S+?\{(.*)\} (\S+)$/.exec(line);
    return { labels: Object.fromEntries([...(m?.[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]])), value: Number(m?.[2] ?? line.split(" ")[1]) };
  });
  const help = lines[0].slice(`# HELP ${name} `.length);
  reference.registerMetric({ name, help, type: "gauge", aggregator: "sum", get: async () => ({ name, help, type: "gauge", aggregator: "sum", values }), reset: () => undefined });
}
await measure("the same series through prom-client's renderer (before)", async () => Buffer.byteLength(await reference.metrics()));
await measure("written in chunks, not compressed", async () => { const s = sink(); await metrics.writeTo(s.w); return s.bytes(); });
await measure("written in chunks through gzip (level 1)", async () => {
  const s = sink(); const gz = createGzip({ level: constants.Z_BEST_SPEED }); gz.pipe(s.w);
  await metrics.writeTo(gz); await new Promise((r) => s.w.on("finish", r)); return s.bytes();
});
