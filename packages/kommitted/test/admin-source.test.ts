import { describe, expect, it } from "vitest";
import { NameFilter, NO_FILTERS } from "../src/filters.js";
import { evaluatePartition } from "../src/health/rules.js";
import type { DescribedGroup, GroupAdmin, ListedGroup } from "../src/kafka/group-admin.js";
import { commitAge } from "../src/lag/offset-lag.js";
import type { AdminCommit, AdminGroup, AdminGroups } from "../src/offsets/admin-adapter.js";
import { adminEvents } from "../src/offsets/admin-adapter.js";
import { AdminGroupSource, DESCRIBE_BATCH } from "../src/offsets/admin-source.js";
import type { GroupEvent } from "../src/state/events.js";
import { GroupRegistry } from "../src/state/groups.js";

const commit = (topic: string, partition: number, offset: number): AdminCommit => ({ topic, partition, offset, leaderEpoch: 0, metadata: "" });
const member = (memberId: string, topic: string, partitions: number[]) => ({ memberId, instanceId: null, clientId: `client-${memberId}`, clientHost: "/10.0.0.1", assignment: [{ topic, partitions }] });

/** Groups of one refresh, by name. */
function groups(...list: AdminGroup[]): AdminGroups {
  return new Map(list.map((g) => [g.group, g]));
}

/** Applies the refreshes in order to a registry, as the monitor does, and returns it with the events of each. */
function run(...refreshes: AdminGroups[]): { registry: GroupRegistry; events: GroupEvent[][] } {
  const registry = new GroupRegistry();
  const events: GroupEvent[][] = [];
  let state: AdminGroups = new Map();
  for (const current of refreshes) {
    const diff = adminEvents(state, current);
    for (const e of diff.events) registry.apply(e);
    events.push(diff.events);
    state = diff.state;
  }
  return { registry, events };
}

const classic = (commits: AdminCommit[] | null, members = [member("m1", "orders", [0, 1])]): AdminGroup => ({
  group: "billing",
  type: "classic",
  protocolType: "consumer",
  protocol: "range",
  members,
  commits,
});

