// Property, through `decode`: with the fast value readers (src/codec/fast-read.ts) it gives exactly what the
// table-driven readers give without them for the same bytes: every field in the same order, the same trailing bytes,
// and for bytes that do not decode the same error (code, message, field path, offset). The oracle is a second instance
// of the package loaded through the `no-eval` entry point (interpreted readers, the one switch that turns the fast
// path off; `interpreted-readers.test.ts` checks them against the generated generic readers). Records: random ones of
// every type and version (from the tables), offset commits with the strings and tagged fields the fast path hands over
// (long, null, non-UTF-8, topicId), and mutations of both. `fast-read.property.test.ts` checks reader by reader.
import { beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { BytesWriter } from "@kafkesc/bytes-parser";
import { decode, encode, type OffsetsRecord } from "../src/index.js";
import { OFFSETS } from "../src/codec/topics.js";
import { anyRecord, everyRecordVersion } from "./arbitraries.js";

type Package = typeof import("../src/index.js");

/** The same package with the fast readers off (the `no-eval` entry point): the generic readers' answers. */
let generic: Package;

beforeAll(async () => {
  vi.resetModules();
  generic = await import("../src/no-eval.js");
  expect(generic.decode).not.toBe(decode);
  const codecs = await import("../src/codec/topics.js");
  expect(codecs.OFFSETS.byType(1)?.fastValueReader(3)).toBeNull();
}, 60_000);

/** What `decoder` gives: the record, or the error's name, code, message and context. */
function outcome(decoder: Package["decode"], key: Uint8Array, value: Uint8Array | null): unknown {
  try {
    return decoder(key, value);
  } catch (error) {
    const e = error as Error & { code?: string; context?: object };
    return { error: `${e.name} ${e.code} ${e.message}`, context: { ...e.context, cause: undefined } };
  }
}

/** Decodes with both instances and expects the same outcome, property order included. */
function expectSame(key: Uint8Array, value: Uint8Array | null): void {
  const fast = outcome(decode, key, value);
  const expected = outcome(generic.decode, key, value);
  expect(fast).toStrictEqual(expected);
  const shape = (o: unknown): unknown =>
    o !== null && typeof o === "object" && !(o instanceof Uint8Array) ? Object.entries(o).map(([k, v]) => [k, shape(v)]) : typeof o;
  expect(shape(fast)).toStrictEqual(shape(expected));
}

/** A value's bytes changed by one of a few mutations (truncation, byte set, insertion, removal, trailing bytes). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), byte: fc.oneof(fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant("remove" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
);

/** One mutation, as {@link mutation} draws it. */
type Mutation = { kind: string; at?: number; byte?: number; bytes?: Uint8Array; n?: number };

/** `bytes` with mutation `m` applied (a copy; positions wrap around the length). */
function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : (m.at ?? 0) % bytes.length;
  switch (m.kind) {
    case "truncate":
      return bytes.slice(0, at);
    case "set": {
      const out = bytes.slice();
      if (out.length > 0) out[at] = m.byte ?? 0;
      return out;
    }
    case "insert":
      return new Uint8Array([...bytes.subarray(0, at), ...(m.bytes ?? []), ...bytes.subarray(at)]);
    case "remove":
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + (m.n ?? 1))]);
    default:
      return new Uint8Array([...bytes, ...(m.bytes ?? [])]);
  }
}

/** Metadata strings that take every branch of the fast path's string read. */
const metadata = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ minLength: 120, maxLength: 300 }), // compact lengths of 2 bytes from 127 bytes on
);

/** The bytes of an offset-commit value at `version`, with what the fast path hands over: null, invalid UTF-8, topicId, tags. */
const commitValue = fc
  .record({
    version: fc.integer({ min: 0, max: 4 }),
    offset: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    leaderEpoch: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    metadata: fc.oneof({ weight: 4, arbitrary: metadata.map((text) => new TextEncoder().encode(text)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 10 }) }, { weight: 1, arbitrary: fc.constant(null) }),
    commitTimestamp: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    expireTimestamp: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    tags: fc.constantFrom("none", "topicId", "unknown", "longCount"),
  })
  .map((v) => {
    const w = new BytesWriter();
    const flexible = v.version >= 4;
    w.writeInt16(v.version);
    w.writeInt64(v.offset);
    if (v.version >= 3) w.writeInt32(v.leaderEpoch);
    const text = v.metadata;
    if (flexible) {
      w.writeUnsignedVarint(text === null ? 0 : text.length + 1);
    } else {
      w.writeInt16(text === null ? -1 : text.length);
    }
    if (text !== null) w.writeBytes(text);
    w.writeInt64(v.commitTimestamp);
    if (v.version === 1) w.writeInt64(v.expireTimestamp);
    if (flexible) {
      if (v.tags === "none") w.writeUnsignedVarint(0);
      else if (v.tags === "longCount") w.writeBytes(new Uint8Array([0x80, 0x00])); // 0 tagged fields, in two bytes
      else {
        w.writeUnsignedVarint(1);
        w.writeUnsignedVarint(v.tags === "topicId" ? 0 : 7);
        w.writeUnsignedVarint(16);
        w.writeBytes(new Uint8Array(16).fill(0x5a));
      }
    }
    return w.finish();
  });

const commitKey = fc
  .record({ type: fc.constantFrom(0, 1), group: fc.string({ maxLength: 12 }), topic: fc.string({ maxLength: 12 }), partition: fc.nat() })
  .map(({ type, group, topic, partition }) => {
    const w = new BytesWriter();
    w.writeInt16(type);
    w.writeString(group);
    w.writeString(topic);
    w.writeInt32(partition);
    return w.finish();
  });

describe("fast value readers, through decode", () => {
  it("exist for every offset-commit and classic group metadata value version, and most other values", () => {
    for (const version of [0, 1, 2, 3, 4]) {
      expect(OFFSETS.byType(1)?.fastValueReader(version), `OffsetCommit v${version}`).toBeTypeOf("function");
      expect(OFFSETS.byType(2)?.fastValueReader(version), `GroupMetadata v${version}`).toBeTypeOf("function");
    }
    const fast = everyRecordVersion().filter(({ spec, version }) => OFFSETS.byType(spec.recordType)?.fastValueReader(version));
    expect(fast.length).toBeGreaterThan(everyRecordVersion().length / 2);
  });

  it("decode offset commits as the generic readers do, valid or mutated", () => {
    fc.assert(
      fc.property(commitKey, commitValue, fc.array(mutation, { maxLength: 2 }), (key, value, mutations) => {
        expectSame(key, value);
        expectSame(key, mutations.reduce(mutate, value));
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it("decode random records of every type and version as the generic readers do, valid or mutated", () => {
    fc.assert(
      fc.property(anyRecord(), fc.array(mutation, { minLength: 1, maxLength: 2 }), (record: OffsetsRecord, mutations) => {
        const { key, value } = encode(record);
        expectSame(key, value);
        if (value !== null) expectSame(key, mutations.reduce(mutate, value));
      }),
      { numRuns: 1500 },
    );
  }, 120_000);
});
