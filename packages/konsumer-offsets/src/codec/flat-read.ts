/**
 * Fast readers of flat values (only numbers and strings on the wire: offset commits, and a few other small records),
 * generated from the same schema tables as the generic readers of `read.ts`, but reading the value's bytes directly:
 * one bounds check per run of fixed-size fields, numbers assembled in place, no parser and no `try`. They read the
 * plain case only, which is every offset commit a broker writes: a string whose length is not a 1-byte varint, a
 * null where the field allows none, a tagged field, trailing bytes or too few bytes make them return `undefined`,
 * and the caller reads the value again with the generic reader, which decodes it or throws its error (so errors,
 * field paths and offsets are the generic reader's by construction). `test/flat-read.property.test.ts` checks both
 * readers give the same on random and mutated values.
 * @module
 */
import { BytesParser } from "@kafkesc/bytes-parser";
import type { FieldSpec } from "../schema/model.js";
import { inVersions } from "../schema/model.js";
import type { ValueLayout } from "../records.js";
import { defaultValue, fieldKind, isNullable, isOptional, isPresent, isTagged } from "./field-types.js";

/**
 * Reads a whole value (its int16 version included, which the caller read as `version`) and returns the decoded
 * object, or `undefined` when the bytes are not the plain case (see the module's documentation).
 */
export type FlatValueReader = (bytes: Uint8Array, version: number) => object | undefined;

/**
 * Whether fast readers may be generated: false once {@link useNoFlatReaders} ran (the `no-eval` entry point), or
 * after `new Function` threw (a Content-Security-Policy without `'unsafe-eval'`).
 */
let codeGeneration = true;

/** Makes {@link compileFlatValueReader} build nothing from now on: every value goes through the generic readers. */
export function useNoFlatReaders(): void {
  codeGeneration = false;
}

/** Parser of strings' UTF-8 bytes (the generic readers' decoding, byte for byte); decoding is synchronous, one is enough. */
const strings = new BytesParser(new Uint8Array(0));

/** Decodes `n` bytes of UTF-8 at `at` (in bounds: the caller checked), as the generic readers' string reads do. */
function utf8(bytes: Uint8Array, at: number, n: number): string {
  return strings.reset(bytes).skip(at).readUtf8(n);
}

/**
 * Source text of a fixed-size number at `b[x]` (big-endian, as Kafka writes them), and its size in bytes: the types
 * flat values have (other types give no fast reader).
 */
const FIXED: Readonly<Record<string, { size: number; read: (x: string) => string }>> = {
  int32: { size: 4, read: (x) => `(b[${x}] << 24 | b[${x} + 1] << 16 | b[${x} + 2] << 8 | b[${x} + 3])` },
  // As BytesParser.readInt64: two uint32 halves inside BigInt.asIntN(64, ...), which V8 compiles to 64-bit arithmetic.
  int64: {
    size: 8,
    read: (x) =>
      `BigInt.asIntN(64, BigInt((b[${x}] << 24 | b[${x} + 1] << 16 | b[${x} + 2] << 8 | b[${x} + 3]) >>> 0) << 32n | ` +
      `BigInt((b[${x} + 4] << 24 | b[${x} + 5] << 16 | b[${x} + 6] << 8 | b[${x} + 7]) >>> 0))`,
  },
};

/** A field read from the wire: a fixed-size number, or a string with its length prefix. */
type WireField = { name: string; fixed: (typeof FIXED)[string] } | { name: string; nullable: boolean };

/** Numbers every generated source, so that readers of different tables never share compiled code (see `read.ts`). */
let compiled = 0;

/**
 * Compiles the fast reader of `layout` at `version`, the only layout the record type has at that version (`head`
 * names the layout, as the generic reader's `layout` property, when the record type has several). Undefined when a
 * field on the wire is not a number or a string (arrays, structs, bytes, uuids), or when readers may not be generated.
 */
