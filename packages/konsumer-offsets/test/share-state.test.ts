// `__share_group_state` records: hand-built wire bytes decode to the typed records, encode/decode round-trip, and bad
// bytes fail typed. (The tables are compared with Kafka's own definitions in completeness.test.ts.)
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeShareState, encodeShareState, KonsumerOffsetsError } from "@kafkesc/konsumer-offsets";
import type { ShareStateRecordToEncode } from "@kafkesc/konsumer-offsets";

/** Hand-built wire bytes, independent of our writer. */
class Bytes {
  readonly parts: number[] = [];
  int8(v: number) { this.parts.push(v & 0xff); return this; }
  int16(v: number) { return this.int8(v >> 8).int8(v); }
  int32(v: number) { return this.int16(v >> 16).int16(v); }
  int64(v: number) { return this.int32(Math.floor(v / 2 ** 32)).int32(v >>> 0); }
  string(s: string) { const b = Buffer.from(s); this.int16(b.length); this.parts.push(...b); return this; }
  raw(b: Uint8Array) { this.parts.push(...b); return this; }
  done() { return Uint8Array.from(this.parts); }
}

const TOPIC_ID_BYTES = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
const TOPIC_ID = Buffer.from(TOPIC_ID_BYTES).toString("base64url");
const key = (type: number) => new Bytes().int16(type).string("orders-share").raw(TOPIC_ID_BYTES).int32(3).done();

describe("decodeShareState", () => {
  it("decodes a ShareSnapshot written byte by byte (flexible value, compact array, tagged DeliveryCompleteCount)", () => {
    const value = new Bytes()
      .int16(0) // version
      .int32(2).int32(5).int32(7).int64(1234) // snapshotEpoch, stateEpoch, leaderEpoch, startOffset
      .int64(1_700_000_000_000).int64(1_700_000_000_500) // create, write timestamps
      .int8(2) // compact array of 1
      .int64(1240).int64(1249).int8(2).int16(1).int8(0) // one batch, no tagged fields
      .int8(1).int8(0).int8(4).int32(6) // tagged fields: 1 field, tag 0, size 4, value 6
      .done();
    const record = decodeShareState(key(0), value);
    expect(record).toEqual({
      type: "ShareSnapshot",
      recordType: 0,
      key: { groupId: "orders-share", topicId: TOPIC_ID, partition: 3 },
      tombstone: false,
      value: {
        version: 0,
        snapshotEpoch: 2,
        stateEpoch: 5,
        leaderEpoch: 7,
        startOffset: 1234n,
        deliveryCompleteCount: 6,
        createTimestamp: 1_700_000_000_000n,
        writeTimestamp: 1_700_000_000_500n,
        stateBatches: [{ firstOffset: 1240n, lastOffset: 1249n, deliveryState: 2, deliveryCount: 1 }],
      },
    });
  });

  it("decodes a ShareUpdate whose start offset is unchanged (-1) and whose tagged count is absent (default -1)", () => {
    const value = new Bytes().int16(0).int32(2).int32(-1).int64(-1).int8(1).int8(0).done();
    const record = decodeShareState(key(1), value);
    expect(record.type).toBe("ShareUpdate");
    if (record.type !== "ShareUpdate" || record.tombstone) throw new Error("expected a ShareUpdate value");
    expect(record.value).toEqual({ version: 0, snapshotEpoch: 2, leaderEpoch: -1, startOffset: -1n, deliveryCompleteCount: -1, stateBatches: [] });
  });

  it("types tombstones, keeps unknown record types raw, and keeps trailing key bytes", () => {
    expect(decodeShareState(key(0), null)).toEqual({
      type: "ShareSnapshot",
      recordType: 0,
      key: { groupId: "orders-share", topicId: TOPIC_ID, partition: 3 },
      tombstone: true,
      value: null,
    });
    const unknownKey = new Bytes().int16(7).int32(1).done();
    expect(decodeShareState(unknownKey, null)).toEqual({ type: "Unknown", recordType: 7, keyBytes: unknownKey, valueBytes: null, tombstone: true });
    const longer = new Bytes().raw(key(1)).int8(9).done();
    const record = decodeShareState(longer, null);
    expect(record.type === "ShareUpdate" && record.keyTrailingBytes).toEqual(Uint8Array.of(9));
  });

  it("fails with typed errors on truncated keys and values and on unknown value versions", () => {
    const failure = (k: Uint8Array, v: Uint8Array | null) => {
      try {
        decodeShareState(k, v);
      } catch (error) {
        expect(error).toBeInstanceOf(KonsumerOffsetsError);
        return error as KonsumerOffsetsError;
      }
      throw new Error("expected a failure");
    };
    expect(failure(Uint8Array.of(0), null).code).toBe("MALFORMED_KEY");
    const truncatedKey = failure(key(0).subarray(0, 10), null);
    expect([truncatedKey.code, truncatedKey.recordType]).toEqual(["MALFORMED_KEY", 0]);
    const truncatedValue = failure(key(0), new Bytes().int16(0).int32(1).done());
    expect([truncatedValue.code, truncatedValue.fieldPath]).toEqual(["MALFORMED_VALUE", "stateEpoch"]);
    const future = failure(key(1), new Bytes().int16(1).int32(0).done());
    expect([future.code, future.version]).toEqual(["UNSUPPORTED_VALUE_VERSION", 1]);
  });
});

