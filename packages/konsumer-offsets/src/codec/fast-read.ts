/**
 * The one fast path of the generated readers (every record value of both coordinator topics, the consumer protocol):
 * one generated function per (struct, version), from the same schema tables as the generic reader, that reads every
 * field, nested arrays and structs included, with its own cursor in a local variable over the bytes: one bounds check
 * per run of fixed-size fields (and the length prefix after them), numbers assembled in place, no method call but for
 * strings, uuids and views (the parser's `utf8At`, `uuidAt` and `bytesAt`: the generic reader's strings, uuids and
 * views; a whole value's views are made in place as `bytesAt` makes them). In flexible versions it reads the known tagged fields of fixed size (a uuid such as OffsetCommit v4's
 * `topicId`, an integer) when their tags come in ascending order with one-byte tag and size. It reads the plain case
 * only and makes no error: at anything else (a length past the end, a negative count, a null where none is allowed, a
 * compact length or count of more than one byte, an unknown tagged field or one of another kind or size, a
 * little-endian parser) it gives up, untouched, and the generic reader reads the same bytes again and decodes them or
 * throws its error, with offset and field path. Two entry points of one generator: {@link compileFastValueReader} (whole values, for
 * `decode`: undefined when it gives up, trailing bytes included) and {@link compileFastStructReader} (a struct at a
 * parser's cursor, handing the parser to the generic reader when it gives up). When they return a value, it is
 * exactly what the generic reader returns (same properties in the same order, same values): checked on random and
 * mutated bytes by `test/fast-read.property.test.ts` and, through `decode`, `test/fast-read.decode.property.test.ts`.
 * Both exist only where the generic readers are generated code (`read.ts`): the `no-eval` entry point and a CSP
 * without `'unsafe-eval'` turn them off together.
 * @module
 */
import type { FieldSpec, ScalarType } from "../schema/model.js";
import { defaultSource, fieldKind, isNullable, isOptional, isPresent, isTagged } from "./field-types.js";
import type { ReaderOptions, StructReader } from "./read.js";
import { BytesParser, ZERO_UUID, type StringCache } from "@kafkesc/bytes-parser";

/**
 * Whether the fast path can read `fields` at `version`: tagged fields only in flexible versions (where it reads the
 * ones of fixed size and gives up at any other in the bytes, see {@link emitTaggedFields}).
 */
export function fastPathSupports(fields: readonly FieldSpec[], version: number, flexible: boolean): boolean {
  for (const field of fields) {
    if (!isPresent(field, version)) continue;
    if (isTagged(field, version)) {
      if (flexible) continue;
      return false;
    }
    const kind = fieldKind(field);
    if ((kind.kind === "struct" || kind.kind === "structArray") && !fastPathSupports(kind.fields, version, flexible)) return false;
  }
  return true;
}

