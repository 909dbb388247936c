import { describe, expect, it } from "vitest";
import { BytesParser, BytesWriter } from "@kafkesc/bytes-parser";
import type { BytesParserErrorCode } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");

describe("BytesWriter fixed-size primitives", () => {
  it("writes every type big-endian by default", () => {
    const w = new BytesWriter()
      .writeInt8(-128)
      .writeUint8(255)
      .writeInt16(0x1234)
      .writeUint16(0xfffe)
      .writeInt32(-2)
      .writeUint32(0xdeadbeef)
      .writeInt64(0x0102030405060708n)
      .writeUint64(2n ** 64n - 1n)
      .writeFloat32(1.5)
      .writeFloat64(1.5)
      .writeBoolean(true)
      .writeBoolean(false);
    expect(w.littleEndian).toBe(false);
    expect(hex(w.finish())).toBe(
      "80ff" + "1234" + "fffe" + "fffffffe" + "deadbeef" + "0102030405060708" + "ffffffffffffffff" + "3fc00000" + "3ff8000000000000" + "0100",
    );
    expect(w.length).toBe(44);
  });

  it("writes little-endian when asked, except Kafka's length prefixes", () => {
    const w = new BytesWriter({ littleEndian: true }).writeInt16(0x1234).writeUint32(1).writeInt64(-2).writeFloat64(1.5).writeString("a");
    expect(hex(w.finish())).toBe("3412" + "01000000" + "feffffffffffffff" + "000000000000f83f" + "000161");
  });

  it("accepts safe-integer numbers for 64-bit values", () => {
    expect(hex(new BytesWriter().writeInt64(-1).writeUint64(258).finish())).toBe("ffffffffffffffff" + "0000000000000102");
  });

  const outOfRange: [string, (w: BytesWriter) => unknown][] = [
    ["int8 128", (w) => w.writeInt8(128)],
    ["int8 -129", (w) => w.writeInt8(-129)],
    ["uint8 -1", (w) => w.writeUint8(-1)],
    ["uint8 256", (w) => w.writeUint8(256)],
    ["int16 32768", (w) => w.writeInt16(32768)],
    ["uint16 65536", (w) => w.writeUint16(65536)],
    ["int32 2^31", (w) => w.writeInt32(2 ** 31)],
    ["int32 1.5", (w) => w.writeInt32(1.5)],
    ["int32 NaN", (w) => w.writeInt32(Number.NaN)],
    ["int32 '1'", (w) => w.writeInt32("1" as unknown as number)],
    ["uint32 -1", (w) => w.writeUint32(-1)],
    ["uint32 2^32", (w) => w.writeUint32(2 ** 32)],
    ["int64 2^63", (w) => w.writeInt64(2n ** 63n)],
    ["int64 unsafe number", (w) => w.writeInt64(2 ** 60)],
    ["uint64 -1", (w) => w.writeUint64(-1n)],
    ["uint64 2^64", (w) => w.writeUint64(2n ** 64n)],
    ["float32 string", (w) => w.writeFloat32("1" as unknown as number)],
    ["float64 bigint", (w) => w.writeFloat64(1n as unknown as number)],
    ["boolean 1", (w) => w.writeBoolean(1 as unknown as boolean)],
    ["varint 2^31", (w) => w.writeVarint(2 ** 31)],
    ["unsigned varint -1", (w) => w.writeUnsignedVarint(-1)],
    ["unsigned varint 2^32", (w) => w.writeUnsignedVarint(2 ** 32)],
    ["varlong 2^63", (w) => w.writeVarlong(2n ** 63n)],
    ["varlong 0.5", (w) => w.writeVarlong(0.5)],
    ["bytes", (w) => w.writeBytes([1] as unknown as Uint8Array)],
    ["utf8", (w) => w.writeUtf8(1 as unknown as string)],
  ];

  it.each(outOfRange)("rejects %s with INVALID_VALUE, writing nothing", (_name, write) => {
    const w = new BytesWriter().writeUint8(7);
    expectError(() => write(w), "INVALID_VALUE", { offset: 1 });
    expect(hex(w.finish())).toBe("07");
  });

  it("writes float32 with Math.fround rounding, and special values", () => {
    const p = new BytesParser(new BytesWriter().writeFloat32(0.1).writeFloat64(Number.NaN).writeFloat64(-0).finish());
    expect(p.readFloat32()).toBe(Math.fround(0.1));
    expect(p.readFloat64()).toBeNaN();
    expect(Object.is(p.readFloat64(), -0)).toBe(true);
  });
});

