/** Bad flags end with one clear message on stderr and status 2; flag values parse as documented. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { parseBrokers, parseDuration, parseFrom, parseHex, parseInteger, parsePartitions, parseRecordType, parseUntil } from "../src/options.js";
import { InvalidArgumentError, InvalidHexError } from "../src/errors.js";
import { cli } from "./helpers.js";

describe("usage errors", () => {
  const cases: [string, string[], RegExp][] = [
    ["no command", [], /Usage: konsumer-offsets/],
    ["an unknown command", ["follow"], /unknown command 'follow'/],
    ["an unknown flag", ["tail", "--brokers", "h:1", "--colour"], /unknown option '--colour'/],
    ["decode --value without --key", ["decode", "--value", "00"], /--value: needs --key/],
    ["odd hex", ["decode", "--key", "abc"], /argument 'abc' is invalid\. not a hexadecimal byte string \(odd number of digits: 3\)/],
    ["non-hex", ["decode", "--key", "zz"], /not a hexadecimal byte string \(unexpected character "z" at 0\)/],
    ["tail without --brokers", ["tail"], /error \[INVALID_ARGUMENT\]: --brokers: required \(or KONSUMER_OFFSETS_BROKERS, or bootstrap\.servers in --config-file\)/],
    ["a broker without port", ["tail", "--brokers", "localhost"], /expected HOST:PORT, got "localhost"/],
    ["a bad --max-records", ["tail", "-b", "h:1", "--max-records", "ten"], /expected a whole number, got "ten"/],
    ["--max-records 0", ["tail", "-b", "h:1", "--max-records", "0"], /expected a whole number >= 1, got 0/],
    ["a bad --timeout", ["tail", "-b", "h:1", "--timeout", "soon"], /expected a duration such as 500ms, 10s, 2m, got "soon"/],
    ["an unknown --type", ["tail", "-b", "h:1", "--type", "Offsets"], /unknown record type "Offsets": expected a number \(0-32767\) or one of OffsetCommit, GroupMetadata/],
    ["a --config without value separator", ["tail", "-b", "h:1", "--config", "acks"], /error \[INVALID_CLIENT_SETTING\]: -c\/--config: acks: expected KEY=VALUE or KEY:VALUE/],
    ["a missing --config-file", ["tail", "-b", "h:1", "--config-file", "/no/such.properties"], /error \[INVALID_CONFIG_FILE\]: \/no\/such\.properties: cannot read it \(ENOENT\)/],
    ["a JKS truststore", ["tail", "-b", "h:1", "-c", "ssl.truststore.location=/ts.jks"], /error \[INVALID_CLIENT_SETTING\]: -c\/--config: ssl\.truststore\.location: a JKS truststore, which librdkafka cannot read/],
    ["a bad --log-level", ["tail", "-b", "h:1", "--log-level", "loud"], /argument 'loud' is invalid\. expected one of fatal, error, warn, info, debug, trace, silent or off/],
    ["an unknown --format", ["tail", "-b", "h:1", "--format", "xml"], /argument 'xml' is invalid\. Allowed choices are json, kafka, pretty/],
    ["an unknown --from", ["tail", "-b", "h:1", "--from", "middle"], /argument 'middle' is invalid\. expected beginning, end, P:OFFSET\[,P:OFFSET\.\.\.\], a time such as 2026-12-01T10:00:00Z or a time ago such as -15m/],
    ["a --from partition given twice", ["tail", "-b", "h:1", "--from", "0:5,0:7"], /partition 0 is given twice/],
    ["a --from offset without partition", ["tail", "-b", "h:1", "--from", "0:5,7"], /expected PARTITION:OFFSET, got "7"/],
    ["a --from time without zone", ["tail", "-b", "h:1", "--from", "2026-12-01T10:00:00"], /expected an ISO-8601 time with its zone such as 2026-12-01T10:00:00Z/],
    ["a --from time ago without unit", ["tail", "-b", "h:1", "--from", "-15"], /expected a time ago with its unit such as -15m/],
    ["an unknown --until", ["tail", "-b", "h:1", "--until", "beginning"], /argument 'beginning' is invalid\. expected end, P:OFFSET/],
    ["a bad --partition", ["tail", "-b", "h:1", "--partition", "0,x"], /expected partitions such as 0,3,5, got "0,x"/],
    ["a --partition given twice", ["tail", "-b", "h:1", "--partition", "3,3"], /partition 3 is listed twice/],
    ["an unknown --isolation", ["tail", "-b", "h:1", "--isolation", "dirty"], /Allowed choices are read_committed, read_uncommitted/],
  ];
  it.each(cases)("rejects %s with status 2 and one message", async (_name, args, message) => {
    const run = await cli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.match(/error:/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it("rejects librdkafka settings librdkafka does not know, before connecting: one line naming the key", async () => {
    const run = await cli(["tail", "-b", "127.0.0.1:1", "--config", "security.protcol:SASL_SSL"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^konsumer-offsets: error \[INVALID_CLIENT_SETTING\]: -c\/--config: security\.protcol: No such configuration property: "security\.protcol"[^\n]*\n$/);
  });

  it("reads every tail flag from its KONSUMER_OFFSETS_ variable, checked as the flag is", async () => {
    vi.stubEnv("KONSUMER_OFFSETS_BROKERS", "localhost");
    const brokers = await cli(["tail"]);
    expect([brokers.status, brokers.stderr]).toEqual([2, "error: option '-b, --brokers <host:port,...>' value 'localhost' from env 'KONSUMER_OFFSETS_BROKERS' is invalid. expected HOST:PORT, got \"localhost\"\n(run with --help for usage)\n"]);
    vi.stubEnv("KONSUMER_OFFSETS_BROKERS", "127.0.0.1:1");
    vi.stubEnv("KONSUMER_OFFSETS_CONFIG", "security.protocol=SASL_SSL\nsecurity.protcol:SASL_SSL");
    const setting = await cli(["tail"]);
    expect(setting.status).toBe(2);
    expect(setting.stderr).toMatch(/^konsumer-offsets: error \[INVALID_CLIENT_SETTING\]: KONSUMER_OFFSETS_CONFIG: security\.protcol: No such configuration property/);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("prints help and version with status 0", async () => {
    const help = await cli(["tail", "--help"]);
    expect(help.status).toBe(0);
    for (const flag of ["-b, --brokers", "-t, --topic", "--from", "-p, --partition", "--until", "--isolation", "--group", "--topic-filter", "--type", "--format", "--max-records", "--timeout", "--exit-at-end", "-c, --config", "--config-file", "--connect-timeout", "--log-level"]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain("KONSUMER_OFFSETS_CONFIG_FILE");
    expect(help.stdout).not.toContain("-t, --topic-filter");
    const version = await cli(["--version"]);
    const expected = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
    expect(version).toMatchObject({ status: 0, stdout: `${expected}\n` });
  });
});

describe("flag values", () => {
  it("parses --from and --until: words, offsets per partition, times with their zone, times ago", () => {
    const now = Date.parse("2026-12-06T12:00:00Z");
    expect(parseFrom("--from", "beginning", now)).toBe("beginning");
    expect(parseFrom("--from", "END", now)).toBe("end");
    expect(parseFrom("--from", "0:1200, 3:42", now)).toEqual({ offsets: new Map([[0, 1200], [3, 42]]) });
    expect(parseFrom("--from", "2026-12-01T10:00:00Z", now)).toEqual({ timestamp: Date.parse("2026-12-01T10:00:00Z") });
    expect(parseFrom("--from", "2026-12-01T10:00:00.250+01:00", now)).toEqual({ timestamp: Date.parse("2026-12-01T09:00:00.250Z") });
    expect(parseFrom("--from", "2026-12-01", now)).toEqual({ timestamp: Date.parse("2026-12-01T00:00:00Z") });
    expect(parseFrom("--from", "-15m", now)).toEqual({ timestamp: now - 15 * 60_000 });
    expect(parseFrom("--from", "-1.5h", now)).toEqual({ timestamp: now - 90 * 60_000 });
    expect(parseUntil("--until", "end", now)).toBe("end");
    expect(parseUntil("--until", "1:10", now)).toEqual({ offsets: new Map([[1, 10]]) });
    expect(parseUntil("--until", "-30s", now)).toEqual({ timestamp: now - 30_000 });
    expect(() => parseUntil("--until", "beginning", now)).toThrow(InvalidArgumentError);
    expect(() => parseFrom("--from", "2026-13-45T10:00:00Z", now)).toThrow(/ISO-8601/);
    expect(() => parseFrom("--from", "0:-5", now)).toThrow(/expected PARTITION:OFFSET/);
    expect(parsePartitions("--partition", "0, 3,5")).toEqual([0, 3, 5]);
    expect(() => parsePartitions("--partition", "")).toThrow(/expected partitions/);
  });

  it("parses durations with units, bare numbers as milliseconds", () => {
    expect(parseDuration("--timeout", "250")).toBe(250);
    expect(parseDuration("--timeout", "250ms")).toBe(250);
    expect(parseDuration("--timeout", "10s")).toBe(10_000);
    expect(parseDuration("--timeout", "1.5m")).toBe(90_000);
    expect(parseDuration("--timeout", "2h")).toBe(7_200_000);
    expect(() => parseDuration("--timeout", "0s")).toThrow(InvalidArgumentError);
    expect(() => parseDuration("--timeout", "-1s")).toThrow(/expected a duration/);
  });

  it("resolves record types by number or name, case-insensitively", () => {
    expect(parseRecordType("--type", "OffsetCommit")).toEqual([0, 1]);
    expect(parseRecordType("--type", "offsetcommit")).toEqual([0, 1]);
    expect(parseRecordType("--type", "LegacyOffsetCommit")).toEqual([0]);
    expect(parseRecordType("--type", "GroupMetadata")).toEqual([2]);
    expect(parseRecordType("--type", "streamsgrouptopology")).toEqual([23]);
    expect(parseRecordType("--type", "99")).toEqual([99]);
    expect(() => parseRecordType("--type", "32768")).toThrow(InvalidArgumentError);
  });

  it("checks broker lists and whole numbers", () => {
    expect(parseBrokers("--brokers", "a:9092, b:9093")).toBe("a:9092,b:9093");
    expect(parseBrokers("--brokers", "[::1]:9092")).toBe("[::1]:9092");
    expect(() => parseBrokers("--brokers", "a:99999")).toThrow(/expected HOST:PORT/);
    expect(parseInteger("--max-records", "42", 1)).toBe(42);
  });

  it("reads hex into bytes and names the flag on failure", () => {
    expect([...parseHex("--key", "0x0001ff")]).toEqual([0, 1, 255]);
    expect(() => parseHex("--value", "0g")).toThrow(InvalidHexError);
    expect(() => parseHex("--value", "0g")).toThrow(/^--value: not a hexadecimal byte string/);
  });
});