describe("admin adapter: Admin API answers to group events", () => {
  it("a classic group: its metadata with members by topic name, and commits of unknown time", () => {
    const { registry, events } = run(groups(classic([commit("orders", 0, 10), commit("orders", 1, 7)])));
    expect(events[0]?.map((e) => e.kind)).toEqual(["classic-group", "offset-commit", "offset-commit"]);
    expect(events[0]?.[1]).toEqual({ kind: "offset-commit", group: "billing", topic: "orders", partition: 0, offset: 10, commitTimestamp: -1, leaderEpoch: 0, metadata: "" });
    const g = registry.get("billing");
    expect(g).toMatchObject({ type: "classic", hasMetadata: true, protocolType: "consumer", protocol: "range", epoch: -1 });
    expect(g?.members.get("m1")?.assignedByName).toEqual([{ topic: "orders", partitions: [0, 1] }]);
    expect(g?.commits.get("orders")?.get(1)).toMatchObject({ offset: 7, commitTimestamp: -1 });
    // no commit time, no rate: the history stays empty rather than holding invented times
    expect(g?.commits.get("orders")?.get(1)?.history.size).toBe(0);
  });

  it("later refreshes give only the differences: a moved offset, a partition no longer committed", () => {
    const { registry, events } = run(groups(classic([commit("orders", 0, 10), commit("orders", 1, 7)])), groups(classic([commit("orders", 0, 15)])));
    expect(events[1]).toEqual([
      expect.objectContaining({ kind: "classic-group" }),
      { kind: "offset-commit", group: "billing", topic: "orders", partition: 0, offset: 15, commitTimestamp: -1, leaderEpoch: 0, metadata: "" },
      { kind: "offset-delete", group: "billing", topic: "orders", partition: 1 },
    ]);
    expect([...(registry.get("billing")?.commits.get("orders")?.keys() ?? [])]).toEqual([0]);
  });

  it("a consumer (KIP-848) group: epoch unknown, members and their assignments by name, members that left deleted", () => {
    const consumer = (members: ReturnType<typeof member>[]): AdminGroup => ({ group: "g848", type: "consumer", protocolType: "consumer", protocol: "uniform", members, commits: [commit("orders", 0, 3)] });
    const { registry, events } = run(groups(consumer([member("a", "orders", [0]), member("b", "orders", [1])])), groups(consumer([member("a", "orders", [0, 1])])));
    expect(events[0]?.map((e) => e.kind)).toEqual(["group-epoch", "member", "member-assignment-by-name", "member", "member-assignment-by-name", "offset-commit"]);
    expect(events[1]?.map((e) => e.kind)).toEqual(["member", "member-assignment-by-name", "member-delete"]);
    const g = registry.get("g848");
    expect(g).toMatchObject({ type: "consumer", epoch: -1, hasMetadata: true });
    expect([...(g?.members.keys() ?? [])]).toEqual(["a"]);
    expect(GroupRegistry.assignmentOf(g!, g!.members.get("a")!, () => undefined).assigned).toEqual([{ topic: "orders", partitions: [0, 1] }]);
  });

  it("a group gone from ListGroups: its commits and metadata are deleted, and the registry drops it", () => {
    const { registry, events } = run(groups(classic([commit("orders", 0, 10)])), groups());
    expect(events[1]).toEqual([
      { kind: "offset-delete", group: "billing", topic: "orders", partition: 0 },
      { kind: "group-delete", group: "billing", groupType: "classic" },
    ]);
    expect(registry.get("billing")).toBeUndefined();
  });

  it("what a refresh could not learn (describe or fetch failed) keeps its last known value", () => {
    const { registry, events } = run(groups(classic([commit("orders", 0, 10)])), groups({ ...classic(null), members: null }));
    expect(events[1]).toEqual([]);
    expect(registry.get("billing")?.commits.get("orders")?.get(0)?.offset).toBe(10);
    expect(registry.get("billing")?.members.size).toBe(1);
  });

  it("an offsets-only group (empty protocol type, no members) has commits but no metadata, as from the topic", () => {
    const { registry, events } = run(groups({ group: "standalone", type: "classic", protocolType: "", protocol: null, members: [], commits: [commit("orders", 2, 4)] }));
    expect(events[0]?.map((e) => e.kind)).toEqual(["offset-commit"]);
    expect(registry.get("standalone")).toMatchObject({ hasMetadata: false, type: "classic" });
  });

  it("commit times unknown: no commit age, and neither STOP nor STALL is concluded", () => {
    expect(commitAge(-1, 100_000)).toBeNull();
    expect(commitAge(90_000, 100_000)).toBe(10_000);
    const rules = { windowSize: 3, stopAfterMs: 1000 };
    const stuck = [0, 1, 2].map((i) => ({ committed: 10, lag: 5 + i, commitTimestamp: -1 }));
    expect(evaluatePartition(stuck, rules, 102_000)).toBe("OK");
    // the same window with known commit times is STOP: only the unknown times make the difference
    expect(evaluatePartition(stuck.map((s) => ({ ...s, commitTimestamp: 50_000 })), rules, 102_000)).toBe("STOP");
  });
});

/** A fake Admin API: answers from a table, counting calls and requests in flight. */
function fakeAdmin(listed: ListedGroup[], options: { listErrors?: string[]; failFetch?: Set<string> } = {}) {
  const calls = { describe: [] as number[], fetch: [] as string[], maxInFlight: 0 };
  let inFlight = 0;
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight++;
    calls.maxInFlight = Math.max(calls.maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    return work();
  };
  const admin: Pick<GroupAdmin, "listGroups" | "describeGroups" | "committedOffsets"> = {
    listGroups: async () => ({ groups: listed, errors: options.listErrors ?? [] }),
    describeGroups: (ids) =>
      track(() => {
        calls.describe.push(ids.length);
        return ids.map((group): DescribedGroup => ({ group, ok: true, protocol: "range", members: [member(`${group}-m`, "orders", [0])] }));
      }),
    committedOffsets: (group) =>
      track(() => {
        calls.fetch.push(group);
        if (options.failFetch?.has(group)) throw new Error("COORDINATOR_NOT_AVAILABLE");
        return [commit("orders", 0, group.length)];
      }),
  };
  return { admin, calls };
}

