// toKafkaFormat: what Kafka 4.x's OffsetsMessageFormatter / GroupMetadataMessageFormatter print. Hand-written
// expectations, then a differential test: random records of types 0-2 (every version) and others go through Kafka
// 4.4.0's own formatter classes (test/oracle/KafkaFormatOracle.java, run with the harness's cached jars) and through
// ours, and must print the same bytes. Skipped with a message when the jars or java are missing.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cachedKafka } from "@kafkesc/kafka-harness";
import { decode, encode, toKafkaFormat, type OffsetsRecord } from "../src/index.js";
import { RECORD_SPECS } from "../src/records.js";
import { recordArbitrary } from "./arbitraries.js";
import { bytes, cstr, i16, i32, i64, known, nullStr, str, u8, uvarint } from "./helpers.js";

const TOPIC_ID_BYTES = Array.from({ length: 16 }, (_, i) => i + 1);
const TOPIC_ID = Buffer.from(TOPIC_ID_BYTES).toString("base64url");
const commitKey = u8(i16(1), str("g"), str("t"), i32(0));

describe("toKafkaFormat", () => {
  it("prints an offset commit v3 and v4 as Kafka 4.x does", () => {
    expect(toKafkaFormat(decode(commitKey, u8(i16(3), i64(42n), i32(7), str("test"), i64(1700000000000n))))).toBe(
      '{"key":{"type":1,"data":{"group":"g","topic":"t","partition":0}},"value":{"version":3,"data":{"offset":42,"leaderEpoch":7,"metadata":"test","commitTimestamp":1700000000000}}}',
    );
    const v4 = u8(i16(4), i64(42n), i32(-1), cstr(""), i64(1700000000000n), uvarint(1), uvarint(0), uvarint(16), TOPIC_ID_BYTES);
    expect(toKafkaFormat(decode(commitKey, v4))).toBe(
      `{"key":{"type":1,"data":{"group":"g","topic":"t","partition":0}},"value":{"version":4,"data":{"offset":42,"leaderEpoch":-1,"metadata":"","commitTimestamp":1700000000000,"topicId":"${TOPIC_ID}"}}}`,
    );
  });

  it("prints v1's expire timestamp, and a tombstone's null value", () => {
    expect(toKafkaFormat(decode(commitKey, u8(i16(1), i64(1n), str(""), i64(2n), i64(3n))))).toBe(
      '{"key":{"type":1,"data":{"group":"g","topic":"t","partition":0}},"value":{"version":1,"data":{"offset":1,"metadata":"","commitTimestamp":2,"expireTimestamp":3}}}',
    );
    expect(toKafkaFormat(decode(commitKey, null))).toBe('{"key":{"type":1,"data":{"group":"g","topic":"t","partition":0}},"value":null}');
  });

  it("prints group metadata with members' bytes in base64", () => {
    const value = u8(i16(3), str("consumer"), i32(8), str("range"), str("m"), i64(5n), i32(1),
      str("m"), nullStr(), str("c"), str("/h"), i32(300), i32(45), bytes([0, 0, 0, 0, 0, 0, 255, 255, 255, 255]), bytes([]));
    expect(toKafkaFormat(decode(u8(i16(2), str("app")), value))).toBe(
      '{"key":{"type":2,"data":{"group":"app"}},"value":{"version":3,"data":{"protocolType":"consumer","generation":8,"protocol":"range","leader":"m","currentStateTimestamp":5,' +
        '"members":[{"memberId":"m","groupInstanceId":null,"clientId":"c","clientHost":"/h","rebalanceTimeout":300,"sessionTimeout":45,"subscription":"AAAAAAAA/////w==","assignment":""}]}}}',
    );
  });

  it("escapes control characters as Jackson does (upper-case hex)", () => {
    const record = decode(commitKey, u8(i16(3), i64(1n), i32(0), str("a\u0001\u001fb\n\"\\"), i64(1n)));
    expect(toKafkaFormat(record)).toContain('"metadata":"a\\u0001\\u001Fb\\n\\"\\\\"');
  });

  it("prints nothing for what the formatters skip: other record types, unknown types, the other formatter's types", () => {
    expect(toKafkaFormat(decode(u8(i16(3), str("g")), u8(i16(0), i32(1), uvarint(0))))).toBeNull();
    expect(toKafkaFormat(decode(u8(i16(77)), null))).toBeNull();
    expect(toKafkaFormat(decode(commitKey, null), "groupMetadata")).toBeNull();
    expect(toKafkaFormat(decode(u8(i16(2), str("g")), null), "offsets")).toBeNull();
    expect(toKafkaFormat(decode(u8(i16(2), str("g")), null), "groupMetadata")).toBe('{"key":{"type":2,"data":{"group":"g"}},"value":null}');
  });
});

const KAFKA = "4.4.0";
const libs = cachedKafka(KAFKA)?.libDir;
const java = spawnSync("java", ["-version"]).status === 0;
const oracle = fileURLToPath(new URL("./oracle/KafkaFormatOracle.java", import.meta.url));

describe.skipIf(libs === undefined || !java)(`toKafkaFormat against Kafka ${KAFKA}'s formatters${libs && java ? "" : " (skipped: jars not cached or no java)"}`, () => {
  it("prints byte for byte what Kafka prints, for random records of every version", { timeout: 120_000 }, () => {
    const samples: { record: OffsetsRecord; formatter: "offsets" | "groupMetadata" }[] = [];
    const random = (arbitrary: fc.Arbitrary<OffsetsRecord>, n: number, seed: number) => fc.sample(arbitrary, { numRuns: n, seed });
    for (const spec of RECORD_SPECS) {
      for (const layout of spec.values) {
        // Kafka reads type 0 only with LegacyOffsetCommitValue, version 0.
        const versions = spec.recordType === 0 ? [0] : spec.recordType <= 2 ? [0, 1, 2, 3, 4] : [0];
        for (const version of versions) {
          const n = spec.recordType <= 2 ? 60 : 3;
          for (const record of random(recordArbitrary(spec, version, layout), n, spec.recordType * 10 + version)) {
            samples.push({ record, formatter: spec.recordType === 2 ? "groupMetadata" : "offsets" });
          }
        }
      }
    }
    const input = samples
      .map(({ record, formatter }) => {
        const { key, value } = encode(record);
        return `${formatter} ${Buffer.from(key).toString("hex")} ${value === null ? "-" : Buffer.from(value).toString("hex")}`;
      })
      .join("\n");
    const run = spawnSync("java", ["-cp", join(libs as string, "*"), oracle], { input: `${input}\n`, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const printed = run.stdout.split("\n").slice(0, samples.length);
    expect(printed).toHaveLength(samples.length);
    samples.forEach(({ record, formatter }, i) => {
      const kafka = printed[i] as string;
      const ours = toKafkaFormat(record, formatter);
      if (kafka.startsWith("!")) {
        // Kafka 4.4 cannot read the 4.0 layouts of the share-group records (the formatter throws, the console
        // consumer stops); these formatters would not print them anyway, and neither do we.
        expect((known(record).value as { layout?: string } | null)?.layout, `record ${i} (type ${record.recordType}): ${kafka}`).toBe("4.0");
        expect(ours).toBeNull();
        return;
      }
      expect(ours ?? "", `record ${i} (type ${record.recordType})`).toBe(kafka);
    });
  });
});
