// Hand-assembled records of every classic layout, byte by byte, as the brokers of each era wrote them:
// OffsetCommit values v0 (Kafka 0.8.2, record type 0) to v4 (4.x), GroupMetadata values v0 to v4, and the consumer
// protocol's subscriptions and assignments v0 to v3 inside them (with the null userData Java clients write).
import { describe, expect, it } from "vitest";
import { decode, encode } from "../src/index.js";
import { bytes, cstr, i16, i32, i64, known, nullStr, str, u8, uvarint } from "./helpers.js";

const TOPIC_ID_BYTES = Array.from({ length: 16 }, (_, i) => i * 17);
const TOPIC_ID = Buffer.from(TOPIC_ID_BYTES).toString("base64url");

/** Decodes, and checks that encoding the result gives the same bytes back. */
function decodeBoth(key: Uint8Array, value: Uint8Array | null) {
  const record = known(decode(key, value));
  const again = encode(record);
  expect(again.key).toStrictEqual(key);
  expect(again.value).toStrictEqual(value);
  return record;
}

describe("OffsetCommit", () => {
  const key0 = u8(i16(0), str("legacy-group"), str("orders"), i32(7));
  const key1 = u8(i16(1), str("app"), str("orders"), i32(7));

  it("v0 with record type 0, as Kafka 0.8.2 wrote it", () => {
    const value = u8(i16(0), i64(1234n), str("some metadata"), i64(1420070400000n));
    expect(decodeBoth(key0, value)).toStrictEqual({
      type: "OffsetCommit",
      recordType: 0,
      key: { group: "legacy-group", topic: "orders", partition: 7 },
      tombstone: false,
      value: { version: 0, offset: 1234n, leaderEpoch: -1, metadata: "some metadata", commitTimestamp: 1420070400000n, expireTimestamp: -1n },
    });
  });

  it("v1 carries the expire timestamp", () => {
    const value = u8(i16(1), i64(5n), str(""), i64(1000n), i64(2000n));
    expect(decodeBoth(key1, value).value).toStrictEqual({ version: 1, offset: 5n, leaderEpoch: -1, metadata: "", commitTimestamp: 1000n, expireTimestamp: 2000n });
  });

  it("v2 drops it", () => {
    const value = u8(i16(2), i64(5n), str("m"), i64(1000n));
    expect(decodeBoth(key1, value).value).toStrictEqual({ version: 2, offset: 5n, leaderEpoch: -1, metadata: "m", commitTimestamp: 1000n, expireTimestamp: -1n });
  });

  it("v3 adds the leader epoch (Kafka 2.1 to 3.9)", () => {
    const value = u8(i16(3), i64(9_007_199_254_740_993n), i32(12), str("é"), i64(1700000000000n));
    expect(decodeBoth(key1, value).value).toStrictEqual({
      version: 3, offset: 9_007_199_254_740_993n, leaderEpoch: 12, metadata: "é", commitTimestamp: 1700000000000n, expireTimestamp: -1n,
    });
  });

  it("v4 is flexible, with the tagged topic id (Kafka 4.x)", () => {
    const value = u8(i16(4), i64(42n), i32(-1), cstr(""), i64(1700000000000n), uvarint(1), uvarint(0), uvarint(16), TOPIC_ID_BYTES);
    expect(decodeBoth(key1, value).value).toStrictEqual({
      version: 4, offset: 42n, leaderEpoch: -1, metadata: "", commitTimestamp: 1700000000000n, expireTimestamp: -1n, topicId: TOPIC_ID,
    });
  });

  it("v4 without tagged fields has no topic id", () => {
    const value = u8(i16(4), i64(42n), i32(3), cstr("x"), i64(1n), uvarint(0));
    expect(decodeBoth(key1, value).value).toStrictEqual({ version: 4, offset: 42n, leaderEpoch: 3, metadata: "x", commitTimestamp: 1n, expireTimestamp: -1n });
  });

  it("a tombstone deletes the offset", () => {
    expect(decodeBoth(key1, null)).toStrictEqual({
      type: "OffsetCommit", recordType: 1, key: { group: "app", topic: "orders", partition: 7 }, tombstone: true, value: null,
    });
  });
});

// Consumer protocol bytes (clients/.../ConsumerProtocolSubscription.json, ConsumerProtocolAssignment.json).
const subscriptionV0 = u8(i16(0), i32(2), str("orders"), str("payments"), i32(-1));
const subscriptionV1 = u8(i16(1), i32(1), str("orders"), bytes([1, 2, 3]), i32(1), str("orders"), i32(2), i32(0), i32(1));
const subscriptionV2 = u8(i16(2), i32(1), str("orders"), i32(-1), i32(0), i32(17));
const subscriptionV3 = u8(i16(3), i32(1), str("orders"), i32(-1), i32(1), str("orders"), i32(1), i32(3), i32(17), str("rack-a"));
const assignmentV0 = u8(i16(0), i32(1), str("orders"), i32(2), i32(0), i32(1), bytes([9]));
const assignmentV3 = u8(i16(3), i32(2), str("orders"), i32(1), i32(3), str("payments"), i32(0), i32(-1));

