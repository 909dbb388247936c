/**
 * `konsumer-offsets decode` of a dump: every line format (hex and base64 JSON, kcat's `-J` envelope with raw bytes,
 * tail's and decode's JSON, KEY<TAB>VALUE), bad lines reported with their line number while the run goes on.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, toJson, toKafkaFormat } from "@kafkesc/konsumer-offsets";
import { describe, expect, it } from "vitest";
import { LineFormatError, parseLine, quoteUnsafeIntegers } from "../src/input/lines.js";
import { formatJson } from "../src/format/json.js";
import { cli, kcatLine, realRecord, realRecords } from "./helpers.js";

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, "hex"));
const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");
/** A line as `decode` reads it: bytes as Latin-1 characters. */
const latin1 = (line: string | Buffer) => Buffer.from(line).toString("latin1");

const commit = realRecord(1);
const group = realRecord(2);
const tombstone = realRecord(2, { tombstone: true });

describe("parseLine: the line formats", () => {
  it("reads {key,value} JSON in hex and in base64, with or without a position", () => {
    const hex = parseLine(latin1(JSON.stringify({ key: commit.key, value: commit.value })));
    expect(hex).toEqual({ format: "key-value", key: bytes(commit.key), value: bytes(commit.value ?? ""), position: undefined });
    const base64 = parseLine(latin1(JSON.stringify({ partition: 4, offset: 17, timestamp: 1700000000000, key: b64(commit.key), value: b64(commit.value ?? "") })));
    expect(base64).toEqual({ format: "key-value", key: bytes(commit.key), value: bytes(commit.value ?? ""), position: { partition: 4, offset: 17, timestamp: 1700000000000 } });
  });

  it("reads a null, empty or missing value as a tombstone", () => {
    for (const value of [null, "", undefined]) {
      expect(parseLine(latin1(JSON.stringify({ key: tombstone.key, value })))?.value).toBeNull();
    }
    expect(parseLine(`${tombstone.key}\t`)?.value).toBeNull();
    expect(parseLine(`${tombstone.key}\tnull`)?.value).toBeNull();
    expect(parseLine(tombstone.key)?.value).toBeNull();
  });

  it("reads kcat's -J envelope with raw bytes, its position and timestamp, and null payloads", () => {
    const line = kcatLine({ topic: "__consumer_offsets", partition: 7, offset: 42, timestamp: 1795617380882, key: bytes(group.key), value: bytes(group.value ?? "") });
    expect(parseLine(latin1(line))).toEqual({
      format: "kcat",
      key: bytes(group.key),
      value: bytes(group.value ?? ""),
      position: { partition: 7, offset: 42, timestamp: 1795617380882 },
    });
    const noTimestamp = kcatLine({ topic: "t", partition: 0, offset: 1, key: bytes(tombstone.key), value: null });
    expect(parseLine(latin1(noTimestamp))).toEqual({ format: "kcat", key: bytes(tombstone.key), value: null, position: { partition: 0, offset: 1, timestamp: undefined } });
  });

  it("reads every real record through kcat's escaping byte for byte (every byte value 0-255 that occurs)", () => {
    for (const record of realRecords()) {
      const line = kcatLine({ topic: "__consumer_offsets", partition: record.partition, offset: record.offset, key: bytes(record.key), value: record.value === null ? null : bytes(record.value) });
      const parsed = parseLine(latin1(line));
      expect(parsed?.key).toEqual(bytes(record.key));
      expect(parsed?.value).toEqual(record.value === null ? null : bytes(record.value));
    }
  });

  it("reads kcat envelopes whose key and payload were re-encoded as hex or base64", () => {
    const line = JSON.stringify({ topic: "t", partition: 0, offset: 5, key: b64(commit.key), payload: commit.value });
    expect(parseLine(latin1(line))).toMatchObject({ format: "kcat", key: bytes(commit.key), value: bytes(commit.value ?? "") });
  });

  it("rebuilds the bytes of a record from tail's and decode's JSON output", () => {
    const record = decode(bytes(group.key), bytes(group.value ?? ""));
    const tailLine = formatJson(record, { partition: 2, offset: 9, timestamp: 1795617380882 });
    expect(parseLine(latin1(Buffer.from(tailLine, "utf8")))).toEqual({ format: "tail-json", key: bytes(group.key), value: bytes(group.value ?? ""), position: { partition: 2, offset: 9, timestamp: 1795617380882 } });
    expect(parseLine(latin1(Buffer.from(toJson(record), "utf8")))).toEqual({ format: "record-json", key: bytes(group.key), value: bytes(group.value ?? ""), position: undefined });
  });

  it("rebuilds every real record from tail's JSON, int64 beyond 2^53 included", () => {
    for (const record of realRecords()) {
      const value = record.value === null ? null : bytes(record.value);
      const line = formatJson(decode(bytes(record.key), value), { partition: record.partition, offset: record.offset, timestamp: 1 });
      const parsed = parseLine(latin1(Buffer.from(line, "utf8")));
      expect(parsed?.key).toEqual(bytes(record.key));
      expect(parsed?.value).toEqual(value);
    }
    expect(quoteUnsafeIntegers('{"a":-195122243676923870,"b":"x\\"9007199254740993","c":[9007199254740993,1.5e300,12]}')).toBe(
      '{"a":"-195122243676923870","b":"x\\"9007199254740993","c":["9007199254740993",1.5e300,12]}',
    );
  });

  it("reads KEY<TAB>VALUE hex, and base64 only when asked", () => {
    expect(parseLine(`${commit.key}\t${commit.value}`)).toEqual({ format: "tab", key: bytes(commit.key), value: bytes(commit.value ?? ""), position: undefined });
    expect(parseLine(`${b64(commit.key)}\t${b64(commit.value ?? "")}`, "base64")?.key).toEqual(bytes(commit.key));
    expect(() => parseLine(`${b64(commit.key)}\t${b64(commit.value ?? "")}`)).toThrow(LineFormatError);
  });

  it("skips blank lines and says what is wrong with a bad one", () => {
    expect(parseLine("")).toBeNull();
    expect(parseLine("   ")).toBeNull();
    expect(() => parseLine("{not json")).toThrow(/not JSON/);
    expect(() => parseLine("[1,2]")).toThrow(/not JSON|KEY<TAB>VALUE/);
    expect(() => parseLine('{"value":"00"}')).toThrow(/without "key"/);
    expect(() => parseLine('{"key":null,"value":"00"}')).toThrow(/"key" is null/);
    expect(() => parseLine('{"key":12}')).toThrow(/"key" is a number/);
    expect(() => parseLine('{"key":"0001","value":"zz!"}')).toThrow(/"value" is neither hex nor base64/);
    expect(() => parseLine('{"key":"000","value":null}', "hex")).toThrow(/not hex \(odd number of digits\)/);
    expect(() => parseLine("00\t01\t02")).toThrow(/3 tab-separated fields/);
    expect(() => parseLine('{"topic":"t","partition":0,"offset":0,"key":"\u20ac","payload":null}')).toThrow(/above U\+00FF/);
  });
});

