import { describe, expect, it } from "vitest";
import { LagCalculator } from "../src/lag/snapshot.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";

function setup() {
  const registry = new GroupRegistry();
  const store = new PartitionOffsetsStore(100);
  store.setTopics([{ name: "t", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] }]);
  const calculator = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 5000 }, mode: "estimate" });
  return { registry, store, calculator };
}

const commitEvent = (group: string, partition: number, offset: number, commitTimestamp: number) =>
  ({ kind: "offset-commit", group, topic: "t", partition, offset, commitTimestamp, leaderEpoch: 0, metadata: "" }) as const;

describe("LagCalculator", () => {
  it("computes lag as of now: a group that stops committing sees its lag and commit age grow", () => {
    const { registry, store, calculator } = setup();
    registry.apply(commitEvent("g", 0, 100, 1000));
    store.observe("t", 0, 0, 100, 1000);
    let p = calculator.compute(1000).groups.get("g")?.partitions[0];
    expect(p).toMatchObject({ offsetLag: 0, timeLag: { ms: 0, method: "caught-up" }, status: "OK" });
    store.observe("t", 0, 0, 150, 2000);
    store.observe("t", 0, 0, 200, 3000);
    p = calculator.compute(3000).groups.get("g")?.partitions[0];
    expect(p).toMatchObject({ offsetLag: 100, commitAgeMs: 2000 });
    expect(p?.timeLag.method).toBe("interpolated");
    expect(p?.timeLag.ms).toBeCloseTo(3000 - (1000 + (1 / 50) * 1000), 0);
    store.observe("t", 0, 0, 300, 9000);
    p = calculator.compute(9000).groups.get("g")?.partitions[0];
    expect(p).toMatchObject({ offsetLag: 200, commitAgeMs: 8000, status: "STOP" });
  });

  it("attaches the owning member and rolls statuses up per group", () => {
    const { registry, store, calculator } = setup();
    registry.apply({
      kind: "classic-group",
      group: "g",
      protocolType: "consumer",
      protocol: "range",
      generation: 1,
      leader: "m1",
      stateTimestamp: 0,
      members: [{ memberId: "m1", instanceId: null, clientId: "c1", clientHost: "/h1", assignment: [{ topic: "t", partitions: [1] }] }],
    });
    registry.apply(commitEvent("g", 0, 5, 0));
    registry.apply(commitEvent("g", 1, 5, 0));
    store.observe("t", 0, 0, 10, 0);
    store.observe("t", 1, 0, 5, 0);
    const g = calculator.compute(10_000).groups.get("g");
    expect(g?.partitions.find((p) => p.partition === 1)?.owner).toEqual({ memberId: "m1", clientHost: "/h1", clientId: "c1" });
    expect(g?.partitions.find((p) => p.partition === 0)?.owner).toBeNull();
    expect(g?.status).toBe("STOP");
    expect(g?.totalOffsetLag).toBe(5);
    expect(g?.members).toEqual([{ memberId: "m1", instanceId: null, clientId: "c1", clientHost: "/h1", rackId: null, assignment: [{ topic: "t", partitions: [1] }] }]);
  });

  it("leaves out partitions of deleted topics and marks stale ones", () => {
    const { registry, store, calculator } = setup();
    registry.apply(commitEvent("g", 0, 5, 0));
    registry.apply(commitEvent("g", 1, 5, 0));
    store.observe("t", 0, 0, 10, 0);
    store.observe("t", 1, 0, 10, 0);
    store.markStale("t", 1, "leader not available");
    let g = calculator.compute(100).groups.get("g");
    expect(g?.partitions.map((p) => [p.partition, p.stale])).toEqual([
      [0, false],
      [1, true],
    ]);
    store.setTopics([]);
    g = calculator.compute(200).groups.get("g");
    expect(g?.partitions).toEqual([]);
  });

  it("flags a committed offset below the earliest available one", () => {
    const { registry, store, calculator } = setup();
    registry.apply(commitEvent("g", 0, 5, 0));
    store.observe("t", 0, 50, 100, 0);
    expect(calculator.compute(0).groups.get("g")?.partitions[0]).toMatchObject({ offsetLag: 95, committedBeforeEarliest: true });
  });
});
