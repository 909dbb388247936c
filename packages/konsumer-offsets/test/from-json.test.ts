// fromJsonValue is the inverse of toJsonValue: for random records of every type, version and layout, the JSON form
// reads back to the record `decode` gives, and encodes to the same bytes; bad JSON fails with its path.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  decode,
  decodeShareState,
  encode,
  encodeShareState,
  fromJsonValue,
  KonsumerOffsetsError,
  shareStateFromJsonValue,
  toJson,
  toJsonValue,
  type ShareStateRecordToEncode,
} from "../src/index.js";
import { everyRecordVersion, recordArbitrary } from "./arbitraries.js";

describe("fromJsonValue(toJsonValue(record))", () => {
  for (const { spec, version, layout } of everyRecordVersion()) {
    it(`type ${spec.recordType} ${spec.name} v${version}${layout.layout ? ` (layout ${layout.layout})` : ""}`, { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(recordArbitrary(spec, version, layout), (draft) => {
          const { key, value } = encode(draft);
          const record = decode(key, value);
          const back = fromJsonValue(toJsonValue(record));
          expect(back).toEqual(record);
          expect(encode(back)).toEqual({ key, value });
          expect(fromJsonValue(JSON.parse(toJson(record, { int64: "string" })) as never)).toEqual(record);
        }),
        { numRuns: 25 },
      );
    });
  }

  it("reads unknown record types back from their raw bytes", () => {
    const record = decode(Uint8Array.of(0x01, 0x00, 0xca, 0xfe), Uint8Array.of(0, 1));
    expect(fromJsonValue(toJsonValue(record))).toEqual(record);
  });

  it("names the path of a value that does not fit the table", () => {
    const json = {
      type: "OffsetCommit", recordType: 1, key: { group: "payments-consumer", topic: "orders", partition: 0 }, tombstone: false,
      value: { version: 3, offset: "not a number", leaderEpoch: 0, metadata: "", commitTimestamp: "0", expireTimestamp: "-1" },
    };
    expect(() => fromJsonValue(json)).toThrow(KonsumerOffsetsError);
    expect(() => fromJsonValue(json)).toThrow(expect.objectContaining({ code: "INVALID_RECORD", fieldPath: "value.offset" }));
    expect(() => fromJsonValue({ ...json, value: { ...json.value, version: 9 } })).toThrow(expect.objectContaining({ code: "INVALID_RECORD", fieldPath: "value" }));
  });
});

describe("shareStateFromJsonValue(toJsonValue(record))", () => {
  const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
  const batch = fc.record({ firstOffset: int64, lastOffset: int64, deliveryState: fc.integer({ min: -128, max: 127 }), deliveryCount: fc.integer({ min: -32768, max: 32767 }) });
  const key = fc.record({ groupId: fc.string(), topicId: fc.constantFrom("b5tsWIPnQ5-PWYrZ7AqX3g", "AAAAAAAAAAAAAAAAAAAAAA"), partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }) });
  const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  const record: fc.Arbitrary<ShareStateRecordToEncode> = fc.oneof(
    fc.record({
      type: fc.constant("ShareSnapshot" as const), key, tombstone: fc.constant(false as const),
      value: fc.record({ version: fc.constant(0), snapshotEpoch: int32, stateEpoch: int32, leaderEpoch: int32, startOffset: int64, deliveryCompleteCount: int32, createTimestamp: int64, writeTimestamp: int64, stateBatches: fc.array(batch, { maxLength: 4 }) }),
    }),
    fc.record({
      type: fc.constant("ShareUpdate" as const), key, tombstone: fc.constant(false as const),
      value: fc.record({ version: fc.constant(0), snapshotEpoch: int32, leaderEpoch: int32, startOffset: int64, deliveryCompleteCount: int32, stateBatches: fc.array(batch, { maxLength: 4 }) }),
    }),
    fc.record({ type: fc.constant("ShareUpdate" as const), key, tombstone: fc.constant(true as const), value: fc.constant(null) }),
  );

  it("reads back the record decodeShareState gives, and encodes to the same bytes", () => {
    fc.assert(
      fc.property(record, (draft) => {
        const { key: k, value } = encodeShareState(draft);
        const decoded = decodeShareState(k, value);
        const back = shareStateFromJsonValue(toJsonValue(decoded));
        expect(back).toEqual(decoded);
        expect(encodeShareState(back as ShareStateRecordToEncode)).toEqual({ key: k, value });
      }),
      { numRuns: 200 },
    );
  });
});
