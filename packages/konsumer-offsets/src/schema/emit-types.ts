/**
 * Writes the TypeScript types of every decoded record from the schema tables: `src/generated/types.ts` is this
 * module's output (`npm run types:write -w packages/konsumer-offsets`), and `test/generated-types.test.ts` fails when
 * the file and the tables disagree. So a field or a version is one table edit: its type, optionality, nullability
 * and doc comment (with the versions it exists in and a permalink to Kafka's JSON) all come from the table, as
 * apache/kafka's `MessageDataGenerator` derives its classes from the JSON definitions.
 * @module
 */
import type { FieldSpec, MessageSpec, ScalarType } from "./model.js";
import { parseVersions, sourceUrl } from "./model.js";
import { defaultValue, fieldKind, isOptional } from "../codec/field-types.js";
import { RECORD_SPECS, type RecordSpec } from "../records.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "../schemas/consumer-protocol.js";
import { SHARE_STATE_RECORD_SPECS } from "../share-state/schemas.js";

/** The TypeScript type of each scalar wire type. */
const SCALAR_TS: Readonly<Record<ScalarType, string>> = {
  bool: "boolean",
  int8: "number",
  int16: "number",
  uint16: "number",
  int32: "number",
  int64: "bigint",
  uuid: "string",
  string: "string",
  bytes: "Uint8Array",
};

/** One property of an emitted interface. */
interface Member {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly doc: string;
}

/** One emitted interface, and the definitions it stands for. */
interface Emitted {
  readonly name: string;
  readonly signature: string;
  readonly flexible: boolean;
  readonly members: readonly Member[];
  readonly docs: string[];
  readonly sources: string[];
}

/** A value as TypeScript source text (`-1n`, `null`, `""`). */
function literal(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return "empty bytes";
  if (Array.isArray(value)) return "`[]`";
  return JSON.stringify(value);
}

/** Kafka's range text as prose: `0+` -> `0+`, `3-4` -> `3-4`. */
function versionsText(range: string): string {
  const { low, high } = parseVersions(range);
  if (low > high) return "none";
  if (high === Infinity) return `${low}+`;
  return low === high ? `${low}` : `${low}-${high}`;
}

