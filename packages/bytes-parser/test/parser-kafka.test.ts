import { describe, expect, it } from "vitest";
import { BytesParser, toKafkaUuid, ZERO_UUID } from "@kafkesc/bytes-parser";
import type { BytesParserErrorCode } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

describe("Kafka strings", () => {
  it("STRING: int16 length, then UTF-8", () => {
    const p = new BytesParser(bytes("00 05", "68 65 6c 6c 6f", "00 00", "00 03 e2 82 ac"));
    expect(p.readString()).toBe("hello");
    expect(p.readString()).toBe("");
    expect(p.readString()).toBe("€");
    expect(p.isAtEnd()).toBe(true);
  });

  it("STRING length prefixes stay big-endian in a little-endian parser", () => {
    const p = new BytesParser(bytes("00 02 68 69", "00 00 00 01 ff"), { littleEndian: true });
    expect(p.readString()).toBe("hi");
    expect(Array.from(p.readByteArray())).toEqual([0xff]);
  });

  it("STRING: -1 is UNEXPECTED_NULL, below is NEGATIVE_LENGTH, too long is OUT_OF_BOUNDS; the cursor stays", () => {
    expectError(() => new BytesParser(bytes("ff ff")).readString(), "UNEXPECTED_NULL", { offset: 0 });
    expectError(() => new BytesParser(bytes("ff fe")).readString(), "NEGATIVE_LENGTH", { offset: 0, requested: -2 });
    const p = new BytesParser(bytes("00", "7f ff 61 62"));
    p.skip(1);
    expectError(() => p.readString(), "OUT_OF_BOUNDS", { offset: 3, requested: 32767, remaining: 2 });
    expect(p.position).toBe(1);
    expectError(() => new BytesParser(bytes("00")).readString(), "OUT_OF_BOUNDS", { offset: 0, requested: 2, remaining: 1 });
  });

  it("STRING validates UTF-8 only when asked", () => {
    expect(new BytesParser(bytes("00 01 ff")).readString()).toBe("\ufffd");
    expectError(() => new BytesParser(bytes("00 01 ff")).readString({ validate: true }), "INVALID_UTF8", { offset: 2 });
    expectError(() => new BytesParser(bytes("00 01 ff")).readNullableString({ validate: true }), "INVALID_UTF8");
    expectError(() => new BytesParser(bytes("02 ff")).readCompactString({ validate: true }), "INVALID_UTF8", { offset: 1 });
    expectError(() => new BytesParser(bytes("02 ff")).readCompactNullableString({ validate: true }), "INVALID_UTF8");
  });

  it("NULLABLE_STRING: -1 is null", () => {
    const p = new BytesParser(bytes("ff ff", "00 01 61", "80 00"));
    expect(p.readNullableString()).toBeNull();
    expect(p.position).toBe(2);
    expect(p.readNullableString()).toBe("a");
    expectError(() => p.readNullableString(), "NEGATIVE_LENGTH", { offset: 5, requested: -32768 });
    expect(p.position).toBe(5);
  });

  it("COMPACT_STRING: unsigned varint length + 1; 0 is UNEXPECTED_NULL", () => {
    const long = "t".repeat(200);
    const p = new BytesParser(bytes("01", "04 61 62 63", "c9 01", ...new TextEncoder().encode(long), "00"));
    expect(p.readCompactString()).toBe("");
    expect(p.readCompactString()).toBe("abc");
    expect(p.readCompactString()).toBe(long);
    expectError(() => p.readCompactString(), "UNEXPECTED_NULL", { offset: p.position });
    expect(p.remaining).toBe(1);
  });

  it("COMPACT_NULLABLE_STRING: 0 is null", () => {
    const p = new BytesParser(bytes("00", "02 7a"));
    expect(p.readCompactNullableString()).toBeNull();
    expect(p.readCompactNullableString()).toBe("z");
    expect(p.isAtEnd()).toBe(true);
  });

  it("a 5-byte input claiming a 2 GB string is rejected before any allocation, cursor in place", () => {
    // uvarint 0x80000000 = 2^31 => length 2^31 - 1
    const p = new BytesParser(bytes("80 80 80 80 08"));
    expectError(() => p.readCompactString(), "OUT_OF_BOUNDS", { offset: 5, requested: 2 ** 31 - 1, remaining: 0 });
    expectError(() => p.readCompactNullableByteArray(), "OUT_OF_BOUNDS", { requested: 2 ** 31 - 1 });
    expect(p.position).toBe(0);
    expectError(() => new BytesParser(bytes("7f ff ff ff 00")).readByteArray(), "OUT_OF_BOUNDS", { offset: 4, requested: 2 ** 31 - 1, remaining: 1 });
    expectError(() => new BytesParser(bytes("ff ff ff ff 0f")).readCompactString(), "OUT_OF_BOUNDS", { requested: 2 ** 32 - 2 });
  });
});

