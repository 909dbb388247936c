import { describe, expect, it } from "vitest";
import { BytesParser } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

describe("BytesParser cursor control", () => {
  const ten = () => new BytesParser(Uint8Array.from({ length: 10 }, (_, i) => i));

  it("reports length, position and remaining as it reads", () => {
    const p = ten();
    expect([p.length, p.position, p.remaining, p.isAtEnd()]).toEqual([10, 0, 10, false]);
    p.readInt32();
    expect([p.position, p.remaining]).toEqual([4, 6]);
    p.skip(6);
    expect([p.position, p.remaining, p.isAtEnd()]).toEqual([10, 0, true]);
  });

  it("an empty parser is at its end", () => {
    const p = new BytesParser(new Uint8Array(0));
    expect([p.length, p.remaining, p.isAtEnd()]).toEqual([0, 0, true]);
    expectError(() => p.readUint8(), "OUT_OF_BOUNDS", { offset: 0, requested: 1, remaining: 0 });
  });

  it("seek moves anywhere from 0 to length, both included, and chains", () => {
    const p = ten();
    expect(p.seek(7).readUint8()).toBe(7);
    expect(p.seek(0).readUint8()).toBe(0);
    expect(p.seek(10).isAtEnd()).toBe(true);
  });

  it.each([-1, 11, 1.5, Number.NaN, Infinity])("seek(%s) throws INVALID_POSITION and keeps the cursor", (position) => {
    const p = ten().skip(2);
    expectError(() => p.seek(position), "INVALID_POSITION", { offset: 2 });
    expect(p.position).toBe(2);
  });

  it("skip moves forward and refuses to pass the end", () => {
    const p = ten();
    expect(p.skip(0).position).toBe(0);
    expect(p.skip(3).readUint8()).toBe(3);
    expectError(() => p.skip(7), "OUT_OF_BOUNDS", { offset: 4, requested: 7, remaining: 6 });
    expectError(() => p.skip(-1), "NEGATIVE_LENGTH", { offset: 4, requested: -1 });
    expectError(() => p.skip(0.5), "INVALID_VALUE", { offset: 4 });
    expectError(() => p.skip("2" as unknown as number), "INVALID_VALUE");
    expect(p.position).toBe(4);
  });

  it("rewind goes back by n, or to the start without n", () => {
    const p = ten().skip(6);
    expect(p.rewind(2).position).toBe(4);
    expect(p.rewind(0).position).toBe(4);
    expectError(() => p.rewind(5), "INVALID_POSITION", { offset: 4 });
    expectError(() => p.rewind(-1), "INVALID_POSITION");
    expect(p.rewind().position).toBe(0);
  });

  it("peek returns what the callback read without moving, even when it throws", () => {
    const p = ten().skip(1);
    expect(p.peek((q) => [q.readUint8(), q.readUint8()])).toEqual([1, 2]);
    expect(p.position).toBe(1);
    expectError(() => p.peek((q) => q.readBytes(20)), "OUT_OF_BOUNDS");
    expect(p.position).toBe(1);
    expect(() =>
      p.peek((q) => {
        q.skip(3);
        throw new Error("user error");
      }),
    ).toThrow("user error");
    expect(p.position).toBe(1);
  });

  describe("subParser", () => {
    it("covers the next n bytes, moves the parent past them and shares the memory", () => {
      const input = Uint8Array.from({ length: 10 }, (_, i) => i);
      const p = new BytesParser(input, { littleEndian: true });
      p.skip(2);
      const sub = p.subParser(4);
      expect(p.position).toBe(6);
      expect([sub.length, sub.position, sub.remaining, sub.littleEndian]).toEqual([4, 0, 4, true]);
      expect(sub.readUint16()).toBe(0x0302); // little-endian, inherited
      const view = sub.readBytes(2);
      expect(view.buffer).toBe(input.buffer);
      expect(sub.isAtEnd()).toBe(true);
      expect(p.readUint8()).toBe(6);
    });

    it("cannot read past its end and reports absolute offsets", () => {
      const p = new BytesParser(bytes("00 00 00", "00 05 61 62", "ff"));
      p.skip(3);
      const sub = p.subParser(4);
      expectError(() => sub.readString(), "OUT_OF_BOUNDS", { offset: 5, requested: 5, remaining: 2 });
      expectError(() => sub.readInt64(), "OUT_OF_BOUNDS", { offset: 3, requested: 8, remaining: 4 });
      expectError(() => sub.skip(5), "OUT_OF_BOUNDS", { offset: 3 });
      expect(sub.seek(4).isAtEnd()).toBe(true);
      expectError(() => sub.seek(5), "INVALID_POSITION", { offset: 7 });
      expect(sub.rewind().position).toBe(0);
    });

    it("nests: a sub-parser of a sub-parser stays within both", () => {
      const p = new BytesParser(Uint8Array.from({ length: 12 }, (_, i) => i));
      const outer = p.skip(1).subParser(8);
      const inner = outer.skip(2).subParser(3);
      expect(inner.readUint8()).toBe(3);
      expect(inner.readUint16()).toBe(0x0405);
      expectError(() => inner.readUint8(), "OUT_OF_BOUNDS", { offset: 6, remaining: 0 });
      expect(outer.position).toBe(5);
      expect(outer.readUint8()).toBe(6);
    });

    it("validates its length like readBytes", () => {
      const p = ten();
      expectError(() => p.subParser(11), "OUT_OF_BOUNDS", { offset: 0, requested: 11, remaining: 10 });
      expectError(() => p.subParser(-2), "NEGATIVE_LENGTH");
      expectError(() => p.subParser(Number.NaN), "INVALID_VALUE");
      expect(p.position).toBe(0);
      expect(p.subParser(0).isAtEnd()).toBe(true);
    });

    it("a new root parser after a sub-parser is independent", () => {
      const p = ten();
      p.subParser(3);
      const other = new BytesParser(bytes("2a"));
      expect([other.length, other.readUint8()]).toEqual([1, 42]);
    });
  });
});
