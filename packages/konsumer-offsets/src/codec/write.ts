/**
 * The one generic encoder, mirror of `read.ts`: turns a struct's field list into a writer for one version, built
 * once. Follows the writing rules of apache/kafka `generator/src/main/java/org/apache/kafka/message/MessageDataGenerator.java`:
 * compact types in flexible versions, tagged fields written in tag order only when they differ from their default,
 * unknown tagged fields written back, an int8 presence marker before nullable structs. A field the version lacks
 * is not written (every such field in these records is `ignorable` in Kafka's definitions).
 * @module
 */
import { BytesWriter } from "@kafkesc/bytes-parser";
import type { TaggedField } from "@kafkesc/bytes-parser";
import type { FieldSpec, ScalarType } from "../schema/model.js";
import { withPathSegment } from "../errors.js";
import { defaultValue, fieldKind, isNullable, isOptional, isPresent, isTagged } from "./field-types.js";

/** A compiled writer of one struct at one version: any object (a type generated from the table), checked field by field. */
export type StructWriter = (writer: BytesWriter, value: object) => void;

/** Writes one value of a field. */
type ValueWriter = (writer: BytesWriter, value: unknown) => void;

/** A closure writing one scalar. Type mismatches surface as the `BytesWriter`'s `INVALID_VALUE` errors. */
function scalarWriter(scalar: ScalarType, flexible: boolean, nullable: boolean): ValueWriter {
  switch (scalar) {
    case "bool":
      return (w, v) => w.writeBoolean(v as boolean);
    case "int8":
      return (w, v) => w.writeInt8(v as number);
    case "int16":
      return (w, v) => w.writeInt16(v as number);
    case "uint16":
      return (w, v) => w.writeUint16(v as number);
    case "int32":
      return (w, v) => w.writeInt32(v as number);
    case "int64":
      return (w, v) => w.writeInt64(v as bigint);
    case "uuid":
      return (w, v) => w.writeUuid(v as string);
    case "string":
      if (flexible) return nullable ? (w, v) => w.writeCompactNullableString(v as string | null) : (w, v) => w.writeCompactString(v as string);
      return nullable ? (w, v) => w.writeNullableString(v as string | null) : (w, v) => w.writeString(v as string);
    case "bytes":
      if (flexible) {
        return nullable
          ? (w, v) => w.writeCompactNullableByteArray(v as Uint8Array | null)
          : (w, v) => w.writeCompactByteArray(v as Uint8Array);
      }
      return nullable ? (w, v) => w.writeNullableByteArray(v as Uint8Array | null) : (w, v) => w.writeByteArray(v as Uint8Array);
  }
}

/** Writes an array's count (int32, or unsigned varint count + 1 when compact; -1 / 0 for null) and its elements. */
function writeArray(w: BytesWriter, compact: boolean, nullable: boolean, value: unknown, element: ValueWriter): void {
  if (value === null && nullable) {
    if (compact) w.writeUnsignedVarint(0);
    else w.writeInt32(-1);
    return;
  }
  if (!Array.isArray(value)) throw new TypeError(`expected an array${nullable ? " or null" : ""}, got ${describe(value)}`);
  if (compact) w.writeUnsignedVarint(value.length + 1);
  else w.writeInt32(value.length);
  let i = 0;
  try {
    for (; i < value.length; i++) element(w, value[i]);
  } catch (error) {
    throw withPathSegment(error, `[${i}]`);
  }
}

/** A short description of a value for error messages. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/** A closure writing one field's value (any kind) at `version` (`tagged`: see `valueReader` in `read.ts`). */
function valueWriter(field: FieldSpec, version: number, flexible: boolean, tagged = false): ValueWriter {
  const kind = fieldKind(field);
  const nullable = isNullable(field, version);
  switch (kind.kind) {
    case "scalar":
      return scalarWriter(kind.scalar, flexible, nullable);
    case "scalarArray": {
      const element = scalarWriter(kind.scalar, flexible, false);
      return (w, v) => writeArray(w, flexible, nullable, v, element);
    }
    case "structArray": {
      const struct = compileStructWriter(kind.fields, version, flexible);
      const element: ValueWriter = (w, v) => struct(w, asObject(v));
      return (w, v) => writeArray(w, flexible, nullable, v, element);
    }
    case "struct": {
      const struct = compileStructWriter(kind.fields, version, flexible);
      if (tagged) {
        return (w, v) => {
          w.writeUnsignedVarint(v === null ? 0 : 1);
          if (v !== null) struct(w, asObject(v));
        };
      }
      if (!nullable) return (w, v) => struct(w, asObject(v));
      return (w, v) => {
        if (v === null) {
          w.writeInt8(-1);
          return;
        }
        w.writeInt8(1);
        struct(w, asObject(v));
      };
    }
  }
}

/** Checks that a struct value is an object. */
function asObject(value: unknown): Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new TypeError(`expected an object, got ${describe(value)}`);
  return value as Readonly<Record<string, unknown>>;
}

/** Whether two field values are equal for the "differs from default" test of tagged fields. */
function sameAsDefault(value: unknown, fallback: unknown): boolean {
  if (Array.isArray(fallback)) return Array.isArray(value) && value.length === 0 && fallback.length === 0;
  return value === fallback;
}

/** Compiles a writer for `fields` at `version`. */
export function compileStructWriter(fields: readonly FieldSpec[], version: number, flexible: boolean): StructWriter {
  const regular: { name: string; write: ValueWriter }[] = [];
  const tagged: { name: string; tag: number; write: ValueWriter; optional: boolean; fallback: unknown }[] = [];
  for (const field of fields) {
    if (!isPresent(field, version)) continue;
    const tag = flexible && isTagged(field, version);
    const write = valueWriter(field, version, flexible, tag);
    if (tag) {
      tagged.push({ name: field.name, tag: field.tag ?? -1, write, optional: isOptional(field), fallback: defaultValue(field) });
    } else {
      regular.push({ name: field.name, write });
    }
  }
  tagged.sort((a, b) => a.tag - b.tag);

  return (w, struct) => {
    const value = struct as Readonly<Record<string, unknown>>;
    for (const field of regular) {
      try {
        field.write(w, value[field.name]);
      } catch (error) {
        throw withPathSegment(error, field.name);
      }
    }
    if (!flexible) return;
    const section: TaggedField[] = [];
    for (const field of tagged) {
      const v = value[field.name];
      if (field.optional ? v === undefined : sameAsDefault(v, field.fallback)) continue;
      const data = new BytesWriter({ initialCapacity: 32 });
      try {
        field.write(data, v);
      } catch (error) {
        throw withPathSegment(error, field.name);
      }
      section.push({ tag: field.tag, data: data.finish() });
    }
    const unknown = value.unknownTaggedFields;
    if (Array.isArray(unknown) && unknown.length !== 0) {
      section.push(...(unknown as TaggedField[]));
      section.sort((a, b) => a.tag - b.tag);
    }
    try {
      w.writeTaggedFields(section);
    } catch (error) {
      throw withPathSegment(error, "unknownTaggedFields");
    }
  };
}
