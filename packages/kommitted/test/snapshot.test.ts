import { describe, expect, it } from "vitest";
import { LagCalculator } from "../src/lag/snapshot.js";
import type { GroupEvent } from "../src/state/events.js";
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

/** Group "g" as a classic consumer group of one member, m1 (`clientId`), assigned `partitions` of topic "t". */
const classicGroup = (clientId: string, partitions: number[]): GroupEvent => ({
  kind: "classic-group",
  group: "g",
  protocolType: "consumer",
  protocol: "range",
  generation: 1,
  leader: "m1",
  stateTimestamp: 0,
  members: [{ memberId: "m1", instanceId: null, clientId, clientHost: "/h1", assignment: [{ topic: "t", partitions }] }],
});

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
    registry.apply(classicGroup("c1", [1]));
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

  it("follows member changes and topic IDs learnt between snapshots, though it reuses what did not change", () => {
    const { registry, store, calculator } = setup();
    const classic = (clientId: string, partitions: number[]) => registry.apply(classicGroup(clientId, partitions));
    classic("c1", [0]);
    registry.apply(commitEvent("g", 0, 5, 0));
    store.observe("t", 0, 0, 10, 0);
    const ownerAt = (now: number) => calculator.compute(now).groups.get("g")?.partitions[0]?.owner;
    expect(ownerAt(100)).toMatchObject({ clientId: "c1" });
    const members = calculator.compute(200).groups.get("g")?.members;
    registry.apply(commitEvent("g", 0, 6, 200)); // a commit changes no member: the same views serve
    expect(calculator.compute(300).groups.get("g")?.members).toBe(members);
    classic("c2", [0]);
    expect(ownerAt(400)).toMatchObject({ clientId: "c2" });
    classic("c2", [1]);
    expect(ownerAt(500)).toBeNull();
    // a modern member assigned by topic ID: unresolved until the ID is learnt, then resolved without a metadata refresh
    registry.apply({ kind: "member-assignment", group: "m", groupType: "consumer", memberId: "x", memberEpoch: 1, assigned: [{ topicId: "AAAAAAAAAAAAAAAAAAAAAg", partitions: [0] }] });
    expect([...calculator.compute(600).unresolvedTopicIds]).toEqual(["AAAAAAAAAAAAAAAAAAAAAg"]);
    store.learnTopicId("AAAAAAAAAAAAAAAAAAAAAg", "u");
    const snapshot = calculator.compute(700);
    expect([...snapshot.unresolvedTopicIds]).toEqual([]);
    expect(snapshot.groups.get("m")?.members[0]?.assignment).toEqual([{ topic: "u", partitions: [0] }]);
  });

  it("keeps a partition's health window while every snapshot computes it, and starts it afresh after a gap", () => {
    const { registry, store, calculator } = setup();
    registry.apply(commitEvent("g", 0, 5, 0));
    const statusAt = (now: number, latest: number) => {
      store.observe("t", 0, 0, latest, now);
      return calculator.compute(now).groups.get("g")?.partitions[0]?.status;
    };
    // the committed offset does not move while commits keep coming and the lag grows: STALL once the window (3) is full
    registry.apply(commitEvent("g", 0, 5, 1000));
    expect(statusAt(1000, 10)).toBe("OK");
    registry.apply(commitEvent("g", 0, 5, 2000));
    expect(statusAt(2000, 11)).toBe("OK");
    registry.apply(commitEvent("g", 0, 5, 3000));
    expect(statusAt(3000, 12)).toBe("STALL");
    // a snapshot without the partition (its topic unknown for a poll) drops its window
    store.setTopics([]);
    expect(calculator.compute(3500).groups.get("g")?.partitions).toEqual([]);
    store.setTopics([{ name: "t", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] }]);
    registry.apply(commitEvent("g", 0, 5, 4000));
    expect(statusAt(4000, 13)).toBe("OK");
  });
});
