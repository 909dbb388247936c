/**
 * Golden records from real brokers: `fixtures/real/<kafka version>/records.jsonl`, captured by
 * `npm run capture-fixtures -w packages/konsumer-offsets -- --version <v>` (see
 * `scripts/capture/`). Every record must decode, re-encode to the same bytes, and say what the workload that caused
 * it did, as recorded in `manifest.json` at capture time (offsets committed, assignors, members, deletions...).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decode, encode } from "@kafkesc/konsumer-offsets";
import type { GroupMetadataValue, OffsetsRecord } from "@kafkesc/konsumer-offsets";

import type { CaptureManifest, CapturedRecord } from "../scripts/capture/manifest.js";

interface Decoded {
  raw: CapturedRecord;
  key: Uint8Array;
  value: Uint8Array | null;
  record: OffsetsRecord;
}

const REAL = fileURLToPath(new URL("./fixtures/real/", import.meta.url));
const VERSIONS = readdirSync(REAL).filter((name) => /^\d+\.\d+\.\d+$/.test(name)).sort();

const hex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"));

/** A record that did not decode: where, and why. */
interface Failure {
  at: string;
  error: string;
}

function load(version: string): { manifest: CaptureManifest; raws: CapturedRecord[]; records: Decoded[]; failures: Failure[] } {
  const dir = join(REAL, version);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as CaptureManifest;
  const raws = readFileSync(join(dir, "records.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as CapturedRecord);
  const records: Decoded[] = [];
  const failures: Failure[] = [];
  for (const raw of raws) {
    const key = hex(raw.key);
    const value = raw.value === null ? null : hex(raw.value);
    try {
      records.push({ raw, key, value, record: decode(key, value) });
    } catch (error) {
      failures.push({ at: `p${raw.partition}@${raw.offset} (${raw.scenario})`, error: String(error) });
    }
  }
  return { manifest, raws, records, failures };
}

function offsetCommits(records: Decoded[], commit: { group: string; topic: string; partition: number }) {
  return records
    .map((decoded) => decoded.record)
    .filter(
      (record): record is Extract<OffsetsRecord, { type: "OffsetCommit" }> =>
        record.type === "OffsetCommit" &&
        record.key.group === commit.group &&
        record.key.topic === commit.topic &&
        record.key.partition === commit.partition,
    );
}

function groupIdOf(record: OffsetsRecord): string | undefined {
  if (record.type === "Unknown") return undefined;
  const key: object = record.key;
  if ("groupId" in key && typeof key.groupId === "string") return key.groupId;
  if ("group" in key && typeof key.group === "string") return key.group;
  return undefined;
}

it("has captures of the newest 4.x and of 3.9.x", () => {
  expect(VERSIONS).toContain("4.4.0");
  expect(VERSIONS).toContain("3.9.2");
});

describe.each(VERSIONS)("records captured from Kafka %s", (version) => {
  const { manifest, raws, records, failures } = load(version);

  it("is the capture its manifest describes, with no failed workload", () => {
    expect(manifest.kafkaVersion).toBe(version);
    expect(raws).toHaveLength(manifest.records);
    expect(manifest.scenarios.filter((scenario) => scenario.status === "failed")).toEqual([]);
    for (const scenario of manifest.scenarios.filter((s) => s.status === "captured")) {
      expect(raws.filter((raw) => raw.scenario === scenario.name), scenario.name).toHaveLength(scenario.records);
      expect(scenario.records, scenario.name).toBeGreaterThan(0);
    }
  });

  it("decodes every record with no error", () => {
    expect(failures).toEqual([]);
  });

  it("decodes every record as a known type, as the raw bytes say (type, tombstone, value version)", () => {
    expect(records).toHaveLength(raws.length);
    const counts: CaptureManifest["recordTypes"] = {};
    for (const { raw, record } of records) {
      expect(record.type, `p${raw.partition}@${raw.offset}`).not.toBe("Unknown");
      expect(record.tombstone).toBe(raw.value === null);
      const count = (counts[String(record.recordType)] ??= { records: 0, tombstones: 0, valueVersions: {} });
      count.records += 1;
      if (record.tombstone) count.tombstones += 1;
      else if (record.type !== "Unknown") {
        const versioned = record.value as { version: number };
        count.valueVersions[String(versioned.version)] = (count.valueVersions[String(versioned.version)] ?? 0) + 1;
      }
    }
    // The manifest counted types and versions from the raw int16s at capture time, without this library.
    expect(counts).toEqual(manifest.recordTypes);
  });

  it("re-encodes every record to the exact bytes the broker wrote", () => {
    for (const { raw, value, record } of records) {
      const encoded = encode(record);
      expect(Buffer.from(encoded.key).toString("hex"), `key p${raw.partition}@${raw.offset}`).toBe(raw.key);
      expect(encoded.value === null ? null : Buffer.from(encoded.value).toString("hex"), `value p${raw.partition}@${raw.offset}`).toBe(
        value === null ? null : raw.value,
      );
    }
  });

  const captured = manifest.scenarios.filter((scenario) => scenario.status === "captured");

  describe.each(captured.map((scenario) => [scenario.name, scenario] as const))("workload %s", (_name, scenario) => {
    const own = records.filter((decoded) => decoded.raw.scenario === scenario.name);
    const { expectations } = scenario;

    it("wrote the record types it must", () => {
      const types = new Set(own.map((decoded) => decoded.record.recordType));
      for (const type of expectations.recordTypes) expect(types, `record type ${type}`).toContain(type);
    });

    it("holds every offset it committed, with its metadata (aborted transactions too)", () => {
      for (const commit of [...expectations.commits, ...expectations.abortedCommits]) {
        const values = offsetCommits(own, commit).flatMap((record) => (record.tombstone ? [] : [record.value]));
        expect(
          values.some((value) => value.offset === BigInt(commit.offset) && value.metadata === commit.metadata),
          `${commit.group} ${commit.topic}-${commit.partition} = ${commit.offset}`,
        ).toBe(true);
      }
    });

    it("describes its classic groups: assignor, members, subscriptions and assignments", () => {
      for (const group of expectations.classicGroups) {
        const states = own
          .map((decoded) => decoded.record)
          .filter((record): record is Extract<OffsetsRecord, { type: "GroupMetadata" }> => record.type === "GroupMetadata")
          .filter((record) => record.key.group === group.group)
          .flatMap((record) => (record.tombstone ? [] : [record.value]));
        // The last generation with every member in the group: the one whose assignment the commits followed.
        const full = states.findLast((state) => group.clientIds.every((id) => state.members.some((member) => member.clientId === id)));
        expect(full, `${group.group}: a generation with all of ${group.clientIds.join(", ")}`).toBeDefined();
        const state = full as GroupMetadataValue;
        expect(state.protocolType).toBe("consumer");
        expect(state.protocol).toBe(group.assignor);
        expect(state.members.map((member) => member.groupInstanceId).filter((id) => id !== null).sort()).toEqual([...group.groupInstanceIds].sort());
        const assigned = new Set<string>();
        for (const member of state.members) {
          expect(member.subscription.kind, `${member.memberId} subscription`).toBe("consumer");
          expect(member.assignment.kind, `${member.memberId} assignment`).toBe("consumer");
          if (member.subscription.kind !== "consumer" || member.assignment.kind !== "consumer") continue;
          expect([...member.subscription.topics].sort()).toEqual([...group.topics].sort());
          if (group.javaClient) expect(member.subscription.userData, "Java clients write a null userData").toBeNull();
          for (const { topic, partitions } of member.assignment.assignedPartitions) {
            for (const partition of partitions) assigned.add(`${topic}-${partition}`);
          }
        }
        const committed = expectations.commits.filter((commit) => commit.group === group.group).map((c) => `${c.topic}-${c.partition}`);
        expect([...assigned].sort()).toEqual([...new Set(committed)].sort());
        if (group.ownedPartitionsOnRejoin) {
          const owned = states.flatMap((generation) =>
            generation.members.flatMap((member) => (member.subscription.kind === "consumer" ? member.subscription.ownedPartitions : [])),
          );
          expect(owned.length, `${group.group}: members rejoined listing their owned partitions`).toBeGreaterThan(0);
        }
      }
    });

    it("ends deleted groups and offsets with tombstones", () => {
      for (const deleted of expectations.deletedOffsets) {
        const history = offsetCommits(own, deleted);
        expect(history.length, `${deleted.group} ${deleted.topic}-${deleted.partition}`).toBeGreaterThan(1);
        expect(history.at(-1)?.tombstone).toBe(true);
      }
      for (const { group, protocol } of expectations.deletedGroups) {
        const type = protocol === "classic" ? "GroupMetadata" : "ConsumerGroupMetadata";
        const metadata = own.map((decoded) => decoded.record).filter((record) => record.type === type && groupIdOf(record) === group);
        expect(metadata.length, `${group}: ${type} records`).toBeGreaterThan(1);
        expect(metadata.at(-1)?.tombstone, `${group}: last ${type} is a tombstone`).toBe(true);
        const commits = own.map((decoded) => decoded.record).filter((record) => record.type === "OffsetCommit" && groupIdOf(record) === group);
        expect(commits.at(-1)?.tombstone, `${group}: its offsets are deleted too`).toBe(true);
      }
    });
  });
});

describe("what each release writes", () => {
  const byVersion = new Map(VERSIONS.map((version) => [version, load(version)]));

  it("4.4.0 writes OffsetCommitValue v4, 3.9.2 v3; both GroupMetadataValue v3", () => {
    expect(Object.keys(byVersion.get("4.4.0")?.manifest.recordTypes["1"]?.valueVersions ?? {})).toEqual(["4"]);
    expect(Object.keys(byVersion.get("3.9.2")?.manifest.recordTypes["1"]?.valueVersions ?? {})).toEqual(["3"]);
    for (const version of ["4.4.0", "3.9.2"]) {
      expect(Object.keys(byVersion.get(version)?.manifest.recordTypes["2"]?.valueVersions ?? {})).toEqual(["3"]);
    }
  });

  it("4.4.0 wrote share-group, regex and streams-group records, all decoded", () => {
    const records = byVersion.get("4.4.0")?.records ?? [];
    const names = new Set(records.map((decoded) => decoded.record.type));
    for (const name of [
      "ShareGroupMemberMetadata",
      "ShareGroupMetadata",
      "ShareGroupStatePartitionMetadata",
      "ConsumerGroupRegularExpression",
      "StreamsGroupMetadata",
      "StreamsGroupMemberMetadata",
      "StreamsGroupTopology",
    ] as const) {
      expect(names, name).toContain(name);
    }
  });
});
