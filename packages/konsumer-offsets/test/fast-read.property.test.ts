// Property, reader by reader: the fast readers (src/codec/fast-read.ts) give exactly what the generic reader compiled
// from the same table gives: the same value (same properties in the same order, same strings, same views of the same
// class), the same cursor afterwards, or the same error (code, message, field path, offset). Struct readers (which hand
// anything unusual to the generic reader) through a root parser, a sub-parser (offsets not starting at 0), a Buffer
// input (views of its class), a string intern table, and a little-endian parser (where the fast path steps aside);
// value readers (which return undefined for anything unusual) on plain and Buffer inputs. On random valid values of
// every (record type, version, layout), flexible ones included, on random consumer-protocol subscriptions and
// assignments, on classic group metadata with members' consumer protocol decoded in place, and on mutations of all of
// them (flipped, cut, inserted bytes). `fast-read.decode.property.test.ts` checks the same through `decode`.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BytesParser, BytesWriter, StringCache } from "@kafkesc/bytes-parser";
import { decodeMemberAssignment, decodeMemberSubscription, encode, encodeConsumerAssignment, encodeConsumerSubscription, type OffsetsRecord } from "../src/index.js";
import { MEMBER_BYTES_INLINED } from "../src/consumer-protocol.js";
import { MEMBER_STRINGS_REUSED } from "../src/codec/topics.js";
import { compileStructReader, type ReaderOptions, type StructReader } from "../src/codec/read.js";
import { compileFastValueReader, fastPathSupports, uuidSlot, uuidText, type FastValueReader } from "../src/codec/fast-read.js";
import { asFieldPathError } from "../src/errors.js";
import { inVersions, parseVersions, type FieldSpec } from "../src/schema/model.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "../src/schemas/consumer-protocol.js";
import { everyRecordVersion, recordArbitrary, struct } from "./arbitraries.js";
import { SHARE_STATE_RECORD_SPECS } from "../src/share-state/schemas.js";
import { compileStructWriter } from "../src/codec/write.js";

/** A reader pair: the fast one (with the generic one as its fallback) and the generic one alone. */
interface Pair {
  readonly name: string;
  readonly version: number;
  readonly fast: StructReader;
  readonly generic: StructReader;
}

function pair(name: string, fields: readonly FieldSpec[], version: number, options: ReaderOptions, flexible = false): Pair {
  return {
    name: `${name} v${version}`,
    version,
    fast: compileStructReader(fields, version, flexible, { ...options, fastPath: true }),
    generic: compileStructReader(fields, version, flexible, options),
  };
}

/** Text that tells two values apart wherever they differ: key order, bigint vs number, a view's class and bytes. */
function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Uint8Array) return `${v.constructor.name}(${Buffer.from(v.buffer, v.byteOffset, v.length).toString("hex")})`;
    return v;
  });
}

/** How a reader fares on `bytes` at `at` through a fresh parser made by `makeParser`: value and cursor, or the error. */
function outcome(read: StructReader, version: number, makeParser: () => BytesParser): string {
  const parser = makeParser();
  try {
    const value = read(parser, version, "extra");
    return `ok at ${parser.offset}: ${show(value)}`;
  } catch (error) {
    const failure = asFieldPathError(error);
    return `error at ${parser.offset}: ${failure.failure.name} ${failure.failure.message} path=${failure.path()} offset=${failure.offset}`;
  }
}

const NAMES = new StringCache({ slots: 64, maxBytes: 32 });

/** Every way of handing `body` to a reader: each gives a fresh parser positioned on its first byte. */
function parsers(body: Uint8Array): [string, () => BytesParser][] {
  const padded = new Uint8Array(body.length + 7);
  padded.set(body, 3);
  return [
    ["root", () => new BytesParser(body)],
    ["sub-parser", () => new BytesParser(padded).skip(3).subParser(body.length)],
    ["Buffer", () => new BytesParser(Buffer.from(body))],
    ["interned", () => new BytesParser(body, { internStrings: NAMES })],
    ["little-endian", () => new BytesParser(body, { littleEndian: true })],
  ];
}

/** Random changes to `bytes`: flips, a cut, an insertion (the generic reader must fail or read them the same way). */
const mutation = (bytes: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
      const copy = bytes.slice();
      for (const [at, byte] of flips) if (copy.length > 0) copy[at % copy.length] = byte;
      return copy;
    }),
    fc.nat().map((at) => bytes.subarray(0, bytes.length === 0 ? 0 : at % bytes.length)),
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([at, extra]) => {
      const cut = bytes.length === 0 ? 0 : at % (bytes.length + 1);
      return new Uint8Array([...bytes.subarray(0, cut), ...extra, ...bytes.subarray(cut)]);
    }),
    fc.constantFrom(new Uint8Array([0xff, 0xff]), new Uint8Array([0x80, 0x00, 0x00, 0x00]), new Uint8Array([0xff, 0xff, 0xff, 0xff])).map(
      (marker) => new Uint8Array([...marker, ...bytes]),
    ),
  );

