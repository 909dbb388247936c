// Completeness: every record type, version and field in Kafka's own message definitions (read from the jars of each
// release through the harness) is covered by our schema tables: same record numbers and names, same fields in the
// same order at every version, with the same types, nullability and tags (and defaults, for the newest release).
// Releases whose jars are not in the harness cache are skipped, saying so on stderr (no download during unit tests);
// in CI (`CI` set), where setup caches the pinned releases (`PINNED_KAFKA_VERSIONS`), a missing pinned jar fails.
import { describe, expect, it } from "vitest";
import { cachedKafka, PINNED_KAFKA_VERSIONS, readMessageDefinitions } from "@kafkesc/kafka-harness";
import type { FieldSpec, MessageSpec } from "../src/schema/model.js";
import { inVersions, parseVersions } from "../src/schema/model.js";
import { RECORD_SPECS } from "../src/records.js";
import { SHARE_STATE_RECORD_SPECS } from "../src/share-state/index.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "../src/schemas/consumer-protocol.js";

/** The newest release: its defaults are compared too, and every record type it defines must be ours. */
const NEWEST = "4.4.0";
/** Releases compared, newest first: the 4.x line where formats moved, and the last 3.x. */
const RELEASES = [NEWEST, "4.1.2", "4.0.2", "3.9.2"];

interface KafkaField {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number;
  default?: unknown;
  fields?: KafkaField[];
}
interface KafkaMessage {
  name: string;
  type: string;
  apiKey?: number;
  validVersions: string;
  flexibleVersions: string;
  fields: KafkaField[];
  commonStructs?: { name: string; fields: KafkaField[] }[];
}

/** One line per field present at `version`: path, type, nullability, tag (and default when asked). */
function flattenKafka(message: KafkaMessage, version: number, withDefaults: boolean): string[] {
  const structs = new Map((message.commonStructs ?? []).map((s) => [s.name, s.fields]));
  const out: string[] = [];
  const walk = (fields: KafkaField[], prefix: string) => {
    for (const f of fields) {
      const versions = f.versions ?? f.taggedVersions ?? "none";
      if (!inVersions(versions, version)) continue;
      const tagged = f.taggedVersions !== undefined && inVersions(f.taggedVersions, version);
      const def = withDefaults && f.default !== undefined ? ` default=${String(f.default)}` : "";
      out.push(`${prefix}${f.name}: ${f.type} nullable=${inVersions(f.nullableVersions, version)} tag=${tagged ? f.tag : "-"}${def}`);
      const inner = f.type.replace(/^\[\]/, "");
      const sub = f.fields ?? structs.get(inner);
      if (sub) walk(sub, `${prefix}${f.name}.`);
    }
  };
  walk(message.fields, "");
  return out;
}

/** The same lines from one of our tables, with Kafka's field names. */
function flattenOurs(spec: MessageSpec, version: number, withDefaults: boolean, kafkaDefaults: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (fields: readonly FieldSpec[], prefix: string) => {
    for (const f of fields) {
      if (!inVersions(f.versions, version)) continue;
      const tagged = f.taggedVersions !== undefined && inVersions(f.taggedVersions, version);
      const path = `${prefix}${f.kafkaName}`;
      const def = withDefaults && kafkaDefaults.has(path) && "default" in f ? ` default=${String(f.default)}` : "";
      out.push(`${path}: ${f.type} nullable=${inVersions(f.nullableVersions, version)} tag=${tagged ? f.tag : "-"}${def}`);
      if (f.fields) walk(f.fields, `${path}.`);
    }
  };
  walk(spec.fields, "");
  return out;
}

/** Paths of the fields that carry a default in Kafka's definition (any version). */
function kafkaDefaultPaths(message: KafkaMessage): Set<string> {
  const structs = new Map((message.commonStructs ?? []).map((s) => [s.name, s.fields]));
  const paths = new Set<string>();
  const walk = (fields: KafkaField[], prefix: string) => {
    for (const f of fields) {
      if (f.default !== undefined) paths.add(`${prefix}${f.name}`);
      const sub = f.fields ?? structs.get(f.type.replace(/^\[\]/, ""));
      if (sub) walk(sub, `${prefix}${f.name}.`);
    }
  };
  walk(message.fields, "");
  return paths;
}