describe("BytesWriter buffer", () => {
  it("grows geometrically, keeping what was written, and finish() is exactly the bytes written", () => {
    const w = new BytesWriter({ initialCapacity: 1 });
    for (let i = 0; i < 1000; i++) w.writeInt32(i);
    const out = w.finish();
    expect(out.length).toBe(4000);
    const p = new BytesParser(out);
    for (let i = 0; i < 1000; i++) expect(p.readInt32()).toBe(i);
    expect(out.buffer.byteLength).toBeLessThanOrEqual(8192);
  });

  it("finish() returns a view; later writes never change it", () => {
    const w = new BytesWriter({ initialCapacity: 2 }).writeInt16(1);
    const first = w.finish();
    w.writeInt32(2).writeBytes(new Uint8Array(100));
    expect(hex(first)).toBe("0001");
    expect(w.finish().length).toBe(106);
  });

  it("an empty writer finishes with no bytes; odd capacities fall back to the default", () => {
    expect(new BytesWriter().finish().length).toBe(0);
    expect(new BytesWriter({ initialCapacity: -5 }).writeInt8(1).finish().length).toBe(1);
    expect(new BytesWriter({ initialCapacity: Number.NaN }).writeInt8(1).finish().length).toBe(1);
  });

  it("writes raw bytes and raw UTF-8 without a length", () => {
    const w = new BytesWriter().writeBytes(bytes("01 02")).writeUtf8("é").writeUtf8("ok");
    expect(hex(w.finish())).toBe("0102" + "c3a9" + "6f6b");
  });
});

describe("BytesWriter Kafka strings and bytes", () => {
  it("writes STRING, NULLABLE_STRING and the compact forms", () => {
    const w = new BytesWriter()
      .writeString("hi")
      .writeNullableString(null)
      .writeNullableString("")
      .writeCompactString("abc")
      .writeCompactNullableString(null)
      .writeCompactNullableString("€");
    expect(hex(w.finish())).toBe("00026869" + "ffff" + "0000" + "04616263" + "00" + "04e282ac");
  });

  it("counts UTF-8 bytes, not UTF-16 units, in length prefixes (surrogate pairs, lone surrogates)", () => {
    const p = new BytesParser(new BytesWriter().writeString("🎉").writeCompactString("a\ud800b").finish());
    expect(p.peek((q) => q.readInt16())).toBe(4);
    expect(p.readString()).toBe("🎉");
    expect(p.peek((q) => q.readUnsignedVarint())).toBe(6); // 1 + 3 (U+FFFD) + 1, plus 1
    expect(p.readCompactString()).toBe("a\ufffdb");
  });

  it("falls back from the ASCII fast path cleanly, at every length around the 1-byte compact length", () => {
    for (const length of [0, 1, 125, 126, 127, 128, 300]) {
      for (const text of ["a".repeat(length), "a".repeat(Math.max(0, length - 1)) + "é", "é" + "a".repeat(length)]) {
        const w = new BytesWriter({ initialCapacity: 1 }).writeString(text).writeCompactString(text).writeCompactNullableString(text).writeNullableString(text);
        const expected = new TextEncoder().encode(text);
        const p = new BytesParser(w.finish());
        expect(p.peek((q) => q.readInt16())).toBe(expected.length);
        expect([p.readString(), p.readCompactString(), p.readCompactNullableString(), p.readNullableString()]).toEqual([text, text, text, text]);
        expect(p.isAtEnd()).toBe(true);
      }
    }
  });

  it("writes compact strings longer than 127 bytes with a multi-byte length", () => {
    const text = "é".repeat(100); // 200 bytes
    const out = new BytesWriter().writeCompactString(text).finish();
    expect(hex(out.subarray(0, 2))).toBe("c901");
    expect(new BytesParser(out).readCompactString()).toBe(text);
  });

  it("rejects a STRING over 32767 bytes and null where not nullable", () => {
    const w = new BytesWriter();
    expectError(() => w.writeString("x".repeat(32768)), "INVALID_VALUE", { offset: 0 });
    expect(w.writeString("x".repeat(32767)).length).toBe(32769);
    expectError(() => w.writeCompactString("é".repeat(16384)), "INVALID_VALUE", { offset: 32769 }); // 32768 bytes
    expectError(() => w.writeCompactNullableString("x".repeat(40000)), "INVALID_VALUE");
    expectError(() => w.writeString(null as unknown as string), "UNEXPECTED_NULL");
    expectError(() => w.writeCompactString(undefined as unknown as string), "UNEXPECTED_NULL");
    expectError(() => w.writeString(5 as unknown as string), "INVALID_VALUE");
    expectError(() => w.writeByteArray(null as unknown as Uint8Array), "UNEXPECTED_NULL");
    expectError(() => w.writeCompactByteArray("ab" as unknown as Uint8Array), "INVALID_VALUE");
    expectError(() => w.writeArray(null as unknown as number[], () => {}), "UNEXPECTED_NULL");
    expectError(() => w.writeCompactArray({} as unknown as number[], () => {}), "INVALID_VALUE");
    expect(w.length).toBe(32769);
  });

  it("writes BYTES, NULLABLE_BYTES and the compact forms", () => {
    const w = new BytesWriter()
      .writeByteArray(bytes("aa"))
      .writeNullableByteArray(null)
      .writeCompactByteArray(new Uint8Array(0))
      .writeCompactNullableByteArray(null)
      .writeCompactNullableByteArray(bytes("bb cc"));
    expect(hex(w.finish())).toBe("00000001aa" + "ffffffff" + "01" + "00" + "03bbcc");
  });
});

