/**
 * The one generic decoder: turns a struct's field list (from our schema tables) into a reader for one version,
 * compiled once. The reader is generated JavaScript (an object literal with one direct reader call per
 * field), so every decoded struct of a (schema, version) shares one hidden class and the hot path has no
 * per-field dispatch. Arrays, nested structs and tagged fields go through small closures built here. The reader is
 * a `BytesParser` from `@kafkesc/bytes-parser` (the decoder reuses one per key, value and member bytes).
 * Follows the reading rules of apache/kafka `generator/src/main/java/org/apache/kafka/message/MessageDataGenerator.java`:
 * compact types and a tagged-field section in flexible versions, int8 presence marker for nullable structs,
 * unknown tags kept.
 * @module
 */
import { BytesParserError } from "@kafkesc/bytes-parser";
import type { BytesParser } from "@kafkesc/bytes-parser";
import type { FieldSpec, ScalarType } from "../schema/model.js";
import { withPathSegment } from "../errors.js";
import { defaultSource, fieldKind, isNullable, isOptional, isPresent, isTagged } from "./field-types.js";
import { interpretStructReader } from "./interpret.js";
import { compileFastStructReader } from "./fast-read.js";

/**
 * A compiled reader of one struct at one version: reads it at the parser's cursor and returns the object. `extra`
 * is the value of a `tail` entry, if the reader has one. `T` is the struct's type, generated from the same table
 * (`generated/types.ts`); internal readers of nested structs keep the default.
 */
export type StructReader<T extends object = Record<string, unknown>> = (parser: BytesParser, version: number, extra?: unknown) => T;

/** Reads one value of a field at the parser's cursor. */
export type ValueReader = (parser: BytesParser) => unknown;

/** Entries put first in the decoded object, before the schema's fields. */
export interface HeadEntry {
  /** Property name. */
  readonly name: string;
  /** `"version"` copies the version argument; otherwise a constant. */
  readonly value: { readonly version: true } | { readonly constant: unknown };
}

/** Options of {@link compileStructReader}. */
export interface ReaderOptions {
  /** Properties put first (e.g. the value's `version`). */
  readonly head?: readonly HeadEntry[];
  /** A property put last, holding the reader's `extra` argument (e.g. a consumer-protocol message's own bytes). */
  readonly tail?: string;
  /**
   * Try the fast path first (`fast-read.ts`: one generated function per struct, nested arrays included, falling back
   * to this generic reader at anything unusual). Same results, same errors.
   */
  readonly fastPath?: boolean;
}

/** Method call (source text) reading a scalar, as the generated code inlines it. */
function scalarCall(scalar: ScalarType, flexible: boolean, nullable: boolean): string {
  switch (scalar) {
    case "bool":
      return "p.readBoolean()";
    case "int8":
      return "p.readInt8()";
    case "int16":
      return "p.readInt16()";
    case "uint16":
      return "p.readUint16()";
    case "int32":
      return "p.readInt32()";
    case "int64":
      return "p.readInt64()";
    case "uuid":
      return "p.readUuid()";
    case "string":
      return flexible
        ? nullable ? "p.readCompactNullableString()" : "p.readCompactString()"
        : nullable ? "p.readNullableString()" : "p.readString()";
    case "bytes":
      return flexible
        ? nullable ? "p.readCompactNullableByteArray()" : "p.readCompactByteArray()"
        : nullable ? "p.readNullableByteArray()" : "p.readByteArray()";
  }
}

const scalarReaderCache = new Map<string, ValueReader>();

/** A closure reading one scalar (for tagged fields; arrays inline the call). */
function scalarReader(scalar: ScalarType, flexible: boolean, nullable: boolean): ValueReader {
  const call = scalarCall(scalar, flexible, nullable);
  let reader = scalarReaderCache.get(call);
  if (reader === undefined) {
    reader = new Function("p", `return ${call};`) as ValueReader;
    scalarReaderCache.set(call, reader);
  }
  return reader;
}

/** The error for a null where the field does not allow one (Kafka's generated readers throw too). */
function unexpectedNull(at: number, what: string): BytesParserError {
  return new BytesParserError("UNEXPECTED_NULL", `${what} at offset ${at} is null, which this field does not allow`, {
    offset: at,
  });
}

/**
 * Numbers every generated source: V8 caches compiled code by source text, and readers of different structs with the
 * same text would share their type feedback (and turn each other's call sites megamorphic).
 */
