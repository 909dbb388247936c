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
import type { StringCache } from "@kafkesc/bytes-parser";

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

/** Source text being generated: statements, counters for unique local names, values the code refers to. */
interface Emitter {
  readonly lines: string[];
  locals: number;
  /** Values the code reads as `K[i]`. */
  readonly constants: unknown[];
  /** Top-level string fields read so far: field name to local name (for {@link InlinedBytes.when}). */
  readonly named: Map<string, string>;
  readonly inlined: readonly InlinedBytes[];
}

/** Where the code being emitted reads: the names of its cursor and end, how it gives up, its version and `extra`. */
interface Scope {
  readonly pos: string;
  readonly end: string;
  /** Statement run when the bytes are not what the fast path reads (the generic reader takes over). */
  readonly bail: string;
  readonly version: string;
  readonly extra: string;
  /** Source of the call decoding `n` bytes at the cursor as a string (`%P` the cursor, `%N` the length). */
  readonly utf8: string;
  /** Field names from the top-level struct to this one (`["members"]` inside a member). */
  readonly path: readonly string[];
  /** Whether strings remember, per array index, the last one read in this call (see {@link emitMemoString}). */
  readonly memo: boolean;
  /** The index variable of the innermost array being read, if any. */
  readonly index?: string;
}

/**
 * A bytes field whose content is decoded in the same generated function (no view to re-parse, no second pass): the
 * members' consumer-protocol subscription and assignment. The field's view is kept (as the decoded message's `tail`);
 * anything unusual (another protocol type, an unknown or negative version, a bail, trailing bytes) goes to `fallback`.
 */
export interface InlinedBytes {
  /** Field names from the top-level struct to the bytes field, e.g. `["members", "subscription"]`. */
  readonly path: readonly string[];
  /** The top-level string field that must equal `equals` for the bytes to be decoded here (read before them). */
  readonly when: { readonly field: string; readonly equals: string };
  /** The message in the bytes (an int16 version, then its fields): fields, newest version (newer ones read as it). */
  readonly fields: readonly FieldSpec[];
  readonly newest: number;
  /** Head and tail entries of the decoded message (the tail is the field's view). */
  readonly options: ReaderOptions;
  /** The intern table of the message's strings. */
  readonly strings: StringCache;
  /** Decodes the view the general way: gets the value of the `when` field and the view. */
  readonly fallback: (when: string, bytes: Uint8Array) => unknown;
}

const BAIL = "return G(p, version, extra);";

/** Emits the statements reading one scalar (nullable or not) into a new local; returns the local's name. */
function emitScalar(e: Emitter, s: Scope, scalar: ScalarType, nullable: boolean, indent: string): string {
  const v = `v${e.locals++}`;
  const { pos, end, bail } = s;
  const out = (line: string) => e.lines.push(indent + line);
  const at = (i: number) => (i === 0 ? `b[${pos}]` : `b[${pos} + ${i}]`);
  const fixed = (size: number, expression: string) => {
    out(`if (${pos} + ${size} > ${end}) ${bail}`);
    out(`const ${v} = ${expression};`);
    out(`${pos} += ${size};`);
  };
  const int32 = `(${at(0)} << 24) | (${at(1)} << 16) | (${at(2)} << 8) | ${at(3)}`;
  switch (scalar) {
    case "bool":
      fixed(1, `${at(0)} !== 0`);
      break;
    case "int8":
      fixed(1, `(${at(0)} << 24) >> 24`);
      break;
    case "int16":
      fixed(2, `((${at(0)} << 24) >> 16) | ${at(1)}`);
      break;
    case "uint16":
      fixed(2, `(${at(0)} << 8) | ${at(1)}`);
      break;
    case "int32":
      fixed(4, int32);
      break;
    case "int64":
      fixed(8, `I64(b, ${pos})`);
      break;
    case "string":
    case "bytes": {
      const prefix = scalar === "string" ? 2 : 4;
      const n = `n${e.locals++}`;
      out(`if (${pos} + ${prefix} > ${end}) ${bail}`);
      out(`const ${n} = ${scalar === "string" ? `((${at(0)} << 24) >> 16) | ${at(1)}` : int32};`);
      out(`${pos} += ${prefix};`);
      out(`let ${v} = null;`);
      out(`if (${n} < 0) {`);
      out(nullable ? `  if (${n} !== -1) ${bail}` : `  ${bail}`);
      out(`} else {`);
      out(`  if (${n} > ${end} - ${pos}) ${bail}`);
      if (scalar === "string" && s.memo && s.index !== undefined) emitMemoString(e, s, s.index, v, n, indent + "  ");
      else out(`  ${v} = ${scalar === "string" ? s.utf8.replaceAll("%P", pos).replaceAll("%N", n) : `p.bytesAt(${pos}, ${n})`};`);
      out(`  ${pos} += ${n};`);
      out(`}`);
      break;
    }
    case "uuid":
      throw new Error("uuid fields have no fast path"); // excluded by fastPathSupports
  }
  return v;
}

