// Property: offset-commit keys decoded through the (group, topic) prefix cache (src/codec/key-cache.ts) equal what the
// generic table-driven key reader gives for the same bytes, on first sight (a miss) and on every repeat (a hit), with
// names that collide in the cache, trailing bytes, and prefixes too short or too long to be cached.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BytesParser, BytesWriter } from "@kafkesc/bytes-parser";
import { decode, type KnownOffsetsRecord } from "../src/index.js";
import { OFFSETS } from "../src/codec/topics.js";
import { fullTag, GroupTopicCache, quickTag, rowTag } from "../src/codec/key-cache.js";

/** The key bytes of record type `type`: int16 type, group and topic as STRING, int32 partition, then `trailing`. */
function keyBytes(type: number, group: string, topic: string, partition: number, trailing: Uint8Array): Uint8Array {
  const writer = new BytesWriter();
  writer.writeInt16(type);
  writer.writeString(group);
  writer.writeString(topic);
  writer.writeInt32(partition);
  writer.writeBytes(trailing);
  return writer.finish();
}

/** What the generic reader compiled from the key table gives, with the trailing bytes as `decode` reports them. */
function generic(key: Uint8Array): { key: object; keyTrailingBytes: Uint8Array | undefined } {
  const codec = OFFSETS.byType((key[0]! << 8) | key[1]!)!;
  const parser = new BytesParser(key).skip(2);
  const decoded = codec.readKey(parser, 0);
  return { key: decoded, keyTrailingBytes: parser.remaining > 0 ? key.subarray(parser.position) : undefined };
}

/** `decode` of an offset-commit key (tombstone), failing the test if the record type is not known. */
function decodeKey(key: Uint8Array): KnownOffsetsRecord {
  const record = decode(key, null);
  if (record.type === "Unknown") throw new Error(`record type ${record.recordType} decoded as Unknown`);
  return record;
}

/** The names of a decoded key. */
const pick = (key: object): { group: string; topic: string } => {
  const { group, topic } = key as { group: string; topic: string };
  return { group, topic };
};

const name = fc.oneof(
  fc.constantFrom("", "a", "g", "orders", "orders-events-1", "orders-events-2", "x".repeat(70), "é-ü", "g".repeat(130)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

describe("offset-commit key cache", () => {
  it("decodes every key as the generic reader does, on a miss and on repeats", () => {
    expect(OFFSETS.byType(1)?.keyNames).toBeDefined();
    expect(OFFSETS.byType(2)?.keyNames).toBeUndefined();
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom(0, 1),
            group: name,
            topic: name,
            partition: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
            trailing: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 1, maxLength: 6 })),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (keys) => {
          // Twice over, so that every key is seen again after the others (hits, and slots replaced by collisions).
          for (const pass of [0, 1]) {
            for (const { type, group, topic, partition, trailing } of keys) {
              const key = keyBytes(type, group, topic, partition, trailing);
              const expected = generic(key);
              const record = decodeKey(key);
              expect(record.key, `pass ${pass}`).toEqual(expected.key);
              expect(record.keyTrailingBytes).toEqual(expected.keyTrailingBytes);
              expect(Object.keys(record.key)).toEqual(["group", "topic", "partition"]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps pairs whose near hashes collide, beyond a set's 8 ways, in the far table", () => {
    // Groups of 40 characters that differ only in characters 10 to 19, with one topic: the near hash samples none of
    // those bytes, so every key lands in the same set of 8 of the near table, and 12 of them move to the far table.
    const keys = Array.from({ length: 20 }, (_, i) => keyBytes(1, `${"a".repeat(10)}${`member-${i}`.padStart(10, "x")}${"b".repeat(20)}`, "topic-0001", i, new Uint8Array(0)));
    const tag = (key: Uint8Array): number => quickTag(key, key.length - 8, key.length - 6);
    for (const key of keys) expect(tag(key)).toBe(tag(keys[0]!));
    const cache = new GroupTopicCache();
    for (const key of keys) {
      expect(cache.find(key)).toBe(false);
      const names = pick(generic(key).key);
      cache.store(key, names.group, names.topic);
      expect(cache.find(key)).toBe(true);
    }
    for (const key of keys) {
      expect(cache.find(key)).toBe(true);
      expect({ group: cache.group, topic: cache.topic }).toEqual(pick(generic(key).key));
    }
    // And through decode, several times over: always the generic reader's key.
    for (const pass of [0, 1, 2]) {
      for (const key of keys) expect(decodeKey(key).key, `pass ${pass}`).toEqual(generic(key).key);
    }
  });

  it("finds every prefix right after storing it, and hashes a row as the key it holds", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name), { minLength: 1, maxLength: 40 }), (pairs) => {
        const cache = new GroupTopicCache();
        for (const [group, topic] of pairs) {
          const key = keyBytes(1, group, topic, 0, new Uint8Array(0));
          const n = key.length - 6;
          if (!cache.find(key)) cache.store(key, group, topic);
          if (n < 4 || n > 124) continue; // not cached
          expect(cache.find(key)).toBe(true);
          expect([cache.group, cache.topic]).toEqual([group, topic]);
          const row = new Int32Array(32);
          const last = n - 2;
          let w = 0;
          for (let i = 2; i < last; i += 4) row[w++] = new DataView(key.buffer, key.byteOffset).getInt32(i);
          row[w] = new DataView(key.buffer, key.byteOffset).getInt32(last);
          expect(rowTag(row, 0, n)).toBe(fullTag(key, last, n));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("returns a fresh key object on every hit", () => {
    const key = keyBytes(1, "payments-sink-3", "payments-events-9", 7, new Uint8Array(0));
    const first = decodeKey(key).key as { group: string };
    const second = decodeKey(key).key as { group: string };
    expect(second).not.toBe(first);
    first.group = "changed";
    expect(decodeKey(key).key).toEqual({ group: "payments-sink-3", topic: "payments-events-9", partition: 7 });
  });

  it("keeps the generic reader's errors for keys that do not decode", () => {
    const key = keyBytes(1, "payments-sink-3", "payments-events-9", 7, new Uint8Array(0));
    decodeKey(key); // cached
    // Same prefix, one partition byte short: the length differs, so no hit, and the generic reader reports the failure.
    expect(() => decode(key.subarray(0, key.length - 1), null)).toThrow(/OffsetCommit key does not decode at partition/);
  });
});
