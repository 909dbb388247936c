// Goldens: for every record type, value version and layout, one realistic record (the payments-consumer group, the
// fraud-checkers share group, the order-enricher streams app) stored as its key and value bytes next to its JSON form,
// in test/fixtures/golden/<NN>-<Name>/v<version>[-<layout>].{key.bin,value.bin,json}, plus a tombstone per type;
// `__share_group_state`'s (the fraud-checkers' snapshot and update) under test/fixtures/golden/share-state/.
// Both ways: the stored bytes decode to the stored JSON, and the stored JSON encodes to the stored bytes. The files
// are written once by `npm run goldens:write -w packages/konsumer-offsets` (scripts/write-goldens.mjs) and reviewed
// in git; this test only reads them, and a missing one fails. The random space is the property tests' job.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  decode,
  decodeShareState,
  encode,
  encodeShareState,
  fromJsonValue,
  SHARE_STATE_RECORD_SPECS,
  shareStateFromJsonValue,
  toJsonValue,
  type JsonValue,
  type ShareStateRecordToEncode,
} from "../src/index.js";
import { everyRecordVersion } from "./arbitraries.js";
import { RECORD_SPECS } from "../src/records.js";
import { parseVersions } from "../src/schema/model.js";

const DIR = fileURLToPath(new URL("./fixtures/golden/", import.meta.url));
const WRITE = "npm run goldens:write -w packages/konsumer-offsets";

const folder = (spec: { recordType: number; name: string }) => `${String(spec.recordType).padStart(2, "0")}-${spec.name}`;

/** The bytes of a golden file; fails (naming the script that writes it) when it is missing. */
function read(path: string): Uint8Array {
  expect(existsSync(`${DIR}${path}`), `golden ${path} is missing: run ${WRITE}, review and commit it`).toBe(true);
  return new Uint8Array(readFileSync(`${DIR}${path}`));
}

/** Checks one `__share_group_state` golden both ways. */
function checkShareStateGolden(base: string, tombstone: boolean): void {
  const key = read(`${base}.key.bin`);
  const value = tombstone ? null : read(`${base}.value.bin`);
  const json = JSON.parse(new TextDecoder().decode(read(`${base}.json`))) as JsonValue;

  const record = decodeShareState(key, value);
  expect(record.type).not.toBe("Unknown");
  expect(toJsonValue(record)).toEqual(json);

  const encoded = encodeShareState(shareStateFromJsonValue(json) as ShareStateRecordToEncode);
  expect(encoded.key).toEqual(key);
  expect(encoded.value).toEqual(value);
}

/** Checks one golden both ways: bytes -> JSON, JSON -> bytes. */
function checkGolden(base: string, tombstone: boolean): void {
  const key = read(`${base}.key.bin`);
  const value = tombstone ? null : read(`${base}.value.bin`);
  const json = JSON.parse(new TextDecoder().decode(read(`${base}.json`))) as JsonValue;

  const record = decode(key, value);
  expect(record.type).not.toBe("Unknown");
  expect(toJsonValue(record)).toEqual(json);

  const encoded = encode(fromJsonValue(json));
  expect(encoded.key).toEqual(key);
  expect(encoded.value).toEqual(value);
}

const expected = new Set<string>();

describe("golden records", () => {
  for (const { spec, version, layout } of everyRecordVersion()) {
    const base = `${folder(spec)}/v${version}${layout.layout ? `-${layout.layout}` : ""}`;
    for (const suffix of [".key.bin", ".value.bin", ".json"]) expected.add(`${base}${suffix}`);
    it(base, () => checkGolden(base, false));
  }
  for (const spec of RECORD_SPECS) {
    const base = `${folder(spec)}/tombstone`;
    for (const suffix of [".key.bin", ".json"]) expected.add(`${base}${suffix}`);
    it(base, () => checkGolden(base, true));
  }

  for (const spec of SHARE_STATE_RECORD_SPECS) {
    const { low, high } = parseVersions(spec.value.validVersions);
    for (let version = low; version <= high; version++) {
      const base = `share-state/${folder(spec)}/v${version}`;
      for (const suffix of [".key.bin", ".value.bin", ".json"]) expected.add(`${base}${suffix}`);
      it(base, () => checkShareStateGolden(base, false));
    }
    const tombstone = `share-state/${folder(spec)}/tombstone`;
    for (const suffix of [".key.bin", ".json"]) expected.add(`${tombstone}${suffix}`);
    it(tombstone, () => checkShareStateGolden(tombstone, true));
  }

  it("has no golden file for a record type, version or layout the tables do not define", () => {
    const stored = readdirSync(DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath.slice(DIR.length)}/${entry.name}`.replace(/^\//, ""));
    expect(stored.filter((path) => !expected.has(path))).toEqual([]);
  });
});
