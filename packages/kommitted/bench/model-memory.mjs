// The JS heap of kommitted's group model at the bench's size, part by part (run after `npm run build`):
// `node --expose-gc packages/kommitted/bench/model-memory.mjs`. As bench/bench.mjs's cluster: 1,000 classic groups of
// 2 members, each reading 10 consecutive partitions of one of 10 topics of 1,000 partitions, every partition idle
// (listed at the same end offset), a commit of every group partition before each of 12 polls (health windows full).
// Prints the heap used (after full collections) by the group registry, the offsets store and the lag calculator, then
// what one re-based copy of the snapshot (`rebaseSnapshot`, the monitor's `snapshot`) adds.
import { getHeapStatistics } from "node:v8";
import { GroupRegistry, LagCalculator, PartitionOffsetsStore } from "../dist/index.js";
import { rebaseSnapshot } from "../dist/lag/snapshot.js";

if (typeof global.gc !== "function") throw new Error("run with node --expose-gc");
const GROUPS = 1000, TOPICS = 10, PER_TOPIC = 1000, PER_GROUP = (TOPICS * PER_TOPIC) / GROUPS, POLLS = 12;
/** Heap used after full collections (bytes). */
const used = () => {
  global.gc();
  global.gc();
  return getHeapStatistics().used_heap_size;
};
const slice = (g, n) => ({ topic: `bench-topic-${Math.floor((g * PER_GROUP + n) / PER_TOPIC)}`, partition: (g * PER_GROUP + n) % PER_TOPIC });

const marks = [["before", used()]];
const registry = new GroupRegistry();
const store = new PartitionOffsetsStore(120);
store.setTopics(Array.from({ length: TOPICS }, (_, t) => ({ name: `bench-topic-${t}`, topicId: Buffer.alloc(16, t + 1).toString("base64url").slice(0, 22), partitions: Array.from({ length: PER_TOPIC }, (_, p) => p) })));
const calculator = new LagCalculator({ registry, store, rules: { windowSize: 10, stopAfterMs: 300_000 }, mode: "estimate" });
// held to the end: V8 would collect a part the code no longer uses, and the figures after it would not count it
globalThis.model = { registry, store, calculator };
let snapshot;
for (let poll = 0; poll < POLLS; poll++) {
  const now = 1_700_000_000_000 + poll * 1000;
  if (poll === 0) {
    for (let g = 0; g < GROUPS; g++) {
      const members = [0, 1].map((m) => ({
        memberId: `bench-group-${g}-member-${m}`,
        instanceId: null,
        clientId: `bench-client-${m}`,
        clientHost: `/10.0.${g % 250}.${m}`,
        assignment: [{ topic: slice(g, 0).topic, partitions: Array.from({ length: PER_GROUP / 2 }, (_, k) => slice(g, 2 * k + m).partition) }],
      }));
      registry.apply({ kind: "classic-group", group: `bench-group-${g}`, protocolType: "consumer", protocol: "range", generation: 1, leader: members[0].memberId, stateTimestamp: 0, members });
    }
  }
  for (let g = 0; g < GROUPS; g++) for (let n = 0; n < PER_GROUP; n++) registry.apply({ kind: "offset-commit", group: `bench-group-${g}`, ...slice(g, n), offset: 100 + poll, commitTimestamp: now - 10, leaderEpoch: 0, metadata: "" });
  if (poll === 0) marks.push(["group registry", used()]);
  for (let t = 0; t < TOPICS; t++) for (let p = 0; p < PER_TOPIC; p++) store.observe(`bench-topic-${t}`, p, 0, 200, now);
  if (poll === 0) marks.push(["offsets store", used()]);
  snapshot = calculator.compute(now);
  if (poll === 0) marks.push(["lag calculator, first poll", used()]);
}
marks.push([`${POLLS - 1} more polls (health windows and commit histories full)`, used()]);
const rebased = rebaseSnapshot(snapshot, snapshot.asOf + 500);
marks.push(["one re-based copy of the snapshot", used()]);

let partitions = 0;
for (const g of rebased.groups.values()) partitions += g.partitions.length;
console.log(`${snapshot.groups.size} groups, ${partitions} group partitions, ${store.partitionCount} partitions; Node ${process.version}`);
for (let i = 1; i < marks.length; i++) console.log(`  ${marks[i][0]}: ${((marks[i][1] - marks[i - 1][1]) / 1e6).toFixed(2)} MB`);
console.log(`  the model in all (before the copy): ${((marks[marks.length - 2][1] - marks[0][1]) / 1e6).toFixed(2)} MB of JS heap`);
