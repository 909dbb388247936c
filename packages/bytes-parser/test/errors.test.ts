import { describe, expect, it } from "vitest";
import { BytesParser, BytesParserError, BytesWriter } from "@kafkesc/bytes-parser";
import type { BytesParserErrorCode } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

describe("BytesParserError", () => {
  it("is an Error with a stable code, name, offset and the context it was given", () => {
    const error = new BytesParserError("OUT_OF_BOUNDS", "short", { offset: 3, requested: 4, remaining: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "BytesParserError", code: "OUT_OF_BOUNDS", message: "short", offset: 3, requested: 4, remaining: 1 });
    expect("requested" in new BytesParserError("INVALID_VALUE", "x", { offset: 0 })).toBe(false);
    expect(new BytesParserError("INVALID_UTF8", "x", { offset: 0, cause: "why" }).cause).toBe("why");
  });

  // One real trigger per code, so that every code is proved reachable from the public API.
  const triggers: Record<BytesParserErrorCode, () => unknown> = {
    OUT_OF_BOUNDS: () => new BytesParser(bytes("00")).readInt16(),
    NEGATIVE_LENGTH: () => new BytesParser(bytes("ff fe")).readNullableString(),
    VARINT_TOO_LONG: () => new BytesParser(bytes("ff ff ff ff ff ff")).readUnsignedVarint(),
    INVALID_UTF8: () => new BytesParser(bytes("00 01 80")).readString({ validate: true }),
    INVALID_POSITION: () => new BytesParser(bytes("00")).seek(2),
    UNEXPECTED_NULL: () => new BytesParser(bytes("00")).readCompactString(),
    INVALID_TAGGED_FIELDS: () => new BytesParser(bytes("02 01 00 00 00")).readTaggedFields(),
    INVALID_VALUE: () => new BytesWriter().writeUuid("not a uuid"),
  };

  it.each(Object.entries(triggers))("%s is thrown by the API", (code, trigger) => {
    expectError(trigger, code as BytesParserErrorCode);
  });
});

describe("arguments that are not what the API takes", () => {
  const weird: unknown[] = [Object.create(null), Symbol("s"), 5n, "3", {}, [], null, () => 1];

  it.each(weird.map((value) => [value]))("parser lengths and positions reject %s with a typed error", (value) => {
    const p = new BytesParser(bytes("00 01 02"));
    const n = value as number;
    for (const read of [() => p.readBytes(n), () => p.readUtf8(n), () => p.skip(n), () => p.subParser(n)]) {
      expectError(read, "INVALID_VALUE", { offset: 0 });
    }
    expectError(() => p.seek(n), "INVALID_POSITION");
    expectError(() => p.rewind(n), "INVALID_POSITION");
    expect(p.position).toBe(0);
  });

  it("callbacks that are not functions are INVALID_VALUE, cursor in place", () => {
    const p = new BytesParser(bytes("00 00 00 01 00 01 2a"));
    const notAFunction = 42 as unknown as (q: BytesParser) => number;
    expectError(() => p.readArray(notAFunction), "INVALID_VALUE", { offset: 0 });
    expectError(() => p.peek(notAFunction), "INVALID_VALUE");
    expect(p.position).toBe(0);
    p.skip(4);
    expectError(() => p.readTaggedFields(notAFunction as never), "INVALID_VALUE", { offset: 4 });
    expect(p.position).toBe(4);
    const w = new BytesWriter();
    expectError(() => w.writeArray([1], notAFunction as never), "INVALID_VALUE");
    expectError(() => w.writeCompactNullableArray([1], notAFunction as never), "INVALID_VALUE");
    expect(w.length).toBe(0);
  });

  it("writer values that are not numbers never make a bitwise operator throw", () => {
    for (const value of weird) {
      const w = new BytesWriter();
      for (const write of [() => w.writeInt8(value as number), () => w.writeUint32(value as number), () => w.writeVarint(value as number)]) {
        expectError(write, "INVALID_VALUE");
      }
      if (typeof value !== "bigint") expectError(() => w.writeInt64(value as bigint), "INVALID_VALUE");
      expect(w.length).toBe(0);
    }
  });
});
