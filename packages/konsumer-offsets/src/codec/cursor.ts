/**
 * The decoder's hot-path reader: the subset of `@kafkesc/bytes-parser`'s `BytesParser` API that the compiled readers
 * call, with the same semantics and the same `BytesParserError`s (codes, absolute offsets), tuned for decoding
 * millions of small records:
 * - one instance is reset per record instead of allocating a parser (and its `DataView`) per key, value and member;
 * - integers are assembled from the bytes (no `DataView`, whose creation and `buffer` access cost more than the read
 *   on small on-heap arrays), and an int64 within 2^53 becomes a `bigint` in one conversion;
 * - a tagged field is read by narrowing the end bound, not through a sub-parser;
 * - strings are decoded by Node's native UTF-8 slicer, and short ones are interned: group ids, topics, client ids
 *   and hosts repeat across records, and a table lookup is cheaper than building the same string again.
 * `test/cursor.test.ts` checks it against `BytesParser` on valid and corrupted inputs. The benchmark that made it
 * worth having is in the README.
 * @module
 */
import { BytesParserError } from "@kafkesc/bytes-parser";
import type { TaggedField } from "@kafkesc/bytes-parser";

/** What the compiled readers need from a reader: implemented by `Cursor` and by `BytesParser`. */
export interface WireReader {
  readonly position: number;
  readonly remaining: number;
  isAtEnd(): boolean;
  seek(position: number): unknown;
  skip(n: number): unknown;
  readBoolean(): boolean;
  readInt8(): number;
  readInt16(): number;
  readUint16(): number;
  readInt32(): number;
  readInt64(): bigint;
  readUuid(): string;
  readUnsignedVarint(): number;
  readString(): string;
  readNullableString(): string | null;
  readCompactString(): string;
  readCompactNullableString(): string | null;
  readByteArray(): Uint8Array;
  readNullableByteArray(): Uint8Array | null;
  readCompactByteArray(): Uint8Array;
  readCompactNullableByteArray(): Uint8Array | null;
  readTaggedFields(onKnownTag: (tag: number, field: WireReader) => boolean): TaggedField[];
}

const utf8Slice = Buffer.prototype.utf8Slice as (this: Uint8Array, start: number, end: number) => string;
const base64urlSlice = (Buffer.prototype as unknown as { base64urlSlice: (this: Uint8Array, start: number, end: number) => string }).base64urlSlice;

/** Strings up to this many bytes go through the intern table (member ids, `<client.id>-<uuid>`, fit and repeat across rebalances). */
const INTERN_MAX_BYTES = 64;
const INTERN_SLOTS = 8192;
/**
 * The intern table: one ASCII string per slot. Bounded: a collision replaces the slot. Only ASCII strings are kept
 * (their UTF-8 bytes are their char codes), so a hit is checked against the bytes without keeping a copy of them.
 */
const interned: string[] = new Array<string>(INTERN_SLOTS).fill("");

/** Decodes `bytes[start, end)` as UTF-8 (invalid sequences become U+FFFD, as Java's decoder does), interning short ASCII strings. */
function decodeString(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return "";
  if (n > INTERN_MAX_BYTES) return utf8Slice.call(bytes, start, end);
  // A cheap hash of the length and the first and last 4 bytes (names differ at their ends: "orders-7", "orders-8");
  // collisions cost a miss, never a wrong string: the candidate is compared with every byte.
  const head = ((bytes[start] as number) << 24) | ((bytes[start + (n >> 2)] as number) << 16) | ((bytes[start + (n >> 1)] as number) << 8) | (bytes[start + 1] as number);
  const tail = ((bytes[end - 1] as number) << 24) | ((bytes[end - 2] as number) << 16) | ((bytes[end - 3] as number) << 8) | (bytes[end - 4] as number);
  let hash = Math.imul(head ^ n, 0x9e3779b1) ^ Math.imul(tail | 0, 0x85ebca6b);
  hash ^= hash >>> 15;
  const slot = hash & (INTERN_SLOTS - 1);
  const candidate = interned[slot] as string;
  if (candidate.length === n) {
    let i = 0;
    while (i < n && candidate.charCodeAt(i) === bytes[start + i]) i++;
    if (i === n) return candidate;
  }
  const text = utf8Slice.call(bytes, start, end);
  // Same length in chars as in bytes: ASCII (or U+FFFD for invalid bytes, which never equals a byte, so never hits).
  if (text.length === n) interned[slot] = text;
  return text;
}

