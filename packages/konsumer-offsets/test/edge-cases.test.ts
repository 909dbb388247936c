// Unknown record types, tombstones of every type, typed errors with field path and offset, unknown tagged fields,
// trailing bytes, and the share-group records whose version 0 changed in place between Kafka 4.0 and 4.1.
import { describe, expect, it } from "vitest";
import { decode, encode, KonsumerOffsetsError } from "../src/index.js";
import { RECORD_SPECS } from "../src/records.js";
import { cstr, decodeKnown, i16, i32, i64, str, u8, uvarint } from "./helpers.js";

function thrown(run: () => unknown): KonsumerOffsetsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KonsumerOffsetsError);
    return error as KonsumerOffsetsError;
  }
  throw new Error("expected a KonsumerOffsetsError");
}

const UUID_BYTES = Array.from({ length: 16 }, (_, i) => 255 - i);
const UUID = Buffer.from(UUID_BYTES).toString("base64url");

describe("unknown record types", () => {
  it("give an Unknown record with the raw bytes, never an error", () => {
    const key = u8(i16(99), [1, 2, 3]);
    const value = u8([0, 0, 9]);
    expect(decode(key, value)).toStrictEqual({ type: "Unknown", recordType: 99, keyBytes: key, valueBytes: value, tombstone: false });
    expect(decode(u8(i16(-3)), null)).toStrictEqual({ type: "Unknown", recordType: -3, keyBytes: u8(i16(-3)), valueBytes: null, tombstone: true });
    expect(encode(decode(key, value))).toStrictEqual({ key, value });
  });
});

describe("tombstones", () => {
  it("decode for every known record type as their own typed result", () => {
    for (const spec of RECORD_SPECS) {
      const fields = spec.key.fields.map((f) => (f.type === "int32" ? i32(1) : str(`${f.name}-x`)));
      const record = decode(u8(i16(spec.recordType), ...fields), null);
      expect(record).toMatchObject({ type: spec.name, recordType: spec.recordType, tombstone: true, value: null });
    }
  });
});

describe("typed errors", () => {
  const key = u8(i16(1), str("g"), str("t"), i32(0));

  it("a key too short for its record type", () => {
    const error = thrown(() => decode(u8([1]), null));
    expect(error).toMatchObject({ code: "MALFORMED_KEY", recordType: undefined, offset: 0 });
  });

  it("a truncated key names the field", () => {
    const error = thrown(() => decode(u8(i16(1), str("g"), [0, 5, 0x61]), null));
    expect(error).toMatchObject({ code: "MALFORMED_KEY", recordType: 1, fieldPath: "topic", offset: 7 });
    expect(error.cause).toMatchObject({ name: "BytesParserError", code: "OUT_OF_BOUNDS" });
  });

  it("a value version Kafka never defined", () => {
    expect(thrown(() => decode(key, u8(i16(5), i64(1n))))).toMatchObject({ code: "UNSUPPORTED_VALUE_VERSION", recordType: 1, version: 5 });
    expect(thrown(() => decode(key, u8(i16(-1))))).toMatchObject({ code: "UNSUPPORTED_VALUE_VERSION", version: -1 });
  });

  it("a value too short for its version", () => {
    expect(thrown(() => decode(key, u8([0])))).toMatchObject({ code: "MALFORMED_VALUE", recordType: 1, offset: 0 });
  });

  it("a truncated member names its path and byte offset", () => {
    const value = u8(i16(3), str("consumer"), i32(1), str("r"), str("a"), i64(1n), i32(2),
      str("a"), i16(-1), str("c"), str("h"), i32(1), i32(1), i32(0), i32(0),
      str("b"), i16(-1), str("c"), [0, 9, 0x68]);
    const error = thrown(() => decode(u8(i16(2), str("g")), value));
    expect(error).toMatchObject({ code: "MALFORMED_VALUE", recordType: 2, version: 3, fieldPath: "members[1].clientHost" });
    expect(error.offset).toBe(value.length - 1); // where the 9 string bytes should start
    expect(error.message).toContain("members[1].clientHost");
  });

  it("a null where Kafka forbids one", () => {
    const value = u8(i16(3), i64(1n), i32(0), i16(-1), i64(1n));
    expect(thrown(() => decode(key, value))).toMatchObject({ code: "MALFORMED_VALUE", fieldPath: "metadata", offset: 14 });
  });

  it("an array count larger than the bytes left fails before allocating", () => {
    const value = u8(i16(0), cstr("g"), cstr("c"), cstr("h"), uvarint(0x7fffffff), [0, 0]);
    const error = thrown(() => decode(u8(i16(10), str("g"), str("m")), value));
    expect(error).toMatchObject({ code: "MALFORMED_VALUE", recordType: 10, fieldPath: "subscribedTopicNames", offset: 8 });
    expect(error.cause).toMatchObject({ code: "OUT_OF_BOUNDS", requested: 0x7ffffffe });
  });

  it("encode rejects a record it cannot write, naming the field", () => {
    const record = decodeKnown(key, u8(i16(3), i64(1n), i32(0), str("m"), i64(2n)));
    const broken = { ...record, value: { ...record.value, commitTimestamp: "yesterday" } } as never;
    expect(thrown(() => encode(broken))).toMatchObject({ code: "INVALID_RECORD", fieldPath: "commitTimestamp" });
    const badVersion = { ...record, value: { ...record.value, version: 9 } } as never;
    expect(thrown(() => encode(badVersion))).toMatchObject({ code: "INVALID_RECORD", version: 9 });
  });
});

