/**
 * What Kafka 4.x's console formatters print for a record, byte for byte, so that scripts written against
 * `kafka-console-consumer --formatter ...OffsetsMessageFormatter` / `GroupMetadataMessageFormatter` keep working.
 * Mirrors apache/kafka `tools/src/main/java/org/apache/kafka/tools/consumer/CoordinatorRecordMessageFormatter.java`
 * (the `{"key":{"type":N,"data":{..}},"value":{"version":V,"data":{..}}}` envelope, `"value":null` for tombstones)
 * and the generated `*JsonConverter.write` of each definition: fields the version lacks are left out, tagged fields
 * appear only when they differ from their default, int64 are JSON numbers, bytes base64 (Jackson's default variant),
 * UUIDs in Kafka's base64 form, strings escaped as Jackson does (`\u001F`, upper-case hex). Unknown tagged fields are
 * not printed, as Kafka does not know them either.
 * @module
 */
import type { FieldSpec, MessageSpec } from "../schema/model.js";
import type { OffsetsRecord } from "../types.js";
import { RECORD_SPEC_BY_TYPE } from "../records.js";
import { ZERO_UUID } from "@kafkesc/bytes-parser";
import { fieldKind, isOptional, isPresent, isTagged, defaultValue } from "../codec/field-types.js";
import { inVersions } from "../schema/model.js";
import { base64 } from "./json.js";

/** Kafka's formatters: `OffsetsMessageFormatter` prints record types 0 and 1, `GroupMetadataMessageFormatter` type 2. */
export type KafkaFormatter = "offsets" | "groupMetadata";

const PRINTED: Record<KafkaFormatter, readonly number[]> = { offsets: [0, 1], groupMetadata: [2] };

/** A JSON string as Jackson writes it: like `JSON.stringify`, but control characters escaped with upper-case hex. */
export function jacksonString(text: string): string {
  const json = JSON.stringify(text);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  if (!/[\u0000-\u001f]/.test(text)) return json;
  return json.replace(/\\u00[0-9a-f]{2}|\\\\/g, (escape) => (escape === "\\\\" ? escape : escape.toUpperCase().replace("\\U", "\\u")));
}

function writeValue(field: FieldSpec, value: unknown, version: number, flexible: boolean, out: string[]): void {
  if (value === null || value === undefined) {
    out.push("null");
    return;
  }
  const kind = fieldKind(field);
  switch (kind.kind) {
    case "scalar":
      writeScalar(value, out);
      return;
    case "scalarArray":
      out.push("[");
      (value as unknown[]).forEach((element, i) => {
        if (i > 0) out.push(",");
        writeScalar(element, out);
      });
      out.push("]");
      return;
    case "struct":
      writeStruct(kind.fields, value as Record<string, unknown>, version, flexible, out);
      return;
    case "structArray":
      out.push("[");
      (value as Record<string, unknown>[]).forEach((element, i) => {
        if (i > 0) out.push(",");
        writeStruct(kind.fields, element, version, flexible, out);
      });
      out.push("]");
  }
}

function writeScalar(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(jacksonString(value));
  else if (value instanceof Uint8Array) out.push(`"${base64(value)}"`);
  else if (typeof value === "object" && value !== null && "bytes" in value && (value as { bytes: unknown }).bytes instanceof Uint8Array) {
    // A classic member's decoded subscription or assignment: Kafka prints the bytes.
    out.push(`"${base64((value as { bytes: Uint8Array }).bytes)}"`);
  } else out.push(String(value));
}

function writeStruct(fields: readonly FieldSpec[], value: Record<string, unknown>, version: number, flexible: boolean, out: string[]): void {
  out.push("{");
  let first = true;
  for (const field of fields) {
    if (!isPresent(field, version)) continue;
    const v = value[field.name];
    if (flexible && isTagged(field, version)) {
      const fallback = isOptional(field) ? (fieldKind(field).kind === "scalar" && field.type === "uuid" ? ZERO_UUID : undefined) : defaultValue(field);
      if (v === undefined || v === fallback || (Array.isArray(fallback) && Array.isArray(v) && v.length === 0)) continue;
    }
    if (!first) out.push(",");
    first = false;
    out.push(JSON.stringify(field.kafkaName), ":");
    writeValue(field, v, version, flexible, out);
  }
  out.push("}");
}

function messageJson(spec: MessageSpec, value: object, version: number): string {
  const out: string[] = [];
  writeStruct(spec.fields, value as Readonly<Record<string, unknown>>, version, inVersions(spec.flexibleVersions, version), out);
  return out.join("");
}

/**
 * What Kafka 4.x's `OffsetsMessageFormatter` (record types 0 and 1) or `GroupMetadataMessageFormatter` (type 2)
 * prints for this record, without the newline. `null` when that formatter prints nothing for it (other record
 * types, unknown types). Without `formatter`, the one that prints this record type is used.
 */
export function toKafkaFormat(record: OffsetsRecord, formatter?: KafkaFormatter): string | null {
  if (record.type === "Unknown") return null;
  const printed = formatter === undefined ? [...PRINTED.offsets, ...PRINTED.groupMetadata] : PRINTED[formatter];
  if (!printed.includes(record.recordType)) return null;
  const spec = RECORD_SPEC_BY_TYPE[record.recordType];
  if (spec === undefined) return null;
  const key = messageJson(spec.key, record.key, 0);
  const head = `{"key":{"type":${record.recordType},"data":${key}},"value":`;
  if (record.value === null) return `${head}null}`;
  const value = record.value;
  const layout = spec.values[0];
  if (layout === undefined) return null;
  return `${head}{"version":${value.version},"data":${messageJson(layout.spec, value, value.version)}}}`;
}