/** Array indexes whose strings {@link emitMemoString} remembers. */
const MEMO_SLOTS = 16;

/**
 * Emits the decoding of the string of `n` bytes at the cursor into `v`, first trying the string read at the same
 * array index earlier in the same call (the members of a group subscribe to, own and get the same topics, in the
 * same order): same length and same bytes give the same string, compared byte by byte in the input (the call reads
 * bytes nothing can change meanwhile; memories of other calls never match). Else the scope's decoding, remembered.
 */
function emitMemoString(e: Emitter, s: Scope, index: string, v: string, n: string, indent: string): void {
  e.constants.push({ call: new Float64Array(MEMO_SLOTS), at: new Int32Array(MEMO_SLOTS), length: new Int32Array(MEMO_SLOTS), text: new Array<string>(MEMO_SLOTS).fill("") });
  const memo = `M${e.locals++}`;
  const [k, from] = [`k${e.locals++}`, `f${e.locals++}`];
  const out = (line: string) => e.lines.push(indent + line);
  out(`const ${memo} = K[${e.constants.length - 1}];`);
  out(`if (${index} < ${MEMO_SLOTS} && ${memo}.call[${index}] === call && ${memo}.length[${index}] === ${n}) {`);
  out(`  const ${from} = ${memo}.at[${index}];`);
  out(`  let ${k} = 0;`);
  const word = (at: string) => `((b[${at}] << 24) | (b[${at} + 1] << 16) | (b[${at} + 2] << 8) | b[${at} + 3])`;
  out(`  while (${k} + 4 <= ${n} && ${word(`${s.pos} + ${k}`)} === ${word(`${from} + ${k}`)}) ${k} += 4;`);
  out(`  while (${k} < ${n} && b[${s.pos} + ${k}] === b[${from} + ${k}]) ${k}++;`);
  out(`  if (${k} === ${n}) ${v} = ${memo}.text[${index}];`);
  out(`}`);
  out(`if (${v} === null) {`);
  out(`  ${v} = ${s.utf8.replaceAll("%P", s.pos).replaceAll("%N", n)};`);
  out(`  if (${index} < ${MEMO_SLOTS}) {`);
  out(`    ${memo}.call[${index}] = call;`);
  out(`    ${memo}.at[${index}] = ${s.pos};`);
  out(`    ${memo}.length[${index}] = ${n};`);
  out(`    ${memo}.text[${index}] = ${v};`);
  out(`  }`);
  out(`}`);
}