describe("flexible versions", () => {
  it("keep unknown tagged fields (at every level) and write them back", () => {
    // ConsumerGroupTargetAssignmentMemberValue v0: one topic whose struct carries unknown tag 7, value-level tag 42.
    const value = u8(i16(0), uvarint(2), UUID_BYTES, uvarint(2), i32(3), uvarint(1), uvarint(7), uvarint(2), [0xaa, 0xbb],
      uvarint(1), uvarint(42), uvarint(1), [0x01]);
    const key = u8(i16(7), str("g"), str("m"));
    const record = decodeKnown(key, value);
    expect(record.value).toStrictEqual({
      version: 0,
      topicPartitions: [{ topicId: UUID, partitions: [3], unknownTaggedFields: [{ tag: 7, data: new Uint8Array([0xaa, 0xbb]) }] }],
      unknownTaggedFields: [{ tag: 42, data: new Uint8Array([0x01]) }],
    });
    expect(encode(record).value).toStrictEqual(value);
  });

  it("read known tagged fields (ConsumerGroupMetadataValue MetadataHash, tag 0)", () => {
    const value = u8(i16(0), i32(12), uvarint(1), uvarint(0), uvarint(8), i64(-5n), );
    expect(decodeKnown(u8(i16(3), str("g")), value).value).toStrictEqual({ version: 0, epoch: 12, metadataHash: -5n });
    expect(decodeKnown(u8(i16(3), str("g")), u8(i16(0), i32(12), uvarint(0))).value).toStrictEqual({ version: 0, epoch: 12, metadataHash: 0n });
  });

  it("tell a tagged struct written as null (what 4.x writes for consumer-protocol members) from an absent one", () => {
    const key = u8(i16(5), str("g"), str("m"));
    const head = [...i16(0), 0, 0, ...cstr("c"), ...cstr("/h"), ...uvarint(2), ...cstr("t"), ...uvarint(1), ...i32(300000), 0];
    const explicitNull = u8(head, uvarint(1), uvarint(0), uvarint(1), uvarint(0));
    expect(decodeKnown(key, explicitNull).value).toStrictEqual({
      version: 0, instanceId: null, rackId: null, clientId: "c", clientHost: "/h", subscribedTopicNames: ["t"], subscribedTopicRegex: "",
      rebalanceTimeoutMs: 300000, serverAssignor: null, classicMemberMetadata: null,
    });
    expect(encode(decodeKnown(key, explicitNull)).value).toStrictEqual(explicitNull);
    const struct = [...uvarint(1), ...i32(45000), ...uvarint(2), ...cstr("range"), ...uvarint(3), 0xaa, 0xbb, ...uvarint(0), ...uvarint(0)];
    const present = u8(head, uvarint(1), uvarint(0), uvarint(struct.length), struct);
    expect(decodeKnown(key, present).value).toMatchObject({
      classicMemberMetadata: { sessionTimeoutMs: 45000, supportedProtocols: [{ name: "range", metadata: new Uint8Array([0xaa, 0xbb]) }] },
    });
    expect(encode(decodeKnown(key, present)).value).toStrictEqual(present);
    const absent = u8(head, uvarint(0));
    expect(decodeKnown(key, absent).value).not.toHaveProperty("classicMemberMetadata");
    expect(encode(decodeKnown(key, absent)).value).toStrictEqual(absent);
  });

  it("tagged fields out of order are a typed error", () => {
    const value = u8(i16(0), i32(12), uvarint(2), uvarint(5), uvarint(0), uvarint(1), uvarint(0));
    expect(thrown(() => decode(u8(i16(3), str("g")), value))).toMatchObject({ code: "MALFORMED_VALUE", recordType: 3 });
  });
});