let compiled = 0;

/** Throws the error for an array count that is negative (other than the null marker) or beyond the bytes left. */
export function badCount(parser: BytesParser, at: number, count: number, nullable: boolean): never {
  if (count === -1) throw unexpectedNull(at, nullable ? "Array" : "Array (not nullable)");
  if (count < 0) throw new BytesParserError("NEGATIVE_LENGTH", `Array at offset ${at} has a negative length (${count})`, { offset: at });
  throw new BytesParserError("OUT_OF_BOUNDS", `Array at offset ${at} claims ${count} elements but only ${parser.remaining} bytes remain`, {
    offset: at,
    requested: count,
    remaining: parser.remaining,
  });
}

/**
 * Compiles an array reader: int32 count (compact: unsigned varint count + 1), -1 (compact: 0) for null, then the
 * elements, read by an inlined call (`element` is source text over `p`, and may use `E`). Each array field gets its
 * own function, so every call site stays monomorphic. A count larger than the bytes left is rejected before
 * allocating: memory stays bounded by the input.
 */
function compileArrayReader(element: string, compact: boolean, nullable: boolean, elementReader?: StructReader, version = 0): ValueReader {
  const count = compact ? "p.readUnsignedVarint() - 1" : "p.readInt32()";
  const source =
    `"use strict"; // reader #${++compiled}\n` +
    `return function readArray(p) {\n` +
    `  const at = p.offset;\n` +
    `  const n = ${count};\n` +
    `  if (n < 0 || n > p.remaining) {\n` +
    `    if (n === -1 && ${nullable}) return null;\n` +
    `    B(p, at, n, ${nullable});\n` +
    `  }\n` +
    `  const result = new Array(n);\n` +
    `  let i = 0;\n` +
    `  try {\n` +
    `    for (; i < n; i++) result[i] = ${element};\n` +
    `  } catch (e) {\n` +
    `    throw W(e, "[" + i + "]");\n` +
    `  }\n` +
    `  return result;\n` +
    `};`;
  return (new Function("B", "W", "E", "V", source) as (b: typeof badCount, w: typeof withPathSegment, e: StructReader | undefined, v: number) => ValueReader)(
    badCount,
    withPathSegment,
    elementReader,
    version,
  );
}

/**
 * A closure reading one field's value (any kind) at `version`: used for arrays, structs and tagged fields.
 * `tagged` matters for nullable structs: Kafka marks them with an int8 (-1 null, 1 present) as regular fields, but
 * with an unsigned varint (0 null, 1 present) inside a tagged field.
 */
function valueReader(field: FieldSpec, version: number, flexible: boolean, tagged = false): ValueReader {
  const kind = fieldKind(field);
  const nullable = isNullable(field, version);
  switch (kind.kind) {
    case "scalar":
      return scalarReader(kind.scalar, flexible, nullable);
    case "scalarArray":
      return compileArrayReader(scalarCall(kind.scalar, flexible, false), flexible, nullable);
    case "structArray":
      return compileArrayReader("E(p, V)", flexible, nullable, compileStructReader(kind.fields, version, flexible), version);
    case "struct":
      return presenceReader(compileStructReader(kind.fields, version, flexible), version, nullable, tagged);
  }
}

/**
 * Reads a nested struct with its presence marker, if it has one: an unsigned varint (0 null) inside a tagged field, an
 * int8 (-1 null) for a nullable struct, none otherwise (the generated and the interpreted readers share it).
 */
export function presenceReader(struct: StructReader, version: number, nullable: boolean, tagged: boolean): ValueReader {
  if (tagged) return (p) => (p.readUnsignedVarint() === 0 ? null : struct(p, version));
  if (!nullable) return (p) => struct(p, version);
  return (p) => (p.readInt8() < 0 ? null : struct(p, version));
}

/** Builds the handler that reads known tagged fields into `target` (the generated and the interpreted readers share it). */
export function taggedHandler(
  tagged: ReadonlyMap<number, { name: string; read: ValueReader }>,
): (target: Record<string, unknown>, parser: BytesParser) => void {
  return (target, parser) => {
    const unknown = parser.readTaggedFields((tag, field) => {
      const known = tagged.get(tag);
      if (known === undefined) return false;
      try {
        target[known.name] = known.read(field);
      } catch (error) {
        throw withPathSegment(error, known.name);
      }
      return true;
    });
    if (unknown.length !== 0) target.unknownTaggedFields = unknown;
  };
}

