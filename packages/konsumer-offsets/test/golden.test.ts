// Goldens: for every record type, value version and layout, a few records built with the encoder, stored as bytes
// (hex) next to their JSON form in test/fixtures/golden/<type>-<Name>-v<version>[-<layout>].jsonl. The test decodes
// the stored bytes and compares with the stored JSON, and encodes the result back to the stored bytes: a change in
// the decoder, the encoder or the JSON form shows up as a diff in a reviewable file.
// Missing files are written (from seeded random records); KONSUMER_OFFSETS_UPDATE_GOLDENS=1 rewrites them all.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, encode, toJson } from "../src/index.js";
import { everyRecordVersion, recordArbitrary } from "./arbitraries.js";

const DIR = fileURLToPath(new URL("./fixtures/golden/", import.meta.url));
const UPDATE = process.env.KONSUMER_OFFSETS_UPDATE_GOLDENS === "1";
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

interface Golden {
  key: string;
  value: string | null;
  json: string;
}

describe("golden records", () => {
  for (const { spec, version, layout } of everyRecordVersion()) {
    const name = `${String(spec.recordType).padStart(2, "0")}-${spec.name}-v${version}${layout.layout ? `-${layout.layout}` : ""}`;
    it(name, () => {
      const file = `${DIR}${name}.jsonl`;
      if (UPDATE || !existsSync(file)) {
        // A tombstone and live records: seeded, so a rewrite only changes what the code changed.
        const records = fc.sample(recordArbitrary(spec, version, layout), { numRuns: 4, seed: spec.recordType * 100 + version });
        const lines = records.map((record) => {
          const { key, value } = encode(record);
          return JSON.stringify({ key: hex(key), value: value === null ? null : hex(value), json: toJson(record) } satisfies Golden);
        });
        const tombstone = encode({ ...records[0]!, tombstone: true, value: null } as never);
        lines.push(JSON.stringify({ key: hex(tombstone.key), value: null, json: toJson(decode(tombstone.key, null)) } satisfies Golden));
        mkdirSync(DIR, { recursive: true });
        writeFileSync(file, `${lines.join("\n")}\n`);
      }
      const goldens = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Golden);
      expect(goldens.length).toBeGreaterThan(1);
      for (const golden of goldens) {
        const key = new Uint8Array(Buffer.from(golden.key, "hex"));
        const value = golden.value === null ? null : new Uint8Array(Buffer.from(golden.value, "hex"));
        const record = decode(key, value);
        expect(toJson(record)).toBe(golden.json);
        const again = encode(record);
        expect(hex(again.key)).toBe(golden.key);
        expect(again.value === null ? null : hex(again.value)).toBe(golden.value);
      }
    });
  }
});