/** Size in bytes of a fixed-size scalar, or 0 for one of variable size. */
function fixedSize(scalar: ScalarType): number {
  switch (scalar) {
    case "bool":
    case "int8":
      return 1;
    case "int16":
    case "uint16":
      return 2;
    case "int32":
      return 4;
    case "int64":
      return 8;
    case "uuid":
      return 16;
    default:
      return 0;
  }
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
  readonly prefixes: readonly PrefixString[];
  /** Strings read so far that a {@link PrefixString} reuses: their path (dotted) to their locals. */
  readonly sources: Map<string, StringLocals>;
  /** Bytes from the cursor already bounds-checked by the statements emitted last (a run of fixed-size fields). */
  checked: number;
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
  /** Source of the expression giving the view of `n` bytes at the cursor (`%P` the cursor, `%N` the length). */
  readonly bytes: string;
  /** Field names from the top-level struct to this one (`["members"]` inside a member). */
  readonly path: readonly string[];
  /**
   * Whether this is the content of an inlined bytes field (see {@link InlinedBytes}); its strings then remember, per
   * array index, the last one read in this call (see {@link emitMemoString}).
   */
  readonly memo: boolean;
  /** The index variable of the innermost array being read, if any. */
  readonly index?: string;
  /** Compact lengths and counts (an unsigned varint of n + 1, read here in one byte) and a tagged-field section per struct. */
  readonly flexible: boolean;
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

/**
 * A string field that often repeats the start of a string read before it in the same value: Kafka makes a member id
 * of the client id (or the group instance id), a dash and a uuid, and the leader is one of the members. When its
 * bytes equal the first bytes of the other string's and those are ASCII, it is that string (or its first characters,
 * a slice sharing its memory) without decoding; else decoded as usual.
 */
export interface PrefixString {
  /** Field names from the top-level struct to the string, e.g. `["members", "clientId"]`. */
  readonly path: readonly string[];
  /** The path of the string it may be a prefix of, read before it: a top-level field or one of an enclosing struct. */
  readonly of: readonly string[];
}

/** The locals of a string read: its value (null or a string), where its bytes start, its length in bytes (-1 if null). */
interface StringLocals {
  readonly value: string;
  readonly at: string;
  readonly n: string;
}

/**
 * Emits `if (cursor + size > end) bail`, unless the run of fixed-size fields being read checked those bytes already
 * (see {@link emitStruct}).
 */
function emitCheck(e: Emitter, s: Scope, size: number, indent: string): void {
  if (e.checked >= size) e.checked -= size;
  else {
    e.lines.push(`${indent}if (${s.pos} + ${size} > ${s.end}) ${s.bail}`);
    e.checked = 0;
  }
}

/**
 * Emits the reading of a length or count prefix into the new local `n`: int16 (strings) or int32 (bytes, arrays), or
 * in flexible versions an unsigned varint of n + 1 in one byte (a longer one bails out: the generic reader reads it).
 */
function emitLength(e: Emitter, s: Scope, n: string, size: 2 | 4, indent: string): void {
  const { pos, bail } = s;
  const out = (line: string) => e.lines.push(indent + line);
  if (s.flexible) {
    emitCheck(e, s, 1, indent);
    out(`const ${n} = b[${pos}] - 1;`);
    out(`if (${n} >= 0x7f) ${bail}`);
    out(`${pos} += 1;`);
  } else {
    emitCheck(e, s, size, indent);
    out(`const ${n} = ${size === 2 ? `((b[${pos}] << 24) >> 16) | b[${pos} + 1]` : `(b[${pos}] << 24) | (b[${pos} + 1] << 16) | (b[${pos} + 2] << 8) | b[${pos} + 3]`};`);
    out(`${pos} += ${size};`);
  }
  e.checked = 0;
}

/** Emits the statements reading one scalar (nullable or not) into a new local; returns the local's name. */
function emitScalar(e: Emitter, s: Scope, scalar: ScalarType, nullable: boolean, indent: string, strings: { readonly prefixOf?: StringLocals; readonly source?: string } = {}): string {
  const v = `v${e.locals++}`;
  const { pos, end, bail } = s;
  const out = (line: string) => e.lines.push(indent + line);
  const at = (i: number) => (i === 0 ? `b[${pos}]` : `b[${pos} + ${i}]`);
  const fixed = (size: number, expression: string) => {
    emitCheck(e, s, size, indent);
    out(`const ${v} = ${expression};`);
    out(`${pos} += ${size};`);
  };
  const word = (i: number) => `((${at(i)} << 24) | (${at(i + 1)} << 16) | (${at(i + 2)} << 8) | ${at(i + 3)})`;
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
      fixed(4, word(0));
      break;
    case "int64":
      // As BytesParser.readInt64: two uint32 halves inside BigInt.asIntN(64, ...), which V8 compiles to 64-bit arithmetic.
      fixed(8, `BigInt.asIntN(64, (BigInt(${word(0)} >>> 0) << 32n) | BigInt(${word(4)} >>> 0))`);
      break;
    case "string":
    case "bytes": {
      const n = `n${e.locals++}`;
      emitLength(e, s, n, scalar === "string" ? 2 : 4, indent);
      if (strings.source !== undefined) {
        const at = `a${e.locals++}`;
        out(`const ${at} = ${pos};`);
        e.sources.set(strings.source, { value: v, at, n });
      }
      out(`let ${v} = null;`);
      out(`if (${n} < 0) {`);
      out(nullable ? `  if (${n} !== -1) ${bail}` : `  ${bail}`);
      out(`} else {`);
      out(`  if (${n} > ${end} - ${pos}) ${bail}`);
      if (strings.prefixOf !== undefined) emitPrefixString(e, s, strings.prefixOf, v, n, indent + "  ");
      if (scalar === "string" && s.memo && s.index !== undefined) emitMemoString(e, s, s.index, v, n, indent + "  ");
      else if (scalar === "string" && strings.prefixOf !== undefined) out(`  if (${v} === null) ${v} = ${n} === 0 ? "" : ${s.utf8.replaceAll("%P", pos).replaceAll("%N", n)};`);
      else if (scalar === "string") out(`  ${v} = ${n} === 0 ? "" : ${s.utf8.replaceAll("%P", pos).replaceAll("%N", n)};`);
      else out(`  ${v} = ${s.bytes.replaceAll("%P", pos).replaceAll("%N", n)};`);
      out(`  ${pos} += ${n};`);
      out(`}`);
      break;
    }
    case "uuid":
      fixed(16, `U(p, b, ${pos})`);
      break;
  }
  return v;
}

