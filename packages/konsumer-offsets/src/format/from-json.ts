/**
 * `fromJsonValue(json)`: a record back from our JSON form (what `toJsonValue` gives, or `toJson` parsed), so that
 * `encode(fromJsonValue(toJsonValue(r)))` gives `r`'s bytes. JSON does not say which strings are int64 or bytes: the
 * schema tables do, for the record type, value version and layout the JSON names (as Kafka's generated
 * `*JsonConverter.read` follows its message definition).
 * @module
 */
import type { FieldSpec, MessageSpec } from "../schema/model.js";
import { inVersions } from "../schema/model.js";
import { fieldKind } from "../codec/field-types.js";
import type { CodecSpec, RecordCodecs } from "../codec/record-codec.js";
import { OFFSETS, SHARE_STATE } from "../codec/topics.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "../schemas/consumer-protocol.js";
import { KonsumerOffsetsError } from "../errors.js";
import type { KnownOffsetsRecord, OffsetsRecord, UnknownRecord } from "../types.js";
import type { KnownShareStateRecord } from "../generated/types.js";
import type { ShareStateRecord } from "../share-state/types.js";
import type { DecodedRecord } from "../decode.js";
import type { JsonValue } from "./json.js";

/** A JSON object (not an array, not null). */
type JsonObject = { readonly [key: string]: JsonValue };

