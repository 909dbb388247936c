/**
 * The interpreted twin of `compileStructReader`: the same readers, built from the same schema tables, as plain
 * closures that walk a list of steps instead of generated code. It runs where `new Function` may not: a web page whose
 * Content-Security-Policy has no `'unsafe-eval'`, and runtimes that forbid code generation. Its output is identical
 * (same properties in the same order, same values, same errors and field paths); it is slower, as every field is a
 * dispatch. `compileStructReader` switches to it by itself when code generation is refused.
 * @module
 */
import type { FieldSpec, ScalarType } from "../schema/model.js";
import { withPathSegment } from "../errors.js";
import { defaultValue, fieldKind, isNullable, isOptional, isPresent, isTagged } from "./field-types.js";
import { badCount, presenceReader, taggedHandler, type ReaderOptions, type StructReader, type ValueReader } from "./read.js";


/** One property of the decoded object, in order: a constant, the version, a fresh default, or a read field. */
type Step =
  | { readonly name: string; readonly kind: "version" }
  | { readonly name: string; readonly kind: "constant"; readonly value: unknown }
  | { readonly name: string; readonly kind: "fresh"; readonly make: () => unknown }
  | { readonly name: string; readonly kind: "read"; readonly read: ValueReader };

/** A closure reading one scalar, as `scalarCall` in read.ts names the method. */
function scalarReader(scalar: ScalarType, flexible: boolean, nullable: boolean): ValueReader {
  switch (scalar) {
    case "bool":
      return (p) => p.readBoolean();
    case "int8":
      return (p) => p.readInt8();
    case "int16":
      return (p) => p.readInt16();
    case "uint16":
      return (p) => p.readUint16();
    case "int32":
      return (p) => p.readInt32();
    case "int64":
      return (p) => p.readInt64();
    case "uuid":
      return (p) => p.readUuid();
    case "string":
      if (flexible) return nullable ? (p) => p.readCompactNullableString() : (p) => p.readCompactString();
      return nullable ? (p) => p.readNullableString() : (p) => p.readString();
    case "bytes":
      if (flexible) return nullable ? (p) => p.readCompactNullableByteArray() : (p) => p.readCompactByteArray();
      return nullable ? (p) => p.readNullableByteArray() : (p) => p.readByteArray();
  }
}

/** An array reader: count (compact: unsigned varint + 1), -1 (compact: 0) for null, then the elements. */
function arrayReader(element: ValueReader, compact: boolean, nullable: boolean): ValueReader {
  return (p) => {
    const at = p.offset;
    const n = compact ? p.readUnsignedVarint() - 1 : p.readInt32();
    if (n < 0 || n > p.remaining) {
      if (n === -1 && nullable) return null;
      badCount(p, at, n, nullable);
    }
    const result = new Array<unknown>(n);
    let i = 0;
    try {
      for (; i < n; i++) result[i] = element(p);
    } catch (e) {
      throw withPathSegment(e, `[${i}]`);
    }
    return result;
  };
}

/** A closure reading one field's value (any kind) at `version`, as `valueReader` in read.ts. */
function valueReader(field: FieldSpec, version: number, flexible: boolean, tagged = false): ValueReader {
  const kind = fieldKind(field);
  const nullable = isNullable(field, version);
  switch (kind.kind) {
    case "scalar":
      return scalarReader(kind.scalar, flexible, nullable);
    case "scalarArray":
      return arrayReader(scalarReader(kind.scalar, flexible, false), flexible, nullable);
    case "structArray": {
      const struct = interpretStructReader(kind.fields, version, flexible);
      return arrayReader((p) => struct(p, version), flexible, nullable);
    }
    case "struct":
      return presenceReader(interpretStructReader(kind.fields, version, flexible), version, nullable, tagged);
  }
}

/** The step giving a field absent from the bytes its default: a fresh array or byte array per object, else shared. */
function defaultStep(field: FieldSpec): Step {
  const value = defaultValue(field);
  if (Array.isArray(value)) return { name: field.name, kind: "fresh", make: () => [] };
  if (value instanceof Uint8Array) return { name: field.name, kind: "fresh", make: () => new Uint8Array(0) };
  return { name: field.name, kind: "constant", value };
}

/** A reader for `fields` at `version`, interpreted: same contract and output as `compileStructReader`. */
export function interpretStructReader<T extends object = Record<string, unknown>>(
  fields: readonly FieldSpec[],
  version: number,
  flexible: boolean,
  options: ReaderOptions = {},
): StructReader<T> {
  const steps: Step[] = [];
  const tagged = new Map<number, { name: string; read: ValueReader }>();
  for (const entry of options.head ?? []) {
    steps.push("version" in entry.value ? { name: entry.name, kind: "version" } : { name: entry.name, kind: "constant", value: entry.value.constant });
  }
  for (const field of fields) {
    const present = isPresent(field, version);
    if (present && flexible && isTagged(field, version)) {
      if (field.tag === undefined) throw new Error(`tagged field ${field.name} has no tag`);
      tagged.set(field.tag, { name: field.name, read: valueReader(field, version, flexible, true) });
      if (!isOptional(field)) steps.push(defaultStep(field));
      continue;
    }
    if (!present) {
      if (!isOptional(field)) steps.push(defaultStep(field));
      continue;
    }
    steps.push({ name: field.name, kind: "read", read: valueReader(field, version, flexible) });
  }
  const tail = options.tail;

  /** Reads the tagged-field section into `target`: known tags by name, others kept as `unknownTaggedFields`. */
  const readTagged = taggedHandler(tagged);

  return (p, v, extra) => {
    const o: Record<string, unknown> = {};
    let at: string | undefined;
    try {
      for (const step of steps) {
        switch (step.kind) {
          case "version":
            o[step.name] = v;
            break;
          case "constant":
            o[step.name] = step.value;
            break;
          case "fresh":
            o[step.name] = step.make();
            break;
          case "read":
            at = step.name;
            o[step.name] = step.read(p);
            break;
        }
      }
      if (tail !== undefined) o[tail] = extra;
      if (flexible) {
        at = undefined;
        const tp = p.position;
        if (p.readUnsignedVarint() !== 0) {
          p.seek(tp);
          readTagged(o, p);
        }
      }
      return o as T;
    } catch (e) {
      throw at !== undefined ? withPathSegment(e, at) : e;
    }
  };
}
