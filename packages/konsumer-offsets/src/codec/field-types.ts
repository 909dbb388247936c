/**
 * What the codec needs to know about a field's type and defaults, derived from its {@link FieldSpec}: whether it is
 * a scalar, an array (of scalars or structs) or a struct, and the value it takes when a version lacks it.
 * Mirrors the rules of apache/kafka `generator/src/main/java/org/apache/kafka/message/FieldSpec.java` / `FieldType.java`.
 * @module
 */
import type { FieldSpec, ScalarType } from "../schema/model.js";
import { inVersions } from "../schema/model.js";
import { ZERO_UUID } from "@kafkesc/bytes-parser";

const SCALARS = new Set<string>(["bool", "int8", "int16", "uint16", "int32", "int64", "uuid", "string", "bytes"]);

/** The shape of a field's type. */
export type FieldKind =
  | { kind: "scalar"; scalar: ScalarType }
  | { kind: "scalarArray"; scalar: ScalarType }
  | { kind: "struct"; fields: readonly FieldSpec[] }
  | { kind: "structArray"; fields: readonly FieldSpec[] };

/** Classifies a field's type string. */
export function fieldKind(field: FieldSpec): FieldKind {
  const isArray = field.type.startsWith("[]");
  const inner = isArray ? field.type.slice(2) : field.type;
  if (SCALARS.has(inner)) return { kind: isArray ? "scalarArray" : "scalar", scalar: inner as ScalarType };
  if (field.fields === undefined) throw new Error(`field ${field.name}: struct type ${field.type} without fields`);
  return { kind: isArray ? "structArray" : "struct", fields: field.fields };
}

/** Whether the field is tagged in `version`. */
export function isTagged(field: FieldSpec, version: number): boolean {
  return field.taggedVersions !== undefined && inVersions(field.taggedVersions, version);
}

/** Whether the field may be null in `version`. */
export function isNullable(field: FieldSpec, version: number): boolean {
  return inVersions(field.nullableVersions, version);
}

/** Whether the field is on the wire (regular or tagged) in `version`. */
export function isPresent(field: FieldSpec, version: number): boolean {
  return inVersions(field.versions, version);
}

/**
 * Whether the field is optional in our objects (absent unless the bytes carry it):
 * - a tagged field without an explicit default (Kafka would give it the type's zero value, e.g. `Uuid.ZERO_UUID`,
 *   which means "unknown");
 * - a tagged struct: Kafka writes it unless it equals the empty struct, `null` included (as a 0 marker), and reads
 *   an absent one as the empty struct; keeping "absent" apart from `null` and from a struct keeps every byte.
 */
export function isOptional(field: FieldSpec): boolean {
  if (field.taggedVersions === undefined) return false;
  return !("default" in field) || fieldKind(field).kind === "struct";
}

/**
 * A fresh default value for the field: its explicit default, else the type's zero value as Kafka's generator
 * would pick it (0, 0n, "", false, ZERO_UUID, empty bytes, empty array).
 */
export function defaultValue(field: FieldSpec): unknown {
  if ("default" in field) return field.default;
  const kind = fieldKind(field);
  switch (kind.kind) {
    case "scalarArray":
    case "structArray":
      return [];
    case "struct":
      return null;
    case "scalar":
      switch (kind.scalar) {
        case "bool":
          return false;
        case "int64":
          return 0n;
        case "uuid":
          return ZERO_UUID;
        case "string":
          return "";
        case "bytes":
          return new Uint8Array(0);
        default:
          return 0;
      }
  }
}

/**
 * Source text of a field's default in generated readers, as {@link defaultValue} gives it: fresh arrays and byte
 * arrays per object, other values shared (pushed to `constants`, which the code reads as `K[i]`).
 */
export function defaultSource(field: FieldSpec, constants: unknown[]): string {
  const value = defaultValue(field);
  if (Array.isArray(value)) return "[]";
  if (value instanceof Uint8Array) return "new Uint8Array(0)";
  return `K[${constants.push(value) - 1}]`;
}
