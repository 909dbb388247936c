/**
 * The portable base64 encoder (what runs where Node's Buffer is absent: browsers, Deno) gives Node's own encoding
 * for any bytes, including views that start inside a larger buffer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64, base64Portable } from "../src/format/json.js";

const viaNode = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

describe("base64", () => {
  it("portable encoder equals Node's for every length and view offset", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(base64Portable(view)).toBe(viaNode(view));
        expect(base64(view)).toBe(viaNode(view));
      }),
      { numRuns: 2000 },
    );
  });

  it("pads as RFC 4648's test vectors", () => {
    const vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
    vectors.forEach((expected, n) => expect(base64Portable(new TextEncoder().encode("foobar".slice(0, n)))).toBe(expected));
  });
});
