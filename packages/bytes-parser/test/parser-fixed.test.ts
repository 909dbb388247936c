import { describe, expect, it } from "vitest";
import { BytesParser } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

describe("BytesParser fixed-size primitives", () => {
  const input = bytes("80 ff", "12 34", "12 34 56 78", "01 02 03 04 05 06 07 08", "3f c0 00 00", "3f f8 00 00 00 00 00 00", "00 02");

  it("reads every type big-endian by default, moving by exactly its size", () => {
    const p = new BytesParser(input);
    expect(p.littleEndian).toBe(false);
    expect(p.readInt8()).toBe(-128);
    expect(p.position).toBe(1);
    expect(p.readUint8()).toBe(255);
    p.rewind(1);
    expect(p.readInt8()).toBe(-1);
    expect(p.peek((q) => q.readInt16())).toBe(0x1234);
    expect(p.readUint16()).toBe(0x1234);
    expect(p.position).toBe(4);
    expect(p.peek((q) => q.readUint32())).toBe(0x12345678);
    expect(p.readInt32()).toBe(0x12345678);
    expect(p.peek((q) => q.readUint64())).toBe(0x0102030405060708n);
    expect(p.readInt64()).toBe(0x0102030405060708n);
    expect(p.readFloat32()).toBe(1.5);
    expect(p.readFloat64()).toBe(1.5);
    expect(p.readBoolean()).toBe(false);
    expect(p.readBoolean()).toBe(true); // any non-zero byte is true, as Kafka reads BOOLEAN
    expect(p.isAtEnd()).toBe(true);
    expect(p.position).toBe(input.length);
  });

  it("reads little-endian when asked", () => {
    const p = new BytesParser(bytes("34 12", "78 56 34 12", "08 07 06 05 04 03 02 01", "00 00 c0 3f", "00 00 00 00 00 00 f8 3f", "ff ff", "fe ff ff ff", "ff ff ff ff ff ff ff ff"), {
      littleEndian: true,
    });
    expect(p.littleEndian).toBe(true);
    expect(p.readUint16()).toBe(0x1234);
    expect(p.readUint32()).toBe(0x12345678);
    expect(p.readUint64()).toBe(0x0102030405060708n);
    expect(p.readFloat32()).toBe(1.5);
    expect(p.readFloat64()).toBe(1.5);
    expect(p.readInt16()).toBe(-1);
    expect(p.readInt32()).toBe(-2);
    expect(p.readInt64()).toBe(-1n);
    expect(p.isAtEnd()).toBe(true);
  });

  it("reads signed extremes and unsigned maxima", () => {
    const p = new BytesParser(bytes("7f", "80 00", "7f ff ff ff", "80 00 00 00 00 00 00 00", "ff ff", "ff ff ff ff", "ff ff ff ff ff ff ff ff"));
    expect(p.readInt8()).toBe(127);
    expect(p.readInt16()).toBe(-32768);
    expect(p.readInt32()).toBe(2147483647);
    expect(p.readInt64()).toBe(-(2n ** 63n));
    expect(p.readUint16()).toBe(65535);
    expect(p.readUint32()).toBe(4294967295);
    expect(p.readUint64()).toBe(2n ** 64n - 1n);
  });

  it("reads NaN and infinities", () => {
    const p = new BytesParser(bytes("7f c0 00 00", "ff f0 00 00 00 00 00 00"));
    expect(p.readFloat32()).toBeNaN();
    expect(p.readFloat64()).toBe(-Infinity);
  });

  it("works on a Buffer and on a Uint8Array that is a window of a larger ArrayBuffer", () => {
    const backing = new Uint8Array([9, 9, 9, 0x00, 0x2a, 9]);
    const window = backing.subarray(3, 5);
    const p = new BytesParser(window);
    expect(p.length).toBe(2);
    expect(p.readInt16()).toBe(42);
    expectError(() => p.readUint8(), "OUT_OF_BOUNDS", { offset: 2, requested: 1, remaining: 0 });
    expect(new BytesParser(Buffer.from([0xff, 0xfe])).readInt16()).toBe(-2);
  });

  const readers = [
    ["readInt8", 1],
    ["readUint8", 1],
    ["readBoolean", 1],
    ["readInt16", 2],
    ["readUint16", 2],
    ["readInt32", 4],
    ["readUint32", 4],
    ["readFloat32", 4],
    ["readInt64", 8],
    ["readUint64", 8],
    ["readFloat64", 8],
    ["readUuid", 16],
  ] as const;

  it.each(readers)("%s throws OUT_OF_BOUNDS with the size it needed, leaving the cursor in place", (reader, size) => {
    const p = new BytesParser(new Uint8Array(size + 2));
    p.skip(3);
    expectError(() => p[reader](), "OUT_OF_BOUNDS", { offset: 3, requested: size, remaining: size - 1 });
    expect(p.position).toBe(3);
    expect(new BytesParser(new Uint8Array(size))[reader]()).toBeDefined();
  });

  it("rejects a constructor argument that is not a Uint8Array with INVALID_VALUE", () => {
    expectError(() => new BytesParser(null as unknown as Uint8Array), "INVALID_VALUE", { offset: 0 });
    expectError(() => new BytesParser([1, 2] as unknown as Uint8Array), "INVALID_VALUE");
    expectError(() => new BytesParser(new ArrayBuffer(2) as unknown as Uint8Array), "INVALID_VALUE");
  });
});
