/**
 * Decoding and encoding of the classic consumer protocol inside `GroupMetadataValue` members: a `consumer` group's
 * subscription and assignment bytes are `ConsumerProtocolSubscription` / `ConsumerProtocolAssignment`, each starting
 * with its own int16 version. Like Kafka's `ConsumerProtocol.java`, a version above the newest known (3) is read
 * as 3 (the format only grows at the end); the bytes after the known fields are kept as `trailingBytes`.
 * Bytes that do not parse never fail the record: they come back as `kind: "raw"` with the reason.
 * @module
 */
import { BytesParser, BytesWriter } from "@kafkesc/bytes-parser";
import type { ConsumerAssignment, ConsumerSubscription, MemberAssignment, MemberSubscription, RawMemberBytes } from "./types.js";
import type { MessageSpec } from "./schema/model.js";
import { parseVersions } from "./schema/model.js";
import { CONSUMER_PROTOCOL_ASSIGNMENT, CONSUMER_PROTOCOL_SUBSCRIPTION } from "./schemas/consumer-protocol.js";
import { compileStructReader, type ReaderOptions, type StructReader } from "./codec/read.js";
import type { InlinedBytes } from "./codec/fast-read.js";
import { compileStructWriter, type StructWriter } from "./codec/write.js";
import { asFieldPathError } from "./errors.js";
import { NAMES } from "./codec/names.js";

/** The protocol type whose member bytes use the consumer protocol. */
export const CONSUMER_PROTOCOL_TYPE = "consumer";

/** Readers and writers of one consumer-protocol message, per version (0 to the newest); `T` is its generated type. */
interface ProtocolCodec<T extends { trailingBytes?: Uint8Array }> {
  readonly spec: MessageSpec;
  readonly newest: number;
  readonly readers: readonly StructReader<T>[];
  readonly writers: readonly StructWriter[];
}

/** What a decoded message has beyond its fields: `kind` and `version` first, its bytes last. */
const MESSAGE_OPTIONS: ReaderOptions = {
  head: [{ name: "kind", value: { constant: "consumer" } }, { name: "version", value: { version: true } }],
  tail: "bytes",
};

function protocolCodec<T extends { trailingBytes?: Uint8Array }>(spec: MessageSpec): ProtocolCodec<T> {
  const { low, high } = parseVersions(spec.validVersions);
  const readers: StructReader<T>[] = [];
  const writers: StructWriter[] = [];
  for (let v = low; v <= high; v++) {
    readers[v] = compileStructReader<T>(spec.fields, v, false, { ...MESSAGE_OPTIONS, fastPath: true });
    writers[v] = compileStructWriter(spec.fields, v, false);
  }
  return { spec, newest: high, readers, writers };
}

const SUBSCRIPTION = protocolCodec<ConsumerSubscription>(CONSUMER_PROTOCOL_SUBSCRIPTION);
const ASSIGNMENT = protocolCodec<ConsumerAssignment>(CONSUMER_PROTOCOL_ASSIGNMENT);

/** Reused for every member's bytes (decoding is synchronous); its topic names repeat across members: interned. */
const protocolParser = new BytesParser(new Uint8Array(0), { internStrings: NAMES });

/** A raw result. */
function raw(reason: RawMemberBytes["reason"], message: string, bytes: Uint8Array): RawMemberBytes {
  return { kind: "raw", reason, message, bytes };
}

/** Decodes consumer-protocol bytes, or explains why they stay raw. */
function decodeProtocol<T extends { trailingBytes?: Uint8Array }>(codec: ProtocolCodec<T>, what: string, protocolType: string, bytes: Uint8Array): T | RawMemberBytes {
  if (protocolType !== CONSUMER_PROTOCOL_TYPE) {
    return raw("protocolType", `protocol type "${protocolType}" is not "consumer": ${what} bytes kept raw`, bytes);
  }
  if (bytes.length === 0) return raw("empty", `empty ${what} (member not assigned yet)`, bytes);
  const parser = protocolParser.reset(bytes);
  try {
    const version = parser.readInt16();
    if (version < 0) return raw("malformed", `${what} version ${version} is negative`, bytes);
    const reader = codec.readers[Math.min(version, codec.newest)] as StructReader<T>;
    const decoded = reader(parser, version, bytes);
    if (parser.remaining > 0) decoded.trailingBytes = bytes.subarray(parser.position);
    return decoded;
  } catch (error) {
    const failure = asFieldPathError(error);
    const path = failure.path();
    return raw("malformed", `${what} does not parse as the consumer protocol${path ? ` at ${path}` : ""} (offset ${failure.offset}): ${failure.failure.message}`, bytes);
  }
}

/** Decodes a classic member's subscription bytes: consumer protocol when `protocolType` is `consumer`, raw otherwise. */
export function decodeMemberSubscription(protocolType: string, bytes: Uint8Array): MemberSubscription {
  return decodeProtocol(SUBSCRIPTION, "subscription", protocolType, bytes);
}

/** Decodes a classic member's assignment bytes: consumer protocol when `protocolType` is `consumer`, raw otherwise. */
export function decodeMemberAssignment(protocolType: string, bytes: Uint8Array): MemberAssignment {
  return decodeProtocol(ASSIGNMENT, "assignment", protocolType, bytes);
}

/** How the fast path of a classic group's value decodes the members' subscription and assignment in place. */
function inlined(codec: ProtocolCodec<{ trailingBytes?: Uint8Array }>, field: string, what: string): InlinedBytes {
  return {
    path: ["members", field],
    when: { field: "protocolType", equals: CONSUMER_PROTOCOL_TYPE },
    fields: codec.spec.fields,
    newest: codec.newest,
    options: MESSAGE_OPTIONS,
    strings: NAMES,
    fallback: (protocolType, bytes) => decodeProtocol(codec, what, protocolType, bytes),
  };
}

/** The members' subscription and assignment, for the fast path of `GroupMetadataValue` readers (`codec/fast-read.ts`). */
export const MEMBER_BYTES_INLINED: readonly InlinedBytes[] = [inlined(SUBSCRIPTION, "subscription", "subscription"), inlined(ASSIGNMENT, "assignment", "assignment")];

/** Fields of a subscription that {@link encodeConsumerSubscription} writes. */
export type ConsumerSubscriptionFields = Omit<ConsumerSubscription, "kind" | "bytes" | "trailingBytes">;
/** Fields of an assignment that {@link encodeConsumerAssignment} writes. */
export type ConsumerAssignmentFields = Omit<ConsumerAssignment, "kind" | "bytes" | "trailingBytes">;

function encodeProtocol<T extends { trailingBytes?: Uint8Array }>(codec: ProtocolCodec<T>, fields: { version: number }): Uint8Array {
  const writer = new BytesWriter({ initialCapacity: 128 });
  writer.writeInt16(fields.version);
  const write = codec.writers[Math.min(fields.version, codec.newest)];
  if (write === undefined) throw new RangeError(`consumer protocol version ${fields.version} is not supported`);
  write(writer, fields);
  return writer.finish();
}

/**
 * Encodes a consumer-protocol subscription (to build a `GroupMetadataValue` member's `subscription.bytes`).
 * Fields the version lacks are not written.
 */
export function encodeConsumerSubscription(subscription: ConsumerSubscriptionFields): Uint8Array {
  return encodeProtocol(SUBSCRIPTION, subscription);
}

/** Encodes a consumer-protocol assignment (to build a `GroupMetadataValue` member's `assignment.bytes`). */
export function encodeConsumerAssignment(assignment: ConsumerAssignmentFields): Uint8Array {
  return encodeProtocol(ASSIGNMENT, assignment);
}
