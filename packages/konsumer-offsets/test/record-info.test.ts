// What the library tells tools about record types (names, group kinds) and the accessors that read any record the
// same way whatever its type or layout: the group it belongs to, and the topic ids and names it states.
import { describe, expect, it } from "vitest";
import {
  decode,
  decodeShareState,
  encode,
  encodeShareState,
  groupTypeOf,
  RECORD_TYPE_NAMES,
  RECORD_TYPES,
  recordGroupId,
  recordTopic,
  recordTypesNamed,
  topicNamesOf,
  ZERO_UUID,
  type OffsetsRecord,
} from "../src/index.js";

/** The record as `decode` gives it back after `encode` (what a tool sees). */
const roundTrip = (record: OffsetsRecord): OffsetsRecord => {
  const { key, value } = encode(record);
  return decode(key, value);
};

const ORDERS = { topicId: "b5tsWIPnQ5-PWYrZ7AqX3g", topicName: "orders" };
const PAYMENTS = { topicId: "Xx4xRF9eS1OPy3tT9zyyRQ", topicName: "payments" };
const GONE = { topicId: "l0yUgn3yQZGuz47dw6E02A", topicName: "old-audit-log" };

describe("record type names and groups", () => {
  it("names every record type 0-24 once, types 0 and 1 alike", () => {
    expect(RECORD_TYPES.map((info) => info.recordType)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect([RECORD_TYPE_NAMES.get(0), RECORD_TYPE_NAMES.get(1), RECORD_TYPE_NAMES.get(2), RECORD_TYPE_NAMES.get(24)]).toEqual([
      "OffsetCommit",
      "OffsetCommit",
      "GroupMetadata",
      "StreamsGroupTargetAssignmentResolvedTopicIds",
    ]);
  });

  it("resolves our names and Kafka's, case-insensitive", () => {
    expect(recordTypesNamed("OffsetCommit")).toEqual([0, 1]);
    expect(recordTypesNamed("legacyoffsetcommit")).toEqual([0]);
    expect(recordTypesNamed(" shareGroupMetadata ")).toEqual([11]);
    expect(recordTypesNamed("OffsetCommitKey")).toEqual([]);
  });

  it("knows which kind of group each record type describes", () => {
    expect([0, 1, 2, 3, 5, 9, 10, 15, 16, 17, 24, 99].map(groupTypeOf)).toEqual([
      undefined, undefined, "classic", "consumer", "consumer", "share", "share", "share", "consumer", "streams", "streams", undefined,
    ]);
  });
});

describe("recordGroupId and recordTopic", () => {
  it("read `group` (types 0-2), `groupId` (type 3 on) and share-state keys alike", () => {
    const commit = roundTrip({
      type: "OffsetCommit", recordType: 1, key: { group: "payments-consumer", topic: "orders", partition: 3 }, tombstone: true, value: null,
    });
    const member = roundTrip({
      type: "ConsumerGroupMemberMetadata", recordType: 5, key: { groupId: "payments-consumer", memberId: "q1lJ3n1eQjyPJ8cbS9Kk0g" }, tombstone: true, value: null,
    });
    const { key, value } = encodeShareState({
      type: "ShareSnapshot", key: { groupId: "fraud-checkers", topicId: ORDERS.topicId, partition: 0 }, tombstone: true, value: null,
    });
    expect([recordGroupId(commit), recordGroupId(member), recordGroupId(decodeShareState(key, value))]).toEqual(["payments-consumer", "payments-consumer", "fraud-checkers"]);
    expect([recordTopic(commit), recordTopic(member)]).toEqual(["orders", undefined]);
    expect(recordGroupId(decode(Uint8Array.of(0x7f, 0x00), null))).toBeUndefined();
  });
});

describe("topicNamesOf, whatever the layout", () => {
  const metadata = { numPartitions: 6, partitionMetadata: [] };
  it("type 4 (and 18): the subscribed topics", () => {
    const record = roundTrip({
      type: "ConsumerGroupPartitionMetadata", recordType: 4, key: { groupId: "payments-consumer" }, tombstone: false,
      value: { version: 0, topics: [{ ...ORDERS, ...metadata }, { ...PAYMENTS, ...metadata }] },
    });
    expect(topicNamesOf(record)).toEqual([ORDERS, PAYMENTS]);
  });

  it("type 9: the subscribed topics in Kafka 4.0's layout, the initialized ones in 3.9's", () => {
    const v40 = roundTrip({
      type: "ShareGroupPartitionMetadata", recordType: 9, key: { groupId: "fraud-checkers" }, tombstone: false,
      value: { version: 0, layout: "4.0", topics: [{ ...ORDERS, ...metadata }] },
    });
    const v39 = roundTrip({
      type: "ShareGroupPartitionMetadata", recordType: 9, key: { groupId: "fraud-checkers" }, tombstone: false,
      value: { version: 0, layout: "3.9", initializedTopics: [{ ...PAYMENTS, partitions: [0, 1] }], deletingTopics: [GONE] },
    });
    expect([topicNamesOf(v40), topicNamesOf(v39)]).toEqual([[ORDERS], [PAYMENTS]]);
  });

  it("type 15: initializing and initialized topics (4.1+), initialized ones (4.0); never the ones being deleted", () => {
    const v41 = roundTrip({
      type: "ShareGroupStatePartitionMetadata", recordType: 15, key: { groupId: "fraud-checkers" }, tombstone: false,
      value: { version: 0, layout: "4.1", initializingTopics: [{ ...PAYMENTS, partitions: [2] }], initializedTopics: [{ ...ORDERS, partitions: [0, 1] }], deletingTopics: [GONE] },
    });
    const v40 = roundTrip({
      type: "ShareGroupStatePartitionMetadata", recordType: 15, key: { groupId: "fraud-checkers" }, tombstone: false,
      value: { version: 0, layout: "4.0", initializedTopics: [{ ...ORDERS, partitions: [0, 1] }], deletingTopics: [GONE] },
    });
    expect([topicNamesOf(v41), topicNamesOf(v40)]).toEqual([[PAYMENTS, ORDERS], [ORDERS]]);
  });

  it("an offset commit v4 with a topic id names its topic; without one, or with the zero UUID, nothing", () => {
    const commit = (topicId: string | undefined): OffsetsRecord =>
      roundTrip({
        type: "OffsetCommit", recordType: 1, key: { group: "payments-consumer", topic: "orders", partition: 3 }, tombstone: false,
        value: { version: 4, offset: 1_204_331n, leaderEpoch: 7, metadata: "", commitTimestamp: 1_767_225_600_000n, expireTimestamp: -1n, ...(topicId ? { topicId } : {}) },
      });
    expect(topicNamesOf(commit(ORDERS.topicId))).toEqual([ORDERS]);
    expect(topicNamesOf(commit(undefined))).toEqual([]);
    expect(topicNamesOf(commit(ZERO_UUID))).toEqual([]);
  });

  it("nothing for tombstones and other records", () => {
    const tombstone = roundTrip({ type: "ConsumerGroupPartitionMetadata", recordType: 4, key: { groupId: "payments-consumer" }, tombstone: true, value: null });
    const epoch = roundTrip({ type: "ConsumerGroupMetadata", recordType: 3, key: { groupId: "payments-consumer" }, tombstone: false, value: { version: 0, epoch: 12, metadataHash: 0n } });
    expect([topicNamesOf(tombstone), topicNamesOf(epoch)]).toEqual([[], []]);
  });
});
