/**
 * Compiled readers and writers of every record type, built lazily once per (record type, version, layout) from the
 * schema tables in `records.ts`.
 * @module
 */
import type { MessageSpec } from "../schema/model.js";
import { inVersions } from "../schema/model.js";
import type { RecordSpec, ValueLayout } from "../records.js";
import { RECORD_SPEC_BY_TYPE } from "../records.js";
import { compileStructReader, type StructReader } from "./read.js";
import { compileStructWriter, type StructWriter } from "./write.js";

/** The compiled reader of one value layout at one version. */
export interface CompiledValueReader {
  /** The layout marker, when the record type has several. */
  readonly layout: string | undefined;
  /** Reads the value's fields (after its int16 version). */
  readonly read: StructReader;
}

/** Compiled codecs of one record type. */
export interface RecordCodec {
  /** The record type's spec. */
  readonly spec: RecordSpec;
  /** Reads the key's fields (after its int16 record type). */
  readonly readKey: StructReader;
  /** Writes the key's fields. */
  readonly writeKey: StructWriter;
  /** The readers of a value version, newest layout first; empty when the version is not defined. */
  valueReaders(version: number): readonly CompiledValueReader[];
  /** The writer of a value version and layout; undefined when not defined. */
  valueWriter(version: number, layout: string | undefined): StructWriter | undefined;
}

function isFlexible(spec: MessageSpec, version: number): boolean {
  return inVersions(spec.flexibleVersions, version);
}

function layoutHead(layout: ValueLayout) {
  return layout.layout === undefined
    ? [{ name: "version", value: { version: true } } as const]
    : [{ name: "version", value: { version: true } } as const, { name: "layout", value: { constant: layout.layout } } as const];
}

function buildCodec(spec: RecordSpec): RecordCodec {
  /** Readers of versions 0-63 (all Kafka ever used) in an array, others (fuzzed bytes) in a map. */
  const common: (readonly CompiledValueReader[] | undefined)[] = new Array<readonly CompiledValueReader[] | undefined>(64).fill(undefined);
  const readers = new Map<number, readonly CompiledValueReader[]>();
  const writers = new Map<string, StructWriter | undefined>();
  return {
    spec,
    readKey: compileStructReader(spec.key.fields, 0, false),
    writeKey: compileStructWriter(spec.key.fields, 0, false),
    valueReaders(version) {
      let list = version >= 0 && version < 64 ? common[version] : readers.get(version);
      if (list === undefined) {
        list = spec.values
          .filter((layout) => inVersions(layout.spec.validVersions, version))
          .map((layout) => ({
            layout: layout.layout,
            read: compileStructReader(layout.spec.fields, version, isFlexible(layout.spec, version), { head: layoutHead(layout) }),
          }));
        if (version >= 0 && version < 64) common[version] = list;
        else readers.set(version, list); // versions are int16: the cache stays bounded
      }
      return list;
    },
    valueWriter(version, layout) {
      const cacheKey = `${version}/${layout ?? ""}`;
      if (writers.has(cacheKey)) return writers.get(cacheKey);
      const chosen = spec.values.find((l) => l.layout === layout && inVersions(l.spec.validVersions, version));
      const writer = chosen === undefined ? undefined : compileStructWriter(chosen.spec.fields, version, isFlexible(chosen.spec, version));
      writers.set(cacheKey, writer);
      return writer;
    },
  };
}

const codecs: (RecordCodec | undefined)[] = [];

/** The codec of a record type, or undefined for a type this library does not know. */
export function recordCodec(recordType: number): RecordCodec | undefined {
  const existing = codecs[recordType];
  if (existing !== undefined) return existing;
  const spec = RECORD_SPEC_BY_TYPE[recordType];
  if (spec === undefined) return undefined;
  const codec = buildCodec(spec);
  codecs[recordType] = codec;
  return codec;
}