describe("BytesWriter UUID", () => {
  it.each([
    ["AAAAAAAAAAAAAAAAAAAAAA", "00000000000000000000000000000000"],
    ["AAAAAAAAAAAAAAAAAAAAAQ", "00000000000000000000000000000001"],
    ["_____________________w", "ffffffffffffffffffffffffffffffff"],
  ])("writes Kafka's form %s", (uuid, expected) => {
    expect(hex(new BytesWriter().writeUuid(uuid).finish())).toBe(expected);
  });

  it("writes 8-4-4-4-12 hexadecimal, either case, to the same bytes Kafka's form gives", () => {
    const hexForm = "0F1e2D3c-4b5A-6978-8796-a5B4c3D2e1F0";
    const out = new BytesWriter().writeUuid(hexForm).finish();
    expect(hex(out)).toBe("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    const kafkaForm = new BytesParser(out).readUuid();
    expect(kafkaForm).toBe(Buffer.from(out).toString("base64url"));
    expect(new BytesWriter().writeUuid(kafkaForm).finish()).toEqual(out);
  });

  it.each([
    ["too short", "AAAA"],
    ["23 characters", "AAAAAAAAAAAAAAAAAAAAAAA"],
    ["standard base64 characters", "+AAAAAAAAAAAAAAAAAAAAA"],
    ["padding", "AAAAAAAAAAAAAAAAAAAA=="],
    ["non-zero padding bits", "AAAAAAAAAAAAAAAAAAAAAB"],
    ["non-ASCII", "AAAAAAAAAAAAAAAAAAAAAé"],
    ["hex without dashes in place", "0f1e2d3c4b5a-6978-8796-a5b4c3d2e1f0"],
    ["hex with a non-hex digit", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg"],
  ])("rejects %s with INVALID_VALUE, writing nothing", (_name, uuid) => {
    const w = new BytesWriter().writeInt8(1);
    expectError(() => w.writeUuid(uuid), "INVALID_VALUE", { offset: 1 });
    expect(w.length).toBe(1);
    expect(hex(w.writeInt8(2).finish())).toBe("0102");
  });

  it("rejects a non-string UUID", () => {
    expectError(() => new BytesWriter().writeUuid(null as unknown as string), "INVALID_VALUE");
  });
});

describe("BytesWriter Kafka arrays", () => {
  const int16 = (w: BytesWriter, v: number) => void w.writeInt16(v);

  it("writes ARRAY, nullable and compact forms", () => {
    const w = new BytesWriter()
      .writeArray([1, -1], int16)
      .writeNullableArray(null, int16)
      .writeCompactArray([], int16)
      .writeCompactNullableArray(null, int16)
      .writeCompactNullableArray([2], int16);
    expect(hex(w.finish())).toBe("000000020001ffff" + "ffffffff" + "01" + "00" + "020002");
  });

  it("takes the whole array back when an element fails", () => {
    const w = new BytesWriter().writeInt8(9);
    expectError(() => w.writeArray([1, 2, 100000], int16), "INVALID_VALUE");
    expect(() => w.writeCompactArray([1], () => { throw new Error("element"); })).toThrow("element");
    expect(hex(w.writeInt8(8).finish())).toBe("0908");
  });
});

describe("BytesWriter tagged fields", () => {
  it("writes count, then tag, size and bytes per field", () => {
    const w = new BytesWriter().writeTaggedFields([]).writeTaggedFields([
      { tag: 0, data: bytes("2a") },
      { tag: 200, data: new Uint8Array(0) },
    ]);
    expect(hex(w.finish())).toBe("00" + "02" + "00012a" + "c80100");
  });

  const bad: [string, unknown, BytesParserErrorCode][] = [
    ["unsorted tags", [{ tag: 2, data: new Uint8Array(0) }, { tag: 1, data: new Uint8Array(0) }], "INVALID_TAGGED_FIELDS"],
    ["duplicate tags", [{ tag: 1, data: new Uint8Array(0) }, { tag: 1, data: new Uint8Array(0) }], "INVALID_TAGGED_FIELDS"],
    ["a negative tag", [{ tag: -1, data: new Uint8Array(0) }], "INVALID_VALUE"],
    ["missing data", [{ tag: 1 }], "INVALID_VALUE"],
    ["a null field", [null], "INVALID_VALUE"],
    ["not an array", { tag: 1 }, "INVALID_VALUE"],
  ];

  it.each(bad)("rejects %s, writing nothing", (_name, fields, code) => {
    const w = new BytesWriter();
    expectError(() => w.writeTaggedFields(fields as never), code, { offset: 0 });
    expect(w.length).toBe(0);
  });

  it("round-trips with readTaggedFields", () => {
    const fields = [
      { tag: 3, data: bytes("01 02 03") },
      { tag: 1000, data: bytes("ff") },
    ];
    const read = new BytesParser(new BytesWriter().writeTaggedFields(fields).finish()).readTaggedFields();
    expect(read.map((f) => ({ tag: f.tag, data: Uint8Array.from(f.data) }))).toEqual(fields);
  });
});