const EMPTY: TaggedField[] = [];

/** Big-endian int16 at `at` (in bounds). */
function int16At(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) >> 16) | (bytes[at + 1] as number);
}

/** Big-endian int32 at `at` (in bounds). */
function int32At(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
}

/** A reusable cursor over one record's key or value. */
export class Cursor implements WireReader {
  private bytes: Uint8Array = new Uint8Array(0);
  private cursor = 0;
  private end = 0;

  /** Points the cursor at the start of `bytes`. */
  reset(bytes: Uint8Array): this {
    this.bytes = bytes;
    this.cursor = 0;
    this.end = bytes.length;
    return this;
  }

  /** Bytes read so far (an absolute offset into the bytes given to `reset`). */
  get position(): number {
    return this.cursor;
  }

  /** Bytes left before the end bound. */
  get remaining(): number {
    return this.end - this.cursor;
  }

  /** Whether every byte up to the end bound was read. */
  isAtEnd(): boolean {
    return this.cursor === this.end;
  }

  /** Moves to an absolute position within the bound. */
  seek(position: number): this {
    if (!(position >= 0 && position <= this.end)) throw this.error("INVALID_POSITION", `Cannot seek to ${position}`, this.cursor);
    this.cursor = position;
    return this;
  }

  /** Skips `n` bytes. */
  skip(n: number): this {
    this.cursor = this.take(n, "skip") + n;
    return this;
  }

  readBoolean(): boolean {
    return this.bytes[this.advance(1, "boolean")] !== 0;
  }

  readInt8(): number {
    return ((this.bytes[this.advance(1, "int8")] as number) << 24) >> 24;
  }

  readInt16(): number {
    return int16At(this.bytes, this.advance(2, "int16"));
  }

  readUint16(): number {
    const at = this.advance(2, "uint16");
    return ((this.bytes[at] as number) << 8) | (this.bytes[at + 1] as number);
  }

  readInt32(): number {
    return int32At(this.bytes, this.advance(4, "int32"));
  }

  readInt64(): bigint {
    const at = this.advance(8, "int64");
    const high = int32At(this.bytes, at);
    const low = int32At(this.bytes, at + 4) >>> 0;
    // Within +-2^53 the double is exact: one conversion. Beyond, assemble the 64 bits.
    if (high >= -0x200000 && high < 0x200000) return BigInt(high * 0x100000000 + low);
    return (BigInt(high) << 32n) | BigInt(low);
  }

  readUuid(): string {
    const at = this.advance(16, "UUID");
    return base64urlSlice.call(this.bytes, at, at + 16);
  }

  readUnsignedVarint(): number {
    const at = this.cursor;
    if (at < this.end) {
      const first = this.bytes[at] as number;
      if (first < 0x80) {
        this.cursor = at + 1;
        return first;
      }
    }
    let result = 0;
    for (let i = 0; ; i++) {
      const p = at + i;
      if (p >= this.end) throw this.outOfBounds(i + 1, "unsigned varint", at);
      const byte = this.bytes[p] as number;
      if (i === 4) {
        if (byte > 0x0f) throw this.error("VARINT_TOO_LONG", `Unsigned varint at offset ${at} is longer than 5 bytes or 32 bits`, at);
        this.cursor = p + 1;
        return result + byte * 0x10000000;
      }
      result |= (byte & 0x7f) << (7 * i);
      if (byte < 0x80) {
        this.cursor = p + 1;
        return result;
      }
    }
  }

  readString(): string {
    const n = this.int16Length("STRING");
    if (n < 0) throw this.nullLength(n, "STRING", this.cursor - 2);
    return this.stringBody(n);
  }

  readNullableString(): string | null {
    const n = this.int16Length("NULLABLE_STRING");
    if (n === -1) return null;
    if (n < 0) throw this.nullLength(n, "NULLABLE_STRING", this.cursor - 2);
    return this.stringBody(n);
  }

