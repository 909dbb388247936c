// The decoder's hot-path Cursor against @kafkesc/bytes-parser's BytesParser: the same compiled readers run on both
// must give the same values for valid records, and the same error (code, offset) for corrupted ones.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BytesParser } from "@kafkesc/bytes-parser";
import { Cursor, type WireReader } from "../src/codec/cursor.js";
import { recordCodec } from "../src/codec/record-codec.js";
import { encode } from "../src/index.js";
import { anyRecord } from "./arbitraries.js";

/** Runs the record's compiled value readers on a reader: the decoded value, or the error's code and offset. */
function readValue(value: Uint8Array, recordType: number, reader: WireReader): unknown {
  const codec = recordCodec(recordType);
  if (codec === undefined) throw new Error(`no codec for ${recordType}`);
  try {
    reader.skip(2);
    const version = (value[0]! << 8) | value[1]!;
    const readers = codec.valueReaders(version);
    return readers.map((r) => {
      reader.seek(2);
      try {
        return { value: r.read(reader, version), end: reader.position };
      } catch (error) {
        return failure(error);
      }
    });
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): unknown {
  let cause: unknown = error;
  while (cause !== null && typeof cause === "object" && "failure" in cause) cause = (cause as { failure: unknown }).failure;
  const e = cause as { code?: string; offset?: number; name?: string; message?: string };
  // Array counts are checked by the compiled readers, at the reader's `position`: absolute with the Cursor, relative
  // to the tagged field inside a BytesParser sub-parser. Their offsets are compared in the edge-case tests instead.
  if (e.message?.startsWith("Array at position")) return { error: e.name, code: e.code };
  return { error: e.name, code: e.code, offset: e.offset };
}

describe("Cursor reads exactly as BytesParser", () => {
  it("on valid records of every type and version", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(anyRecord(), (record) => {
        const { value } = encode(record);
        if (value === null || record.type === "Unknown") return;
        expect(readValue(value, record.recordType, new Cursor().reset(value))).toStrictEqual(readValue(value, record.recordType, new BytesParser(value)));
      }),
      { numRuns: 400 },
    );
  });

  it("on truncated and corrupted records, with the same error code and offset", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(anyRecord(), fc.nat(), fc.nat(255), fc.boolean(), (record, at, byte, truncate) => {
        const { value } = encode(record);
        if (value === null || record.type === "Unknown" || value.length <= 2) return;
        const position = 2 + (at % (value.length - 2));
        const broken = truncate ? value.slice(0, position) : value.slice();
        if (!truncate) broken[position] = byte;
        expect(readValue(broken, record.recordType, new Cursor().reset(broken))).toStrictEqual(readValue(broken, record.recordType, new BytesParser(broken)));
      }),
      { numRuns: 600 },
    );
  });
});
