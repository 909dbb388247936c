/** `konsumer-offsets decode`: real records in, one JSON object (or Kafka's format, or a pretty block) out. */
import { describe, expect, it } from "vitest";
import { decode, toJson, toKafkaFormat } from "@kafkesc/konsumer-offsets";
import { cli, realRecord } from "./helpers.js";

const hex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"));

describe("decode", () => {
  it("prints a real offset commit as the library's JSON, one line", async () => {
    const record = realRecord(1);
    const run = await cli(["decode", "--key", record.key, "--value", record.value ?? ""]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${toJson(decode(hex(record.key), hex(record.value ?? "")))}\n`);
    const printed = JSON.parse(run.stdout) as { type: string; key: { group: string }; value: { version: number } };
    expect(printed.type).toBe("OffsetCommit");
    expect(printed.key.group).toMatch(/^kfx-/);
    expect(printed.value.version).toBe(4);
  });

  it("treats a missing --value as a tombstone", async () => {
    const record = realRecord(2, { tombstone: true });
    const run = await cli(["decode", "--key", record.key]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: "GroupMetadata", tombstone: true, value: null });
  });

  it("prints Kafka's console-formatter output with --format kafka", async () => {
    const record = realRecord(2);
    const run = await cli(["decode", "-k", record.key, "-v", record.value ?? "", "--format", "kafka"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${toKafkaFormat(decode(hex(record.key), hex(record.value ?? "")))}\n`);
    expect(JSON.parse(run.stdout)).toMatchObject({ key: { type: 2 }, value: { version: 3 } });
  });

  it("says so on stderr when Kafka's formatters print nothing for the record (--format kafka, type 3)", async () => {
    const record = realRecord(3);
    const run = await cli(["decode", "--key", record.key, "--value", record.value ?? "", "--format", "kafka"]);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toBe("konsumer-offsets: Kafka's console formatters print nothing for this record type (they print types 0-2)\n");
  });

  it("prints a readable block with --format pretty, coloured only when asked", async () => {
    const record = realRecord(2, { valueContains: "roundrobin" });
    const plain = await cli(["decode", "--key", record.key, "--value", record.value ?? "", "--format", "pretty"]);
    expect(plain.status).toBe(0);
    const lines = plain.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^GroupMetadata \(type 2\) group="kfx-[^"]+"$/);
    expect(plain.stdout).toContain('    protocolType: "consumer"');
    expect(plain.stdout).toContain('    protocol: "roundrobin"');
    expect(plain.stdout).toMatch(/\n {6}- memberId: "kfx-classic-roundrobin-[^"]+"\n {8}groupInstanceId: null\n/);
    expect(plain.stdout).toMatch(/\n {12}- topic: "kfx-classic-roundrobin-[^"]+"\n {14}partitions: \[\d+(, \d+)*\]\n/);
    expect(plain.stdout).toMatch(/currentStateTimestamp: \d+ \(\d{4}-\d\d-\d\dT/);
    expect(plain.stdout).not.toContain("\u001b[");
    const coloured = await cli(["decode", "--key", record.key, "--value", record.value ?? "", "--format", "pretty"], { colour: true });
    expect(coloured.stdout).toContain("\u001b[1mGroupMetadata (type 2)\u001b[0m");
  });

  it("decodes every record type Kafka 4.4.0 wrote", async () => {
    for (const type of [1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23]) {
      const record = realRecord(type);
      const run = await cli(["decode", "--key", record.key, "--value", record.value ?? ""]);
      expect(run.stderr, `type ${type}`).toBe("");
      expect((JSON.parse(run.stdout) as { recordType: number }).recordType).toBe(type);
    }
  });

  it("prints an unknown record type as Unknown with its bytes, not an error", async () => {
    const run = await cli(["decode", "--key", "7fff0001", "--value", "0000"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: "Unknown", recordType: 32767 });
  });

  it("fails with status 1 and a typed message on a malformed record", async () => {
    const run = await cli(["decode", "--key", "0001000341", "--value", "0003"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^konsumer-offsets: error \[DECODE_FAILED\]: cannot decode the record: .+\n$/);
  });

  it("accepts 0x prefixes, spaces and colons in hex", async () => {
    const record = realRecord(1);
    const spaced = `0x${record.key.replace(/(..)/g, "$1 ")}`;
    const run = await cli(["decode", "--key", spaced, "--value", (record.value ?? "").replace(/(..)(?=.)/g, "$1:")]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { type: string }).type).toBe("OffsetCommit");
  });
});