function versionsOf(range: string): number[] {
  const { low, high } = parseVersions(range);
  const out: number[] = [];
  for (let v = low; v <= Math.min(high, 64); v++) out.push(v);
  return out;
}

/** `major.minor` of a release as a number (3.9 -> 309) to compare releases and layout markers. */
const minor = (release: string): number => {
  const [major, min] = release.split(".");
  return Number(major) * 100 + Number(min);
};

/**
 * Our table for a Kafka definition name in a release (keys compare at our version 0: older releases numbered key
 * versions by record type). A value with several layouts: the newest layout the release already wrote, else the oldest.
 */
function ourSpec(name: string, release: string): MessageSpec | undefined {
  for (const record of RECORD_SPECS) {
    if (record.key.name === name || (name === "LegacyOffsetCommitKey" && record.recordType === 0)) return record.key;
    const layouts = record.values.filter((l) => l.spec.name.replace(/@.*$/, "") === name || (name === "LegacyOffsetCommitValue" && record.recordType === 0));
    if (layouts.length === 0) continue;
    const written = layouts.find((l) => l.layout === undefined || minor(l.layout) <= minor(release));
    return (written ?? layouts[layouts.length - 1])?.spec;
  }
  if (name === CONSUMER_PROTOCOL_SUBSCRIPTION.name) return CONSUMER_PROTOCOL_SUBSCRIPTION;
  if (name === CONSUMER_PROTOCOL_ASSIGNMENT.name) return CONSUMER_PROTOCOL_ASSIGNMENT;
  return undefined;
}

/**
 * Whether `release`'s jars are cached. When not: in CI a failing test for the pinned releases (setup caches them), and
 * a loud skip otherwise.
 */
function jarsCached(release: string): boolean {
  if (cachedKafka(release) !== undefined) return true;
  const fetch = `npm run kafka -- fetch ${release}`;
  if (process.env.CI && PINNED_KAFKA_VERSIONS.includes(release)) {
    it(`Kafka ${release} jars are cached (CI runs scripts/setup.sh, which fetches them)`, () => {
      expect.fail(`Kafka ${release} jars are not in the harness cache: the completeness check cannot run (${fetch})`);
    });
  } else {
    console.warn(`\n*** completeness.test.ts: SKIPPED the Kafka ${release} definitions: jars not cached (${fetch} to compare) ***\n`);
  }
  return false;
}

function compare(release: string, name: string, message: KafkaMessage, spec = ourSpec(name, release)): void {
  expect(spec, `${release}: ${name} has no schema table`).toBeDefined();
  if (spec === undefined) return;
  const isKey = name.endsWith("Key");
  const defaults = release === NEWEST;
  for (const version of versionsOf(message.validVersions)) {
    const ours = isKey ? 0 : version;
    const where = `${release}: ${name} v${version}`;
    expect(inVersions(spec.validVersions, ours), `${where} is not a valid version of our ${spec.name}`).toBe(true);
    expect(inVersions(spec.flexibleVersions, ours), `${where}: flexible?`).toBe(inVersions(message.flexibleVersions, version));
    const theirs = flattenKafka(message, version, defaults);
    let mine = flattenOurs(spec, ours, defaults, kafkaDefaultPaths(message));
    // Tagged fields added by later releases are absent from older definitions (that is what tags are for).
    if (release !== NEWEST) {
      const dropped = mine.filter((line) => !line.endsWith("tag=-") && !theirs.includes(line)).map((line) => `${line.split(":")[0]}.`);
      mine = mine.filter((line) => !dropped.some((prefix) => line.startsWith(prefix) || `${line.split(":")[0]}.` === prefix));
    }
    expect(mine, `${where}: fields`).toEqual(theirs);
  }
}

