/**
 * Compiled readers and writers of every record type of a coordinator topic (`__consumer_offsets`,
 * `__share_group_state`), built lazily once per (record type, version, layout) from its schema tables.
 * @module
 */
import type { MessageSpec } from "../schema/model.js";
import { inVersions } from "../schema/model.js";
import type { ValueLayout } from "../records.js";
import { codeGenerationAllowed, compileStructReader, type StructReader } from "./read.js";
import { compileFastValueReader, type FastValueOptions, type FastValueReader } from "./fast-read.js";
import { compileStructWriter, type StructWriter } from "./write.js";
import { GroupTopicCache, isGroupTopicPartitionKey } from "./key-cache.js";

/** The compiled reader of one value layout at one version. */
export interface CompiledValueReader {
  /** The layout marker, when the record type has several. */
  readonly layout: string | undefined;
  /** Reads the value's fields (after its int16 version). */
  readonly read: StructReader<object>;
}

/** One record type of a coordinator topic: its number, name, key table and value layouts. */
export interface CodecSpec {
  /** The int16 at the start of the key. */
  readonly recordType: number;
  /** The record's name, the `type` of decoded records. */
  readonly name: string;
  /** The key's schema. */
  readonly key: MessageSpec;
  /** The value's layouts, newest first. */
  readonly values: readonly ValueLayout[];
}

/**
 * Compiled codecs of one record type. Readers return `object`: the type generated from the same table
 * (`generated/types.ts`), which `decode` names for its callers.
 */
export interface RecordCodec {
  /** The record type's spec. */
  readonly spec: CodecSpec;
  /** Reads the key's fields (after its int16 record type). */
  readonly readKey: StructReader<object>;
  /** For (group, topic, partition) keys: the names of the prefixes seen before (`key-cache.ts`); else undefined. */
  readonly keyNames: GroupTopicCache | undefined;
  /** Writes the key's fields. */
  readonly writeKey: StructWriter;
  /** The readers of a value version, newest layout first; empty when the version is not defined. */
  valueReaders(version: number): readonly CompiledValueReader[];
  /**
   * The fast reader of a value version (`fast-read.ts`), for versions 0 to 63 that have one layout; null when there
   * is none (the version is not defined, has several layouts, a field type the fast path lacks, or no code generation).
   */
  fastValueReader(version: number): FastValueReader | null;
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

/** Value versions whose readers live in arrays (0 to 63: all Kafka ever used); others (fuzzed bytes) in a map, or none. */
const COMMON_VERSIONS = 64;

function buildCodec(spec: CodecSpec, fast: Pick<FastValueOptions, "inlineBytes" | "prefixStrings">): RecordCodec {
  const common: (readonly CompiledValueReader[] | undefined)[] = new Array<readonly CompiledValueReader[] | undefined>(COMMON_VERSIONS).fill(undefined);
  const fastReaders = new Array<FastValueReader | null | undefined>(COMMON_VERSIONS).fill(undefined);
  const readers = new Map<number, readonly CompiledValueReader[]>();
  const writers = new Map<string, StructWriter | undefined>();
  return {
    spec,
    readKey: compileStructReader<object>(spec.key.fields, 0, false),
    keyNames: !isFlexible(spec.key, 0) && isGroupTopicPartitionKey(spec.key.fields) ? new GroupTopicCache() : undefined,
    writeKey: compileStructWriter(spec.key.fields, 0, false),
    valueReaders(version) {
      let list = version >= 0 && version < COMMON_VERSIONS ? common[version] : readers.get(version);
      if (list === undefined) {
        list = spec.values
          .filter((layout) => inVersions(layout.spec.validVersions, version))
          .map((layout) => ({
            layout: layout.layout,
            read: compileStructReader<object>(layout.spec.fields, version, isFlexible(layout.spec, version), { head: layoutHead(layout) }),
          }));
        if (version >= 0 && version < COMMON_VERSIONS) common[version] = list;
        else readers.set(version, list); // versions are int16: the cache stays bounded
      }
      return list;
    },
    fastValueReader(version) {
      if (!(version >= 0 && version < COMMON_VERSIONS)) return null;
      let reader = fastReaders[version];
      if (reader === undefined) {
        // Only a version with one layout: with several, the generic readers choose between them.
        const layouts = spec.values.filter((layout) => inVersions(layout.spec.validVersions, version));
        const layout = layouts.length === 1 && codeGenerationAllowed() ? layouts[0] : undefined;
        reader = (layout && compileFastValueReader(layout.spec.fields, version, isFlexible(layout.spec, version), { ...fast, head: layoutHead(layout) })) ?? null;
        fastReaders[version] = reader;
      }
      return reader;
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

/**
 * The record types of one coordinator topic, and what its records carry beyond the tables (the classic group
 * members' consumer-protocol bytes): one decoder and one encoder serve every topic through this.
 */
export interface RecordCodecs {
  /** The topic, for messages (`__consumer_offsets`). */
  readonly topic: string;
  /** The codec of a record type, or undefined for a type the tables do not know. */
  byType(recordType: number): RecordCodec | undefined;
  /** The codec of a record name (`OffsetCommit`), or undefined. */
  byName(name: string): RecordCodec | undefined;
  /** Decodes what a value's bytes fields hold (in place), after the table's fields are read. */
  readonly afterRead?: (codec: RecordCodec, value: object) => void;
  /** The value to write: replaces what {@link afterRead} decoded by its bytes. */
  readonly beforeWrite?: (codec: RecordCodec, value: object) => object;
  /** Which bytes fields of a record type's values the fast path (`fast-read.ts`) decodes in place (then {@link afterRead} skips them). */
  readonly fastValues?: (spec: CodecSpec) => Pick<FastValueOptions, "inlineBytes" | "prefixStrings">;
}

/** Builds the codecs of a topic's record types, each compiled on first use. */
export function recordCodecs(topic: string, specs: readonly CodecSpec[], hooks: Pick<RecordCodecs, "afterRead" | "beforeWrite" | "fastValues"> = {}): RecordCodecs {
  const byNumber: (CodecSpec | undefined)[] = [];
  for (const spec of specs) byNumber[spec.recordType] = spec;
  const codecs: (RecordCodec | undefined)[] = [];
  const byType = (recordType: number): RecordCodec | undefined => {
    const existing = codecs[recordType];
    if (existing !== undefined) return existing;
    const spec = recordType >= 0 ? byNumber[recordType] : undefined;
    if (spec === undefined) return undefined;
    const codec = buildCodec(spec, hooks.fastValues?.(spec) ?? {});
    codecs[recordType] = codec;
    return codec;
  };
  const byName = (name: string): RecordCodec | undefined => {
    const spec = specs.find((s) => s.name === name);
    return spec === undefined ? undefined : byType(spec.recordType);
  };
  return { topic, byType, byName, ...hooks };
}