/** Whether the range covers every version of `valid`. */
function covers(range: string, valid: string): boolean {
  const r = parseVersions(range);
  const v = parseVersions(valid);
  return r.low <= v.low && r.high >= v.high;
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Collects the interfaces, in first-use order; one name, one shape (else it throws, naming both users). */
class Emitter {
  readonly types = new Map<string, Emitted>();

  /** Emits (or reuses) the interface `name` for `fields`; returns `name`. */
  struct(name: string, fields: readonly FieldSpec[], valid: string, flexible: boolean, doc: string, source: string, head: Member[] = [], tail: Member[] = []): string {
    const members = [...head, ...fields.map((field) => this.member(field, valid, flexible, source)), ...tail];
    const signature = `${flexible}|` + members.map((m) => `${m.name}${m.optional ? "?" : ""}:${m.type}`).join(";");
    const existing = this.types.get(name);
    if (existing !== undefined) {
      if (existing.signature !== signature) throw new Error(`type ${name}: two definitions with different fields (${existing.signature} / ${signature}); give one a typeName`);
      if (!existing.docs.includes(doc)) existing.docs.push(doc);
      if (!existing.sources.includes(source)) existing.sources.push(source);
      return name;
    }
    this.types.set(name, { name, signature, flexible, members, docs: [doc], sources: [source] });
    return name;
  }

  /** One property: type, optionality and doc from the field's spec. */
  private member(field: FieldSpec, valid: string, flexible: boolean, source: string): Member {
    const kind = fieldKind(field);
    let type: string;
    if (field.tsType !== undefined) type = field.tsType;
    else if (kind.kind === "scalar") type = SCALAR_TS[kind.scalar];
    else if (kind.kind === "scalarArray") type = `${SCALAR_TS[kind.scalar]}[]`;
    else {
      const name = field.typeName ?? field.type.replace(/^\[\]/, "");
      const kafkaStruct = field.type.replace(/^\[\]/, "");
      this.struct(name, kind.fields, valid, flexible, `${kind.kind === "struct" ? `\`${field.name}\`` : `Each of \`${field.name}\``}: ${field.doc} Kafka's struct \`${kafkaStruct}\`.`, source);
      type = kind.kind === "struct" ? name : `${name}[]`;
    }
    const tagged = field.taggedVersions !== undefined;
    const nullable = (field.nullableVersions !== undefined && field.nullableVersions !== "none") || (kind.kind === "struct" && tagged);
    if (nullable) type += " | null";

    const notes: string[] = [];
    if (lowerCamel(field.kafkaName) !== field.name) notes.push(`Kafka's \`${field.kafkaName}\`.`);
    const optional = isOptional(field);
    if (!covers(field.versions, valid)) {
      notes.push(`Versions ${versionsText(field.versions)}${optional ? "; absent in others" : `; ${literal(defaultValue(field))} in others`}.`);
    }
    if (tagged) {
      notes.push(`Tagged field ${field.tag} (versions ${versionsText(field.taggedVersions as string)}): ${optional ? "absent when not written" : `${literal(defaultValue(field))} when not written`}.`);
    }
    return { name: field.name, type, optional, doc: [field.doc, ...notes].join(" ") };
  }
}

const VERSION_DOC = (spec: MessageSpec) => `The value's version (${versionsText(spec.validVersions)}): which fields are on the wire.`;

/** The head of a decoded value: its version, and the layout marker when the version has several. */
function valueHead(spec: MessageSpec, layout: string | undefined): Member[] {
  const head: Member[] = [{ name: "version", type: "number", optional: false, doc: VERSION_DOC(spec) }];
  if (layout !== undefined) {
    head.push({ name: "layout", type: JSON.stringify(layout), optional: false, doc: `Which release's layout the bytes use: Kafka ${layout}'s (Kafka changed this version in place).` });
  }
  return head;
}

/** The definition's line: a permalink to Kafka's JSON and its versions. */
function sourceLine(spec: MessageSpec): string {
  const file = spec.source.slice(spec.source.lastIndexOf("/") + 1);
  const flexible = spec.flexibleVersions === "none" ? "" : `, flexible ${versionsText(spec.flexibleVersions)}`;
  return `[\`${file}\`](${sourceUrl(spec)}) (versions ${versionsText(spec.validVersions)}${flexible})`;
}

function message(emitter: Emitter, spec: MessageSpec, name: string, head: Member[] = [], tail: Member[] = []): string {
  return emitter.struct(name, spec.fields, spec.validVersions, spec.flexibleVersions !== "none", spec.doc, sourceLine(spec), head, tail);
}

/** The value type of a record: one interface, or a union of one per layout. */
function valueType(emitter: Emitter, record: RecordSpec | { values: RecordSpec["values"] }, unions: string[]): string {
  if (record.values.length === 1) {
    const spec = (record.values[0] as RecordSpec["values"][number]).spec;
    return message(emitter, spec, spec.typeName ?? spec.name, valueHead(spec, undefined));
  }
  const base = (record.values[0] as RecordSpec["values"][number]).spec.name.replace(/@.*$/, "");
  const names = record.values.map((l) => message(emitter, l.spec, `${base}Layout${(l.layout as string).replace(".", "_")}`, valueHead(l.spec, l.layout)));
  unions.push(
    `/**\n * ${base} in every layout Kafka wrote: discriminate on \`layout\` (${record.values.map((l) => `"${l.layout}"`).join(", ")}).\n */\n` +
      `export type ${base} = ${names.join(" | ")};\n`,
  );
  return base;
}

function jsdoc(lines: string[], indent = ""): string {
  const body = lines.flatMap((line) => line.split("\n"));
  const closing = body.find((line) => line.includes("*/"));
  if (closing !== undefined) throw new Error(`a doc in the tables contains "*/", which would end the comment: ${closing}`);
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`).join("\n")}\n${indent} */\n`;
}

function render(t: Emitted): string {
  const lines = t.docs.length === 1 ? [t.docs[0] as string] : [`One type for the definitions below, whose fields are the same:`, ...t.docs.map((d) => `- ${d}`)];
  lines.push("", `Kafka: ${t.sources.join(", ")}.`);
  let text = jsdoc(lines);
  text += `export interface ${t.name}${t.flexible ? " extends Flexible" : ""} {\n`;
  for (const m of t.members) text += jsdoc([m.doc], "  ") + `  ${m.name}${m.optional ? "?" : ""}: ${m.type};\n`;
  return text + "}\n";
}

const HEADER = `// Generated from the schema tables by src/schema/emit-types.ts: \`npm run types:write -w packages/konsumer-offsets\`.
// Do not edit: change the table in src/schemas (or src/share-state/schemas.ts) and regenerate;
// test/generated-types.test.ts fails when this file and the tables disagree.
/**
 * The decoded records of \`__consumer_offsets\` and \`__share_group_state\`, one interface per Kafka definition (key,
 * value, struct), each with a permalink to the JSON it mirrors in apache/kafka at a pinned release or commit.
 * @module
 */
import type { Flexible, KnownRecord, MemberAssignment, MemberSubscription } from "../types.js";
`;

/** The text of `src/generated/types.ts`. */
export function emitTypes(): string {
  const emitter = new Emitter();
  const unions: string[] = [];
  const records: string[] = [];

  const byName = new Map<string, RecordSpec[]>();
  for (const record of RECORD_SPECS) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  const known: string[] = [];
  for (const [name, specs] of byName) {
    const first = specs[0] as RecordSpec;
    const key = message(emitter, first.key, first.key.typeName ?? first.key.name);
    const value = valueType(emitter, first, unions);
    const types = specs.map((s) => s.recordType);
    const written = specs.map((s) => `${s.recordType}: ${s.writtenBy}`).join("; ");
    records.push(
      jsdoc([`Record type ${types.join(" and ")}: ${first.key.doc}`, `Written by Kafka ${written}.`]) +
        `export type ${name}Record = KnownRecord<${JSON.stringify(name)}, ${types.join(" | ")}, ${key}, ${value}>;\n`,
    );
    known.push(`${name}Record`);
  }
  records.push(jsdoc(["Every record type `__consumer_offsets` has held: a discriminated union on `type` (and on `recordType`)."]) +
    `export type KnownOffsetsRecord =\n${known.map((n) => `  | ${n}`).join("\n")};\n`);

  const shareKnown: string[] = [];
  for (const record of SHARE_STATE_RECORD_SPECS) {
    const key = message(emitter, record.key, record.key.typeName ?? record.key.name);
    const value = message(emitter, record.value, record.value.typeName ?? record.value.name, valueHead(record.value, undefined));
    records.push(
      jsdoc([`\`__share_group_state\` record type ${record.recordType}: ${record.key.doc}`]) +
        `export type ${record.name}Record = KnownRecord<${JSON.stringify(record.name)}, ${record.recordType}, ${key}, ${value}>;\n`,
    );
    shareKnown.push(`${record.name}Record`);
  }
  records.push(jsdoc(["Every known record type of `__share_group_state`: discriminate on `type`, then on `tombstone`."]) +
    `export type KnownShareStateRecord = ${shareKnown.join(" | ")};\n`);

  const protocolHead = (spec: MessageSpec): Member[] => [
    { name: "kind", type: '"consumer"', optional: false, doc: "Marks bytes decoded as the consumer protocol." },
    { name: "version", type: "number", optional: false, doc: `Its own version (int16 at the start of its bytes; ${versionsText(spec.validVersions)} known, newer read as the newest).` },
  ];
  const protocolTail: Member[] = [
    { name: "bytes", type: "Uint8Array", optional: false, doc: "The original bytes: the source of truth that `encode` writes back." },
    { name: "trailingBytes", type: "Uint8Array", optional: true, doc: "Bytes after the last known field (a newer protocol version), when there are any." },
  ];
  message(emitter, CONSUMER_PROTOCOL_SUBSCRIPTION, "ConsumerSubscription", protocolHead(CONSUMER_PROTOCOL_SUBSCRIPTION), protocolTail);
  message(emitter, CONSUMER_PROTOCOL_ASSIGNMENT, "ConsumerAssignment", protocolHead(CONSUMER_PROTOCOL_ASSIGNMENT), protocolTail);

  const interfaces = [...emitter.types.values()].map(render);
  return [HEADER, ...interfaces, ...unions, ...records].join("\n");
}
