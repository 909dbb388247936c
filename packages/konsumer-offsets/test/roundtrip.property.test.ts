// Property: decode(encode(r)) equals r, for random records of every record type, value version and layout.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, encode } from "../src/index.js";
import { everyRecordVersion, recordArbitrary } from "./arbitraries.js";

describe("decode(encode(record)) equals record", () => {
  for (const { spec, version, layout } of everyRecordVersion()) {
    const name = `type ${spec.recordType} ${spec.name} value v${version}${layout.layout ? ` (layout ${layout.layout})` : ""}`;
    it(name, () => {
      fc.assert(
        fc.property(recordArbitrary(spec, version, layout), (record) => {
          const { key, value } = encode(record);
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