/** Checks both readers on `body` and on mutations of it, through every kind of parser. */
function checkPair(readers: Pair, body: Uint8Array, mutated: Uint8Array[]): void {
  for (const bytes of [body, ...mutated]) {
    for (const [how, makeParser] of parsers(bytes)) {
      expect(outcome(readers.fast, readers.version, makeParser), `${readers.name}, ${how}, bytes ${Buffer.from(bytes).toString("hex")}`).toBe(
        outcome(readers.generic, readers.version, makeParser),
      );
    }
  }
}

/**
 * Checks a value reader against the generic reader on whole values (`version` then `body`, for each body): where it
 * gives a value, the generic reader reads every byte and gives the same; where it gives undefined, the generic reader
 * fails, leaves bytes or reads what the fast path leaves to it. Returns how many values the value reader read.
 */
function checkValueReader(name: string, fast: FastValueReader, generic: StructReader, version: number, bodies: Uint8Array[]): number {
  let read = 0;
  for (const body of bodies) {
    const value = new Uint8Array([(version >> 8) & 0xff, version & 0xff, ...body]);
    for (const [how, bytes] of [["plain", value], ["Buffer", Buffer.from(value)]] as const) {
      const decoded = fast(bytes, version);
      if (decoded === undefined) continue;
      read++;
      expect(`ok at ${value.length}: ${show(decoded)}`, `${name}, ${how}, value ${Buffer.from(value).toString("hex")}`).toBe(
        outcome(generic, version, () => new BytesParser(bytes).skip(2).subParser(body.length)),
      );
    }
  }
  return read;
}

/** A record's value bytes after its version. */
const valueBytes = (record: OffsetsRecord): Uint8Array => (encode(record).value as Uint8Array).subarray(2);
/** The same record without unknown top-level tagged fields: the plain case a fast reader must read (random values of flexible versions mostly carry some). */
/** The value body of a consumer group's GroupMetadata record whose members have these ids and protocol bytes. */
function groupMetadataBody(version: number, leader: string | null, members: { memberId: string; groupInstanceId: string | null; clientId: string; subscription: Uint8Array; assignment: Uint8Array }[]): Uint8Array {
  return valueBytes({
    type: "GroupMetadata",
    recordType: 2,
    tombstone: false,
    key: { group: "g" },
    value: {
      version,
      protocolType: "consumer",
      generation: 1,
      protocol: "range",
      leader,
      currentStateTimestamp: -1n,
      members: members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: "/h",
        rebalanceTimeout: 1,
        sessionTimeout: 1,
        subscription: decodeMemberSubscription("consumer", m.subscription),
        assignment: decodeMemberAssignment("consumer", m.assignment),
      })),
    },
  } as OffsetsRecord);
}

const withoutUnknownTags = (record: OffsetsRecord): OffsetsRecord => {
  const { unknownTaggedFields: _, ...value } = (record as unknown as { value: Record<string, unknown> }).value;
  return { ...record, value } as unknown as OffsetsRecord;
};

const everyValue = everyRecordVersion().map((v) => ({ ...v, flexible: inVersions(v.layout.spec.flexibleVersions, v.version) }));
/** The head entries of a layout's decoded values, as `record-codec.ts` gives them. */
const headOf = (layout: { layout?: string }): ReaderOptions["head"] =>
  layout.layout === undefined ? [{ name: "version", value: { version: true } }] : [{ name: "version", value: { version: true } }, { name: "layout", value: { constant: layout.layout } }];

/**
 * GroupMetadata's value reader at `version` as `decode` compiles it (members' bytes decoded in place, ids reused), and
 * the generic reader followed by each member's bytes decoded apart (what `decode` did before the fast path).
 */