describe("consumer protocol inside GroupMetadata", () => {
  it("subscriptions v0-v3 and assignments decode, with a null userData (-1) as null", async () => {
    const { decodeMemberAssignment, decodeMemberSubscription } = await import("../src/index.js");
    expect(decodeMemberSubscription("consumer", subscriptionV0)).toStrictEqual({
      kind: "consumer", version: 0, topics: ["orders", "payments"], userData: null, ownedPartitions: [], generationId: -1, rackId: null, bytes: subscriptionV0,
    });
    expect(decodeMemberSubscription("consumer", subscriptionV1)).toStrictEqual({
      kind: "consumer", version: 1, topics: ["orders"], userData: new Uint8Array([1, 2, 3]),
      ownedPartitions: [{ topic: "orders", partitions: [0, 1] }], generationId: -1, rackId: null, bytes: subscriptionV1,
    });
    expect(decodeMemberSubscription("consumer", subscriptionV2)).toStrictEqual({
      kind: "consumer", version: 2, topics: ["orders"], userData: null, ownedPartitions: [], generationId: 17, rackId: null, bytes: subscriptionV2,
    });
    expect(decodeMemberSubscription("consumer", subscriptionV3)).toStrictEqual({
      kind: "consumer", version: 3, topics: ["orders"], userData: null, ownedPartitions: [{ topic: "orders", partitions: [3] }], generationId: 17, rackId: "rack-a", bytes: subscriptionV3,
    });
    expect(decodeMemberAssignment("consumer", assignmentV0)).toStrictEqual({
      kind: "consumer", version: 0, assignedPartitions: [{ topic: "orders", partitions: [0, 1] }], userData: new Uint8Array([9]), bytes: assignmentV0,
    });
    expect(decodeMemberAssignment("consumer", assignmentV3)).toStrictEqual({
      kind: "consumer", version: 3, assignedPartitions: [{ topic: "orders", partitions: [3] }, { topic: "payments", partitions: [] }], userData: null, bytes: assignmentV3,
    });
  });

  it("a version above 3 is read as 3, the extra bytes kept", async () => {
    const { decodeMemberSubscription } = await import("../src/index.js");
    const v4 = u8(i16(4), i32(0), i32(-1), i32(0), i32(5), nullStr(), [0xca, 0xfe]);
    expect(decodeMemberSubscription("consumer", v4)).toStrictEqual({
      kind: "consumer", version: 4, topics: [], userData: null, ownedPartitions: [], generationId: 5, rackId: null, bytes: v4, trailingBytes: new Uint8Array([0xca, 0xfe]),
    });
  });

  it("connect groups, empty assignments and malformed bytes stay raw, with the reason", async () => {
    const { decodeMemberAssignment, decodeMemberSubscription } = await import("../src/index.js");
    expect(decodeMemberSubscription("connect", subscriptionV0)).toMatchObject({ kind: "raw", reason: "protocolType", bytes: subscriptionV0 });
    expect(decodeMemberAssignment("consumer", new Uint8Array(0))).toMatchObject({ kind: "raw", reason: "empty" });
    const truncated = subscriptionV3.subarray(0, 10);
    const raw = decodeMemberSubscription("consumer", truncated);
    expect(raw).toMatchObject({ kind: "raw", reason: "malformed", bytes: truncated });
    expect(raw.kind === "raw" && raw.message).toMatch(/at topics\[0\] \(offset 8\)/);
    const cut = decodeMemberSubscription("consumer", subscriptionV3.subarray(0, 20));
    expect(cut.kind === "raw" && cut.message).toMatch(/at ownedPartitions \(offset 18\)/);
  });
});