/** A failure at `path` (`value.members[0].subscription.bytes`). */
class JsonPathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: JsonValue | undefined, path: string): JsonObject {
  if (!isObject(value)) throw new JsonPathError(path, `expected an object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  return value;
}

/** Standard base64 (what `toJsonValue` writes for bytes) to bytes. */
function bytes(value: JsonValue | undefined, path: string): Uint8Array {
  if (typeof value !== "string") throw new JsonPathError(path, `expected base64 bytes, got ${typeof value}`);
  let binary: string;
  try {
    binary = atob(value);
  } catch {
    throw new JsonPathError(path, "is not base64");
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** An int64 written as a decimal string (the default) or a number. */
function int64(value: JsonValue | undefined, path: string): bigint {
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  throw new JsonPathError(path, `expected an int64 (decimal string or safe integer), got ${JSON.stringify(value)}`);
}

function array(value: JsonValue | undefined, path: string): readonly JsonValue[] {
  if (!Array.isArray(value)) throw new JsonPathError(path, `expected an array, got ${value === null ? "null" : typeof value}`);
  return value;
}

/** One field's value, by its kind in the table. */
function fieldValue(field: FieldSpec, value: JsonValue, path: string): unknown {
  if (value === null) return null;
  if (field.tsType === "MemberSubscription") return memberBytes(value, path, CONSUMER_PROTOCOL_SUBSCRIPTION);
  if (field.tsType === "MemberAssignment") return memberBytes(value, path, CONSUMER_PROTOCOL_ASSIGNMENT);
  const kind = fieldKind(field);
  switch (kind.kind) {
    case "scalar":
      return kind.scalar === "int64" ? int64(value, path) : kind.scalar === "bytes" ? bytes(value, path) : value;
    case "scalarArray":
      return array(value, path).map((element, i) =>
        kind.scalar === "int64" ? int64(element, `${path}[${i}]`) : kind.scalar === "bytes" ? bytes(element, `${path}[${i}]`) : element,
      );
    case "struct":
      return struct(kind.fields, object(value, path), path);
    case "structArray":
      return array(value, path).map((element, i) => struct(kind.fields, object(element, `${path}[${i}]`), `${path}[${i}]`));
  }
}

/** A struct: table fields converted, unknown tagged fields' data as bytes, any other property kept as is. */
function struct(fields: readonly FieldSpec[], json: JsonObject, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const at = (name: string) => (path === "" ? name : `${path}.${name}`);
  for (const [name, value] of Object.entries(json)) {
    const field = fields.find((f) => f.name === name);
    if (field !== undefined) out[name] = fieldValue(field, value, at(name));
    else if (name === "unknownTaggedFields") {
      out[name] = array(value, at(name)).map((tagged, i) => {
        const entry = object(tagged, `${at(name)}[${i}]`);
        return { tag: entry.tag, data: bytes(entry.data, `${at(name)}[${i}].data`) };
      });
    } else if (name === "trailingBytes") out[name] = bytes(value, at(name));
    else out[name] = value;
  }
  return out;
}

/** A classic member's subscription or assignment: its decoded consumer-protocol fields and its bytes, or raw bytes. */
function memberBytes(value: JsonValue, path: string, spec: MessageSpec): unknown {
  const json = object(value, path);
  if (json.kind === "raw") return { ...json, bytes: bytes(json.bytes, `${path}.bytes`) };
  return { ...struct(spec.fields, json, path), bytes: bytes(json.bytes, `${path}.bytes`) };
}

/** The value's table: the layout the JSON names (`layout`), at its `version`. */
function valueSpec(spec: CodecSpec, version: JsonValue | undefined, layout: JsonValue | undefined): MessageSpec {
  const recordType = spec.recordType;
  const chosen = spec.values.find((l) => l.layout === (layout ?? undefined) && typeof version === "number" && inVersions(l.spec.validVersions, version));
  if (chosen === undefined) throw new JsonPathError("value", `record type ${recordType} has no value version ${JSON.stringify(version)}${layout ? ` in layout ${JSON.stringify(layout)}` : ""}`);
  return chosen.spec;
}

function record(codecs: RecordCodecs, json: JsonObject): DecodedRecord | UnknownRecord {
  const recordType = json.recordType;
  if (typeof recordType !== "number") throw new JsonPathError("recordType", "expected a number");
  if (json.type === "Unknown") {
    return {
      type: "Unknown",
      recordType,
      keyBytes: bytes(json.keyBytes, "keyBytes"),
      valueBytes: json.valueBytes === null ? null : bytes(json.valueBytes, "valueBytes"),
      tombstone: json.valueBytes === null,
    };
  }
  const spec = codecs.byType(recordType)?.spec;
  if (spec === undefined || spec.name !== json.type) throw new JsonPathError("type", `record type ${recordType} is not ${JSON.stringify(json.type)}`);
  const key = struct(spec.key.fields, object(json.key, "key"), "key");
  const out: DecodedRecord = { type: spec.name, recordType, key, tombstone: json.value === null, value: null };
  if (json.value !== null) {
    const value = object(json.value, "value");
    out.value = struct(valueSpec(spec, value.version, value.layout).fields, value, "value");
  }
  if (json.keyTrailingBytes !== undefined) out.keyTrailingBytes = bytes(json.keyTrailingBytes, "keyTrailingBytes");
  if (json.valueTrailingBytes !== undefined) out.valueTrailingBytes = bytes(json.valueTrailingBytes, "valueTrailingBytes");
  return out;
}

/** A record of a topic from its JSON form, or the `INVALID_RECORD` error with the JSON path. */
function fromJson(codecs: RecordCodecs, json: JsonValue): DecodedRecord | UnknownRecord {
  try {
    return record(codecs, object(json, ""));
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    return invalid(error);
  }
}

/**
 * A record from our JSON form (`toJsonValue(record)`, or `JSON.parse(toJson(record, { int64: "string" }))`): int64
 * fields back to `bigint`, bytes from base64, following the tables of the record type, version and layout it names.
 * @throws {KonsumerOffsetsError} `INVALID_RECORD` with the JSON path of the first value that does not fit.
 */
export function fromJsonValue(json: JsonValue): OffsetsRecord {
  const record = fromJson(OFFSETS, json);
  // Converted field by field from the record type's own tables: the shape `decode` gives.
  return "keyBytes" in record ? record : (record as KnownOffsetsRecord);
}

/** {@link fromJsonValue} for `__share_group_state` records (`toJsonValue(decodeShareState(key, value))`). */
export function shareStateFromJsonValue(json: JsonValue): ShareStateRecord {
  const record = fromJson(SHARE_STATE, json);
  return "keyBytes" in record ? record : (record as KnownShareStateRecord);
}

function invalid(error: JsonPathError): never {
  throw new KonsumerOffsetsError("INVALID_RECORD", `JSON record${error.path ? ` at ${error.path}` : ""} ${error.message}`, { fieldPath: error.path });
}