describe("decode of a dump (stdin, --input)", () => {
  it("decodes the captured fixture file (partition, offset, key, value in hex) as the library does, position included", async () => {
    const records = realRecords();
    const run = await cli(["decode"], { stdin: records.map((record) => JSON.stringify(record)).join("\n") });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const expected = records.map((record) =>
      formatJson(decode(bytes(record.key), record.value === null ? null : bytes(record.value)), { partition: record.partition, offset: record.offset, timestamp: undefined }),
    );
    expect(run.stdout).toBe(`${expected.join("\n")}\n`);
  });

  it("decodes every format in one file, reports bad lines with their numbers, goes on and exits 1", async () => {
    const directory = mkdtempSync(join(tmpdir(), "konsumer-offsets-dump-"));
    const file = join(directory, "dump.txt");
    const lines: Buffer[] = [
      Buffer.from(JSON.stringify({ key: commit.key, value: commit.value })),
      Buffer.from("this is not a record"),
      Buffer.from(""),
      kcatLine({ topic: "__consumer_offsets", partition: 1, offset: 2, timestamp: 3, key: bytes(group.key), value: bytes(group.value ?? "") }),
      Buffer.from(`${commit.key}\t0004`),
      Buffer.from(`${tombstone.key}\t`),
    ];
    writeFileSync(file, Buffer.concat(lines.flatMap((line) => [line, Buffer.from("\r\n")])));
    const run = await cli(["decode", "--input", file]);
    expect(run.status).toBe(1);
    const out = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { type?: string; record?: { type: string }; partition?: number });
    expect(out).toHaveLength(3);
    expect(out[0]?.type).toBe("OffsetCommit");
    expect(out[1]).toMatchObject({ partition: 1, record: { type: "GroupMetadata" } });
    expect(out[2]).toMatchObject({ type: "GroupMetadata" });
    const errors = run.stderr.trim().split("\n");
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe(`konsumer-offsets: ${file}:2: neither JSON nor KEY<TAB>VALUE in hex: the key is not hex`);
    expect(errors[1]).toMatch(new RegExp(`^konsumer-offsets: ${file}:5: OffsetCommit value v4 does not decode at offset \\(offset 2\\)`));
    expect(errors[2]).toBe("konsumer-offsets: error [DECODE_FAILED]: 2 of 5 records did not decode (each reported above with its line number)");
  });

  it("prints every output format, Kafka's skipping what its formatters skip", async () => {
    const input = [JSON.stringify({ key: group.key, value: group.value }), JSON.stringify({ key: realRecord(3).key, value: realRecord(3).value })].join("\n");
    const kafka = await cli(["decode", "--format", "kafka"], { stdin: input });
    expect(kafka).toMatchObject({ status: 0, stderr: "" });
    expect(kafka.stdout).toBe(`${toKafkaFormat(decode(bytes(group.key), bytes(group.value ?? "")))}\n`);
    const pretty = await cli(["decode", "-f", "pretty"], { stdin: input });
    expect(pretty.status).toBe(0);
    expect(pretty.stdout.split("\n\n").filter((block) => block.trim() !== "")).toHaveLength(2);
  });

  it("filters a dump by group, topic and type as tail does", async () => {
    const records = realRecords();
    const input = records.map((record) => JSON.stringify({ key: record.key, value: record.value })).join("\n");
    const groupOf = (record: (typeof records)[number]) => decode(bytes(record.key), record.value === null ? null : bytes(record.value));
    const wanted = groupOf(commit);
    const name = wanted.type === "OffsetCommit" ? wanted.key.group : "";
    const run = await cli(["decode", "--group", name, "--type", "OffsetCommit"], { stdin: input });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    const printed = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { type: string; key: { group: string } });
    const expected = records.map(groupOf).filter((record) => record.type === "OffsetCommit" && record.key.group === name);
    expect(printed.length).toBe(expected.length);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((record) => record.type === "OffsetCommit" && record.key.group === name)).toBe(true);
    expect((await cli(["decode", "--key", commit.key, "--group", name])).status).toBe(2);
  });

  it("refuses a missing --input file, --input with --key, and --value without --key (exit 2)", async () => {
    const missing = await cli(["decode", "--input", "/nonexistent/dump.jsonl"]);
    expect(missing).toMatchObject({ status: 2, stdout: "" });
    expect(missing.stderr).toBe("konsumer-offsets: error [INVALID_ARGUMENT]: --input: cannot read /nonexistent/dump.jsonl: ENOENT\n");
    expect((await cli(["decode", "--key", commit.key, "--input", "x"])).status).toBe(2);
    expect((await cli(["decode", "--value", "00"])).status).toBe(2);
    expect((await cli(["decode", "--encoding", "base32"], { stdin: "" })).status).toBe(2);
  });
});
