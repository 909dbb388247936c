// Property: decode(encode(r)) equals r, for random records of every record type, value version and layout.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, encode, type OffsetsRecord } from "../src/index.js";
import { OFFSETS } from "../src/codec/topics.js";
import { BytesParser } from "@kafkesc/bytes-parser";
import { everyRecordVersion, recordArbitrary } from "./arbitraries.js";

/**
 * Whether an older-layout value's bytes also read exactly as a newer layout: `decode` then reports the newer one,
 * as documented (the layouts share version 0, and nothing in the bytes tells them apart).
 */
function readsAsNewerLayout(record: OffsetsRecord, value: Uint8Array): boolean {
  const layout = record.type === "Unknown" ? undefined : (record.value as { layout?: string } | null)?.layout;
  if (layout === undefined) return false;
  const readers = OFFSETS.byType(record.recordType)?.valueReaders(0) ?? [];
  for (const reader of readers) {
    if (reader.layout === layout) return false;
    const parser = new BytesParser(value).skip(2);
    try {
      reader.read(parser, 0);
      if (parser.isAtEnd()) return true;
    } catch {
      // not this layout
    }
  }
  return false;
}

describe("decode(encode(record)) equals record", () => {
  for (const { spec, version, layout } of everyRecordVersion()) {
    const name = `type ${spec.recordType} ${spec.name} value v${version}${layout.layout ? ` (layout ${layout.layout})` : ""}`;
    it(name, { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(recordArbitrary(spec, version, layout), (record) => {
          const { key, value } = encode(record);
          fc.pre(value === null || !readsAsNewerLayout(record, value));
          expect(decode(key, value)).toStrictEqual(record);
          // Encoding is deterministic: the decoded record encodes to the same bytes.
          const again = encode(decode(key, value));
          expect(again.key).toStrictEqual(key);
          expect(again.value).toStrictEqual(value);
        }),
        { numRuns: 150 },
      );
    });
  }
});