  readCompactString(): string {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) throw this.nullLength(n, "COMPACT_STRING", at);
    return this.stringBody(n);
  }

  readCompactNullableString(): string | null {
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) return null;
    return this.stringBody(n);
  }

  readByteArray(): Uint8Array {
    const n = this.int32Length("BYTES");
    if (n < 0) throw this.nullLength(n, "BYTES", this.cursor - 4);
    return this.bytesBody(n);
  }

  readNullableByteArray(): Uint8Array | null {
    const n = this.int32Length("BYTES");
    if (n === -1) return null;
    if (n < 0) throw this.nullLength(n, "BYTES", this.cursor - 4);
    return this.bytesBody(n);
  }

  readCompactByteArray(): Uint8Array {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) throw this.nullLength(n, "COMPACT_BYTES", at);
    return this.bytesBody(n);
  }

  readCompactNullableByteArray(): Uint8Array | null {
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) return null;
    return this.bytesBody(n);
  }

  /**
   * Reads a tagged-field section; `onKnownTag` reads a field with the end bound narrowed to it, and the cursor
   * always lands after the field. Returns the fields it did not handle (views of the input).
   */
  readTaggedFields(onKnownTag: (tag: number, field: WireReader) => boolean): TaggedField[] {
    const count = this.readUnsignedVarint();
    if (count === 0) return EMPTY;
    if (count * 2 > this.end - this.cursor) {
      throw this.error("OUT_OF_BOUNDS", `Tagged-field section claims ${count} fields but only ${this.end - this.cursor} bytes remain`, this.cursor, count * 2);
    }
    let unknown: TaggedField[] | undefined;
    let previousTag = -1;
    for (let i = 0; i < count; i++) {
      const tagAt = this.cursor;
      const tag = this.readUnsignedVarint();
      if (tag <= previousTag) {
        throw this.error("INVALID_TAGGED_FIELDS", `Tagged field ${tag} follows tag ${previousTag}: tags must be strictly ascending`, tagAt);
      }
      previousTag = tag;
      const size = this.readUnsignedVarint();
      const start = this.cursor;
      if (size > this.end - start) throw this.outOfBounds(size, `tagged field ${tag}`, start);
      const outerEnd = this.end;
      this.end = start + size;
      let handled: boolean;
      try {
        handled = onKnownTag(tag, this);
      } finally {
        this.end = outerEnd;
      }
      this.cursor = start + size;
      if (!handled) (unknown ??= []).push({ tag, data: this.bytes.subarray(start, start + size) });
    }
    return unknown ?? EMPTY;
  }

  // Internals: bounds are integer compares, errors are built only on the failure path.

  private advance(n: number, what: string): number {
    const at = this.cursor;
    if (at + n > this.end) throw this.outOfBounds(n, what, at);
    this.cursor = at + n;
    return at;
  }

  private take(n: number, what: string): number {
    if (!(n >= 0 && this.cursor + n <= this.end)) throw this.outOfBounds(n, what, this.cursor);
    return this.cursor;
  }

  private int16Length(what: string): number {
    const at = this.cursor;
    if (at + 2 > this.end) throw this.outOfBounds(2, `${what} length`, at);
    this.cursor = at + 2;
    return int16At(this.bytes, at);
  }

  private int32Length(what: string): number {
    const at = this.cursor;
    if (at + 4 > this.end) throw this.outOfBounds(4, `${what} length`, at);
    this.cursor = at + 4;
    return int32At(this.bytes, at);
  }

  private stringBody(n: number): string {
    const at = this.cursor;
    if (n > this.end - at) throw this.outOfBounds(n, "string", at);
    this.cursor = at + n;
    return decodeString(this.bytes, at, at + n);
  }

  private bytesBody(n: number): Uint8Array {
    const at = this.cursor;
    if (n > this.end - at) throw this.outOfBounds(n, "bytes", at);
    this.cursor = at + n;
    return this.bytes.subarray(at, at + n);
  }

  private nullLength(n: number, what: string, at: number): BytesParserError {
    return n === -1
      ? this.error("UNEXPECTED_NULL", `${what} at offset ${at} is null, which this field does not allow`, at)
      : this.error("NEGATIVE_LENGTH", `${what} at offset ${at} has a negative length (${n})`, at, n);
  }

  private outOfBounds(requested: number, what: string, at: number): BytesParserError {
    const remaining = this.end - at;
    return new BytesParserError("OUT_OF_BOUNDS", `Cannot read ${what} (${requested} bytes) at offset ${at}: only ${remaining} bytes remain`, {
      offset: at,
      requested,
      remaining,
    });
  }

  private error(code: BytesParserError["code"], message: string, offset: number, requested?: number): BytesParserError {
    return new BytesParserError(code, message, { offset, requested });
  }
}
