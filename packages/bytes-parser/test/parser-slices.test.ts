import { describe, expect, it } from "vitest";
import { BytesParser } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("BytesParser.readBytes", () => {
  it("returns a zero-copy view of exactly n bytes", () => {
    const input = bytes("01 02 03 04");
    const p = new BytesParser(input);
    p.skip(1);
    const view = p.readBytes(2);
    expect([...view]).toEqual([2, 3]);
    expect(view.buffer).toBe(input.buffer);
    input[1] = 99;
    expect(view[0]).toBe(99);
    expect(p.readBytes(0).length).toBe(0);
    expect(p.position).toBe(3);
  });

  it("makes views of the input's class: Uint8Array for a Uint8Array at any byte offset, Buffer for a Buffer", () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 4, 5, 9]);
    const input = backing.subarray(2, 7); // a view that does not start at its buffer's first byte
    const p = new BytesParser(input);
    const first = p.readBytes(2);
    const rest = new BytesParser(bytes("00 00 00 03 03 04 05")).readByteArray();
    expect(Object.getPrototypeOf(first)).toBe(Uint8Array.prototype);
    expect([...first]).toEqual([1, 2]);
    expect(first.byteOffset).toBe(2);
    expect([...rest]).toEqual([3, 4, 5]);
    backing[3] = 42;
    expect(first[1]).toBe(42); // shares memory with the input
    const fromBuffer = new BytesParser(Buffer.from([0, 0, 0, 2, 7, 8])).readByteArray();
    expect(Buffer.isBuffer(fromBuffer)).toBe(true);
    expect([...fromBuffer]).toEqual([7, 8]);
    const parser = new BytesParser(Buffer.from([1, 2]));
    expect(Buffer.isBuffer(parser.readBytes(1))).toBe(true);
    expect(Buffer.isBuffer(parser.reset(new Uint8Array([3, 4])).readBytes(1))).toBe(false); // reset forgets the old input's class
  });

  it("gives one shared, frozen empty view for zero bytes of a Uint8Array, and an empty Buffer for a Buffer", () => {
    const empty = new BytesParser(bytes("00 00 00 00 01")).readByteArray();
    expect(empty.length).toBe(0);
    expect(Object.isFrozen(empty)).toBe(true);
    expect(new BytesParser(bytes("01")).readBytes(0)).toBe(empty);
    const fromBuffer = new BytesParser(Buffer.from([0, 0, 0, 0])).readByteArray();
    expect(Buffer.isBuffer(fromBuffer)).toBe(true);
    expect(fromBuffer.length).toBe(0);
  });

  it("checks the length before anything else", () => {
    const p = new BytesParser(bytes("01 02"));
    expectError(() => p.readBytes(3), "OUT_OF_BOUNDS", { offset: 0, requested: 3, remaining: 2 });
    expectError(() => p.readBytes(2 ** 31), "OUT_OF_BOUNDS", { requested: 2 ** 31 });
    expectError(() => p.readBytes(2 ** 40), "OUT_OF_BOUNDS");
    expectError(() => p.readBytes(-1), "NEGATIVE_LENGTH", { requested: -1 });
    expectError(() => p.readBytes(1.5), "INVALID_VALUE");
    expectError(() => p.readBytes(undefined as unknown as number), "INVALID_VALUE");
    expect(p.position).toBe(0);
  });
});

