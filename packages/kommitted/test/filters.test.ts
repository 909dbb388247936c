import { afterEach, describe, expect, it } from "vitest";
import { KommittedError } from "../src/errors.js";
import { NameFilter, compilePatterns, splitPatterns } from "../src/filters.js";
import { LagCalculator } from "../src/lag/snapshot.js";
import { parseArgs } from "../src/options.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";

const filter = (include: string[], exclude: string[] = []) => new NameFilter(compilePatterns("--x", include), compilePatterns("--x-exclude", exclude));

describe("splitPatterns", () => {
  it("splits at top-level commas and newlines, not inside {} [] () or after a backslash", () => {
    expect(splitPatterns("orders.*,payments")).toEqual(["orders.*", "payments"]);
    expect(splitPatterns("a{1,3}, (b|c,d)\n[x,y]z")).toEqual(["a{1,3}", "(b|c,d)", "[x,y]z"]);
    expect(splitPatterns("a\\,b,c")).toEqual(["a\\,b", "c"]);
    expect(splitPatterns(" , ,")).toEqual([]);
  });
});

describe("NameFilter", () => {
  it("reports everything without patterns", () => {
    const f = new NameFilter();
    expect(f.acceptsAll).toBe(true);
    expect(f.accepts("anything")).toBe(true);
  });

  it("needs a whole-name match of an include pattern and no exclude match", () => {
    const f = filter(["billing-.*", "orders"], ["billing-test.*"]);
    expect(f.accepts("billing-eu")).toBe(true);
    expect(f.accepts("orders")).toBe(true);
    expect(f.accepts("orders-v2")).toBe(false); // not a whole-name match
    expect(f.accepts("my-billing-eu")).toBe(false);
    expect(f.accepts("billing-test-1")).toBe(false);
    expect(filter([], ["_.*"]).accepts("_confluent")).toBe(false);
    expect(filter([], ["_.*"]).accepts("app")).toBe(true);
  });

  it("rejects a bad pattern with INVALID_FLAG naming the flag and the pattern", () => {
    let error: unknown;
    try {
      compilePatterns("--groups", ["ok", "bad(("]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KommittedError);
    expect((error as KommittedError).code).toBe("INVALID_FLAG");
    expect((error as KommittedError).message).toMatch(/^--groups: 'bad\(\(' is not a valid regular expression/);
  });
});

describe("filter flags", () => {
  afterEach(() => {
    delete process.env.KOMMITTED_GROUPS_EXCLUDE;
    delete process.env.KOMMITTED_TOPICS;
  });

  const run = (argv: string[]) => {
    const outcome = parseArgs(argv);
    if (outcome.kind !== "run") throw new Error("expected a config");
    return outcome.config;
  };

  it("are repeatable and comma-separated, from flags and from variables", () => {
    const c = run(["-b", "x:1", "--groups", "a.*,b{1,2}", "--groups", "c", "--topics-exclude", "__.*"]);
    expect(c.groups.map(String)).toEqual(["/^(?:a.*)$/", "/^(?:b{1,2})$/", "/^(?:c)$/"]);
    expect(c.topicsExclude.map(String)).toEqual(["/^(?:__.*)$/"]);
    expect(c.groupsExclude).toEqual([]);
    process.env.KOMMITTED_GROUPS_EXCLUDE = "test-.*,tmp-.*";
    process.env.KOMMITTED_TOPICS = "orders";
    const e = run(["-b", "x:1"]);
    expect(e.groupsExclude.map(String)).toEqual(["/^(?:test-.*)$/", "/^(?:tmp-.*)$/"]);
    expect(e.topics.map(String)).toEqual(["/^(?:orders)$/"]);
  });

  it("reject a bad regular expression", () => {
    expect(() => run(["-b", "x:1", "--topics", "("])).toThrow(/--topics: '\(' is not a valid regular expression/);
  });
});

describe("LagCalculator with filters", () => {
  it("leaves out filtered groups, the partitions and assignments of filtered topics, and groups left empty", () => {
    const registry = new GroupRegistry();
    const store = new PartitionOffsetsStore(10);
    store.setTopics([
      { name: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0] },
      { name: "audit", topicId: "AAAAAAAAAAAAAAAAAAAAAg", partitions: [0] },
    ]);
    for (const topic of ["orders", "audit"]) store.observe(topic, 0, 0, 10, 1000);
    const commit = (group: string, topic: string) => ({ kind: "offset-commit", group, topic, partition: 0, offset: 5, commitTimestamp: 0, leaderEpoch: 0, metadata: "" }) as const;
    registry.apply(commit("app", "orders"));
    registry.apply(commit("app", "audit"));
    registry.apply(commit("auditor", "audit"));
    registry.apply(commit("test-app", "orders"));
    registry.apply({
      kind: "classic-group", group: "app", protocolType: "consumer", protocol: "range", generation: 1, leader: "m", stateTimestamp: 0,
      members: [{ memberId: "m", instanceId: null, clientId: "c", clientHost: "/h", assignment: [{ topic: "orders", partitions: [0] }, { topic: "audit", partitions: [0] }] }],
    });
    const filters = { groups: filter([], ["test-.*"]), topics: filter([], ["audit"]) };
    const snapshot = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 60_000 }, mode: "estimate", filters }).compute(1000);
    expect([...snapshot.groups.keys()]).toEqual(["app"]);
    const app = snapshot.groups.get("app");
    expect(app?.partitions.map((p) => p.topic)).toEqual(["orders"]);
    expect(app?.members[0]?.assignment).toEqual([{ topic: "orders", partitions: [0] }]);
    expect(app?.totalOffsetLag).toBe(5);
  });
});
