// Property, through `decode`: with the fast value readers (src/codec/fast-read.ts) it gives exactly what the
// table-driven readers give without them for the same bytes: every field in the same order, the same trailing bytes,
// and for bytes that do not decode the same error (code, message, field path, offset). The oracle is a second instance
// of the package loaded through the `no-eval` entry point (interpreted readers, the one switch that turns the fast
// path off; `interpreted-readers.test.ts` checks them against the generated generic readers). Records: random ones of
// every type and version (from the tables), offset commits with the strings and tagged fields the fast path hands over
// (long, null, non-UTF-8, topicId), every offset commit and group metadata value of the real-broker fixtures, and
// mutations of both. `fast-read.property.test.ts` checks reader by reader.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

/** Topic ids: a few that differ in one byte (so that the fast path's table of uuid texts often holds a near miss) and random ones. */
const topicIdBytes = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 15 }), fc.constantFrom(0x00, 0x01, 0x80, 0xff)).map(([at, byte]) => {
    const id = new Uint8Array(16).fill(0x5a);
    id[at] = byte;
    return id;
  }),
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
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
    tags: fc.constantFrom("none", "topicId", "unknown", "longCount", "topicId+unknown", "unknown+topicId", "twice", "shortId", "longId", "longTag", "longSize"),
    topicId: topicIdBytes,
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
      else if (v.tags === "longTag") w.writeBytes(new Uint8Array([1, 0x80, 0x00, 16, ...v.topicId])); // tag 0 in two bytes
      else if (v.tags === "longSize") w.writeBytes(new Uint8Array([1, 0, 0x90, 0x00, ...v.topicId])); // size 16 in two bytes
      else {
        // Tags as listed: in order, out of order, twice, or topicId of another size than 16 bytes.
        const fields: Record<string, [number, Uint8Array][]> = {
          topicId: [[0, v.topicId]],
          unknown: [[7, v.topicId]],
          "topicId+unknown": [[0, v.topicId], [7, new Uint8Array([1, 2])]],
          "unknown+topicId": [[7, new Uint8Array([1, 2])], [0, v.topicId]],
          twice: [[0, v.topicId], [0, v.topicId]],
          shortId: [[0, v.topicId.subarray(0, 15)]],
          longId: [[0, new Uint8Array([...v.topicId, 0])]],
        };
        const tagged = fields[v.tags] ?? [];
        w.writeUnsignedVarint(tagged.length);
        for (const [tag, data] of tagged) w.writeUnsignedVarint(tag).writeUnsignedVarint(data.length).writeBytes(data);
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

  it("read OffsetCommit v4 values with a topicId (what Kafka 4.x writes) on the fast path, as the generic readers do", () => {
    const reader = OFFSETS.byType(1)?.fastValueReader(4);
    if (reader === undefined || reader === null) throw new Error("no fast reader of OffsetCommit v4");
    const key = new BytesWriter().writeInt16(1).writeString("g").writeString("orders").writeInt32(3).finish();
    fc.assert(
      fc.property(fc.array(topicIdBytes, { minLength: 1, maxLength: 8 }), (ids) => {
        for (const id of ids) {
          const value = new BytesWriter().writeInt16(4).writeInt64(42n).writeInt32(7).writeUnsignedVarint(1).writeInt64(1_764_000_000_000n);
          const bytes = value.writeUnsignedVarint(1).writeUnsignedVarint(0).writeUnsignedVarint(16).writeBytes(id).finish();
          const fast = reader(bytes, 4) as { topicId?: string } | undefined;
          expect(fast?.topicId, "read by the fast reader").toBe(Buffer.from(id).toString("base64url"));
          expectSame(key, bytes);
        }
      }),
      { numRuns: 300 },
    );
  });

  /** Checks that every value of `recordType` in the real brokers' fixtures takes the fast path and decodes as the generic readers do; returns the count per release. */
  function expectRealOnFastPath(recordType: number): Map<string, number> {
    const real = fileURLToPath(new URL("./fixtures/real/", import.meta.url));
    const counts = new Map<string, number>();
    const keyPrefix = recordType.toString(16).padStart(4, "0");
    for (const version of readdirSync(real)) {
      let count = 0;
      for (const line of readFileSync(`${real}${version}/records.jsonl`, "utf8").trim().split("\n")) {
        const { key, value } = JSON.parse(line) as { key: string; value: string | null };
        if (value === null || !key.startsWith(keyPrefix)) continue;
        const bytes = new Uint8Array(Buffer.from(value, "hex"));
        const valueVersion = ((bytes[0] as number) << 8) | (bytes[1] as number);
        const reader = OFFSETS.byType(recordType)?.fastValueReader(valueVersion);
        expect(reader && reader(bytes, valueVersion), `Kafka ${version}: ${value}`).toBeDefined();
        expectSame(new Uint8Array(Buffer.from(key, "hex")), bytes);
        count++;
      }
      counts.set(version, count);
    }
    return counts;
  }

  it("read every offset commit real brokers wrote on the fast path (Kafka 4.4 writes v4 with topicId), as the generic readers do", () => {
    const counts = expectRealOnFastPath(1);
    expect([...counts.keys()]).toContain("4.4.0");
    for (const [version, commits] of counts) expect(commits, `offset commits of Kafka ${version}`).toBeGreaterThan(0);
  });

  it("read every classic group metadata real brokers wrote on the fast path (Java clients' member ids: client id, dash, uuid), as the generic readers do", () => {
    for (const [version, groups] of expectRealOnFastPath(2)) expect(groups, `group metadata of Kafka ${version}`).toBeGreaterThan(0);
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