for (const release of RELEASES) {
  const cached = jarsCached(release);
  describe.skipIf(!cached)(`Kafka ${release} definitions${cached ? "" : " (SKIPPED: jars not cached, run `npm run kafka -- fetch " + release + "` to compare)"}`, () => {
    it("every __consumer_offsets record and every version and field is in our tables", async () => {
      const definitions = await readMessageDefinitions(release, "group-coordinator");
      const records = [...definitions].filter(([name]) => /(Key|Value)$/.test(name) && !/^Share(Snapshot|Update|Checkpoint|Delta)/.test(name));
      expect(records.length).toBeGreaterThan(20);
      for (const [name, message] of records) compare(release, name, message as KafkaMessage);
    });

    it("record type numbers and names match ours", async () => {
      const definitions = await readMessageDefinitions(release, "group-coordinator");
      for (const [name, raw] of definitions) {
        const message = raw as KafkaMessage;
        if (!name.endsWith("Key") || /^Share(Snapshot|Update|Checkpoint|Delta)/.test(name)) continue;
        // 4.1+ name the number apiKey; 3.9 and 4.0 used the key's only version.
        const recordType = message.apiKey ?? parseVersions(message.validVersions).high;
        const ours = RECORD_SPECS.find((r) => r.recordType === recordType);
        expect(ours, `${release}: record type ${recordType} (${name}) is unknown to us`).toBeDefined();
        const base = name.replace(/Key$/, "").replace(/^LegacyOffsetCommit$/, "OffsetCommit");
        expect(ours?.name, `${release}: record type ${recordType}`).toBe(base);
      }
    });

    it("the consumer protocol's subscription and assignment match", async () => {
      const definitions = await readMessageDefinitions(release, "clients");
      for (const name of [CONSUMER_PROTOCOL_SUBSCRIPTION.name, CONSUMER_PROTOCOL_ASSIGNMENT.name]) {
        const message = definitions.get(name) as KafkaMessage | undefined;
        expect(message, `${release}: clients jar has no ${name}`).toBeDefined();
        if (message) compare(release, name, message);
      }
    });
  });
}

// The share coordinator's own topic, `__share_group_state` (decodeShareState), against its jar.
const newestCached = cachedKafka(NEWEST) !== undefined;
describe.skipIf(!newestCached)(`Kafka ${NEWEST} share-coordinator definitions${newestCached ? "" : " (SKIPPED: jars not cached)"}`, () => {
  it("every __share_group_state record type, version and field is in our tables", async () => {
    const definitions = await readMessageDefinitions(NEWEST, "share-coordinator");
    const keys = [...definitions.values()].map((m) => m as KafkaMessage).filter((m) => m.type === "coordinator-key").sort((a, b) => (a.apiKey ?? 0) - (b.apiKey ?? 0));
    expect(keys.map((k) => [k.apiKey, k.name])).toEqual(SHARE_STATE_RECORD_SPECS.map((s) => [s.recordType, s.key.name]));
    for (const record of SHARE_STATE_RECORD_SPECS) {
      for (const spec of [record.key, record.value] as MessageSpec[]) {
        const message = definitions.get(spec.name) as KafkaMessage | undefined;
        expect(message, `${NEWEST}: share-coordinator jar has no ${spec.name}`).toBeDefined();
        if (message === undefined) continue;
        expect(spec.validVersions, spec.name).toBe(message.validVersions);
        expect(spec.source.endsWith(`/${message.name}.json`), spec.name).toBe(true);
        compare(NEWEST, spec.name, message, spec);
      }
    }
  });
});

describe.skipIf(!newestCached)(`our extra record types${newestCached ? "" : " (SKIPPED: Kafka jars not cached)"}`, () => {
  it("are the ones Kafka dropped or has not released yet (9, 18, 24)", async () => {
    const definitions = await readMessageDefinitions(NEWEST, "group-coordinator");
    const numbers = new Set([...definitions.values()].map((d) => (d as KafkaMessage).apiKey).filter((n) => n !== undefined));
    expect(RECORD_SPECS.map((r) => r.recordType).filter((n) => !numbers.has(n))).toEqual([9, 18, 24]);
  });
});