/** Emits an int32-counted array (null for -1 when nullable) whose elements `element` emits; returns the local's name. */
function emitArray(e: Emitter, s: Scope, nullable: boolean, indent: string, element: (indent: string, index: string) => string): string {
  const v = `v${e.locals++}`;
  const n = `n${e.locals++}`;
  const i = `i${e.locals++}`;
  const { pos, end, bail } = s;
  const out = (line: string) => e.lines.push(indent + line);
  out(`if (${pos} + 4 > ${end}) ${bail}`);
  out(`const ${n} = (b[${pos}] << 24) | (b[${pos} + 1] << 16) | (b[${pos} + 2] << 8) | b[${pos} + 3];`);
  out(`${pos} += 4;`);
  out(`let ${v} = null;`);
  out(`if (${n} < 0 || ${n} > ${end} - ${pos}) {`);
  out(nullable ? `  if (${n} !== -1) ${bail}` : `  ${bail}`);
  out(`} else {`);
  out(`  ${v} = new Array(${n});`);
  out(`  for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
  const item = element(indent + "    ", i);
  out(`    ${v}[${i}] = ${item};`);
  out(`  }`);
  out(`}`);
  return v;
}

/** Emits the reading of a struct's fields; returns the source of its object literal (head and tail properties included). */
function emitStruct(e: Emitter, s: Scope, fields: readonly FieldSpec[], version: number, indent: string, options: ReaderOptions = {}): string {
  const props: string[] = [];
  for (const entry of options.head ?? []) {
    if ("version" in entry.value) {
      props.push(`${JSON.stringify(entry.name)}: ${s.version}`);
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
    const local = emitField(e, s, field, version, indent);
    if (s.bail === BAIL && s.path.length === 0 && field.type === "string") e.named.set(field.name, local);
    props.push(`${key}: ${local}`);
  }
  if (options.tail !== undefined) props.push(`${JSON.stringify(options.tail)}: ${s.extra}`);
  return `{ ${props.join(", ")} }`;
}

/** Emits the reading of one present, untagged field; returns the local (or expression) holding its value. */
function emitField(e: Emitter, s: Scope, field: FieldSpec, version: number, indent: string): string {
  const nullable = isNullable(field, version);
  const kind = fieldKind(field);
  switch (kind.kind) {
    case "scalar": {
      const path = [...s.path, field.name].join(".");
      const inlined = kind.scalar === "bytes" && !nullable ? e.inlined.find((i) => i.path.join(".") === path) : undefined;
      if (inlined !== undefined) return emitInlinedBytes(e, s, inlined, indent);
      return emitScalar(e, s, kind.scalar, nullable, indent);
    }
    case "scalarArray":
      return emitArray(e, s, nullable, indent, (inner, index) => emitScalar(e, { ...s, index }, kind.scalar, false, inner));
    case "structArray":
      return emitArray(e, s, nullable, indent, (inner, index) => {
        const literal = emitStruct(e, { ...s, path: [...s.path, field.name], index }, kind.fields, version, inner);
        const o = `o${e.locals++}`;
        e.lines.push(`${inner}const ${o} = ${literal};`);
        return o;
      });
    case "struct": {
      const v = `v${e.locals++}`;
      const m = `m${e.locals++}`;
      const { pos, end, bail } = s;
      e.lines.push(`${indent}let ${v} = null;`);
      if (nullable) {
        // Kafka marks a nullable struct with an int8: -1 null, anything else present (the generic reader: < 0 is null).
        e.lines.push(`${indent}if (${pos} + 1 > ${end}) ${bail}`);
        e.lines.push(`${indent}const ${m} = (b[${pos}] << 24) >> 24;`);
        e.lines.push(`${indent}${pos} += 1;`);
        e.lines.push(`${indent}if (${m} >= 0) {`);
      } else {
        e.lines.push(`${indent}{`);
      }
      const literal = emitStruct(e, { ...s, path: [...s.path, field.name] }, kind.fields, version, indent + "  ");
      e.lines.push(`${indent}  ${v} = ${literal};`);
      e.lines.push(`${indent}}`);
      return v;
    }
  }
}

/**
 * Emits a bytes field decoded in place (see {@link InlinedBytes}): its view, then the message read from the same
 * bytes with a cursor of its own, one branch per known version; returns the local holding the decoded message.
 */
function emitInlinedBytes(e: Emitter, s: Scope, inlined: InlinedBytes, indent: string): string {
  const when = e.named.get(inlined.when.field);
  if (when === undefined) throw new Error(`inlined bytes ${inlined.path.join(".")}: field ${inlined.when.field} is not read before them`);
  const view = emitScalar(e, s, "bytes", false, indent);
  const id = e.locals++;
  const [d, label, q, qEnd, ver] = [`d${id}`, `decode${id}`, `q${id}`, `qe${id}`, `w${id}`];
  e.constants.push(inlined.fallback);
  const fallback = `K[${e.constants.length - 1}](${when}, ${view})`;
  e.constants.push(inlined.strings);
  const strings = `K[${e.constants.length - 1}]`;
  const out = (line: string) => e.lines.push(indent + line);
  out(`let ${d};`);
  out(`${label}: {`);
  out(`  if (${when} !== ${JSON.stringify(inlined.when.equals)} || ${view}.length < 2) { ${d} = ${fallback}; break ${label}; }`);
  out(`  const ${qEnd} = ${s.pos};`);
  out(`  let ${q} = ${qEnd} - ${view}.length;`);
  out(`  const ${ver} = ((b[${q}] << 24) >> 16) | b[${q} + 1];`);
  out(`  ${q} += 2;`);
  out(`  switch (${ver} > ${inlined.newest} ? ${inlined.newest} : ${ver}) {`);
  for (let version = 0; version <= inlined.newest; version++) {
    out(`    case ${version}: {`);
    const scope: Scope = {
      pos: q,
      end: qEnd,
      bail: `{ ${d} = ${fallback}; break ${label}; }`,
      version: ver,
      extra: view,
      utf8: `${strings}.decode(b, %P, %P + %N)`,
      path: [],
      memo: true,
    };
    const literal = emitStruct(e, scope, inlined.fields, version, indent + "      ", inlined.options);
    out(`      if (${q} !== ${qEnd}) { ${d} = ${fallback}; break ${label}; }`);
    out(`      ${d} = ${literal};`);
    out(`      break;`);
    out(`    }`);
  }
  out(`    default:`);
  out(`      ${d} = ${fallback};`);
  out(`  }`);
  out(`}`);
  return d;
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
  const e: Emitter = { lines: [], locals: 0, constants: [], named: new Map(), inlined: options.inlineBytes ?? [] };
  const scope: Scope = { pos: "pos", end: "end", bail: BAIL, version: "version", extra: "extra", utf8: "p.utf8At(%P, %N)", path: [], memo: false };
  const literal = emitStruct(e, scope, fields, version, "  ", options);
  const source =
    `"use strict"; // fast reader #${++compiled}\n` +
    `const calls = [0];\n` +
    `return function readFast(p, version, extra) {\n` +
    `  if (p.littleEndian) ${BAIL}\n` +
    `  const call = ++calls[0];\n` +
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
