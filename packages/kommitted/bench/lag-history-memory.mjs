// Memory of the web page's lag history at 1,000 groups (default: 180 samples a group, one every 5 s).
// Run after `npm run build`: node --expose-gc packages/kommitted/bench/lag-history-memory.mjs [groups] [samples]
import { LagHistory } from "../dist/http/lag-history.js";

if (typeof global.gc !== "function") throw new Error("run with node --expose-gc");
const groups = Number(process.argv[2] ?? 1000);
const capacity = Number(process.argv[3] ?? 180);
const names = Array.from({ length: groups }, (_, i) => `group-${String(i).padStart(5, "0")}-of-some-application`);
/** A snapshot of every group at time `t`, shaped as the history reads it. */
const snapshot = (t) => ({ asOf: t, groups: new Map(names.map((group, i) => [group, { group, totalOffsetLag: i * t, maxTimeLagMs: i }])) });
const snapshots = Array.from({ length: capacity + 5 }, (_, k) => snapshot((k + 1) * 5000));
const fill = () => {
  const h = new LagHistory(capacity, 5000);
  for (const s of snapshots) h.record(s);
  return h;
};
// warm up (compiled code and inline caches are not the history's memory), and keep the warm-up history alive: freed,
// its buffers would still be counted at `before` (V8 releases backing stores after the collection, on another thread)
const warm = fill();
warm.series(names[0]);
global.gc();
const before = process.memoryUsage();
const history = fill();
global.gc();
const after = process.memoryUsage();
if (warm.size !== history.size) throw new Error("the two fills differ");
const heap = after.heapUsed - before.heapUsed;
const buffers = after.arrayBuffers - before.arrayBuffers;
console.log(
  `lag history: ${history.size} groups x ${history.series(names[0]).length} samples: ` +
    `${((heap + buffers) / 1e6).toFixed(2)} MB (JS heap ${(heap / 1e6).toFixed(2)} MB, typed arrays ${(buffers / 1e6).toFixed(2)} MB), ` +
    `${((heap + buffers) / groups / 1024).toFixed(2)} KiB a group`,
);