describe("GroupMetadata", () => {
  const key = u8(i16(2), str("app"));

  it("v0 (Kafka 0.9)", () => {
    const value = u8(
      i16(0), str("consumer"), i32(3), str("range"), str("m-1"), i32(1),
      str("m-1"), str("client-1"), str("/10.0.0.1"), i32(10000), bytes(subscriptionV0), bytes(assignmentV0),
    );
    const record = decodeBoth(key, value);
    expect(record).toMatchObject({ type: "GroupMetadata", recordType: 2, key: { group: "app" }, tombstone: false });
    expect(record.value).toStrictEqual({
      version: 0, protocolType: "consumer", generation: 3, protocol: "range", leader: "m-1", currentStateTimestamp: -1n,
      members: [{
        memberId: "m-1", groupInstanceId: null, clientId: "client-1", clientHost: "/10.0.0.1", rebalanceTimeout: -1, sessionTimeout: 10000,
        subscription: { kind: "consumer", version: 0, topics: ["orders", "payments"], userData: null, ownedPartitions: [], generationId: -1, rackId: null, bytes: subscriptionV0 },
        assignment: { kind: "consumer", version: 0, assignedPartitions: [{ topic: "orders", partitions: [0, 1] }], userData: new Uint8Array([9]), bytes: assignmentV0 },
      }],
    });
  });

  it("v1 adds the rebalance timeout, v2 the state timestamp, v3 the group instance id", () => {
    const v1 = u8(i16(1), str("consumer"), i32(1), nullStr(), nullStr(), i32(1),
      str("m"), str("c"), str("h"), i32(300000), i32(10000), bytes([]), bytes([]));
    expect(decodeBoth(key, v1).value).toMatchObject({ version: 1, protocol: null, leader: null, currentStateTimestamp: -1n, members: [{ rebalanceTimeout: 300000, groupInstanceId: null }] });

    const v2 = u8(i16(2), str(""), i32(0), nullStr(), nullStr(), i64(1600000000000n), i32(0));
    expect(decodeBoth(key, v2).value).toStrictEqual({ version: 2, protocolType: "", generation: 0, protocol: null, leader: null, currentStateTimestamp: 1600000000000n, members: [] });

    const v3 = u8(i16(3), str("consumer"), i32(8), str("cooperative-sticky"), str("m-2"), i64(1700000000000n), i32(2),
      str("m-1"), str("static-1"), str("c1"), str("/h1"), i32(45000), i32(45000), bytes(subscriptionV3), bytes(assignmentV3),
      str("m-2"), nullStr(), str("c2"), str("/h2"), i32(45000), i32(45000), bytes(subscriptionV2), bytes([]));
    const value = decodeBoth(key, v3).value as unknown as { members: unknown[] };
    expect(value.members).toHaveLength(2);
    expect(value.members[0]).toMatchObject({ memberId: "m-1", groupInstanceId: "static-1", subscription: { kind: "consumer", rackId: "rack-a" }, assignment: { kind: "consumer" } });
    expect(value.members[1]).toMatchObject({ memberId: "m-2", groupInstanceId: null, subscription: { generationId: 17 }, assignment: { kind: "raw", reason: "empty" } });
  });

  it("v4 is flexible: compact types and tagged sections", () => {
    const v4 = u8(i16(4), cstr("consumer"), i32(1), cstr("range"), cstr("m"), i64(5n), uvarint(2),
      cstr("m"), uvarint(0), cstr("c"), cstr("h"), i32(1), i32(2), uvarint(subscriptionV0.length + 1), [...subscriptionV0], uvarint(1), uvarint(0),
      uvarint(0));
    expect(decodeBoth(key, v4).value).toMatchObject({
      version: 4, protocol: "range", members: [{ memberId: "m", groupInstanceId: null, subscription: { kind: "consumer", topics: ["orders", "payments"] }, assignment: { kind: "raw", reason: "empty" } }],
    });
  });

  it("a connect group keeps its members' bytes raw", () => {
    const value = u8(i16(3), str("connect"), i32(1), str("sessioned"), str("w"), i64(1n), i32(1),
      str("w"), nullStr(), str("c"), str("h"), i32(1), i32(1), bytes([0, 1, 2]), bytes([3]));
    const member = (decodeBoth(key, value).value as unknown as { members: { subscription: unknown; assignment: unknown }[] }).members[0];
    expect(member?.subscription).toMatchObject({ kind: "raw", reason: "protocolType", bytes: new Uint8Array([0, 1, 2]) });
    expect(member?.assignment).toMatchObject({ kind: "raw", reason: "protocolType", bytes: new Uint8Array([3]) });
  });

  it("malformed consumer bytes do not lose the record", () => {
    const value = u8(i16(3), str("consumer"), i32(1), str("range"), str("m"), i64(1n), i32(1),
      str("m"), nullStr(), str("c"), str("h"), i32(1), i32(1), bytes([0, 0, 0x7f, 0xff, 0xff, 0xff]), bytes(assignmentV0));
    const member = (decodeBoth(key, value).value as unknown as { members: { subscription: unknown; assignment: unknown }[] }).members[0];
    expect(member?.subscription).toMatchObject({ kind: "raw", reason: "malformed" });
    expect(member?.assignment).toMatchObject({ kind: "consumer" });
  });
});
