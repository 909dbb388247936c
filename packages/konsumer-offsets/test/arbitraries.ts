// fast-check arbitraries derived from the schema tables: a random record of any type, version and layout, with the
// values `decode` would give back for it (defaults for the fields its version lacks, decoded consumer protocol).
import fc from "fast-check";
import type { Arbitrary } from "fast-check";
import type { FieldSpec, MessageSpec, ScalarType } from "../src/schema/model.js";
import { inVersions, parseVersions } from "../src/schema/model.js";
import { RECORD_SPECS, type RecordSpec, type ValueLayout } from "../src/records.js";
import { defaultValue, fieldKind, isNullable, isOptional, isPresent, isTagged } from "../src/codec/field-types.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "../src/schemas/consumer-protocol.js";
import {
  decodeMemberAssignment,
  decodeMemberSubscription,
  encodeConsumerAssignment,
  encodeConsumerSubscription,
  type OffsetsRecord,
} from "../src/index.js";

const uuid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString("base64url"));

function scalar(type: ScalarType): Arbitrary<unknown> {
  switch (type) {
    case "bool":
      return fc.boolean();
    case "int8":
      return fc.integer({ min: -128, max: 127 });
    case "int16":
      return fc.integer({ min: -32768, max: 32767 });
    case "uint16":
      return fc.integer({ min: 0, max: 65535 });
    case "int32":
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case "int64":
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case "uuid":
      return uuid;
    case "string":
      return fc.string({ unit: "binary", maxLength: 12 });
    case "bytes":
      return fc.uint8Array({ maxLength: 12 });
  }
}

/** Unknown tagged fields (tags above the known ones), absent or sorted by tag. */
function unknownTags(known: readonly number[]): Arbitrary<{ tag: number; data: Uint8Array }[] | undefined> {
  return fc
    .uniqueArray(fc.integer({ min: 40, max: 300 }).filter((t) => !known.includes(t)), { maxLength: 2 })
    .chain((tags) => fc.tuple(...tags.sort((a, b) => a - b).map((tag) => fc.uint8Array({ maxLength: 6 }).map((data) => ({ tag, data })))))
    .map((list) => (list.length === 0 ? undefined : list));
}

function field(spec: FieldSpec, version: number, flexible: boolean): Arbitrary<unknown> {
  const kind = fieldKind(spec);
  let arb: Arbitrary<unknown>;
  switch (kind.kind) {
    case "scalar":
      arb = scalar(kind.scalar);
      break;
    case "scalarArray":
      arb = fc.array(scalar(kind.scalar), { maxLength: 4 });
      break;
    case "struct":
      arb = struct(kind.fields, version, flexible, true);
      break;
    case "structArray":
      arb = fc.array(struct(kind.fields, version, flexible, true), { maxLength: 3 });
      break;
  }
  return isNullable(spec, version) ? fc.option(arb, { nil: null }) : arb;
}

/** A struct at `version`: present fields random, others at their default, optional tagged fields sometimes absent. */
export function struct(
  fields: readonly FieldSpec[],
  version: number,
  flexible: boolean,
  allowUnknownTags: boolean,
): Arbitrary<Record<string, unknown>> {
  const model: Record<string, Arbitrary<unknown>> = {};
  const knownTags: number[] = [];
  for (const spec of fields) {
    if (!isPresent(spec, version)) {
      if (!isOptional(spec)) model[spec.name] = fc.constant(null).map(() => freshDefault(spec));
      continue;
    }
    if (flexible && isTagged(spec, version)) {
      knownTags.push(spec.tag ?? -1);
      const arb = field(spec, version, flexible);
      model[spec.name] = isOptional(spec) ? fc.option(arb, { nil: undefined }) : fc.oneof(arb, fc.constant(null).map(() => freshDefault(spec)));
      continue;
    }
    model[spec.name] = field(spec, version, flexible);
  }
  if (flexible && allowUnknownTags) model.unknownTaggedFields = unknownTags(knownTags);
  return fc.record(model).map(dropUndefined);
}

function freshDefault(spec: FieldSpec): unknown {
  const value = defaultValue(spec);
  return Array.isArray(value) ? [] : value;
}