function groupMetadataReaders(version: number): { spec: (typeof everyValue)[number]; value: FastValueReader; generic: StructReader } {
  const spec = everyValue.find((v) => v.spec.recordType === 2 && v.version === version);
  if (spec === undefined) throw new Error(`no GroupMetadata v${version}`);
  const head = [{ name: "version", value: { version: true } } as const];
  const value = compileFastValueReader(spec.layout.spec.fields, version, spec.flexible, { head, inlineBytes: MEMBER_BYTES_INLINED, prefixStrings: MEMBER_STRINGS_REUSED });
  if (value === undefined) throw new Error(`no value reader of GroupMetadata v${version}`);
  const plain = compileStructReader(spec.layout.spec.fields, version, spec.flexible, { head });
  const generic: StructReader = (p, v) => {
    const read = plain(p, v) as { protocolType: string; members: { subscription: unknown; assignment: unknown }[] };
    for (const member of read.members) {
      member.subscription = decodeMemberSubscription(read.protocolType, member.subscription as Uint8Array);
      member.assignment = decodeMemberAssignment(read.protocolType, member.assignment as Uint8Array);
    }
    return read;
  };
  return { spec, value, generic };
}

describe("fast readers", () => {
  it("exist for every offset-commit and classic group metadata value, the consumer protocol and most other values", () => {
    const names = everyValue.filter(({ layout, version, flexible }) => fastPathSupports(layout.spec.fields, version, flexible)).map(({ spec, version }) => `${spec.name} v${version}`);
    for (const version of [0, 1, 2, 3, 4]) {
      expect(names).toContain(`OffsetCommit v${version}`);
      expect(names).toContain(`GroupMetadata v${version}`);
    }
    for (const version of [0, 1, 2, 3]) {
      expect(fastPathSupports(CONSUMER_PROTOCOL_SUBSCRIPTION.fields, version, false)).toBe(true);
      expect(fastPathSupports(CONSUMER_PROTOCOL_ASSIGNMENT.fields, version, false)).toBe(true);
    }
    expect(names.length).toBeGreaterThan(everyValue.length / 2);
    const fast = compileStructReader(CONSUMER_PROTOCOL_ASSIGNMENT.fields, 0, false, { fastPath: true });
    expect(fast.name).toBe("readFast");
  });

  it.each(everyValue.map(({ spec, version, layout, flexible }) => ({ name: `${spec.name} v${version}${layout.layout ? ` (${layout.layout})` : ""}`, spec, version, layout, flexible })))(
    "read $name values as the generic reader does, valid and mutated",
    ({ spec, version, layout, flexible }) => {
      const head = headOf(layout);
      const readers = pair(spec.name, layout.spec.fields, version, { head }, flexible);
      const value = compileFastValueReader(layout.spec.fields, version, flexible, { head });
      const valueBody = recordArbitrary(spec, version, layout)
        .filter((record) => "value" in record && record.value !== null)
        .map((record) => [valueBytes(record), valueBytes(withoutUnknownTags(record))] as const);
      let read = 0;
      fc.assert(
        fc.property(valueBody.chain(([body, plain]) => fc.tuple(fc.constant(body), fc.constant(plain), fc.array(mutation(body), { maxLength: 6 }))), ([body, plain, mutated]) => {
          checkPair(readers, body, mutated);
          if (value !== undefined) read += checkValueReader(readers.name, value, readers.generic, version, [body, plain, ...mutated]);
        }),
        { numRuns: 60 },
      );
      // Random values of other types often carry tagged fields (left to the generic reader); these two never do.
      if (spec.recordType <= 2) expect(read, "values the value reader read").toBeGreaterThan(0);
    },
  );

  const shareStateValues = SHARE_STATE_RECORD_SPECS.flatMap(({ name, value }) => {
    const { low, high } = parseVersions(value.validVersions);
    return Array.from({ length: high - low + 1 }, (_, i) => ({ name: `${name} v${low + i}`, spec: value, version: low + i }));
  });
  it.each(shareStateValues)("read __share_group_state $name values as the generic reader does, valid and mutated", ({ name, spec, version }) => {
    const flexible = inVersions(spec.flexibleVersions, version);
    const head = headOf({});
    const readers = pair(name, spec.fields, version, { head }, flexible);
    const value = compileFastValueReader(spec.fields, version, flexible, { head });
    const write = compileStructWriter(spec.fields, version, flexible);
    const valueBody = struct(spec.fields, version, flexible, true).map((fields) => {
      const writer = new BytesWriter();
      write(writer, fields);
      return writer.finish();
    });
    fc.assert(
      fc.property(valueBody.chain((body) => fc.tuple(fc.constant(body), fc.array(mutation(body), { maxLength: 6 }))), ([body, mutated]) => {
        checkPair(readers, body, mutated);
        if (value !== undefined) checkValueReader(readers.name, value, readers.generic, version, [body, ...mutated]);
      }),
      { numRuns: 60 },
    );
  });

  it.each([0, 1, 2, 3, 4])("decode members' consumer protocol in place in GroupMetadata v%i as the generic reader and the second pass do", (version) => {
    const { spec, value, generic } = groupMetadataReaders(version);
    const name = `GroupMetadata v${version} (inlined members)`;
    // Random values, some with another protocol type, some with members' bytes cut or changed (kept raw, with the reason).
    const valueBody = recordArbitrary(spec.spec, version, spec.layout)
      .filter((record) => "value" in record && record.value !== null)
      .chain((record) => fc.tuple(fc.constant(record), fc.constantFrom("consumer", "connect", ""), fc.nat()))
      .map(([record, protocolType, seed]) => {
        const value = (record as { value: unknown }).value as { protocolType: string; members: { subscription: { bytes: Uint8Array }; assignment: { bytes: Uint8Array } }[] };
        value.protocolType = seed % 4 === 0 ? protocolType : value.protocolType;
        for (const [i, member] of value.members.entries()) {
          const bytes = member.subscription.bytes;
          if ((seed + i) % 5 === 0) member.subscription = { ...member.subscription, bytes: bytes.subarray(0, bytes.length >> 1) };
          if ((seed + i) % 7 === 0) member.assignment = { ...member.assignment, bytes: new Uint8Array([0x7f, 0xff, ...member.assignment.bytes.subarray(2)]) };
        }
        return (encode(record).value as Uint8Array).subarray(2);
      });
    let read = 0;
    fc.assert(
      fc.property(valueBody.chain((body) => fc.tuple(fc.constant(body), fc.array(mutation(body), { maxLength: 6 }))), ([body, mutated]) => {
        read += checkValueReader(name, value, generic, version, [body, ...mutated]);
      }),
      { numRuns: 80 },
    );
    expect(read, "values the value reader read").toBeGreaterThan(0);
  });

  it("remember members' topics per index within a call only, and never give a string of other bytes", () => {
    // Topics of one length that differ in one byte (first, middle, last), so that a remembered string is often the
    // wrong one; members subscribe to lists drawn from them, in the same order or not.
    const pool = fc.constantFrom("orders-01", "orders-02", "xrders-01", "ordexs-01", "orders-0é", "payments", "");
    const list = fc.array(pool, { maxLength: 5 });
    const member = fc.record({ topics: list, owned: list, assigned: list, version: fc.integer({ min: 0, max: 4 }) });
    const { value, generic } = groupMetadataReaders(3);
    const name = "GroupMetadata v3 (pooled topics)";
    const partitions = (topics: string[]) => topics.map((topic, i) => ({ topic, partitions: [i] }));
    const valueBody = fc.array(member, { minLength: 1, maxLength: 8 }).map((members) =>
      groupMetadataBody(
        3,
        null,
        members.map((m, i) => ({
          memberId: `m${i}`,
          groupInstanceId: null,
          clientId: "c",
          subscription: encodeConsumerSubscription({ version: m.version, topics: m.topics, userData: null, ownedPartitions: partitions(m.owned), generationId: 1, rackId: null }),
          assignment: encodeConsumerAssignment({ version: m.version, assignedPartitions: partitions(m.assigned), userData: null }),
        })),
      ),
    );
    fc.assert(
      fc.property(valueBody.chain((body) => fc.tuple(fc.constant(body), fc.array(mutation(body), { maxLength: 4 }))), ([body, mutated]) => {
        // The body twice: what the previous call remembered must not leak into this one.
        expect(checkValueReader(name, value, generic, 3, [body, ...mutated, body]), "values the value reader read").toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it.each([3, 4])("reuse the leader and members' ids for the strings that are their first ASCII bytes only, in GroupMetadata v%i", (version) => {
    // Ids built as Kafka does (`<client id or instance id>-<uuid>`) and near misses: same length but one byte off
    // (first, middle, last), longer than the id, a prefix with non-ASCII bytes, empty, a leader that is no member's id.
    const uuid = fc.constantFrom("62d3f191-00c4-0fb9-ac30-39dff53a8b8c", "62d3f191-00c4-0fb9-ac30-39dff53a8b8d", "e");
    const client = fc.constantFrom("consumer-g-1", "consumer-g-2", "donsumer-g-1", "consumxr-g-1", "consumer-é-1", "é", "c", "", "consumer-g-1-62d3f191-00c4-0fb9-ac30-39dff53a8b8c-x");
    const member = fc.record({ client, instance: fc.option(client, { nil: null }), uuid, clientId: client, groupInstanceId: fc.option(client, { nil: null }) });
    const { value, generic } = groupMetadataReaders(version);
    const name = `GroupMetadata v${version} (member ids reused)`;
    const group = fc.record({ members: fc.array(member, { minLength: 1, maxLength: 6 }), leader: fc.option(fc.oneof(fc.nat(), client), { nil: null }) });
    const valueBody = group.map(({ members, leader }) => {
      const ids = members.map((m) => `${m.instance ?? m.client}-${m.uuid}`);
      return groupMetadataBody(
        version,
        typeof leader === "number" ? (ids[leader % ids.length] as string) : leader,
        members.map((m, i) => ({
          memberId: ids[i] as string,
          groupInstanceId: m.groupInstanceId ?? m.instance,
          clientId: m.clientId,
          subscription: encodeConsumerSubscription({ version: 0, topics: ["t"], userData: null, ownedPartitions: [], generationId: -1, rackId: null }),
          assignment: encodeConsumerAssignment({ version: 0, assignedPartitions: [], userData: null }),
        })),
      );
    });
    fc.assert(
      fc.property(valueBody.chain((body) => fc.tuple(fc.constant(body), fc.array(mutation(body), { maxLength: 4 }))), ([body, mutated]) => {
        expect(checkValueReader(name, value, generic, version, [body, ...mutated]), "values the value reader read").toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("give every uuid its own text, for uuids that share a slot of the table of texts and differ in two bytes", () => {
    const words = (id: Uint8Array) => [0, 4, 8, 12].map((at) => Buffer.from(id.buffer, id.byteOffset + at, 4).readInt32BE()) as [number, number, number, number];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 15 }), (first, at) => {
        // Another uuid that differs from `first` in the bytes at `at` and after it (a word boundary in between or not), in the same slot.
        const slot = uuidSlot(...words(first));
        const other = first.slice();
        const next = (at + 1) % 16;
        let found = false;
        for (let change = 1; change < 0x10000 && !found; change++) {
          other[at] = (first[at] as number) ^ (change & 0xff);
          other[next] = (first[next] as number) ^ (change >> 8);
          found = uuidSlot(...words(other)) === slot;
        }
        // some uuids have no other of their slot among these 65,535 (e.g. the two bytes of one word that the hash's
        // multiplication maps onto other slots only): those cases say nothing, and are skipped
        fc.pre(found);
        const bytes = new Uint8Array([9, ...first, ...other, ...first, ...other]);
        const p = new BytesParser(bytes);
        for (let i = 0; i < 4; i++) {
          const start = 1 + 16 * i;
          expect(uuidText(p, bytes, start), `uuid ${i}`).toBe(Buffer.from(bytes.subarray(start, start + 16)).toString("base64url"));
        }
      }),
      { numRuns: 200 },
    );
  });

  const topic = fc.oneof(fc.constantFrom("orders", "payments-events-12", "x".repeat(40), "é"), fc.string({ maxLength: 24 }));
  const topicPartitions = fc.array(fc.record({ topic, partitions: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 5 }) }), { maxLength: 4 });
  const userData = fc.option(fc.uint8Array({ maxLength: 6 }), { nil: null });

  it.each([0, 1, 2, 3])("read consumer-protocol v%i subscriptions and assignments as the generic reader does", (version) => {
    const options: ReaderOptions = { head: [{ name: "kind", value: { constant: "consumer" } }, { name: "version", value: { version: true } }], tail: "bytes" };
    const subscriptions = pair("ConsumerProtocolSubscription", CONSUMER_PROTOCOL_SUBSCRIPTION.fields, version, options);
    const assignments = pair("ConsumerProtocolAssignment", CONSUMER_PROTOCOL_ASSIGNMENT.fields, version, options);
    const subscription = fc
      .record({ topics: fc.array(topic, { maxLength: 4 }), userData, ownedPartitions: topicPartitions, generationId: fc.integer(), rackId: fc.option(topic, { nil: null }) })
      .map((fields) => encodeConsumerSubscription({ version, ...fields }).subarray(2));
    const assignment = fc.record({ assignedPartitions: topicPartitions, userData }).map((fields) => encodeConsumerAssignment({ version, ...fields }).subarray(2));
    for (const [readers, bodies] of [
      [subscriptions, subscription],
      [assignments, assignment],
    ] as const) {
      fc.assert(
        fc.property(bodies.chain((body) => fc.tuple(fc.constant(body), fc.array(mutation(body), { maxLength: 8 }))), ([body, mutated]) => checkPair(readers, body, mutated)),
        { numRuns: 200 },
      );
    }
  });
});
