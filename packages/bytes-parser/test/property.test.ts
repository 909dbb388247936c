// Property tests (fast-check): what the writer writes, the parser reads back, ending exactly at the end; and no
// input, however random, makes a reader throw anything but a BytesParserError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BytesParser, BytesParserError, BytesWriter } from "@kafkesc/bytes-parser";
import type { TaggedField } from "@kafkesc/bytes-parser";

/** Run counts stay modest so the suite stays quick on a busy machine; `npm run fuzz` goes on for as long as asked. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** One typed value, with how to write and read it: a random sequence of these is written, then read back. */
interface Op {
  readonly name: string;
  readonly value: unknown;
  write(w: BytesWriter): void;
  read(p: BytesParser): unknown;
}

const op = <T>(name: string, arb: fc.Arbitrary<T>, write: (w: BytesWriter, v: T) => void, read: (p: BytesParser) => unknown): fc.Arbitrary<Op> =>
  arb.map((value) => ({ name, value, write: (w) => write(w, value), read }));

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const uint8Array = fc.uint8Array({ maxLength: 40 });
/** Well-formed strings: any code point, including astral ones (surrogate pairs). */
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.string({ unit: "binary-ascii", maxLength: 40 }));
const uuidBytes = fc.uint8Array({ minLength: 16, maxLength: 16 });
const taggedFields: fc.Arbitrary<TaggedField[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 4 })
  .chain((tags) =>
    fc.tuple(...tags.sort((a, b) => a - b).map((tag) => uint8Array.map((data): TaggedField => ({ tag, data })))),
  );
const copyBytes = (data: Uint8Array | null) => (data === null ? null : Array.from(data));

const ops: fc.Arbitrary<Op> = fc.oneof(
  op("int8", fc.integer({ min: -128, max: 127 }), (w, v) => w.writeInt8(v), (p) => p.readInt8()),
  op("uint8", fc.integer({ min: 0, max: 255 }), (w, v) => w.writeUint8(v), (p) => p.readUint8()),
  op("int16", fc.integer({ min: -32768, max: 32767 }), (w, v) => w.writeInt16(v), (p) => p.readInt16()),
  op("uint16", fc.integer({ min: 0, max: 65535 }), (w, v) => w.writeUint16(v), (p) => p.readUint16()),
  op("int32", fc.integer(), (w, v) => w.writeInt32(v), (p) => p.readInt32()),
  op("uint32", fc.integer({ min: 0, max: 2 ** 32 - 1 }), (w, v) => w.writeUint32(v), (p) => p.readUint32()),
  op("int64", int64, (w, v) => w.writeInt64(v), (p) => p.readInt64()),
  op("uint64", fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (w, v) => w.writeUint64(v), (p) => p.readUint64()),
  op("float32", fc.float({ noDefaultInfinity: false }), (w, v) => w.writeFloat32(v), (p) => p.readFloat32()),
  op("float64", fc.double(), (w, v) => w.writeFloat64(v), (p) => p.readFloat64()),
  op("boolean", fc.boolean(), (w, v) => w.writeBoolean(v), (p) => p.readBoolean()),
  op("varint", fc.integer(), (w, v) => w.writeVarint(v), (p) => p.readVarint()),
  op("varlong", int64, (w, v) => w.writeVarlong(v), (p) => p.readVarlong()),
  op("unsignedVarint", fc.integer({ min: 0, max: 2 ** 32 - 1 }), (w, v) => w.writeUnsignedVarint(v), (p) => p.readUnsignedVarint()),
  op("utf8", text, (w, v) => w.writeCompactString(v), (p) => p.readCompactString({ validate: true })),
  op("bytes", uint8Array, (w, v) => w.writeUnsignedVarint(v.length).writeBytes(v), (p) => copyBytes(p.readBytes(p.readUnsignedVarint()))),
  op("string", text, (w, v) => w.writeString(v), (p) => p.readString({ validate: true })),
  op("nullableString", fc.option(text), (w, v) => w.writeNullableString(v), (p) => p.readNullableString()),
  op("compactString", text, (w, v) => w.writeCompactString(v), (p) => p.readCompactString()),
  op("compactNullableString", fc.option(text), (w, v) => w.writeCompactNullableString(v), (p) => p.readCompactNullableString()),
  op("byteArray", uint8Array, (w, v) => w.writeByteArray(v), (p) => copyBytes(p.readByteArray())),
  op("nullableByteArray", fc.option(uint8Array), (w, v) => w.writeNullableByteArray(v), (p) => copyBytes(p.readNullableByteArray())),
  op("compactByteArray", uint8Array, (w, v) => w.writeCompactByteArray(v), (p) => copyBytes(p.readCompactByteArray())),
  op("compactNullableByteArray", fc.option(uint8Array), (w, v) => w.writeCompactNullableByteArray(v), (p) => copyBytes(p.readCompactNullableByteArray())),
  op("uuid", uuidBytes, (w, v) => w.writeBytes(v), (p) => Array.from(Buffer.from(p.readUuid(), "base64url"))),
  op("array", fc.array(fc.integer()), (w, v) => w.writeArray(v, (x, e) => void x.writeInt32(e)), (p) => p.readArray((q) => q.readInt32())),
  op("nullableArray", fc.option(fc.array(text, { maxLength: 5 })), (w, v) => w.writeNullableArray(v, (x, e) => void x.writeString(e)), (p) => p.readNullableArray((q) => q.readString())),
  op("compactArray", fc.array(int64, { maxLength: 5 }), (w, v) => w.writeCompactArray(v, (x, e) => void x.writeVarlong(e)), (p) => p.readCompactArray((q) => q.readVarlong())),
  op(
    "compactNullableArray",
    fc.option(fc.array(fc.array(fc.boolean(), { maxLength: 3 }), { maxLength: 4 })),
    (w, v) => w.writeCompactNullableArray(v, (x, e) => void x.writeCompactArray(e, (y, b) => void y.writeBoolean(b))),
    (p) => p.readCompactNullableArray((q) => q.readCompactArray((r) => r.readBoolean())),
  ),
  op("taggedFields", taggedFields, (w, v) => w.writeTaggedFields(v), (p) => p.readTaggedFields().map((f) => ({ tag: f.tag, data: Uint8Array.from(f.data) }))),
);

