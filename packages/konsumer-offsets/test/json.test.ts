// toJson / toJsonValue: one line per record with everything decoded, int64 exact, bytes in base64.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, toJson, toJsonValue, type OffsetsRecord } from "../src/index.js";
import { anyRecord } from "./arbitraries.js";
import { bytes, i16, i32, i64, nullStr, str, u8, uvarint } from "./helpers.js";

const streamsKey = u8(i16(17), str("app"));
// StreamsGroupMetadataValue v0: epoch 3, metadataHash 2^63-1 (beyond 2^53), no tagged fields.
const streamsValue = u8(i16(0), i32(3), i64(9223372036854775807n), uvarint(0));

describe("toJson", () => {
  it("prints int64 values as exact JSON numbers, on one line", () => {
    const json = toJson(decode(streamsKey, streamsValue));
    expect(json).toBe(
      '{"type":"StreamsGroupMetadata","recordType":17,"key":{"groupId":"app"},"tombstone":false,"value":{"version":0,"epoch":3,"metadataHash":9223372036854775807,' +
        '"validatedTopologyEpoch":-1,"lastAssignmentConfigs":null,"storedDescriptionTopologyEpoch":-1,"failedDescriptionTopologyEpoch":-1}}',
    );
    expect(json).not.toContain("\n");
  });

  it("prints int64 values as strings when asked", () => {
    expect(toJson(decode(streamsKey, streamsValue), { int64: "string" })).toContain('"metadataHash":"9223372036854775807"');
  });

  it("carries decoded subscriptions and assignments, and their bytes in base64", () => {
    const subscription = u8(i16(0), i32(1), str("orders"), i32(-1));
    const value = u8(i16(3), str("consumer"), i32(1), str("range"), str("m"), i64(1n), i32(1),
      str("m"), nullStr(), str("c"), str("h"), i32(1), i32(1), bytes(subscription), bytes([]));
    const json = JSON.parse(toJson(decode(u8(i16(2), str("g")), value)));
    expect(json.value.members[0].subscription).toEqual({
      kind: "consumer", version: 0, topics: ["orders"], userData: null, ownedPartitions: [], generationId: -1, rackId: null,
      bytes: Buffer.from(subscription).toString("base64"),
    });
    expect(json.value.members[0].assignment).toMatchObject({ kind: "raw", reason: "empty", bytes: "" });
  });

  it("is valid JSON for every record type and version", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(anyRecord(), (record) => {
        const parsed = JSON.parse(toJson(record));
        expect(parsed.type).toBe(record.type);
        expect(parsed.tombstone).toBe(record.tombstone);
      }),
      { numRuns: 300 },
    );
  });
});

describe("toJsonValue", () => {
  it("gives a JSON-safe object: int64 as exact strings, bytes as base64", () => {
    const value = toJsonValue(decode(streamsKey, streamsValue)) as { value: { metadataHash: string } };
    expect(value.value.metadataHash).toBe("9223372036854775807");
    expect(() => JSON.stringify(value)).not.toThrow();
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it("gives numbers when asked (exact up to 2^53)", () => {
    const value = toJsonValue(decode(streamsKey, streamsValue), { int64: "number" }) as { value: { epoch: number; metadataHash: number } };
    expect(value.value.metadataHash).toBe(2 ** 63); // the nearest double: precision is lost, as documented
  });
});

describe("toJson strings", () => {
  it("are written exactly as JSON.stringify writes them, escapes and lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }), (group, topic) => {
        const record = { type: "OffsetCommit", recordType: 1, key: { group, topic, partition: 0 }, tombstone: true, value: null } as unknown as OffsetsRecord;
        expect(toJson(record)).toBe(JSON.stringify(record));
      }),
      { numRuns: 500 },
    );
  });

  it("of a decoded record with non-ASCII names match JSON.stringify", () => {
    const record = decode(u8(i16(1), str('gr"oup\\\n\u00e9'), str("t\u0001\u{1F600}"), i32(3)), null);
    expect(toJson(record)).toBe(JSON.stringify(record));
  });
});