describe("Kafka bytes", () => {
  it("BYTES and NULLABLE_BYTES: int32 length, zero-copy views", () => {
    const input = bytes("00 00 00 02 aa bb", "ff ff ff ff", "00 00 00 00");
    const p = new BytesParser(input);
    const view = p.readByteArray();
    expect(Array.from(view)).toEqual([0xaa, 0xbb]);
    expect(view.buffer).toBe(input.buffer);
    expect(p.readNullableByteArray()).toBeNull();
    expect(p.readNullableByteArray()).toEqual(new Uint8Array(0));
    expect(p.isAtEnd()).toBe(true);
  });

  it("BYTES: -1 is UNEXPECTED_NULL, -2 NEGATIVE_LENGTH, short OUT_OF_BOUNDS", () => {
    expectError(() => new BytesParser(bytes("ff ff ff ff")).readByteArray(), "UNEXPECTED_NULL", { offset: 0 });
    expectError(() => new BytesParser(bytes("ff ff ff fe")).readByteArray(), "NEGATIVE_LENGTH", { requested: -2 });
    expectError(() => new BytesParser(bytes("ff ff ff fe")).readNullableByteArray(), "NEGATIVE_LENGTH", { requested: -2 });
    expectError(() => new BytesParser(bytes("00 00 00 03 01")).readNullableByteArray(), "OUT_OF_BOUNDS", { offset: 4, requested: 3, remaining: 1 });
    expectError(() => new BytesParser(bytes("00 00 00")).readByteArray(), "OUT_OF_BOUNDS", { offset: 0, requested: 4, remaining: 3 });
  });

  it("COMPACT_BYTES and COMPACT_NULLABLE_BYTES", () => {
    const p = new BytesParser(bytes("03 01 02", "01", "00", "00"));
    expect(Array.from(p.readCompactByteArray())).toEqual([1, 2]);
    expect(p.readCompactByteArray().length).toBe(0);
    expect(p.readCompactNullableByteArray()).toBeNull();
    expectError(() => p.readCompactByteArray(), "UNEXPECTED_NULL", { offset: 5 });
    expect(p.position).toBe(5);
  });
});

describe("Kafka UUID", () => {
  it("reads 16 bytes as Kafka's URL-safe base64 without padding", () => {
    const p = new BytesParser(bytes("00 ".repeat(16), "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01", "ff ".repeat(16)));
    expect(p.readUuid()).toBe("AAAAAAAAAAAAAAAAAAAAAA"); // Uuid.ZERO_UUID
    expect(p.readUuid()).toBe("AAAAAAAAAAAAAAAAAAAAAQ"); // Uuid.METADATA_TOPIC_ID
    expect(p.readUuid()).toBe("_____________________w");
  });

  it("matches Node's base64url for arbitrary bytes", () => {
    const raw = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(new BytesParser(raw).readUuid()).toBe(Buffer.from(raw).toString("base64url"));
  });

  it("ZERO_UUID is what 16 zero bytes read as", () => {
    expect(new BytesParser(new Uint8Array(16)).readUuid()).toBe(ZERO_UUID);
  });

  it("toKafkaUuid turns standard base64 (librdkafka's form) and hexadecimal into Kafka's form, and rejects the rest", () => {
    const raw = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 251) & 0xff);
    const kafka = Buffer.from(raw).toString("base64url");
    expect(toKafkaUuid(Buffer.from(raw).toString("base64"))).toBe(kafka); // padded, with + and /
    expect(toKafkaUuid(kafka)).toBe(kafka);
    expect(toKafkaUuid("00000000-0000-0000-0000-000000000001")).toBe("AAAAAAAAAAAAAAAAAAAAAQ");
    expect(toKafkaUuid("not a uuid")).toBeUndefined();
    expect(toKafkaUuid("AAAAAAAAAAAAAAAAAAAAAB")).toBeUndefined(); // non-zero padding bits
  });
});

