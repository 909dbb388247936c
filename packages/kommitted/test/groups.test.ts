import { describe, expect, it } from "vitest";
import { decodeEvents } from "../src/offsets/adapter.js";
import { GroupRegistry } from "../src/state/groups.js";
import type { Bytes } from "./records.js";
import { classicGroup, classicGroupTombstone, commit, commitTombstone, consumerGroup, consumerGroupTombstones, shareGroup, streamsGroup } from "./records.js";

/** Feeds encoded records through the decoder and adapter into a registry, as the offsets reader does. */
function feed(registry: GroupRegistry, records: Bytes[], topicNames?: Map<string, string>): void {
  for (const r of records) {
    const outcome = decodeEvents(r.key, r.value);
    if (!outcome.ok) throw outcome.error;
    for (const e of outcome.events) {
      if (e.kind === "topic-names") for (const n of e.names) topicNames?.set(n.topicId, n.topic);
      else registry.apply(e);
    }
  }
}

const TOPIC_ID = "AAAAAAAAAAAAAAAAAAAAAQ";

describe("GroupRegistry fed from __consumer_offsets records", () => {
  it("learns commits (v3 and v4), and the newest commit wins", () => {
    const registry = new GroupRegistry();
    const names = new Map<string, string>();
    feed(registry, [commit("g1", "orders", 0, 10, 1000), commit("g1", "orders", 0, 25, 2000, TOPIC_ID), commit("g1", "orders", 1, 5, 2000)], names);
    const g = registry.get("g1");
    expect(g?.type).toBe("classic");
    expect(g?.hasMetadata).toBe(false);
    expect(g?.commits.get("orders")?.get(0)).toMatchObject({ offset: 25, commitTimestamp: 2000 });
    expect(g?.commits.get("orders")?.get(1)?.offset).toBe(5);
    expect(names.get(TOPIC_ID)).toBe("orders");
  });

  it("honours offset tombstones, and a group with nothing left disappears", () => {
    const registry = new GroupRegistry();
    feed(registry, [commit("g1", "t", 0, 10, 1000), commit("g1", "t", 1, 10, 1000), commitTombstone("g1", "t", 0)]);
    expect([...(registry.get("g1")?.commits.get("t")?.keys() ?? [])]).toEqual([1]);
    feed(registry, [commitTombstone("g1", "t", 1)]);
    expect(registry.get("g1")).toBeUndefined();
    expect(registry.size).toBe(0);
  });

  it("reads classic groups with members and consumer-protocol assignments; the group tombstone removes them", () => {
    const registry = new GroupRegistry();
    feed(registry, [
      commit("cg", "t", 0, 1, 1),
      classicGroup("cg", [
        { memberId: "m1", clientId: "c1", clientHost: "/10.0.0.1", assigned: [{ topic: "t", partitions: [0, 1] }] },
        { memberId: "m2", clientId: "c2", clientHost: "/10.0.0.2", assigned: [{ topic: "t", partitions: [2] }] },
      ]),
    ]);
    const g = registry.get("cg");
    expect(g).toMatchObject({ type: "classic", hasMetadata: true, protocolType: "consumer", protocol: "range", epoch: 7 });
    expect(g?.members.get("m1")?.assignedByName).toEqual([{ topic: "t", partitions: [0, 1] }]);
    expect(g?.members.get("m2")?.clientHost).toBe("/10.0.0.2");
    feed(registry, [classicGroupTombstone("cg")]);
    expect(registry.get("cg")?.members.size).toBe(0); // commits remain until their own tombstones
    feed(registry, [commitTombstone("cg", "t", 0)]);
    expect(registry.get("cg")).toBeUndefined();
  });

  it("reads consumer groups (types 3, 5, 8) and resolves topic IDs in assignments", () => {
    const registry = new GroupRegistry();
    feed(registry, consumerGroup("ng", 3, [{ memberId: "a", clientId: "ca", clientHost: "/h", assigned: [{ topicId: TOPIC_ID, partitions: [0, 2] }] }]));
    const g = registry.get("ng");
    expect(g).toMatchObject({ type: "consumer", hasMetadata: true, epoch: 3 });
    const member = g?.members.get("a");
    expect(member).toMatchObject({ clientId: "ca", clientHost: "/h", memberEpoch: 3 });
    const unresolved = GroupRegistry.assignmentOf(g!, member!, () => undefined);
    expect(unresolved).toEqual({ assigned: [], unresolvedTopicIds: [TOPIC_ID] });
    const resolved = GroupRegistry.assignmentOf(g!, member!, (id) => (id === TOPIC_ID ? "orders" : undefined));
    expect(resolved.assigned).toEqual([{ topic: "orders", partitions: [0, 2] }]);
    feed(registry, consumerGroupTombstones("ng", ["a"]));
    expect(registry.get("ng")).toBeUndefined();
  });

  it("a classic group converted to a consumer group becomes a consumer group and keeps its commits", () => {
    const registry = new GroupRegistry();
    feed(registry, [commit("up", "t", 0, 42, 1), classicGroup("up", [{ memberId: "old", clientId: "c", clientHost: "/h", assigned: [{ topic: "t", partitions: [0] }] }])]);
    feed(registry, [...consumerGroup("up", 1, [{ memberId: "new", clientId: "c", clientHost: "/h", assigned: [] }]), classicGroupTombstone("up")]);
    const g = registry.get("up");
    expect(g?.type).toBe("consumer");
    expect([...(g?.members.keys() ?? [])]).toEqual(["new"]);
    expect(g?.commits.get("t")?.get(0)?.offset).toBe(42);
  });

  it("expands streams tasks to the source topics of their subtopology", () => {
    const registry = new GroupRegistry();
    registry.apply({ kind: "group-epoch", group: "s", groupType: "streams", epoch: 2 });
    registry.apply({ kind: "member", group: "s", groupType: "streams", memberId: "m", instanceId: null, rackId: null, clientId: "app", clientHost: "/h" });
    registry.apply({ kind: "streams-topology", group: "s", subtopologies: [{ subtopologyId: "0", sourceTopics: ["in-a", "in-b"] }] });
    registry.apply({ kind: "streams-member-assignment", group: "s", memberId: "m", memberEpoch: 2, activeTasks: [{ subtopologyId: "0", partitions: [1, 0] }] });
    const g = registry.get("s")!;
    expect(GroupRegistry.assignmentOf(g, g.members.get("m")!, () => undefined).assigned).toEqual([
      { topic: "in-a", partitions: [0, 1] },
      { topic: "in-b", partitions: [0, 1] },
    ]);
  });

  it("reads share groups (types 11, 10, 14) from encoded records: members and assignments, no commits", () => {
    const registry = new GroupRegistry();
    feed(registry, shareGroup("sg", 5, "sm", [{ topicId: TOPIC_ID, partitions: [0, 1, 2] }]));
    const g = registry.get("sg")!;
    expect(g).toMatchObject({ type: "share", hasMetadata: true, epoch: 5 });
    expect(g.commits.size).toBe(0);
    expect(g.members.get("sm")).toMatchObject({ clientId: "share-client", clientHost: "/10.9.9.9", memberEpoch: 5 });
    expect(GroupRegistry.assignmentOf(g, g.members.get("sm")!, (id) => (id === TOPIC_ID ? "orders" : undefined)).assigned).toEqual([{ topic: "orders", partitions: [0, 1, 2] }]);
  });

  it("reads streams groups (types 17, 23, 19, 22) from encoded records and maps tasks to source and repartition topics", () => {
    const registry = new GroupRegistry();
    feed(registry, streamsGroup("st", "sm", "clicks", "st-repartition", [2, 0]));
    const g = registry.get("st")!;
    expect(g).toMatchObject({ type: "streams", hasMetadata: true, epoch: 4 });
    expect(g.members.get("sm")).toMatchObject({ clientId: "streams-app", clientHost: "/10.7.7.7", memberEpoch: 4 });
    expect(GroupRegistry.assignmentOf(g, g.members.get("sm")!, () => undefined).assigned).toEqual([
      { topic: "clicks", partitions: [0, 2] },
      { topic: "st-repartition", partitions: [0, 2] },
    ]);
  });

  it("reports records that do not decode instead of throwing", () => {
    const outcome = decodeEvents(new Uint8Array([0, 1, 0]), new Uint8Array([0, 3, 1]));
    expect(outcome.ok).toBe(false);
  });
});