/** A plain object (fast-check's records have a null prototype) without the undefined properties. */
function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function versionsOf(spec: MessageSpec): number[] {
  const { low, high } = parseVersions(spec.validVersions);
  const out: number[] = [];
  for (let v = low; v <= high; v++) out.push(v);
  return out;
}

/** A classic member's subscription or assignment as `decode` gives it back, for a protocol type. */
function memberBytes(protocolType: string, which: "subscription" | "assignment"): Arbitrary<unknown> {
  const spec = which === "subscription" ? CONSUMER_PROTOCOL_SUBSCRIPTION : CONSUMER_PROTOCOL_ASSIGNMENT;
  const decodeRaw = which === "subscription" ? decodeMemberSubscription : decodeMemberAssignment;
  if (protocolType !== "consumer") return fc.uint8Array({ maxLength: 16 }).map((bytes) => decodeRaw(protocolType, bytes));
  const consumer = fc.constantFrom(...versionsOf(spec)).chain((version) =>
    struct(spec.fields, version, false, false).map((fields) => {
      const bytes = which === "subscription"
        ? encodeConsumerSubscription({ ...fields, version } as never)
        : encodeConsumerAssignment({ ...fields, version } as never);
      return { kind: "consumer", version, ...fields, bytes };
    }),
  );
  return fc.oneof({ arbitrary: consumer, weight: 4 }, { arbitrary: fc.constant(new Uint8Array(0)).map((b) => decodeRaw(protocolType, b)), weight: 1 });
}

function groupMetadataValue(version: number, flexible: boolean, allowUnknownTags: boolean): Arbitrary<Record<string, unknown>> {
  return fc.constantFrom("consumer", "connect", "").chain((protocolType) =>
    struct(recordSpec(2).values[0]!.spec.fields, version, flexible, allowUnknownTags).chain((value) =>
      fc
        .tuple(...(value.members as Record<string, unknown>[]).map(() => fc.tuple(memberBytes(protocolType, "subscription"), memberBytes(protocolType, "assignment"))))
        .map((pairs) => ({
          ...value,
          protocolType,
          members: (value.members as Record<string, unknown>[]).map((member, i) => ({ ...member, subscription: pairs[i]![0], assignment: pairs[i]![1] })),
        })),
    ),
  );
}

function recordSpec(recordType: number): RecordSpec {
  const spec = RECORD_SPECS.find((s) => s.recordType === recordType);
  if (spec === undefined) throw new Error(`no record type ${recordType}`);
  return spec;
}

/** Every (record type, value version, layout) the library knows. */
export function everyRecordVersion(): { spec: RecordSpec; version: number; layout: ValueLayout }[] {
  const out: { spec: RecordSpec; version: number; layout: ValueLayout }[] = [];
  for (const spec of RECORD_SPECS) for (const layout of spec.values) for (const version of versionsOf(layout.spec)) out.push({ spec, version, layout });
  return out;
}

/**
 * A random record of one record type, value version and layout (sometimes a tombstone). Older layouts get no
 * unknown top-level tagged fields: those bytes could also read as the newer layout, which `decode` prefers.
 */
export function recordArbitrary(spec: RecordSpec, version: number, layout: ValueLayout): Arbitrary<OffsetsRecord> {
  const flexible = inVersions(layout.spec.flexibleVersions, version);
  const allowTopLevelTags = layout === spec.values[0];
  const value =
    spec.recordType === 2
      ? groupMetadataValue(version, flexible, allowTopLevelTags)
      : struct(layout.spec.fields, version, flexible, allowTopLevelTags);
  const head = layout.layout === undefined ? { version } : { version, layout: layout.layout };
  return fc.tuple(
    struct(spec.key.fields, 0, false, false),
    fc.option(value.map((v) => ({ ...head, ...v })), { nil: null, freq: 8 }),
  ).map(([key, value]) =>
    ({ type: spec.name, recordType: spec.recordType, key, tombstone: value === null, value }) as unknown as OffsetsRecord,
  );
}

/** A random record of any known type, version and layout. */
export function anyRecord(): Arbitrary<OffsetsRecord> {
  return fc.constantFrom(...everyRecordVersion()).chain(({ spec, version, layout }) => recordArbitrary(spec, version, layout));
}
