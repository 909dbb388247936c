// fromJsonValue is the inverse of toJsonValue: for random records of every type, version and layout, the JSON form
// reads back to the record `decode` gives, and encodes to the same bytes; bad JSON fails with its path.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, encode, fromJsonValue, KonsumerOffsetsError, toJson, toJsonValue } from "../src/index.js";
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