describe("encodeShareState", () => {
  const records: ShareStateRecordToEncode[] = [
    {
      type: "ShareSnapshot",
      key: { groupId: "g", topicId: TOPIC_ID, partition: 0 },
      tombstone: false,
      value: {
        version: 0,
        snapshotEpoch: 0,
        stateEpoch: 1,
        leaderEpoch: 0,
        startOffset: 0n,
        deliveryCompleteCount: -1,
        createTimestamp: 1n,
        writeTimestamp: 2n,
        stateBatches: [
          { firstOffset: 0n, lastOffset: 4n, deliveryState: 0, deliveryCount: 1 },
          { firstOffset: 5n, lastOffset: 9n, deliveryState: 4, deliveryCount: 5 },
        ],
      },
    },
    {
      type: "ShareUpdate",
      key: { groupId: "ünïcode-group", topicId: TOPIC_ID, partition: 2_000_000 },
      tombstone: false,
      value: { version: 0, snapshotEpoch: 3, leaderEpoch: 1, startOffset: 2n ** 40n, deliveryCompleteCount: 12, stateBatches: [] },
    },
    { type: "ShareUpdate", key: { groupId: "g", topicId: TOPIC_ID, partition: 1 }, tombstone: true, value: null },
    { type: "ShareSnapshot", key: { groupId: "g", topicId: TOPIC_ID, partition: 1 }, tombstone: true, value: null },
  ];

  it.each(records.map((r) => [`${r.type}${r.tombstone ? " tombstone" : ""}`, r] as const))("round-trips a %s", (_name, record) => {
    const { key: k, value } = encodeShareState(record);
    const decoded = decodeShareState(k, value);
    expect(decoded).toEqual({ ...record, recordType: record.type === "ShareSnapshot" ? 0 : 1 });
    // and the bytes are stable: decoding then re-encoding gives the same bytes
    expect(encodeShareState(decoded as ShareStateRecordToEncode)).toEqual({ key: k, value });
  });

  it("writes the hand-built bytes exactly", () => {
    const value = new Bytes().int16(0).int32(2).int32(-1).int64(-1).int8(1).int8(0).done();
    const record = decodeShareState(key(1), value) as ShareStateRecordToEncode;
    expect(encodeShareState(record)).toEqual({ key: key(1), value });
  });

  it("refuses a version Kafka did not define", () => {
    const bad = { ...records[1], value: { ...(records[1] as { value: object }).value, version: 3 } } as ShareStateRecordToEncode;
    expect(() => encodeShareState(bad)).toThrow(expect.objectContaining({ code: "INVALID_RECORD" }));
  });
});

describe("decodeShareState(encodeShareState(record)) equals record, for random records", () => {
  const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
  const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  const int16 = fc.integer({ min: -(2 ** 15), max: 2 ** 15 - 1 });
  const batch = fc.record({ firstOffset: int64, lastOffset: int64, deliveryState: fc.integer({ min: -128, max: 127 }), deliveryCount: int16 });
  const shareKey = fc.record({
    groupId: fc.string({ maxLength: 40 }),
    topicId: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString("base64url")),
    partition: int32,
  });
  const snapshotValue = fc.record({
    version: fc.constant(0),
    snapshotEpoch: int32,
    stateEpoch: int32,
    leaderEpoch: int32,
    startOffset: int64,
    deliveryCompleteCount: int32,
    createTimestamp: int64,
    writeTimestamp: int64,
    stateBatches: fc.array(batch, { maxLength: 5 }),
  });
  const updateValue = fc.record({ version: fc.constant(0), snapshotEpoch: int32, leaderEpoch: int32, startOffset: int64, deliveryCompleteCount: int32, stateBatches: fc.array(batch, { maxLength: 5 }) });
  const record: fc.Arbitrary<ShareStateRecordToEncode> = fc.oneof(
    fc.record({ type: fc.constant("ShareSnapshot" as const), key: shareKey, tombstone: fc.constant(false as const), value: snapshotValue }),
    fc.record({ type: fc.constant("ShareUpdate" as const), key: shareKey, tombstone: fc.constant(false as const), value: updateValue }),
    fc.record({ type: fc.constantFrom("ShareSnapshot" as const, "ShareUpdate" as const), key: shareKey, tombstone: fc.constant(true as const), value: fc.constant(null) }),
  );

  it("round-trips", () => {
    fc.assert(
      fc.property(record, (r) => {
        const { key: k, value } = encodeShareState(r);
        expect(decodeShareState(k, value)).toEqual({ ...r, recordType: r.type === "ShareSnapshot" ? 0 : 1 });
      }),
      { numRuns: 500 },
    );
  });

  it("never throws anything but a KonsumerOffsetsError on random bytes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.uint8Array({ maxLength: 60 }), fc.option(fc.uint8Array({ maxLength: 80 })), (type, keyTail, value) => {
        const k = Uint8Array.of(0, type, ...keyTail);
        try {
          decodeShareState(k, value);
        } catch (error) {
          expect(error).toBeInstanceOf(KonsumerOffsetsError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