export function compileFlatValueReader(layout: ValueLayout, version: number): FlatValueReader | undefined {
  if (!codeGeneration) return undefined;
  const spec = layout.spec;
  const flexible = inVersions(spec.flexibleVersions, version);
  const constants: unknown[] = [];
  const props: string[] = ["version: version"];
  if (layout.layout !== undefined) props.push(`layout: K[${constants.push(layout.layout) - 1}]`);
  const wire: WireField[] = [];
  for (const field of spec.fields) {
    const key = JSON.stringify(field.name);
    // Fields not on the wire at this version, and tagged ones: the generic reader's defaults (optional ones absent).
    if (!isPresent(field, version) || (flexible && isTagged(field, version))) {
      if (!isOptional(field)) props.push(`${key}: ${defaultSource(field, constants)}`);
      continue;
    }
    const kind = fieldKind(field);
    if (kind.kind !== "scalar") return undefined;
    const variable = `v${wire.length}`;
    if (kind.scalar === "string") wire.push({ name: variable, nullable: isNullable(field, version) });
    else if (FIXED[kind.scalar] !== undefined) wire.push({ name: variable, fixed: FIXED[kind.scalar] as (typeof FIXED)[string] });
    else return undefined;
    props.push(`${key}: ${variable}`);
  }
  const source =
    `"use strict"; // flat reader #${++compiled}: ${spec.name} v${version}\n` +
    `return function readFlat(b, version) {\n` +
    `  const n = b.length;\n` +
    `  let at = 2;\n` +
    body(wire, flexible) +
    `  return {\n    ${props.join(",\n    ")}\n  };\n` +
    `};`;
  try {
    return (new Function("K", "U", source) as (k: unknown[], u: typeof utf8) => FlatValueReader)(constants, utf8);
  } catch {
    codeGeneration = false; // EvalError under a CSP without 'unsafe-eval': the generic readers are interpreted too
    return undefined;
  }
}

/**
 * Source text reading `wire` from `b` at `at`: runs of fixed-size fields at constant offsets from `at` after one
 * bounds check, `at` moved past each string; then the empty tagged-field section (flexible versions) and the end.
 */
function body(wire: readonly WireField[], flexible: boolean): string {
  let out = "";
  let i = 0;
  while (i <= wire.length) {
    // One run: the fixed-size fields up to the next string, that string's length prefix (or the tagged-field count).
    let size = 0;
    let j = i;
    for (; j < wire.length; j++) {
      const field = wire[j] as WireField;
      if (!("fixed" in field)) break;
      size += field.fixed.size;
    }
    const prefix = j < wire.length ? (flexible ? 1 : 2) : flexible ? 1 : 0;
    out += `  if (at + ${size + prefix} > n) return undefined;\n`;
    let offset = 0;
    for (; i < j; i++) {
      const field = wire[i] as WireField & { fixed: (typeof FIXED)[string] };
      out += `  const ${field.name} = ${field.fixed.read(`at + ${offset}`)};\n`;
      offset += field.fixed.size;
    }
    if (j === wire.length) {
      out += flexible ? `  if (b[at + ${offset}] !== 0 || at + ${offset + 1} !== n) return undefined;\n` : `  if (at + ${offset} !== n) return undefined;\n`;
      break;
    }
    const field = wire[j] as WireField & { nullable: boolean };
    const length = `l${field.name}`;
    if (flexible) {
      // Compact string: unsigned varint of length + 1 (0 for null), in one byte up to 126 bytes of text.
      out += `  const ${length} = b[at + ${offset}] - 1;\n  if (${length} >= 0x7f${field.nullable ? "" : ` || ${length} < 0`}) return undefined;\n`;
      out += `  at += ${offset + 1};\n`;
    } else {
      out += `  const ${length} = b[at + ${offset}] << 24 >> 16 | b[at + ${offset + 1}];\n  if (${length} < ${field.nullable ? -1 : 0}) return undefined;\n`;
      out += `  at += ${offset + 2};\n`;
    }
    out += `  let ${field.name} = ${field.nullable ? `${length} < 0 ? null : ""` : `""`};\n`;
    out += `  if (${length} > 0) {\n    if (at + ${length} > n) return undefined;\n    ${field.name} = U(b, at, ${length});\n    at += ${length};\n  }\n`;
    i = j + 1;
  }
  return out;
}

/** Source text of a field's default, as the generic reader gives it: fresh arrays and byte arrays, shared constants. */
function defaultSource(field: FieldSpec, constants: unknown[]): string {
  const value = defaultValue(field);
  if (Array.isArray(value)) return "[]";
  if (value instanceof Uint8Array) return "new Uint8Array(0)";
  return `K[${constants.push(value) - 1}]`;
}
