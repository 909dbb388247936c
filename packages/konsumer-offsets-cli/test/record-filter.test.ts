/** `tail`'s filters, on records Kafka 4.4.0 really wrote. */
import { describe, expect, it } from "vitest";
import { decode } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";
import { KEEP_ALL, matchesFilter, recordGroup, recordTopic } from "../src/record-filter.js";
import type { RecordFilter } from "../src/record-filter.js";
import { realRecords } from "./helpers.js";

const decoded: OffsetsRecord[] = realRecords().flatMap((raw) => {
  try {
    return [decode(Buffer.from(raw.key, "hex"), raw.value === null ? null : Buffer.from(raw.value, "hex"))];
  } catch {
    return []; // records the library cannot decode yet are the golden test's concern, not the filter's
  }
});

const filter = (parts: Partial<RecordFilter>): RecordFilter => ({ ...KEEP_ALL, ...parts });

describe("record filter", () => {
  it("keeps everything without criteria", () => {
    expect(decoded.length).toBeGreaterThan(100);
    expect(decoded.every((record) => matchesFilter(KEEP_ALL, record))).toBe(true);
  });

  it("finds the group of every known record type, from `group` or `groupId`", () => {
    for (const record of decoded) expect(recordGroup(record), `${record.type}`).toMatch(/^kfx-|^streams-/);
  });

  it("selects one group's records of every type", () => {
    const group = recordGroup(decoded.find((record) => record.type === "ConsumerGroupMetadata") as OffsetsRecord) as string;
    const kept = decoded.filter((record) => matchesFilter(filter({ groups: new Set([group]) }), record));
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.every((record) => recordGroup(record) === group)).toBe(true);
    expect(new Set(kept.map((record) => record.type))).toContain("OffsetCommit");
    expect(new Set(kept.map((record) => record.type))).toContain("ConsumerGroupMemberMetadata");
  });

  it("selects the offset commits of a topic, and nothing else", () => {
    const commit = decoded.find((record) => record.type === "OffsetCommit") as OffsetsRecord;
    const topic = recordTopic(commit) as string;
    const kept = decoded.filter((record) => matchesFilter(filter({ topics: new Set([topic]) }), record));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((record) => record.type === "OffsetCommit" && record.key.topic === topic)).toBe(true);
  });

  it("selects by record type and combines criteria with AND", () => {
    const types = filter({ types: new Set([2]) });
    const groupMetadata = decoded.filter((record) => matchesFilter(types, record));
    expect(groupMetadata.length).toBeGreaterThan(0);
    expect(groupMetadata.every((record) => record.type === "GroupMetadata")).toBe(true);
    const group = recordGroup(groupMetadata[0] as OffsetsRecord) as string;
    const both = decoded.filter((record) => matchesFilter(filter({ types: new Set([2]), groups: new Set([group]) }), record));
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((record) => record.type === "GroupMetadata" && recordGroup(record) === group)).toBe(true);
    expect(both.length).toBeLessThan(groupMetadata.length);
  });

  it("lets only --type select records of unknown types", () => {
    const unknown = decode(Uint8Array.of(0x7f, 0x00, 0x01), null);
    expect(matchesFilter(filter({ types: new Set([0x7f00]) }), unknown)).toBe(true);
    expect(matchesFilter(filter({ groups: new Set(["any"]) }), unknown)).toBe(false);
  });
});