describe("AdminGroupSource", () => {
  const listedGroups = (n: number): ListedGroup[] => Array.from({ length: n }, (_, i) => ({ group: `g-${i}`, type: "classic", protocolType: "consumer" }));

  it("describes in batches, fetches every group but share groups, at most `concurrency` requests at once", async () => {
    const listed = [...listedGroups(DESCRIBE_BATCH + 50), { group: "shared", type: "share" as const, protocolType: "share" }];
    const { admin, calls } = fakeAdmin(listed);
    const registry = new GroupRegistry();
    const source = new AdminGroupSource({ admin, filters: NO_FILTERS, concurrency: 4, onEvents: (es) => es.forEach((e) => registry.apply(e)), onWarning: () => undefined });
    await source.refresh();
    expect(calls.describe.sort((a, b) => b - a)).toEqual([DESCRIBE_BATCH, 51]);
    expect(calls.fetch).toHaveLength(DESCRIBE_BATCH + 50);
    expect(calls.fetch).not.toContain("shared");
    expect(calls.maxInFlight).toBe(4);
    expect(registry.size).toBe(DESCRIBE_BATCH + 51);
    expect(registry.get("shared")).toMatchObject({ type: "share", hasMetadata: true });
    expect(source.stats).toMatchObject({ refreshes: 1, groups: DESCRIBE_BATCH + 51, failures: 0 });
  });

  it("leaves out filtered groups, and warns of (and survives) a failed fetch", async () => {
    const { admin, calls } = fakeAdmin(listedGroups(3), { failFetch: new Set(["g-2"]) });
    const warnings: string[] = [];
    const registry = new GroupRegistry();
    const filters = { groups: new NameFilter([/g-[12]/]), topics: new NameFilter() };
    const source = new AdminGroupSource({ admin, filters, concurrency: 2, onEvents: (es) => es.forEach((e) => registry.apply(e)), onWarning: (m) => warnings.push(m) });
    await source.refresh();
    expect(calls.fetch.sort()).toEqual(["g-1", "g-2"]);
    expect(warnings).toEqual(["OffsetFetch g-2: COORDINATOR_NOT_AVAILABLE"]);
    expect([...registry.groups()].map((g) => [g.name, g.commits.size])).toEqual([
      ["g-1", 1],
      ["g-2", 0],
    ]);
    expect(source.stats.failures).toBe(1);
  });

  it("a broker that did not answer ListGroups does not delete the groups it hides", async () => {
    const all = fakeAdmin(listedGroups(2));
    const events: GroupEvent[] = [];
    let admin = all.admin;
    const source = new AdminGroupSource({ admin: { listGroups: () => admin.listGroups(), describeGroups: (g) => admin.describeGroups(g), committedOffsets: (g) => admin.committedOffsets(g) }, filters: NO_FILTERS, concurrency: 2, onEvents: (es) => events.push(...es), onWarning: () => undefined });
    await source.refresh();
    events.length = 0;
    admin = fakeAdmin(listedGroups(1), { listErrors: ["Broker: Coordinator not available"] }).admin;
    await source.refresh();
    expect(events.filter((e) => e.kind === "offset-delete" || e.kind === "group-delete")).toEqual([]);
    admin = fakeAdmin(listedGroups(1)).admin;
    await source.refresh();
    expect(events.filter((e) => e.kind === "offset-delete" || e.kind === "group-delete").map((e) => e.group)).toEqual(["g-1", "g-1"]);
  });
});