describe("Kafka arrays", () => {
  const int16 = (p: BytesParser) => p.readInt16();

  it("ARRAY: int32 count, then elements", () => {
    const p = new BytesParser(bytes("00 00 00 03", "00 01 00 02 ff ff", "00 00 00 00"));
    expect(p.readArray(int16)).toEqual([1, 2, -1]);
    expect(p.readArray(int16)).toEqual([]);
    expect(p.isAtEnd()).toBe(true);
  });

  it("ARRAY of structs with nested arrays (as a consumer-protocol assignment)", () => {
    const p = new BytesParser(bytes("00 00 00 02", "00 01 61 00 00 00 02 00 00 00 00 00 00 00 01", "00 01 62 00 00 00 00"));
    const topics = p.readArray((q) => ({ topic: q.readString(), partitions: q.readArray((r) => r.readInt32()) }));
    expect(topics).toEqual([
      { topic: "a", partitions: [0, 1] },
      { topic: "b", partitions: [] },
    ]);
  });

  it("nullable and compact forms", () => {
    const p = new BytesParser(bytes("ff ff ff ff", "00 00 00 01 00 07", "00", "01", "03 00 08 00 09"));
    expect(p.readNullableArray(int16)).toBeNull();
    expect(p.readNullableArray(int16)).toEqual([7]);
    expect(p.readCompactNullableArray(int16)).toBeNull();
    expect(p.readCompactArray(int16)).toEqual([]);
    expect(p.readCompactArray(int16)).toEqual([8, 9]);
    expect(p.isAtEnd()).toBe(true);
  });

  it("null, negative and oversized counts", () => {
    expectError(() => new BytesParser(bytes("ff ff ff ff")).readArray(int16), "UNEXPECTED_NULL", { offset: 0 });
    expectError(() => new BytesParser(bytes("ff ff ff f0")).readArray(int16), "NEGATIVE_LENGTH", { requested: -16 });
    expectError(() => new BytesParser(bytes("ff ff ff f0")).readNullableArray(int16), "NEGATIVE_LENGTH");
    expectError(() => new BytesParser(bytes("00")).readCompactArray(int16), "UNEXPECTED_NULL");
    // 2^31-1 elements claimed by 6 bytes: rejected before reading or allocating, as Kafka's generated readers do
    const p = new BytesParser(bytes("7f ff ff ff 00 01"));
    let calls = 0;
    expectError(() => p.readArray(() => calls++), "OUT_OF_BOUNDS", { offset: 4, requested: 2 ** 31 - 1, remaining: 2 });
    expectError(() => new BytesParser(bytes("ff ff ff ff 0f")).readCompactNullableArray(int16), "OUT_OF_BOUNDS", { requested: 2 ** 32 - 2 });
    expect(calls).toBe(0);
    expect(p.position).toBe(0);
  });

  it("an element that fails puts the cursor back before the array", () => {
    const p = new BytesParser(bytes("00", "00 00 00 02 00 01 00"));
    p.skip(1);
    expectError(() => p.readArray(int16), "OUT_OF_BOUNDS", { offset: 7, requested: 2, remaining: 1 });
    expect(p.position).toBe(1);
    expect(() => p.readArray(() => { throw new Error("element"); })).toThrow("element");
    expect(p.position).toBe(1);
  });
});

describe("Kafka tagged fields", () => {
  // count 2; tag 0 size 2 "00 2a"; tag 5 size 3 "61 62 63"; then a trailing byte
  const section = () => new BytesParser(bytes("02", "00 02 00 2a", "05 03 61 62 63", "ee"));

  it("returns every field as unknown without a handler, as zero-copy views", () => {
    const p = section();
    const fields = p.readTaggedFields();
    expect(fields.map((f) => [f.tag, Array.from(f.data)])).toEqual([
      [0, [0x00, 0x2a]],
      [5, [0x61, 0x62, 0x63]],
    ]);
    expect(p.readUint8()).toBe(0xee);
  });

  it("hands known tags to the handler with a parser bounded to the field; keeps the others", () => {
    const p = section();
    const seen: number[] = [];
    const unknown = p.readTaggedFields((tag, field) => {
      seen.push(tag);
      if (tag !== 0) return false;
      expect(field.length).toBe(2);
      expect(field.readInt16()).toBe(42);
      expectError(() => field.readUint8(), "OUT_OF_BOUNDS", { offset: 5, remaining: 0 });
      return true;
    });
    expect(seen).toEqual([0, 5]);
    expect(unknown.map((f) => f.tag)).toEqual([5]);
    expect(p.readUint8()).toBe(0xee);
  });

  it("lands after each field however much the handler read", () => {
    const p = section();
    p.readTaggedFields(() => true);
    expect(p.readUint8()).toBe(0xee);
  });

  it("an empty section is one byte", () => {
    const p = new BytesParser(bytes("00 ee"));
    expect(p.readTaggedFields(() => true)).toEqual([]);
    expect(p.position).toBe(1);
  });

  const bad: [string, string, BytesParserErrorCode, number][] = [
    ["tags out of order", "02 05 00 01 00", "INVALID_TAGGED_FIELDS", 3],
    ["duplicate tags", "02 01 00 01 00", "INVALID_TAGGED_FIELDS", 3],
    ["a size beyond the input", "01 00 05 61", "OUT_OF_BOUNDS", 3],
    ["a count beyond the input", "05 00 00", "OUT_OF_BOUNDS", 1],
    ["a truncated tag", "01 80", "OUT_OF_BOUNDS", 1],
    ["a varint count that never ends", "ff ff ff ff ff ff", "VARINT_TOO_LONG", 0],
  ];

  it.each(bad)("rejects %s and puts the cursor back", (_name, hex, code, offset) => {
    const p = new BytesParser(bytes(hex));
    expectError(() => p.readTaggedFields(), code, { offset });
    expect(p.position).toBe(0);
  });

  it("puts the cursor back when the handler throws", () => {
    const p = section();
    expect(() =>
      p.readTaggedFields((tag) => {
        if (tag === 5) throw new Error("handler");
        return true;
      }),
    ).toThrow("handler");
    expect(p.position).toBe(0);
  });
});
