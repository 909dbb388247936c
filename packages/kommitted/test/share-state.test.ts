// Share groups' lag from encoded `__share_group_state` records: decoder + share-state adapter + registry + calculator,
// as the share-state reader feeds them. Snapshots replace, updates with startOffset -1 keep the start offset (Kafka's
// ShareCoordinatorShard.merge), tombstones delete, and lag = latest - start offset.
import { describe, expect, it } from "vitest";
import { encodeShareState } from "@kafkesc/konsumer-offsets";
import type { ShareStateRecordToEncode } from "@kafkesc/konsumer-offsets";
import { decodeEvents } from "../src/offsets/adapter.js";
import { decodeShareStateEvents } from "../src/offsets/share-state-adapter.js";
import { LagCalculator } from "../src/lag/snapshot.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";
import { shareGroup } from "./records.js";

const TOPIC_ID = "AAAAAAAAAAAAAAAAAAAAAQ";

const snapshot = (group: string, partition: number, startOffset: number, writeTimestamp: number): ShareStateRecordToEncode => ({
  type: "ShareSnapshot",
  key: { groupId: group, topicId: TOPIC_ID, partition },
  tombstone: false,
  value: {
    version: 0,
    snapshotEpoch: 0,
    stateEpoch: 0,
    leaderEpoch: 0,
    startOffset: BigInt(startOffset),
    deliveryCompleteCount: -1,
    createTimestamp: 1n,
    writeTimestamp: BigInt(writeTimestamp),
    stateBatches: [],
  },
});
const update = (group: string, partition: number, startOffset: number): ShareStateRecordToEncode => ({
  type: "ShareUpdate",
  key: { groupId: group, topicId: TOPIC_ID, partition },
  tombstone: false,
  value: { version: 0, snapshotEpoch: 0, leaderEpoch: -1, startOffset: BigInt(startOffset), deliveryCompleteCount: -1, stateBatches: [{ firstOffset: 0n, lastOffset: 0n, deliveryState: 2, deliveryCount: 1 }] },
});
const tombstone = (group: string, partition: number): ShareStateRecordToEncode => ({ type: "ShareSnapshot", key: { groupId: group, topicId: TOPIC_ID, partition }, tombstone: true, value: null });

function setup() {
  const registry = new GroupRegistry();
  const store = new PartitionOffsetsStore(100);
  store.setTopics([{ name: "t", topicId: TOPIC_ID, partitions: [0, 1] }]);
  const calculator = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 60_000 }, mode: "estimate" });
  /** Feeds share-state records (with their log timestamp) through the decoder and adapter, as the reader does. */
  const feed = (records: [ShareStateRecordToEncode, number][]) => {
    for (const [record, logTimestamp] of records) {
      const { key, value } = encodeShareState(record);
      const outcome = decodeShareStateEvents(key, value, logTimestamp);
      if (!outcome.ok) throw outcome.error;
      for (const e of outcome.events) registry.apply(e);
    }
  };
  return { registry, store, calculator, feed };
}

describe("share-group lag from __share_group_state", () => {
  it("follows snapshots and updates (-1 keeps the start offset) and computes lag = latest - start offset", () => {
    const { registry, store, calculator, feed } = setup();
    // the group's metadata from __consumer_offsets, then its share state
    for (const r of shareGroup("sg", 3, "m1", [{ topicId: TOPIC_ID, partitions: [0, 1] }])) {
      const outcome = decodeEvents(r.key, r.value);
      if (!outcome.ok) throw outcome.error;
      for (const e of outcome.events) if (e.kind !== "topic-names") registry.apply(e);
    }
    feed([
      [snapshot("sg", 0, 0, 1000), 1001],
      [update("sg", 0, 40), 2000],
      [update("sg", 0, -1), 3000], // acknowledgements above the start offset only: start offset unchanged
      [snapshot("sg", 1, 7, 2500), 2501],
    ]);
    expect(registry.get("sg")?.shareProgress.get(TOPIC_ID)?.get(0)).toMatchObject({ startOffset: 40, writeTimestamp: 3000 });
    store.observe("t", 0, 0, 100, 3000);
    store.observe("t", 1, 0, 7, 3000);
    const lag = calculator.compute(4000).groups.get("sg");
    expect(lag?.type).toBe("share");
    expect(lag?.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.offsetLag, p.commitAgeMs, p.owner?.memberId])).toEqual([
      ["t", 0, 40, 60, 1000, "m1"],
      ["t", 1, 7, 0, 1500, "m1"],
    ]);
    expect(lag?.totalOffsetLag).toBe(60);
    expect(lag?.partitions[0]?.commitRate.offsetsPerSecond).toBeCloseTo(20, 5); // 0 -> 40 over the 2 s from the first to the last write
  });

  it("is a share group even when its state is read before its metadata, and a tombstone deletes the state", () => {
    const { registry, store, calculator, feed } = setup();
    feed([[snapshot("early", 0, 5, 1000), 1000]]);
    expect(registry.get("early")?.type).toBe("share");
    store.observe("t", 0, 0, 9, 1000);
    expect(calculator.compute(1000).groups.get("early")?.partitions[0]?.offsetLag).toBe(4);
    feed([[tombstone("early", 0), 2000]]);
    expect(registry.get("early")).toBeUndefined();
  });

  it("skips uninitialized state (start offset -1) and asks for metadata of unknown topic IDs", () => {
    const { store, calculator, feed } = setup();
    feed([[snapshot("fresh", 0, -1, 1000), 1000]]);
    store.observe("t", 0, 0, 9, 1000);
    expect(calculator.compute(1000).groups.get("fresh")?.partitions).toEqual([]);
    feed([[{ ...snapshot("other", 0, 1, 1000), key: { groupId: "other", topicId: "AAAAAAAAAAAAAAAAAAAAAg", partition: 0 } }, 1000]]);
    expect([...calculator.compute(1000).unresolvedTopicIds]).toEqual(["AAAAAAAAAAAAAAAAAAAAAg"]);
  });

  it("reports a decode failure for malformed share-state bytes instead of throwing", () => {
    const outcome = decodeShareStateEvents(Uint8Array.of(0, 0, 0), Uint8Array.of(0, 0), 0);
    expect(outcome.ok).toBe(false);
  });
});
