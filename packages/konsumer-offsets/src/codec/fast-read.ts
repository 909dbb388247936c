/**
 * Fast path of the generated readers, for non-flexible versions (the consumer protocol, classic group metadata): one
 * generated function per (struct, version) that reads every field, nested arrays and structs included, with its own
 * cursor in a local variable over the parser's bytes (`BytesParser.input`), then moves the parser's cursor once. It
 * makes no error: at anything the generic reader would not read as it is (a length past the end, a negative count, a
 * null where none is allowed, a little-endian parser) it hands the parser, untouched, to the generic reader of the
 * same fields, which then reads the same bytes and throws its error, with offset and field path. When it returns, it
 * returns exactly what the generic reader returns (same properties in the same order, same values; strings and
 * views come from the same parser methods): `test/fast-read.property.test.ts` checks this on random and mutated bytes.
 * @module
 */
import type { FieldSpec, ScalarType } from "../schema/model.js";
import { defaultValue, fieldKind, isNullable, isOptional, isPresent, isTagged } from "./field-types.js";
import type { ReaderOptions, StructReader } from "./read.js";

/** A signed 64-bit big-endian integer at `at` as a bigint (in bounds: the caller checked). */
function int64At(b: Uint8Array, at: number): bigint {
  const high = ((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number);
  const low = (((b[at + 4] as number) << 24) | ((b[at + 5] as number) << 16) | ((b[at + 6] as number) << 8) | (b[at + 7] as number)) >>> 0;
  if (high === 0) return BigInt(low);
  return (BigInt(high) << 32n) | BigInt(low);
}

/** Whether the fast path can read `fields` at `version`: only the wire types it generates code for. */
export function fastPathSupports(fields: readonly FieldSpec[], version: number): boolean {
  for (const field of fields) {
    if (!isPresent(field, version)) continue;
    if (isTagged(field, version)) return false;
    const kind = fieldKind(field);
    if (kind.kind === "scalar" || kind.kind === "scalarArray") {
      if (kind.scalar === "uuid") return false;
    } else if (!fastPathSupports(kind.fields, version)) {
      return false;
    }
  }
  return true;
}

/** Source text being generated: statements, and counters for unique local names. */
interface Emitter {
  readonly lines: string[];
  locals: number;
  readonly constants: unknown[];
}

const BAIL = "return G(p, version, extra);";

/** Emits the statements reading one non-nullable or nullable scalar into a new local; returns the local's name. */
function emitScalar(e: Emitter, scalar: ScalarType, nullable: boolean, indent: string): string {
  const v = `v${e.locals++}`;
  const out = (line: string) => e.lines.push(indent + line);
  const fixed = (size: number, expression: string) => {
    out(`if (pos + ${size} > end) ${BAIL}`);
    out(`const ${v} = ${expression};`);
    out(`pos += ${size};`);
  };
  switch (scalar) {
    case "bool":
      fixed(1, "b[pos] !== 0");
      break;
    case "int8":
      fixed(1, "(b[pos] << 24) >> 24");
      break;
    case "int16":
      fixed(2, "((b[pos] << 24) >> 16) | b[pos + 1]");
      break;
    case "uint16":
      fixed(2, "(b[pos] << 8) | b[pos + 1]");
      break;
    case "int32":
      fixed(4, "(b[pos] << 24) | (b[pos + 1] << 16) | (b[pos + 2] << 8) | b[pos + 3]");
      break;
    case "int64":
      fixed(8, "I64(b, pos)");
      break;
    case "string":
    case "bytes": {
      const prefix = scalar === "string" ? 2 : 4;
      const n = `n${e.locals++}`;
      out(`if (pos + ${prefix} > end) ${BAIL}`);
      out(
        scalar === "string"
          ? `const ${n} = ((b[pos] << 24) >> 16) | b[pos + 1];`
          : `const ${n} = (b[pos] << 24) | (b[pos + 1] << 16) | (b[pos + 2] << 8) | b[pos + 3];`,
      );
      out(`pos += ${prefix};`);
      out(`let ${v} = null;`);
      out(`if (${n} < 0) {`);
      out(nullable ? `  if (${n} !== -1) ${BAIL}` : `  ${BAIL}`);
      out(`} else {`);
      out(`  if (${n} > end - pos) ${BAIL}`);
      out(`  ${v} = p.${scalar === "string" ? "utf8At" : "bytesAt"}(pos, ${n});`);
      out(`  pos += ${n};`);
      out(`}`);
      break;
    }
    case "uuid":
      throw new Error("uuid fields have no fast path"); // excluded by fastPathSupports
  }
  return v;
}

/** Emits an int32-counted array (null for -1 when nullable) whose elements `element` emits; returns the local's name. */
function emitArray(e: Emitter, nullable: boolean, indent: string, element: (indent: string) => string): string {
  const v = `v${e.locals++}`;
  const n = `n${e.locals++}`;
  const i = `i${e.locals++}`;
  const out = (line: string) => e.lines.push(indent + line);
  out(`if (pos + 4 > end) ${BAIL}`);
  out(`const ${n} = (b[pos] << 24) | (b[pos + 1] << 16) | (b[pos + 2] << 8) | b[pos + 3];`);
  out(`pos += 4;`);
  out(`let ${v} = null;`);
  out(`if (${n} < 0 || ${n} > end - pos) {`);
  out(nullable ? `  if (${n} !== -1) ${BAIL}` : `  ${BAIL}`);
  out(`} else {`);
  out(`  ${v} = new Array(${n});`);
  out(`  for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
  const item = element(indent + "    ");
  out(`    ${v}[${i}] = ${item};`);
  out(`  }`);
  out(`}`);
  return v;
}

/** Emits the reading of a struct's fields; returns the source of its object literal (head and tail properties included). */
function emitStruct(e: Emitter, fields: readonly FieldSpec[], version: number, indent: string, options: ReaderOptions = {}): string {
  const props: string[] = [];
  for (const entry of options.head ?? []) {
    if ("version" in entry.value) {
      props.push(`${JSON.stringify(entry.name)}: version`);
    } else {
      e.constants.push(entry.value.constant);
      props.push(`${JSON.stringify(entry.name)}: K[${e.constants.length - 1}]`);
    }
  }
  for (const field of fields) {
    const key = JSON.stringify(field.name);
    if (!isPresent(field, version)) {
      if (isOptional(field)) continue; // absent unless the bytes carry it
      // As the generic reader: arrays and byte arrays fresh per object, other defaults shared.
      const value = defaultValue(field);
      if (Array.isArray(value)) props.push(`${key}: []`);
      else if (value instanceof Uint8Array) props.push(`${key}: new Uint8Array(0)`);
      else {
        e.constants.push(value);
        props.push(`${key}: K[${e.constants.length - 1}]`);
      }
      continue;
    }
    props.push(`${key}: ${emitField(e, field, version, indent)}`);
  }
  if (options.tail !== undefined) props.push(`${JSON.stringify(options.tail)}: extra`);
  return `{ ${props.join(", ")} }`;
}

/** Emits the reading of one present, untagged field; returns the local (or expression) holding its value. */
function emitField(e: Emitter, field: FieldSpec, version: number, indent: string): string {
  const nullable = isNullable(field, version);
  const kind = fieldKind(field);
  switch (kind.kind) {
    case "scalar":
      return emitScalar(e, kind.scalar, nullable, indent);
    case "scalarArray":
      return emitArray(e, nullable, indent, (inner) => emitScalar(e, kind.scalar, false, inner));
    case "structArray":
      return emitArray(e, nullable, indent, (inner) => {
        const literal = emitStruct(e, kind.fields, version, inner);
        const o = `o${e.locals++}`;
        e.lines.push(`${inner}const ${o} = ${literal};`);
        return o;
      });
    case "struct": {
      const v = `v${e.locals++}`;
      e.lines.push(`${indent}let ${v} = null;`);
      if (nullable) {
        // Kafka marks a nullable struct with an int8: -1 null, anything else present (the generic reader: < 0 is null).
        e.lines.push(`${indent}if (pos + 1 > end) ${BAIL}`);
        e.lines.push(`${indent}const m${e.locals} = (b[pos] << 24) >> 24;`);
        e.lines.push(`${indent}pos += 1;`);
        e.lines.push(`${indent}if (m${e.locals} >= 0) {`);
      } else {
        e.lines.push(`${indent}{`);
      }
      e.locals++;
      const literal = emitStruct(e, kind.fields, version, indent + "  ");
      e.lines.push(`${indent}  ${v} = ${literal};`);
      e.lines.push(`${indent}}`);
      return v;
    }
  }
}

/** Numbers every generated source, so that V8 never shares type feedback between readers of different structs. */
let compiled = 0;

/**
 * The fast reader of `fields` at a non-flexible `version` (see the module doc), falling back to `generic` (the
 * generic reader of the same fields, version and options); undefined when {@link fastPathSupports} says no.
 */
export function compileFastStructReader<T extends object>(
  fields: readonly FieldSpec[],
  version: number,
  options: ReaderOptions,
  generic: StructReader<T>,
): StructReader<T> | undefined {
  if (!fastPathSupports(fields, version)) return undefined;
  const e: Emitter = { lines: [], locals: 0, constants: [] };
  const literal = emitStruct(e, fields, version, "  ", options);
  const source =
    `"use strict"; // fast reader #${++compiled}\n` +
    `return function readFast(p, version, extra) {\n` +
    `  if (p.littleEndian) ${BAIL}\n` +
    `  const b = p.input;\n` +
    `  const end = p.limit;\n` +
    `  const start = p.offset;\n` +
    `  let pos = start;\n` +
    `${e.lines.join("\n")}\n` +
    `  const o = ${literal};\n` +
    `  p.skip(pos - start);\n` +
    `  return o;\n` +
    `};`;
  const factory = new Function("K", "G", "I64", source) as (k: unknown[], g: StructReader<T>, i64: typeof int64At) => StructReader<T>;
  return factory(e.constants, generic, int64At);
}