/**
 * Whether readers may be generated code: undefined until first asked, then whether `new Function` works here (a
 * Content-Security-Policy without `'unsafe-eval'` makes it throw), or false once {@link useInterpretedReaders} ran (the `no-eval` entry point).
 */
let codeGeneration: boolean | undefined;

/** Whether `new Function` may be used, probed once (no fast path where it may not: it is generated code too). */
export function codeGenerationAllowed(): boolean {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = (new Function("return true") as () => boolean)();
    } catch {
      codeGeneration = false; // EvalError under a CSP without 'unsafe-eval'
    }
  }
  return codeGeneration;
}

/**
 * Makes every reader built from now on interpreted (no `new Function`, no probe of it). Some readers are built when
 * the package loads, so this runs from the `@kafkesc/konsumer-offsets/no-eval` entry point, before the rest loads.
 */
export function useInterpretedReaders(): void {
  codeGeneration = false;
}

/**
 * Compiles a reader for `fields` at `version`. `flexible` says whether the version uses compact types and ends
 * each struct with a tagged-field section. `T` is the type generated from the table `fields` come from.
 */
export function compileStructReader<T extends object = Record<string, unknown>>(
  fields: readonly FieldSpec[],
  version: number,
  flexible: boolean,
  options: ReaderOptions = {},
): StructReader<T> {
  if (!codeGenerationAllowed()) return interpretStructReader<T>(fields, version, flexible, options);
  const names: string[] = [];
  const constants: unknown[] = [];
  const readers: ValueReader[] = [];
  const tagged = new Map<number, { name: string; read: ValueReader }>();
  const props: string[] = [];

  for (const entry of options.head ?? []) {
    if ("version" in entry.value) {
      props.push(`${JSON.stringify(entry.name)}: version`);
    } else {
      constants.push(entry.value.constant);
      props.push(`${JSON.stringify(entry.name)}: K[${constants.length - 1}]`);
    }
  }

  for (const field of fields) {
    const key = JSON.stringify(field.name);
    const present = isPresent(field, version);
    if (present && flexible && isTagged(field, version)) {
      if (field.tag === undefined) throw new Error(`tagged field ${field.name} has no tag`);
      tagged.set(field.tag, { name: field.name, read: valueReader(field, version, flexible, true) });
      if (isOptional(field)) continue; // absent unless the bytes carry it
      props.push(`${key}: ${defaultSource(field, constants)}`);
      continue;
    }
    if (!present) {
      if (isOptional(field)) continue;
      props.push(`${key}: ${defaultSource(field, constants)}`);
      continue;
    }
    const index = names.length;
    names.push(field.name);
    const kind = fieldKind(field);
    if (kind.kind === "scalar") {
      props.push(`${key}: (at = ${index}, ${scalarCall(kind.scalar, flexible, isNullable(field, version))})`);
    } else {
      readers.push(valueReader(field, version, flexible));
      props.push(`${key}: (at = ${index}, R[${readers.length - 1}](p))`);
    }
  }

  if (options.tail !== undefined) props.push(`${JSON.stringify(options.tail)}: extra`);
  const tail = flexible ? "at = -2;\n    const tp = p.position;\n    if (p.readUnsignedVarint() !== 0) { p.seek(tp); T(o, p); }\n" : "";
  const source =
    `"use strict"; // reader #${++compiled}\n` +
    `return function read(p, version, extra) {\n` +
    `  let at = -1;\n` +
    `  try {\n` +
    `    const o = {\n      ${props.join(",\n      ")}\n    };\n` +
    `    ${tail}` +
    `    return o;\n` +
    `  } catch (e) {\n` +
    `    throw at >= 0 ? W(e, N[at]) : e;\n` +
    `  }\n` +
    `};`;
  const factory = new Function("K", "R", "N", "T", "W", source) as (
    k: unknown[],
    r: ValueReader[],
    n: string[],
    t: ReturnType<typeof taggedHandler>,
    w: typeof withPathSegment,
  ) => StructReader<T>;
  const generic = factory(constants, readers, names, taggedHandler(tagged), withPathSegment);
  if (options.fastPath !== true) return generic;
  return compileFastStructReader(fields, version, flexible, options, generic) ?? generic;
}
