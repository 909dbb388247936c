// The schema tables are data: check them the way Kafka's generator checks its JSON (FieldSpec.java, MessageSpec.java)
// before any record is decoded with them. Each failure names the message and the field.
import { describe, expect, it } from "vitest";
import type { FieldSpec, MessageSpec } from "../src/schema/model.js";
import { parseVersions } from "../src/schema/model.js";
import { RECORD_SPECS } from "../src/records.js";
import { fieldKind } from "../src/codec/field-types.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "../src/schemas/consumer-protocol.js";

const MESSAGES: MessageSpec[] = [
  ...RECORD_SPECS.flatMap((r) => [r.key, ...r.values.map((l) => l.spec)]),
  CONSUMER_PROTOCOL_SUBSCRIPTION,
  CONSUMER_PROTOCOL_ASSIGNMENT,
];
/** Our names that are not Kafka's in lowerCamelCase, and why (documented on the field). */
const RENAMES: Record<string, string> = { Version: "resolvedVersion" };

const camel = (name: string) => RENAMES[name] ?? name.charAt(0).toLowerCase() + name.slice(1);
const within = (inner: string, outer: string) => {
  const a = parseVersions(inner);
  const b = parseVersions(outer);
  return a.low > a.high || (a.low >= b.low && a.high <= b.high);
};

function checkFields(where: string, fields: readonly FieldSpec[], message: MessageSpec): void {
  const names = new Set<string>();
  const tags = new Set<number>();
  for (const field of fields) {
    const at = `${where}.${field.kafkaName}`;
    expect(names.has(field.name), `${at}: duplicate name`).toBe(false);
    names.add(field.name);
    expect(field.name, `${at}: name`).toBe(camel(field.kafkaName));
    expect(field.doc.length, `${at}: doc`).toBeGreaterThan(8);
    expect(() => parseVersions(field.versions), `${at}: versions`).not.toThrow();
    if (field.nullableVersions !== undefined) expect(within(field.nullableVersions, field.versions), `${at}: nullable outside versions`).toBe(true);
    expect(field.taggedVersions === undefined, `${at}: tag without tagged versions (or the reverse)`).toBe(field.tag === undefined);
    if (field.taggedVersions !== undefined && field.tag !== undefined) {
      expect(within(field.taggedVersions, field.versions), `${at}: tagged outside versions`).toBe(true);
      expect(within(field.taggedVersions, message.flexibleVersions), `${at}: tagged outside flexible versions`).toBe(true);
      expect(tags.has(field.tag), `${at}: duplicate tag ${field.tag}`).toBe(false);
      tags.add(field.tag);
    }
    const kind = fieldKind(field);
    if (kind.kind === "struct" || kind.kind === "structArray") checkFields(at, kind.fields, message);
  }
}

describe("schema tables", () => {
  for (const message of MESSAGES) {
    it(`${message.name} is well formed`, () => {
      expect(() => parseVersions(message.validVersions)).not.toThrow();
      expect(() => parseVersions(message.flexibleVersions)).not.toThrow();
      expect(message.source).toMatch(/^(group-coordinator|clients)\/src\/main\/resources\/common\/message\/\w+\.json$/);
      expect(message.doc.length).toBeGreaterThan(8);
      checkFields(message.name, message.fields, message);
    });
  }

  it("record types are unique, and layouts are marked when a record type has several", () => {
    const numbers = RECORD_SPECS.map((r) => r.recordType);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const record of RECORD_SPECS) {
      if (record.values.length > 1) expect(record.values.every((l) => l.layout !== undefined), record.name).toBe(true);
    }
  });
});