describe("trailing bytes", () => {
  it("after a value or key are accepted and reported, as Kafka ignores them", () => {
    const key = u8(i16(1), str("g"), str("t"), i32(0), [0xee]);
    const value = u8(i16(3), i64(1n), i32(0), str(""), i64(2n), [1, 2]);
    const record = decode(key, value);
    expect(record).toMatchObject({ keyTrailingBytes: new Uint8Array([0xee]), valueTrailingBytes: new Uint8Array([1, 2]) });
    expect(encode(record)).toStrictEqual({ key, value });
  });
});

describe("share-group records changed in place between 4.0 and 4.1", () => {
  const groupKey = (type: number) => u8(i16(type), str("share"));

  it("ShareGroupMetadataValue v0: 4.0 wrote the epoch only, 4.1+ adds MetadataHash", () => {
    expect(decodeKnown(groupKey(11), u8(i16(0), i32(4), uvarint(0))).value).toStrictEqual({ version: 0, layout: "4.0", epoch: 4 });
    expect(decodeKnown(groupKey(11), u8(i16(0), i32(4), i64(77n), uvarint(0))).value).toStrictEqual({ version: 0, layout: "4.1", epoch: 4, metadataHash: 77n });
  });

  it("ShareGroupStatePartitionMetadataValue v0: 4.0 had no InitializingTopics", () => {
    const info = [...UUID_BYTES.map((b) => b), ...cstr("orders"), ...uvarint(2), ...i32(0), ...uvarint(0)];
    const v40 = u8(i16(0), uvarint(2), UUID_BYTES, cstr("orders"), uvarint(2), i32(0), uvarint(0), uvarint(1), uvarint(0));
    expect(decodeKnown(groupKey(15), v40).value).toStrictEqual({
      version: 0, layout: "4.0",
      initializedTopics: [{ topicId: UUID, topicName: "orders", partitions: [0] }],
      deletingTopics: [],
    });
    const v41 = u8(i16(0), uvarint(1), uvarint(2), info, uvarint(1), uvarint(0));
    expect(decodeKnown(groupKey(15), v41).value).toStrictEqual({
      version: 0, layout: "4.1",
      initializingTopics: [],
      initializedTopics: [{ topicId: UUID, topicName: "orders", partitions: [0] }],
      deletingTopics: [],
    });
    expect(encode(decodeKnown(groupKey(15), v40)).value).toStrictEqual(v40);
    expect(encode(decodeKnown(groupKey(15), v41)).value).toStrictEqual(v41);
  });

  it("type 9 (ShareGroupPartitionMetadata, 4.0 only) still decodes", () => {
    const value = u8(i16(0), uvarint(2), UUID_BYTES, cstr("orders"), i32(3), uvarint(1), uvarint(0), uvarint(0));
    expect(decode(groupKey(9), value)).toMatchObject({
      type: "ShareGroupPartitionMetadata",
      value: { version: 0, topics: [{ topicId: UUID, topicName: "orders", numPartitions: 3, partitionMetadata: [] }] },
    });
  });
});