/** What reading gives back for a value that was written (bytes compare as plain arrays). */
function expected(o: Op): unknown {
  if (o.name === "float32") return Math.fround(o.value as number);
  if (o.value instanceof Uint8Array) return Array.from(o.value);
  return o.value;
}

describe("round trip: read(write(values)) === values", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("for random sequences of every type, both endiannesses, ending exactly at the end", () => {
    fc.assert(
      fc.property(fc.array(ops, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), (values, littleEndian, initialCapacity) => {
        const writer = new BytesWriter({ littleEndian, initialCapacity });
        for (const value of values) value.write(writer);
        const parser = new BytesParser(writer.finish(), { littleEndian });
        for (const value of values) expect(value.read(parser), value.name).toEqual(expected(value));
        expect(parser.isAtEnd()).toBe(true);
        expect(parser.position).toBe(writer.length);
      }),
      { numRuns: 1000 },
    );
  });

  it("for any UTF-16 string, lone surrogates included, as TextEncoder encodes it", () => {
    const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 40 });
    fc.assert(
      fc.property(anyUnits, (s) => {
        const encoded = new TextEncoder().encode(s);
        const out = new BytesWriter().writeCompactString(s).writeString(s).finish();
        const p = new BytesParser(out);
        const wellFormed = new TextDecoder().decode(encoded);
        expect(p.readCompactString()).toBe(wellFormed);
        expect(p.readString({ validate: true })).toBe(wellFormed);
        expect(p.isAtEnd()).toBe(true);
        expect(out.length).toBe(2 * encoded.length + 2 + (encoded.length + 1 < 128 ? 1 : 2));
      }),
    );
  });

  it("UUIDs: Kafka form <-> bytes <-> hex form", () => {
    fc.assert(
      fc.property(uuidBytes, (raw) => {
        const kafka = new BytesParser(raw).readUuid();
        expect(kafka).toBe(Buffer.from(raw).toString("base64url"));
        expect(new BytesWriter().writeUuid(kafka).finish()).toEqual(raw);
        const h = Buffer.from(raw).toString("hex");
        const dashed = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        expect(new BytesWriter().writeUuid(dashed).finish()).toEqual(raw);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Robustness: random bytes into every reader

type Reader = (p: BytesParser, n: number) => unknown;
const element = (q: BytesParser) => q.readVarint();

const readers: Record<string, Reader> = {
  readInt8: (p) => p.readInt8(),
  readUint8: (p) => p.readUint8(),
  readInt16: (p) => p.readInt16(),
  readUint16: (p) => p.readUint16(),
  readInt32: (p) => p.readInt32(),
  readUint32: (p) => p.readUint32(),
  readInt64: (p) => p.readInt64(),
  readUint64: (p) => p.readUint64(),
  readFloat32: (p) => p.readFloat32(),
  readFloat64: (p) => p.readFloat64(),
  readBoolean: (p) => p.readBoolean(),
  readBytes: (p, n) => p.readBytes(n),
  readUtf8: (p, n) => p.readUtf8(n),
  readUtf8Validated: (p, n) => p.readUtf8(n, { validate: true }),
  readVarint: (p) => p.readVarint(),
  readVarlong: (p) => p.readVarlong(),
  readUnsignedVarint: (p) => p.readUnsignedVarint(),
  readString: (p) => p.readString({ validate: true }),
  readNullableString: (p) => p.readNullableString(),
  readCompactString: (p) => p.readCompactString(),
  readCompactNullableString: (p) => p.readCompactNullableString({ validate: true }),
  readByteArray: (p) => p.readByteArray(),
  readNullableByteArray: (p) => p.readNullableByteArray(),
  readCompactByteArray: (p) => p.readCompactByteArray(),
  readCompactNullableByteArray: (p) => p.readCompactNullableByteArray(),
  readUuid: (p) => p.readUuid(),
  readArray: (p) => p.readArray(element),
  readNullableArray: (p) => p.readNullableArray((q) => q.readNullableString()),
  readCompactArray: (p) => p.readCompactArray((q) => q.readCompactArray(element)),
  readCompactNullableArray: (p) => p.readCompactNullableArray((q) => q.readTaggedFields()),
  readTaggedFields: (p) => p.readTaggedFields(),
  readTaggedFieldsWithHandler: (p) => p.readTaggedFields((tag, field) => (tag % 2 === 0 ? (field.readVarlong(), true) : false)),
  seek: (p, n) => p.seek(n),
  skip: (p, n) => p.skip(n),
  rewind: (p, n) => p.rewind(n),
  subParser: (p, n) => p.subParser(n).remaining,
  peek: (p) => p.peek((q) => q.readCompactString()),
};
const readerNames = Object.keys(readers);

/** Lengths and positions a caller might pass: small, negative, huge, fractional, not numbers at all. */
const sizeArgument = fc.oneof(
  fc.integer({ min: 0, max: 70 }),
  fc.integer(),
  fc.constantFrom(-1, 2 ** 31, 2 ** 32, 2 ** 53, 0.5, Number.NaN, Infinity, -Infinity, -0),
  fc.anything() as fc.Arbitrary<number>,
);

describe("robustness: random bytes only ever raise BytesParserError", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("every reader, on random bytes at a random offset, returns or throws a BytesParserError and keeps its cursor when it throws", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(),
        fc.constantFrom(...readerNames),
        sizeArgument,
        fc.boolean(),
        (input, start, name, n, littleEndian) => {
          const p = new BytesParser(input, { littleEndian });
          p.seek(input.length === 0 ? 0 : start % (input.length + 1));
          const before = p.position;
          try {
            (readers[name] as Reader)(p, n);
          } catch (error) {
            if (!(error instanceof BytesParserError)) throw error;
            expect(error.offset).toBeGreaterThanOrEqual(0);
            expect(error.offset).toBeLessThanOrEqual(input.length);
            expect(p.position, `${name} moved the cursor although it failed`).toBe(before);
          }
          expect(p.position).toBeGreaterThanOrEqual(0);
          expect(p.position).toBeLessThanOrEqual(p.length);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("random programs of reads over random bytes, through sub-parsers, only ever throw BytesParserError", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.tuple(fc.constantFrom(...readerNames), sizeArgument), { maxLength: 40 }),
        (input, program) => {
          let p = new BytesParser(input);
          let failures = 0;
          for (const [name, n] of program) {
            try {
              if (name === "subParser" && Number.isInteger(n) && n >= 0 && n <= p.remaining) p = p.subParser(n);
              else (readers[name] as Reader)(p, n);
            } catch (error) {
              if (!(error instanceof BytesParserError)) throw error;
              failures++;
            }
          }
          expect(failures).toBeLessThanOrEqual(program.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("Kafka-shaped inputs (valid prefixes with corrupted lengths) only ever throw BytesParserError", () => {
    fc.assert(
      fc.property(fc.array(ops, { minLength: 1, maxLength: 10 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (values, at, byte) => {
        const out = new BytesWriter();
        for (const value of values) value.write(out);
        const corrupted = Uint8Array.from(out.finish());
        if (corrupted.length > 0) corrupted[at % corrupted.length] = byte;
        const p = new BytesParser(corrupted);
        try {
          for (const value of values) value.read(p);
        } catch (error) {
          if (!(error instanceof BytesParserError)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("robustness: the writer only ever throws BytesParserError", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  const writers: Record<string, (w: BytesWriter, v: unknown) => unknown> = {
    writeInt8: (w, v) => w.writeInt8(v as number),
    writeUint16: (w, v) => w.writeUint16(v as number),
    writeInt32: (w, v) => w.writeInt32(v as number),
    writeUint32: (w, v) => w.writeUint32(v as number),
    writeInt64: (w, v) => w.writeInt64(v as bigint),
    writeUint64: (w, v) => w.writeUint64(v as bigint),
    writeFloat32: (w, v) => w.writeFloat32(v as number),
    writeBoolean: (w, v) => w.writeBoolean(v as boolean),
    writeVarint: (w, v) => w.writeVarint(v as number),
    writeVarlong: (w, v) => w.writeVarlong(v as bigint),
    writeUnsignedVarint: (w, v) => w.writeUnsignedVarint(v as number),
    writeString: (w, v) => w.writeString(v as string),
    writeNullableString: (w, v) => w.writeNullableString(v as string),
    writeCompactString: (w, v) => w.writeCompactString(v as string),
    writeByteArray: (w, v) => w.writeByteArray(v as Uint8Array),
    writeCompactNullableByteArray: (w, v) => w.writeCompactNullableByteArray(v as Uint8Array),
    writeUuid: (w, v) => w.writeUuid(v as string),
    writeUtf8: (w, v) => w.writeUtf8(v as string),
    writeBytes: (w, v) => w.writeBytes(v as Uint8Array),
    writeTaggedFields: (w, v) => w.writeTaggedFields(v as TaggedField[]),
    writeArray: (w, v) => w.writeArray(v as number[], (x, e) => void x.writeInt16(e)),
  };
  const anyValue = fc.oneof(
    fc.anything(),
    fc.double(),
    fc.bigInt(),
    fc.string(),
    fc.uint8Array(),
    fc.array(fc.record({ tag: fc.integer(), data: fc.uint8Array() })),
  );

  it("for any value given to any writeX, and leaves the output as it was when it throws", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(writers)), anyValue, (name, value) => {
        const w = new BytesWriter({ initialCapacity: 4 }).writeInt8(1);
        try {
          (writers[name] as (w: BytesWriter, v: unknown) => unknown)(w, value);
        } catch (error) {
          if (!(error instanceof BytesParserError)) throw error;
          expect(Array.from(w.finish()), name).toEqual([1]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
