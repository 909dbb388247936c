/**
 * The vocabulary of our schema tables: one {@link MessageSpec} per Kafka message definition, written as TypeScript
 * data. It mirrors the JSON message definitions of apache/kafka (`generator/src/main/java/org/apache/kafka/message/
 * MessageSpec.java`, `FieldSpec.java`): valid and flexible versions per message; per field its type, versions,
 * nullable versions, tagged versions and tag, and default. The decoder and encoder are derived from these tables.
 * @module
 */

/** Scalar wire types used by `__consumer_offsets` records (Kafka protocol types, in Kafka's spelling). */
export type ScalarType = "bool" | "int8" | "int16" | "uint16" | "int32" | "int64" | "uuid" | "string" | "bytes";

/** Default of a field, used when a version lacks the field (and for tagged fields that are absent). */
export type FieldDefault = number | bigint | string | boolean | null;

/** One field of a message or struct. */
export interface FieldSpec {
  /** Our name: Kafka's name in lowerCamelCase (or a documented rename). */
  readonly name: string;
  /** Kafka's name, as in the JSON definition. */
  readonly kafkaName: string;
  /**
   * Kafka's type string: a {@link ScalarType}, `[]<scalar>` for an array of scalars, or `<Struct>` / `[]<Struct>`
   * (with {@link fields}) for a struct or an array of structs.
   */
  readonly type: string;
  /** Versions that have the field (Kafka's range grammar: `0+`, `1`, `3-4`, `none`). */
  readonly versions: string;
  /** Versions in which the field may be null (strings, bytes, arrays, structs). */
  readonly nullableVersions?: string;
  /** Versions in which the field is a tagged field (needs {@link tag}). */
  readonly taggedVersions?: string;
  /** The tag number, when tagged. */
  readonly tag?: number;
  /** The default: the value when the version lacks the field or a tagged field is absent. Kafka's default if given. */
  readonly default?: FieldDefault;
  /** Fields of the struct, for struct types. */
  readonly fields?: readonly FieldSpec[];
  /**
   * The TypeScript name of the struct type, when Kafka's (the name in {@link type}) would clash or mislead: Kafka
   * reuses `TopicPartition`, `TopicInfo` for different structs in different definitions.
   */
  readonly typeName?: string;
  /** The TypeScript type of the decoded value, when the decoder decodes the wire value further (the consumer protocol). */
  readonly tsType?: string;
  /** What the field means to an operator. */
  readonly doc: string;
}

/** One message definition: a key, a value, or a standalone data structure (the consumer protocol). */
export interface MessageSpec {
  /** Kafka's definition name (`OffsetCommitValue`); a layout variant adds `@<release>`. */
  readonly name: string;
  /** The definition file in apache/kafka this table mirrors. */
  readonly source: string;
  /**
   * The apache/kafka git ref (release tag or commit) of the {@link source} this table mirrors; {@link KAFKA_RELEASE}
   * when absent. Set for layouts only an older release wrote, and definitions not in a release yet.
   */
  readonly ref?: string;
  /** The TypeScript name of the decoded type, when several definitions share one (`GroupIdKey`); else {@link name}. */
  readonly typeName?: string;
  /** Versions this message can have. */
  readonly validVersions: string;
  /** Versions encoded with compact types and tagged fields. */
  readonly flexibleVersions: string;
  /** The fields, in wire order. */
  readonly fields: readonly FieldSpec[];
  /** What the message means for a group. */
  readonly doc: string;
}

/** The Kafka release the tables mirror unless a table names another {@link MessageSpec.ref}. */
export const KAFKA_RELEASE = "4.4.0";

/** A permalink to the definition a table mirrors: apache/kafka at its pinned ref. */
export function sourceUrl(spec: MessageSpec): string {
  return `https://github.com/apache/kafka/blob/${spec.ref ?? KAFKA_RELEASE}/${spec.source}`;
}

/** A parsed version range: `[low, high]`, inclusive, `high` may be `Infinity`; empty when `low > high`. */
export interface VersionRange {
  /** Lowest version in the range. */
  readonly low: number;
  /** Highest version in the range (`Infinity` for `N+`). */
  readonly high: number;
}

/** Parses Kafka's version range grammar: `none`, `N`, `N+`, `N-M`. */
export function parseVersions(text: string): VersionRange {
  if (text === "none") return { low: 1, high: 0 };
  const plus = /^(\d+)\+$/.exec(text);
  if (plus) return { low: Number(plus[1]), high: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) return { low: Number(range[1]), high: Number(range[2]) };
  if (/^\d+$/.test(text)) return { low: Number(text), high: Number(text) };
  throw new Error(`invalid version range "${text}"`);
}

/** Whether `version` is within the range text. */
export function inVersions(text: string | undefined, version: number): boolean {
  if (text === undefined) return false;
  const r = parseVersions(text);
  return version >= r.low && version <= r.high;
}
