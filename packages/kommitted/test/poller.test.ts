import { describe, expect, it } from "vitest";
import type { Admin, PartitionOffsetsResult } from "../src/kafka/client.js";
import { LagCalculator } from "../src/lag/snapshot.js";
import { EARLIEST_EVERY_POLLS, Poller } from "../src/poller.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";

/** An admin client over a fixed topic whose log start and end the test moves; records whether each listing asked for earliest offsets. */
class FakeAdmin {
  partitions = [0, 1];
  earliest = 10;
  latest = 100;
  readonly withEarliest: boolean[] = [];
  listTopics(): Promise<string[]> {
    return Promise.resolve(["t"]);
  }
  describeTopics(): Promise<{ name: string; topicId: string; partitions: number[]; internal: boolean }[]> {
    return Promise.resolve([{ name: "t", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: this.partitions, internal: false }]);
  }
  listOffsets(partitions: readonly { topic: string; partition: number }[], withEarliest = true): Promise<PartitionOffsetsResult[]> {
    this.withEarliest.push(withEarliest);
    return Promise.resolve(partitions.map((tp) => ({ ...tp, ok: true as const, earliest: withEarliest ? this.earliest : Number.NaN, latest: this.latest })));
  }
}

function setup() {
  const admin = new FakeAdmin();
  const registry = new GroupRegistry();
  const store = new PartitionOffsetsStore(100);
  const calculator = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 60_000 }, mode: "estimate" });
  for (const partition of [0, 1]) registry.apply({ kind: "offset-commit", group: "g", topic: "t", partition, offset: 5, commitTimestamp: 0, leaderEpoch: 0, metadata: "" });
  let now = 0;
  const poller = new Poller({
    admin: admin as unknown as Admin, registry, store, calculator, intervalMs: 1000, metadataRefreshMs: 3_600_000,
    onSnapshot: () => {}, onError: (error) => { throw error; }, now: () => (now += 1000),
  });
  return { admin, store, poller };
}

describe("Poller", () => {
  it(`lists earliest offsets at the first poll and every ${EARLIEST_EVERY_POLLS}th, keeping the last known ones in between`, async () => {
    const { admin, store, poller } = setup();
    for (let i = 0; i < EARLIEST_EVERY_POLLS; i++) await poller.pollOnce();
    expect(admin.withEarliest).toEqual([true, ...Array<boolean>(EARLIEST_EVERY_POLLS - 1).fill(false)]);
    expect(store.get("t", 1)).toMatchObject({ earliest: 10, latest: 100 });
    admin.earliest = 50; // retention deleted a segment
    admin.latest = 120;
    await poller.pollOnce();
    expect(admin.withEarliest.at(-1)).toBe(true);
    expect(store.get("t", 1)).toMatchObject({ earliest: 50, latest: 120 });
    const snapshot = await poller.pollOnce();
    expect(admin.withEarliest.at(-1)).toBe(false);
    expect(snapshot.groups.get("g")?.partitions[0]).toMatchObject({ earliestOffset: 50, latestOffset: 120, committedBeforeEarliest: true });
  });

  it("lists earliest offsets at once for a partition that has none yet", async () => {
    const { admin, store, poller } = setup();
    await poller.pollOnce();
    await poller.pollOnce();
    expect(admin.withEarliest).toEqual([true, false]);
    admin.partitions = [0, 1, 2]; // a partition was added: the group commits to it, metadata is refreshed
    poller.requestMetadataRefresh();
    await poller.pollOnce();
    expect(admin.withEarliest.at(-1)).toBe(true);
    expect(store.get("t", 2)).toMatchObject({ earliest: 10 });
  });
});