describe("BytesParser.readUtf8", () => {
  it.each([
    ["", "empty"],
    ["my-consumer-group", "short ASCII (fast path)"],
    ["x".repeat(33), "ASCII longer than the fast path"],
    ["grüße", "short non-ASCII"],
    ["日本語のトピック名".repeat(5), "long non-ASCII"],
    ["emoji 🎉 pair", "surrogate pair"],
    ["\u0000\u007f", "ASCII control characters"],
    ["\ufeffbom", "a leading BOM, kept as Java keeps it"],
  ])("decodes %j (%s)", (text) => {
    const encoded = utf8(text);
    const p = new BytesParser(bytes("aa", ...encoded, "bb"));
    p.skip(1);
    expect(p.readUtf8(encoded.length)).toBe(text);
    expect(p.readUtf8(0)).toBe("");
    expect(p.readUint8()).toBe(0xbb);
  });

  it("decodes every length around the ASCII fast path's chunks (8, 4, 1) and its limit, with a non-ASCII byte anywhere", () => {
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    for (let length = 0; length <= 48; length++) {
      const ascii = Uint8Array.from({ length }, (_, i) => 0x21 + ((i * 7) % 90));
      expect(new BytesParser(ascii).readUtf8(length)).toBe(decoder.decode(ascii));
      for (let at = 0; at < length; at++) {
        const mixed = Uint8Array.from(ascii);
        mixed[at] = 0xe9; // not ASCII (and not valid UTF-8 alone: U+FFFD)
        expect(new BytesParser(mixed).readUtf8(length), `length ${length}, byte at ${at}`).toBe(decoder.decode(mixed));
      }
    }
  });

  it("decodes invalid UTF-8 leniently (U+FFFD) by default, like Java's new String(bytes, UTF_8)", () => {
    expect(new BytesParser(bytes("61 ff 62")).readUtf8(3)).toBe("a\ufffdb");
    expect(new BytesParser(bytes("e6 97")).readUtf8(2)).toBe("\ufffd");
  });

  it("throws INVALID_UTF8 when validating, with the offset of the text, and keeps the cursor", () => {
    const p = new BytesParser(bytes("00 61 ff 62"));
    p.skip(1);
    const error = expectError(() => p.readUtf8(3, { validate: true }), "INVALID_UTF8", { offset: 1, requested: 3 });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(p.position).toBe(1);
    expect(p.readUtf8(1, { validate: true })).toBe("a");
    // overlong encoding of "/" and a lone surrogate encoded in UTF-8 (CESU) are invalid too
    expectError(() => new BytesParser(bytes("c0 af")).readUtf8(2, { validate: true }), "INVALID_UTF8");
    expectError(() => new BytesParser(bytes("ed a0 80")).readUtf8(3, { validate: true }), "INVALID_UTF8");
  });

  it("checks the length before decoding", () => {
    const p = new BytesParser(bytes("61 62"));
    expectError(() => p.readUtf8(3), "OUT_OF_BOUNDS", { offset: 0, requested: 3, remaining: 2 });
    expectError(() => p.readUtf8(-3), "NEGATIVE_LENGTH");
    expectError(() => p.readUtf8(Number.POSITIVE_INFINITY), "INVALID_VALUE");
    expect(p.position).toBe(0);
  });
});

describe("direct access (input, limit, utf8At, bytesAt, uuidAt)", () => {
  const text = utf8("orders-events-7 é payments");

  it("exposes the root bytes and the absolute end, in a root parser and a sub-parser", () => {
    const p = new BytesParser(text);
    expect(p.input).toBe(text);
    expect(p.limit).toBe(text.length);
    p.skip(3);
    const sub = p.subParser(10);
    expect(sub.input).toBe(text);
    expect(sub.offset).toBe(3);
    expect(sub.limit).toBe(13);
    expect(sub.offset + sub.remaining).toBe(sub.limit);
  });

  it("gives what readUtf8, readBytes and readUuid give at the same offset, without moving the cursor", () => {
    for (const [how, make] of [
      ["plain", () => new BytesParser(text)],
      ["interned", () => new BytesParser(text, { internStrings: true })],
      ["Buffer", () => new BytesParser(Buffer.from(text))],
    ] as const) {
      for (let at = 0; at <= text.length; at++) {
        for (let n = 0; at + n <= text.length; n++) {
          const p = make();
          const reader = make().skip(at);
          expect(p.utf8At(at, n), `${how} ${at} ${n}`).toBe(reader.readUtf8(n));
          const view = p.bytesAt(at, n);
          const expected = make().skip(at).readBytes(n);
          expect(view.constructor).toBe(expected.constructor);
          expect([...view]).toEqual([...expected]);
          if (n > 0) expect(view.buffer).toBe(p.input.buffer);
          expect(p.offset).toBe(0);
        }
        if (at + 16 <= text.length) {
          const p = make();
          expect(p.uuidAt(at), `${how} uuid ${at}`).toBe(make().skip(at).readUuid());
          expect(p.offset).toBe(0);
        }
      }
    }
  });

  it("refuses bytes outside the parser's range with OUT_OF_BOUNDS", () => {
    const sub = new BytesParser(text).skip(2).subParser(5);
    expect(sub.utf8At(2, 5)).toBe("ders-");
    expectError(() => sub.utf8At(1, 2), "OUT_OF_BOUNDS", { offset: 1 });
    expectError(() => sub.utf8At(3, 5), "OUT_OF_BOUNDS", { offset: 3 });
    expectError(() => sub.bytesAt(7, 1), "OUT_OF_BOUNDS", { offset: 7 });
    expectError(() => sub.bytesAt(2, -1), "OUT_OF_BOUNDS", { offset: 2 });
    const wide = new BytesParser(text).skip(2).subParser(20);
    expect(wide.uuidAt(6)).toBe(new BytesParser(text).skip(6).readUuid());
    expectError(() => wide.uuidAt(7), "OUT_OF_BOUNDS", { offset: 7 });
    expectError(() => wide.uuidAt(1), "OUT_OF_BOUNDS", { offset: 1 });
    expect(sub.offset).toBe(2);
  });
});
