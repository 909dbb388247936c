// The options for decoding many small inputs fast: reset(), offset, string interning (StringCache), the native UTF-8
// path, and numbers read without a DataView (checked against DataView in both endiannesses).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BytesParser, BytesParserError, BytesWriter, StringCache } from "@kafkesc/bytes-parser";
import { decodeUtf8, decodeUtf8Portable, NATIVE_UTF8 } from "../src/utf8.js";
import { bytes, expectError } from "./helpers.js";

describe("reset", () => {
  it("points a parser at new bytes with the cursor at 0, keeping its options", () => {
    const p = new BytesParser(bytes("01 00"), { littleEndian: true });
    expect(p.readInt16()).toBe(1);
    expect(p.reset(bytes("02 00 03")).position).toBe(0);
    expect(p.length).toBe(3);
    expect(p.remaining).toBe(3);
    expect(p.readInt16()).toBe(2);
    expect(p.readUint8()).toBe(3);
    expect(p.isAtEnd()).toBe(true);
  });

  it("bounds reads and reports offsets in the new bytes", () => {
    const p = new BytesParser(bytes("00 00 00 00 00 00 00 00"));
    p.reset(bytes("00 01 ff"));
    p.skip(2);
    expectError(() => p.readInt16(), "OUT_OF_BOUNDS", { offset: 2, requested: 2, remaining: 1 });
    expect(p.position).toBe(2);
  });

  it("turns a sub-parser into a root parser; sub-parsers made before keep the old bytes", () => {
    const root = new BytesParser(bytes("aa bb cc dd"));
    root.skip(1);
    const sub = root.subParser(2);
    const inner = sub.subParser(1);
    sub.reset(bytes("01 02 03"));
    expect(sub.offset).toBe(0);
    expect(sub.length).toBe(3);
    expect(sub.readUint8()).toBe(1);
    expect(inner.readUint8()).toBe(0xbb);
    expect(root.readUint8()).toBe(0xdd);
  });

  it("rejects what is not a Uint8Array", () => {
    const p = new BytesParser(bytes("00"));
    expectError(() => p.reset([1, 2] as unknown as Uint8Array), "INVALID_VALUE");
    expect(p.readUint8()).toBe(0);
  });

  it("reads the same values as a new parser, for any sequence of inputs", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 24 }), { maxLength: 8 }), fc.boolean(), (inputs, littleEndian) => {
        const reused = new BytesParser(new Uint8Array(0), { littleEndian });
        for (const input of inputs) {
          expect(readAll(reused.reset(input))).toStrictEqual(readAll(new BytesParser(input, { littleEndian })));
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Reads an input with a fixed sequence of readers until one throws: the values and the error's code and offset. */
function readAll(p: BytesParser): unknown[] {
  const out: unknown[] = [];
  const readers = [
    () => p.readInt16(),
    () => p.readNullableString(),
    () => p.readInt64(),
    () => p.readUint32(),
    () => p.readCompactString(),
    () => p.readFloat64(),
  ];
  try {
    for (let i = 0; !p.isAtEnd(); i++) out.push((readers[i % readers.length] as () => unknown)());
  } catch (error) {
    const e = error as BytesParserError;
    out.push({ code: e.code, offset: e.offset, position: p.position });
  }
  return out;
}

describe("offset", () => {
  it("is the absolute index of the cursor, where position counts from the sub-parser's start", () => {
    const p = new BytesParser(bytes("00 01 02 03 04 05"));
    p.skip(2);
    expect(p.offset).toBe(2);
    const sub = p.subParser(3);
    sub.skip(1);
    expect(sub.position).toBe(1);
    expect(sub.offset).toBe(3);
  });
});

describe("numbers without a DataView", () => {
  it("agree with DataView for every width and both endiannesses", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.boolean(), (data, littleEndian) => {
        const view = new DataView(data.buffer, data.byteOffset, 8);
        const p = () => new BytesParser(data, { littleEndian });
        expect(p().readInt16()).toBe(view.getInt16(0, littleEndian));
        expect(p().readUint16()).toBe(view.getUint16(0, littleEndian));
        expect(p().readInt32()).toBe(view.getInt32(0, littleEndian));
        expect(p().readUint32()).toBe(view.getUint32(0, littleEndian));
        expect(p().readInt64()).toBe(view.getBigInt64(0, littleEndian));
        expect(p().readUint64()).toBe(view.getBigUint64(0, littleEndian));
        expect(Object.is(p().readFloat32(), view.getFloat32(0, littleEndian))).toBe(true);
        expect(Object.is(p().readFloat64(), view.getFloat64(0, littleEndian))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("read at an odd offset inside a larger buffer", () => {
    const backing = new Uint8Array(20).map((_, i) => i * 17);
    const data = backing.subarray(3, 19);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const p = new BytesParser(data).skip(1);
    expect(p.readInt64()).toBe(view.getBigInt64(1));
    expect(p.readInt32()).toBe(view.getInt32(9));
    expect(p.readInt16()).toBe(view.getInt16(13));
  });
});

describe("UTF-8", () => {
  it("runs natively on Node", () => {
    expect(NATIVE_UTF8).toBe(true);
  });

  it("decodes any bytes natively exactly as the portable (browser) path does, U+FFFD included", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (data) => {
        expect(decodeUtf8(data, 0, data.length, false)).toBe(decodeUtf8Portable(data, 0, data.length, false));
      }),
      { numRuns: 3000 },
    );
  });

  it("still throws INVALID_UTF8 with validate, on the native path and with interning", () => {
    const invalid = bytes("00 45 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50 51 52 53 54 55 56 57 58 59 5a 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50 51 52 53 54 55 56 57 58 59 5a 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d ff");
    invalid[1] = invalid.length - 2;
    expectError(() => new BytesParser(invalid).readString({ validate: true }), "INVALID_UTF8", { offset: 2 });
    expectError(() => new BytesParser(invalid, { internStrings: true }).readString({ validate: true }), "INVALID_UTF8", { offset: 2 });
    expect(new BytesParser(invalid).readString()).toMatch(/\uFFFD$/);
  });
});

describe("StringCache", () => {
  it("returns equal strings, the same string for repeated ASCII, and never a wrong one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: "binary-ascii", maxLength: 10 }), fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("orders-7", "orders-8", "group")), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 16 }),
        (texts, slots) => {
          const cache = new StringCache({ slots, maxBytes: 16 });
          const w = new BytesWriter();
          for (const text of texts) w.writeString(text);
          const p = new BytesParser(w.finish(), { internStrings: cache });
          for (const text of texts) expect(p.readString()).toBe(text);
          expect(p.isAtEnd()).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never mistakes strings that differ in one byte, at any length around the 4-byte packing, with or without byte rows", () => {
    // slots 2^20 x 64 bytes would take 68 MiB of rows: that cache compares char codes instead.
    const caches = [new StringCache({ slots: 1, maxBytes: 24 }), new StringCache({ slots: 2 ** 20, maxBytes: 64 })];
    for (const cache of caches) {
      for (let length = 1; length <= 24; length++) {
        const base = "abcdefghijklmnopqrstuvwxyz".slice(0, length);
        for (let at = 0; at < length; at++) {
          const variant = `${base.slice(0, at)}${String.fromCharCode(base.charCodeAt(at) ^ 1)}${base.slice(at + 1)}`;
          for (const text of [base, variant, base, variant.slice(0, length - 1)]) {
            const data = new TextEncoder().encode(`#${text}#`);
            expect(cache.decode(data, 1, data.length - 1)).toBe(text);
          }
        }
      }
    }
  });

  it("decodes invalid UTF-8 as without a cache", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (data) => {
        const cache = new StringCache({ slots: 4 });
        expect(cache.decode(data, 0, data.length)).toBe(decodeUtf8(data, 0, data.length, false));
        expect(cache.decode(data, 0, data.length)).toBe(decodeUtf8(data, 0, data.length, false));
      }),
      { numRuns: 1000 },
    );
  });

  it("serves the sub-parsers of a parser that uses it", () => {
    const cache = new StringCache();
    const w = new BytesWriter();
    w.writeString("consumer-group-42").writeString("consumer-group-42");
    const data = w.finish();
    const first = new BytesParser(data, { internStrings: cache }).readString();
    const second = new BytesParser(data, { internStrings: cache }).subParser(data.length).skip(19).readString();
    expect(second).toBe("consumer-group-42");
    expect(cache.decode(data, 2, 19)).toBe(first);
  });

  it("leaves strings longer than maxBytes alone and empties on clear", () => {
    const cache = new StringCache({ slots: 3, maxBytes: 4 });
    expect(cache.slots).toBe(4);
    expect(cache.maxBytes).toBe(4);
    const data = new TextEncoder().encode("abcdefgh");
    expect(cache.decode(data, 0, 8)).toBe("abcdefgh");
    expect(cache.decode(data, 0, 4)).toBe("abcd");
    cache.clear();
    expect(cache.decode(data, 4, 8)).toBe("efgh");
    expect(cache.decode(data, 0, 0)).toBe("");
  });

  it("rejects bad sizes and bad internStrings values with INVALID_VALUE", () => {
    expectError(() => new StringCache({ slots: 0 }), "INVALID_VALUE");
    expectError(() => new StringCache({ slots: 2 ** 21 }), "INVALID_VALUE");
    expectError(() => new StringCache({ maxBytes: 1.5 }), "INVALID_VALUE");
    expectError(() => new BytesParser(bytes("00"), { internStrings: "yes" as unknown as boolean }), "INVALID_VALUE");
  });
});