/**
 * Emits the reuse of the string `source` for the `n` bytes at the cursor (see {@link PrefixString}): into `v` when
 * they equal the first bytes of `source`'s and those are all ASCII (so its first `n` characters are those bytes).
 */
function emitPrefixString(e: Emitter, s: Scope, source: StringLocals, v: string, n: string, indent: string): void {
  const [k, x, w] = [`k${e.locals++}`, `x${e.locals++}`, `w${e.locals++}`];
  const out = (line: string) => e.lines.push(indent + line);
  const reuse = `${v} = ${n} === ${source.n} ? ${source.value} : ${source.value}.slice(0, ${n});`;
  out(`if (${source.value} !== null && ${n} <= ${source.n}) {`);
  out(`  if (${n} >= 4) {`);
  // The last four bytes first (a member id that is not the leader's differs in its uuid, at the end), then the words
  // before them, four bytes per DataView load; every byte's high bit ORed into x (ASCII when none is set).
  out(`    let ${x} = dv.getInt32(${s.pos} + ${n} - 4);`);
  out(`    if (${x} === dv.getInt32(${source.at} + ${n} - 4)) {`);
  out(`      let ${k} = 0;`);
  out(`      while (${k} + 4 < ${n}) {`);
  out(`        const ${w} = dv.getInt32(${s.pos} + ${k});`);
  out(`        if (${w} !== dv.getInt32(${source.at} + ${k})) break;`);
  out(`        ${x} |= ${w};`);
  out(`        ${k} += 4;`);
  out(`      }`);
  out(`      if (${k} + 4 >= ${n} && (${x} & 0x80808080) === 0) ${reuse}`);
  out(`    }`);
  out(`  } else {`);
  out(`    let ${k} = 0;`);
  out(`    let ${x} = 0;`);
  out(`    while (${k} < ${n} && b[${s.pos} + ${k}] === b[${source.at} + ${k}]) ${x} |= b[${s.pos} + ${k}++];`);
  out(`    if (${k} === ${n} && ${x} < 0x80) ${reuse}`);
  out(`  }`);
  out(`}`);
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
  // Four bytes per step through the call's DataView (`dv`, over `b`): two loads where assembling words takes eight.
  // The last four bytes first (names often differ at the end), then the words before them.
  out(`  if (${n} >= 4) {`);
  out(`    if (dv.getInt32(${s.pos} + ${n} - 4) === dv.getInt32(${from} + ${n} - 4)) {`);
  out(`      let ${k} = 0;`);
  out(`      while (${k} + 4 < ${n} && dv.getInt32(${s.pos} + ${k}) === dv.getInt32(${from} + ${k})) ${k} += 4;`);
  out(`      if (${k} + 4 >= ${n}) ${v} = ${memo}.text[${index}];`);
  out(`    }`);
  out(`  } else {`);
  out(`    let ${k} = 0;`);
  out(`    while (${k} < ${n} && b[${s.pos} + ${k}] === b[${from} + ${k}]) ${k}++;`);
  out(`    if (${k} === ${n}) ${v} = ${memo}.text[${index}];`);
  out(`  }`);
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
  emitLength(e, s, n, 4, indent);
  out(`let ${v} = null;`);
  out(`if (${n} < 0 || ${n} > ${end} - ${pos}) {`);
  out(nullable ? `  if (${n} !== -1) ${bail}` : `  ${bail}`);
  out(`} else {`);
  out(`  ${v} = new Array(${n});`);
  out(`  for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
  const item = element(indent + "    ", i);
  e.checked = 0;
  out(`    ${v}[${i}] = ${item};`);
  out(`  }`);
  out(`}`);
  return v;
}

/**
 * Emits the reading of a struct's fields and the building of its object (head and tail properties included, known
 * tagged fields the bytes carry after the others, as the generic reader adds them); returns the object's local.
 */
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
  // Fields on the wire (in flexible versions, tagged ones are not: the generic reader's defaults, unless the bytes carry them).
  const wire = (field: FieldSpec) => isPresent(field, version) && !(s.flexible && isTagged(field, version));
  /** Tagged fields the fast path reads: the local holding each (its default or undefined until the bytes carry it). */
  const tagged: TaggedLocal[] = [];
  for (const [i, field] of fields.entries()) {
    const key = JSON.stringify(field.name);
    if (!wire(field)) {
      const readable = s.flexible && isPresent(field, version) && isTagged(field, version) && fixedField(field);
      const local = readable ? `t${e.locals++}` : undefined;
      if (local !== undefined) {
        const optional = isOptional(field);
        e.lines.push(`${indent}let ${local} = ${optional ? "undefined" : defaultSource(field, e.constants)};`);
        tagged.push({ field, local, optional });
      }
      if (isOptional(field)) continue; // absent unless the bytes carry it
      props.push(`${key}: ${local ?? defaultSource(field, e.constants)}`);
      continue;
    }
    if (e.checked === 0 && wireSize(field, s.flexible) > 0 && fixedField(field)) {
      // A run of fixed-size fields, and the prefix (or tagged-field count) after them: one bounds check for all.
      let size = 0;
      let j = i;
      for (; j < fields.length; j++) {
        const next = fields[j] as FieldSpec;
        if (!wire(next)) continue;
        size += wireSize(next, s.flexible);
        if (!fixedField(next)) break;
      }
      if (j === fields.length && s.flexible) size += 1;
      e.lines.push(`${indent}if (${s.pos} + ${size} > ${s.end}) ${s.bail}`);
      e.checked = size;
    }
    const local = emitField(e, s, field, version, indent);
    if (!s.memo && s.path.length === 0 && field.type === "string") e.named.set(field.name, local);
    props.push(`${key}: ${local}`);
  }
  if (s.flexible) emitTaggedFields(e, s, tagged, indent);
  e.checked = 0;
  if (options.tail !== undefined) props.push(`${JSON.stringify(options.tail)}: ${s.extra}`);
  const o = `o${e.locals++}`;
  // Optional tagged fields the bytes carried go last, in the order of their tags (ascending in the bytes, as the
  // generic reader adds them); a lone one in the literal (one object shape with it, one without).
  const optional = tagged.filter((t) => t.optional).sort((a, b) => (a.field.tag ?? 0) - (b.field.tag ?? 0));
  const [lone] = optional;
  if (optional.length === 1 && lone !== undefined) {
    const withIt = [...props, `${JSON.stringify(lone.field.name)}: ${lone.local}`];
    e.lines.push(`${indent}const ${o} = ${lone.local} === undefined ? { ${props.join(", ")} } : { ${withIt.join(", ")} };`);
    return o;
  }
  e.lines.push(`${indent}const ${o} = { ${props.join(", ")} };`);
  for (const { field, local } of optional) e.lines.push(`${indent}if (${local} !== undefined) ${o}[${JSON.stringify(field.name)}] = ${local};`);
  return o;
}

/** A tagged field of fixed size the fast path reads, and the local that holds its value. */
interface TaggedLocal {
  readonly field: FieldSpec;
  readonly local: string;
  /** Whether the field is left out of the object unless the bytes carry it (see `isOptional`). */
  readonly optional: boolean;
}

/**
 * Emits the reading of a tagged-field section: a 0 byte (none), else, when the struct has tagged fields of fixed size,
 * a count of less than 128, then per field a tag and a size of one byte each, tags ascending, each tag one of
 * `tagged` with exactly its size (its value into its local). Anything else gives up: the generic reader keeps unknown
 * tags, reads tags of other kinds, and throws at tags out of order.
 */
function emitTaggedFields(e: Emitter, s: Scope, tagged: readonly TaggedLocal[], indent: string): void {
  const { pos, end, bail } = s;
  const out = (line: string) => e.lines.push(indent + line);
  emitCheck(e, s, 1, indent);
  if (tagged.length === 0) {
    out(`if (b[${pos}] !== 0) ${bail}`);
    out(`${pos} += 1;`);
    return;
  }
  const id = e.locals++;
  const [count, j, tag, size, previous] = [`c${id}`, `j${id}`, `tg${id}`, `sz${id}`, `pt${id}`];
  out(`const ${count} = b[${pos}];`);
  out(`${pos} += 1;`);
  out(`if (${count} !== 0) {`);
  out(`  if (${count} >= 0x80) ${bail}`);
  out(`  let ${previous} = -1;`);
  out(`  for (let ${j} = 0; ${j} < ${count}; ${j}++) {`);
  out(`    if (${pos} + 2 > ${end}) ${bail}`);
  out(`    const ${tag} = b[${pos}];`);
  out(`    const ${size} = b[${pos} + 1];`);
  out(`    if (${tag} <= ${previous} || ${tag} >= 0x80 || ${size} > ${end} - ${pos} - 2) ${bail}`);
  out(`    ${previous} = ${tag};`);
  out(`    ${pos} += 2;`);
  out(`    switch (${tag}) {`);
  for (const { field, local } of tagged) {
    const kind = fieldKind(field);
    if (kind.kind !== "scalar") throw new Error(`tagged field ${field.name} is not a scalar`); // excluded by fixedField
    const bytes = fixedSize(kind.scalar);
    out(`      case ${field.tag}: {`);
    out(`        if (${size} !== ${bytes}) ${bail}`);
    e.checked = bytes; // checked just above: the size is within the bytes
    const value = emitScalar(e, s, kind.scalar, false, indent + "        ");
    out(`        ${local} = ${value};`);
    out(`        break;`);
    out(`      }`);
  }
  out(`      default:`);
  out(`        ${bail}`);
  out(`    }`);
  out(`  }`);
  out(`}`);
  e.checked = 0;
}

/** Whether a field is a fixed-size scalar. */
function fixedField(field: FieldSpec): boolean {
  const kind = fieldKind(field);
  return kind.kind === "scalar" && fixedSize(kind.scalar) > 0;
}

/** Bytes a field's run check covers: its size if fixed, else its length prefix or null marker (0 if none). */
function wireSize(field: FieldSpec, flexible: boolean): number {
  const kind = fieldKind(field);
  if (kind.kind === "scalar") {
    const size = fixedSize(kind.scalar);
    if (size > 0) return size;
    return flexible ? 1 : kind.scalar === "string" ? 2 : 4;
  }
  if (kind.kind === "struct") return 0; // its marker (nullable) or its first field checks for itself
  return flexible ? 1 : 4;
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
      if (kind.scalar !== "string" || s.memo) return emitScalar(e, s, kind.scalar, nullable, indent);
      // A string another reuses (see PrefixString) keeps its position; one that may reuse another tries it first.
      const rule = e.prefixes.find((r) => r.path.join(".") === path);
      const of = rule === undefined ? undefined : e.sources.get(rule.of.join("."));
      if (rule !== undefined && (of === undefined || !rule.of.slice(0, -1).every((name, i) => s.path[i] === name))) {
        throw new Error(`prefix string ${path}: ${rule.of.join(".")} is not read before it in an enclosing struct`);
      }
      const source = e.prefixes.some((r) => r.of.join(".") === path) ? path : undefined;
      return emitScalar(e, s, kind.scalar, nullable, indent, { prefixOf: of, source });
    }
    case "scalarArray":
      return emitArray(e, s, nullable, indent, (inner, index) => emitScalar(e, { ...s, index }, kind.scalar, false, inner));
    case "structArray":
      return emitArray(e, s, nullable, indent, (inner, index) => emitStruct(e, { ...s, path: [...s.path, field.name], index }, kind.fields, version, inner));
    case "struct": {
      const v = `v${e.locals++}`;
      const m = `m${e.locals++}`;
      const { pos } = s;
      e.lines.push(`${indent}let ${v} = null;`);
      if (nullable) {
        // Kafka marks a nullable struct with an int8: -1 null, anything else present (the generic reader: < 0 is null).
        emitCheck(e, s, 1, indent);
        e.lines.push(`${indent}const ${m} = (b[${pos}] << 24) >> 24;`);
        e.lines.push(`${indent}${pos} += 1;`);
        e.lines.push(`${indent}if (${m} >= 0) {`);
      } else {
        e.lines.push(`${indent}{`);
      }
      e.checked = 0;
      const o = emitStruct(e, { ...s, path: [...s.path, field.name] }, kind.fields, version, indent + "  ");
      e.lines.push(`${indent}  ${v} = ${o};`);
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
      bytes: s.bytes,
      path: [],
      memo: true,
      flexible: false, // the consumer protocol has no flexible version
    };
    const o = emitStruct(e, scope, inlined.fields, version, indent + "      ", inlined.options);
    out(`      if (${q} !== ${qEnd}) { ${d} = ${fallback}; break ${label}; }`);
    out(`      ${d} = ${o};`);
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
 * What a value reader returns: the decoded value, or `undefined` when the bytes are not the plain case (the caller
 * then reads them with the generic reader).
 */
export type FastValueReader = (bytes: Uint8Array, version: number) => object | undefined;

/**
 * Options of {@link compileFastValueReader}: the reader's, the bytes fields whose content it decodes in place, and
 * the strings that reuse the start of another.
 */
export interface FastValueOptions extends ReaderOptions {
  readonly inlineBytes?: readonly InlinedBytes[];
  readonly prefixStrings?: readonly PrefixString[];
}

/** Slots of {@link uuidText}'s table: 4 words of a uuid's bytes, and its text. */
const UUID_SLOTS = 4096;
const uuidWords = new Int32Array(UUID_SLOTS * 4);
/** Texts of the slots: every slot starts as the zero uuid (all words 0), so none holds a text of other bytes. */
const uuidTexts = new Array<string>(UUID_SLOTS).fill(ZERO_UUID);

/**
 * Kafka's text of the uuid at `b[at, at + 16)` (checked in range), as `p.uuidAt` gives it: from a direct-mapped table
 * of the uuids seen before, compared word by word (the same topic ids come back in commit after commit), else built
 * and remembered.
 */
export function uuidText(p: BytesParser, b: Uint8Array, at: number): string {
  const w0 = wordAt(b, at);
  const w1 = wordAt(b, at + 4);
  const w2 = wordAt(b, at + 8);
  const w3 = wordAt(b, at + 12);
  const slot = uuidSlot(w0, w1, w2, w3);
  const w = slot * 4;
  const words = uuidWords;
  if (words[w] === w0 && words[w + 1] === w1 && words[w + 2] === w2 && words[w + 3] === w3) return uuidTexts[slot] as string;
  const text = p.uuidAt(at);
  words[w] = w0;
  words[w + 1] = w1;
  words[w + 2] = w2;
  words[w + 3] = w3;
  uuidTexts[slot] = text;
  return text;
}

/** The slot of {@link uuidText}'s table for the uuid of words `w0` to `w3` (exported for tests of near misses). */
export function uuidSlot(w0: number, w1: number, w2: number, w3: number): number {
  return Math.imul(w0 ^ Math.imul(w1 ^ Math.imul(w2 ^ w3, 0x9e3779b1), 0x85ebca6b), 0x9e3779b1) >>> 20; // 12 bits: UUID_SLOTS
}

/** The big-endian int32 at `b[at, at + 4)`. */
function wordAt(b: Uint8Array, at: number): number {
  return ((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number);
}

/** The view `bytesAt` gives for no bytes of a plain Uint8Array (one shared, frozen). */
const EMPTY_VIEW = new BytesParser(new Uint8Array(1)).bytesAt(0, 0);

/** The parser behind a value reader's strings and views (the generic readers' methods): calls never overlap. */
const valueParser = new BytesParser(new Uint8Array(0));

/**
 * Compiles the emitted reading of `fields` into a function. With `generic`, a struct reader at the parser's cursor
 * that hands anything unusual to `generic`; without, a reader of a whole value (its int16 version included, which the
 * caller read) that returns `undefined` for anything unusual, trailing bytes included.
 */
function compile(
  fields: readonly FieldSpec[],
  version: number,
  flexible: boolean,
  options: ReaderOptions,
  inlined: readonly InlinedBytes[],
  prefixes: readonly PrefixString[],
  generic?: StructReader,
): unknown {
  if (!fastPathSupports(fields, version, flexible)) return undefined;
  const bail = generic === undefined ? "return undefined;" : "return G(p, version, extra);";
  const e: Emitter = { lines: [], locals: 0, constants: [], named: new Map(), inlined, prefixes, sources: new Map(), checked: 0 };
  // A whole value's views as the parser's `bytesAt` makes them (checked in range already), without the call: of the
  // input's buffer for a plain Uint8Array (the shared empty view for none), `subarray` for a Buffer or other subclass.
  const bytes = generic === undefined ? "(VB === null ? b.subarray(%P, %P + %N) : %N === 0 ? E : new Uint8Array(VB, VO + %P, %N))" : "p.bytesAt(%P, %N)";
  const scope: Scope = { pos: "pos", end: "end", bail, version: "version", extra: "extra", utf8: "p.utf8At(%P, %N)", bytes, path: [], memo: false, flexible };
  const object = emitStruct(e, scope, fields, version, "  ", options);
  const memo = e.lines.some((line) => line.includes("=== call")); // strings remembered per call (members' topics)
  const dataView = e.lines.some((line) => line.includes("dv.getInt32")); // bytes compared four at a time
  const views = e.lines.some((line) => line.includes("new Uint8Array(VB"));
  const start =
    generic === undefined
      ? `return function readValue(b, version) {\n  const p = P.reset(b);\n  const end = b.length;\n  let pos = 2;\n`
      : `return function readFast(p, version, extra) {\n  if (p.littleEndian) ${bail}\n  const b = p.input;\n  const end = p.limit;\n  const start = p.offset;\n  let pos = start;\n`;
  const finish = generic === undefined ? `  if (pos !== end) return undefined;\n  return ${object};\n` : `  p.skip(pos - start);\n  return ${object};\n`;
  const source =
    `"use strict"; // fast reader #${++compiled}\n` +
    `const calls = [0];\n` +
    start +
    (memo ? `  const call = ++calls[0];\n` : "") +
    (dataView ? `  const dv = new DataView(b.buffer, b.byteOffset, b.length);\n` : "") +
    (views ? `  const VB = Object.getPrototypeOf(b) === Uint8Array.prototype ? b.buffer : null;\n  const VO = b.byteOffset;\n` : "") +
    `${e.lines.join("\n")}\n` +
    finish +
    `};`;
  return new Function("K", "G", "P", "U", "E", source)(e.constants, generic, valueParser, uuidText, EMPTY_VIEW);
}

/**
 * The fast reader of `fields` at `version` (see the module doc), falling back to `generic` (the generic reader of the
 * same fields, version, flexibility and options); undefined when {@link fastPathSupports} says no.
 */
export function compileFastStructReader<T extends object>(
  fields: readonly FieldSpec[],
  version: number,
  flexible: boolean,
  options: ReaderOptions,
  generic: StructReader<T>,
): StructReader<T> | undefined {
  return compile(fields, version, flexible, options, [], [], generic as StructReader) as StructReader<T> | undefined;
}

/**
 * The fast reader of whole values of `fields` at `version` (see {@link FastValueReader}), for the decoder's plain
 * case; undefined when {@link fastPathSupports} says no. Only where readers may be generated (`read.ts`).
 */
export function compileFastValueReader(fields: readonly FieldSpec[], version: number, flexible: boolean, options: FastValueOptions): FastValueReader | undefined {
  return compile(fields, version, flexible, options, options.inlineBytes ?? [], options.prefixStrings ?? []) as FastValueReader | undefined;
}
