import { BytesParserError, describeValue } from "./errors.js";
import type { TaggedField } from "./tagged-field.js";
import { isUint32 } from "./integers.js";
import { StringCache, SHARED_STRING_CACHE } from "./string-cache.js";
import { decodeUtf8 } from "./utf8.js";
import { UUID_BYTES, uuidToKafkaString } from "./uuid.js";

/** Options of a {@link BytesParser}. */
export interface BytesParserOptions {
  /**
   * Read the fixed-size numbers (`readInt16` ... `readFloat64`) little-endian. Default: big-endian.
   * Kafka's own primitives (length prefixes of strings, bytes and arrays) are big-endian whatever this says.
   */
  readonly littleEndian?: boolean;
  /**
   * Intern the short ASCII strings this parser (and its sub-parsers) decode: `true` uses one process-wide
   * {@link StringCache}, or pass your own (bounded; it can be shared by many parsers). Worth it when the same names
   * repeat across many inputs (Kafka group ids, topics, client ids). Default: no cache.
   */
  readonly internStrings?: boolean | StringCache;
}

/** Options of the string readers. */
export interface Utf8Options {
  /** Throw `INVALID_UTF8` on bytes that are not UTF-8, instead of decoding them as U+FFFD (Java's behaviour). */
  readonly validate?: boolean;
}

/** Reads one element of an array; called once per element with the parser positioned on it. */
export type ElementReader<T> = (parser: BytesParser) => T;

/**
 * Handles a known field of a tagged-field section: `field` covers exactly the field's bytes.
 * Returns true if it handled the field, false to keep it among the unknown fields.
 */
export type TaggedFieldHandler = (tag: number, field: BytesParser) => boolean;

// Hand-off from subParser() to the constructor it calls synchronously, so that a sub-parser shares its parent's
// bytes and string cache instead of allocating its own, while every parser keeps one object shape.
let subParserParent: BytesParser | undefined;
let subParserStart = 0;
let subParserEnd = 0;

/**
 * A cursor over bytes, in the manner of Java's `ByteBuffer` and Rust's `bytes_parser`: each `readX` returns a
 * typed value and moves the cursor forward by exactly the bytes it read.
 *
 * - Zero-copy: byte slices are views over the input; sub-parsers share it.
 * - Safe: every failure is a {@link BytesParserError} with a `code` and the absolute `offset`; a failed read
 *   leaves the cursor where it was; a length that claims more than what remains is rejected before any allocation.
 * - Kafka's wire primitives (https://kafka.apache.org/protocol#protocol_types): varints, (compact) (nullable)
 *   strings, bytes and arrays, UUIDs and tagged fields, following `org.apache.kafka.common.utils.ByteUtils` and
 *   the readers that Kafka's `MessageDataGenerator` generates.
 *
 * ```ts
 * const p = new BytesParser(bytes);
 * const version = p.readInt16();
 * const group = p.readString();
 * ```
 *
 * To decode many small inputs, reuse one parser with {@link BytesParser.reset} instead of allocating one per input.
 */
export class BytesParser {
  // Fields are `declare`d (assigned only in the constructor, in one order) so that every parser has one shape and no
  // field starts as `undefined`.
  /** Whether the fixed-size numbers are read little-endian. */
  declare readonly littleEndian: boolean;
  /** The bytes given to the root parser (shared by sub-parsers); absolute offsets index into it. */
  private declare bytes: Uint8Array;
  /** The intern table of short strings, if any (shared by sub-parsers). */
  private declare readonly strings: StringCache | undefined;
  /** Absolute offset of this parser's first byte. */
  private declare start: number;
  /** Absolute offset just past this parser's last byte. */
  private declare end: number;
  /** Absolute offset of the next byte to read. */
  private declare cursor: number;
  /**
   * The `ArrayBuffer` under `bytes` when `bytes` is a plain `Uint8Array` (not a subclass such as `Buffer`), null for
   * a subclass, undefined until the first view is made (reading `buffer` of a small typed array makes V8 move its
   * bytes off the heap: only inputs that give views pay it). Views of a plain `Uint8Array` are made with
   * `new Uint8Array(buffer, offset, n)`, which costs about a third less than `subarray` (no species lookup); a
   * subclass keeps `subarray`, so a `Buffer` input still gives `Buffer` views.
   */
  private declare viewBuffer: ArrayBufferLike | null | undefined;
  /** `bytes.byteOffset`, for views made over {@link viewBuffer}. */
  private declare viewOffset: number;

  /**
   * Wraps `bytes` (not copied) with the cursor at 0.
   * @throws {BytesParserError} `INVALID_VALUE` if `bytes` is not a `Uint8Array` (a `Buffer` is one).
   */
  constructor(bytes: Uint8Array, options?: BytesParserOptions) {
    const parent = subParserParent;
    if (parent !== undefined) {
      subParserParent = undefined;
      this.bytes = parent.bytes;
      this.strings = parent.strings;
      this.littleEndian = parent.littleEndian;
      this.start = subParserStart;
      this.end = subParserEnd;
      this.viewBuffer = parent.viewBuffer;
      this.viewOffset = parent.viewOffset;
    } else {
      if (!(bytes instanceof Uint8Array)) {
        throw new BytesParserError("INVALID_VALUE", "BytesParser needs a Uint8Array (or a Buffer)", { offset: 0 });
      }
      const intern = options?.internStrings;
      if (!(intern === undefined || typeof intern === "boolean" || intern instanceof StringCache)) {
        throw new BytesParserError("INVALID_VALUE", `internStrings must be a boolean or a StringCache, got ${describeValue(intern)}`, { offset: 0 });
      }
      this.bytes = bytes;
      this.strings = intern === true ? SHARED_STRING_CACHE : intern === false ? undefined : intern;
      this.littleEndian = options?.littleEndian === true;
      this.start = 0;
      this.end = bytes.length;
      this.viewBuffer = undefined;
      this.viewOffset = 0;
    }
    this.cursor = this.start;
  }

  /**
   * Points this parser at new `bytes` (not copied), with the cursor at 0, keeping its options: decoding many small
   * inputs with one parser allocates nothing per input. The parser becomes a root parser (offsets index into `bytes`),
   * even if it was a sub-parser; sub-parsers created before keep reading the old bytes.
   * @throws {BytesParserError} `INVALID_VALUE` if `bytes` is not a `Uint8Array`.
   */
  reset(bytes: Uint8Array): this {
    if (!(bytes instanceof Uint8Array)) {
      throw new BytesParserError("INVALID_VALUE", "BytesParser needs a Uint8Array (or a Buffer)", { offset: 0 });
    }
    this.bytes = bytes;
    this.start = 0;
    this.end = bytes.length;
    this.cursor = 0;
    this.viewBuffer = undefined;
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Cursor control

  /** Number of bytes this parser covers. */
  get length(): number {
    return this.end - this.start;
  }

  /** Position of the cursor, from 0 (nothing read) to `length` (everything read). */
  get position(): number {
    return this.cursor - this.start;
  }

  /**
   * Absolute offset of the cursor: its index in the bytes of the root parser (the offset errors report). Equal to
   * `position` in a root parser; a sub-parser's `position` counts from its own first byte.
   */
  get offset(): number {
    return this.cursor;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.cursor;
  }

  // Direct access, for generated readers that read many fields per call with their own cursor (a local variable)
  // instead of one method call per field, then move this cursor once. They see exactly what the reading methods see.

  /** The bytes that absolute offsets index into (the root parser's input, not a copy): read them, never write. */
  get input(): Uint8Array {
    return this.bytes;
  }

  /** Absolute offset just past the last byte this parser may read (`offset + remaining`). */
  get limit(): number {
    return this.end;
  }

  /**
   * The string `readUtf8(n)` would return for the `n` bytes at absolute offset `at` (same intern table, invalid
   * UTF-8 as U+FFFD), without moving the cursor.
   * @throws {BytesParserError} `OUT_OF_BOUNDS` if the bytes are not all between this parser's first byte and {@link limit}.
   */
  utf8At(at: number, n: number): string {
    if (!(at >= this.start && n >= 0 && at + n <= this.end)) throw this.outOfBounds(n, "UTF-8 text", at);
    const strings = this.strings;
    return strings === undefined ? decodeUtf8(this.bytes, at, at + n, false) : strings.decode(this.bytes, at, at + n);
  }

  /**
   * The zero-copy view `readBytes(n)` would return for the `n` bytes at absolute offset `at`, without moving the cursor.
   * @throws {BytesParserError} `OUT_OF_BOUNDS` if the bytes are not all between this parser's first byte and {@link limit}.
   */
  bytesAt(at: number, n: number): Uint8Array {
    if (!(at >= this.start && n >= 0 && at + n <= this.end)) throw this.outOfBounds(n, "bytes", at);
    return this.view(at, n);
  }

  /**
   * The string `readUuid()` would return for the 16 bytes at absolute offset `at` (Kafka's 22-character form), without
   * moving the cursor.
   * @throws {BytesParserError} `OUT_OF_BOUNDS` if the bytes are not all between this parser's first byte and {@link limit}.
   */
  uuidAt(at: number): string {
    if (!(at >= this.start && at + UUID_BYTES <= this.end)) throw this.outOfBounds(UUID_BYTES, "UUID", at);
    return uuidToKafkaString(this.bytes, at);
  }

  /** Whether every byte was read. */
  isAtEnd(): boolean {
    return this.cursor === this.end;
  }

  /**
   * Moves the cursor to `position` (0 to `length`, both included).
   * @throws {BytesParserError} `INVALID_POSITION` outside that range.
   */
  seek(position: number): this {
    if (!(isUint32(position) && position <= this.length)) {
      throw this.error("INVALID_POSITION", `Cannot seek to ${describeValue(position)}: positions go from 0 to ${this.length}`, this.cursor);
    }
    this.cursor = this.start + position;
    return this;
  }

  /**
   * Moves the cursor forward by `n` bytes.
   * @throws {BytesParserError} `OUT_OF_BOUNDS` past the end, `NEGATIVE_LENGTH` for a negative `n`, `INVALID_VALUE` for a non-integer.
   */
  skip(n: number): this {
    const at = this.cursor;
    if (!(isUint32(n) && n <= this.end - at)) throw this.badLength(n, "skip", at);
    this.cursor = at + n;
    return this;
  }

  /**
   * Moves the cursor back by `n` bytes, or to 0 without `n`.
   * @throws {BytesParserError} `INVALID_POSITION` if `n` is more than `position` (or not a non-negative integer).
   */
  rewind(n?: number): this {
    if (n === undefined) {
      this.cursor = this.start;
      return this;
    }
    if (!(isUint32(n) && n <= this.cursor - this.start)) {
      throw this.error("INVALID_POSITION", `Cannot rewind by ${describeValue(n)}: the position is ${this.position}`, this.cursor);
    }
    this.cursor -= n;
    return this;
  }

  /** Runs `read` on this parser and puts the cursor back where it was, whether `read` returns or throws. */
  peek<T>(read: (parser: this) => T): T {
    if (typeof read !== "function") throw this.notAFunction("peek", read, this.cursor);
    const at = this.cursor;
    try {
      return read(this);
    } finally {
      this.cursor = at;
    }
  }

  /**
   * A parser over the next `n` bytes (sharing them, zero-copy), which cannot read beyond them; this parser's cursor
   * moves past them. Offsets in the sub-parser's errors stay absolute (relative to the root parser's bytes).
   * @throws {BytesParserError} `OUT_OF_BOUNDS` if fewer than `n` bytes remain, `NEGATIVE_LENGTH`, `INVALID_VALUE`.
   */
  subParser(n: number): BytesParser {
    const at = this.cursor;
    if (!(isUint32(n) && n <= this.end - at)) throw this.badLength(n, "sub-parser", at);
    this.cursor = at + n;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the hand-off to the constructor, cleared there
    subParserParent = this;
    subParserStart = at;
    subParserEnd = at + n;
    return new BytesParser(this.bytes);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Fixed-size primitives

  /** Reads a signed 8-bit integer. */
  readInt8(): number {
    return ((this.bytes[this.take(1, "int8")] as number) << 24) >> 24;
  }

  /** Reads an unsigned 8-bit integer. */
  readUint8(): number {
    return this.bytes[this.take(1, "uint8")] as number;
  }

  /** Reads a signed 16-bit integer (Kafka `INT16`). */
  readInt16(): number {
    const at = this.take(2, "int16");
    return this.littleEndian ? int16LE(this.bytes, at) : int16BE(this.bytes, at);
  }

  /** Reads an unsigned 16-bit integer (Kafka `UINT16`). */
  readUint16(): number {
    const at = this.take(2, "uint16");
    return (this.littleEndian ? int16LE(this.bytes, at) : int16BE(this.bytes, at)) & 0xffff;
  }

  /** Reads a signed 32-bit integer (Kafka `INT32`). */
  readInt32(): number {
    const at = this.take(4, "int32");
    return this.littleEndian ? int32LE(this.bytes, at) : int32BE(this.bytes, at);
  }

  /** Reads an unsigned 32-bit integer (Kafka `UINT32`). */
  readUint32(): number {
    const at = this.take(4, "uint32");
    return (this.littleEndian ? int32LE(this.bytes, at) : int32BE(this.bytes, at)) >>> 0;
  }

  /**
   * Reads a signed 64-bit integer (Kafka `INT64`) as a `bigint`: from its two uint32 halves, inside `BigInt.asIntN(64, ...)`,
   * which V8's optimising compiler turns into plain 64-bit arithmetic (measured on Node 20: 5 ns per int64, where a
   * copy to a scratch `DataView` and `getBigInt64` took 20). The halves are computed here, not in a helper: the
   * lowering only applies when the whole expression is compiled in one function.
   */
  readInt64(): bigint {
    const at = this.take(8, "int64");
    const b = this.bytes;
    if (this.littleEndian) {
      const low = ((b[at + 3] as number) << 24 | (b[at + 2] as number) << 16 | (b[at + 1] as number) << 8 | (b[at] as number)) >>> 0;
      const high = ((b[at + 7] as number) << 24 | (b[at + 6] as number) << 16 | (b[at + 5] as number) << 8 | (b[at + 4] as number)) >>> 0;
      return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low));
    }
    const high = ((b[at] as number) << 24 | (b[at + 1] as number) << 16 | (b[at + 2] as number) << 8 | (b[at + 3] as number)) >>> 0;
    const low = ((b[at + 4] as number) << 24 | (b[at + 5] as number) << 16 | (b[at + 6] as number) << 8 | (b[at + 7] as number)) >>> 0;
    return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low));
  }

  /** Reads an unsigned 64-bit integer as a `bigint` (as {@link readInt64} does). */
  readUint64(): bigint {
    const at = this.take(8, "uint64");
    const b = this.bytes;
    if (this.littleEndian) {
      const low = ((b[at + 3] as number) << 24 | (b[at + 2] as number) << 16 | (b[at + 1] as number) << 8 | (b[at] as number)) >>> 0;
      const high = ((b[at + 7] as number) << 24 | (b[at + 6] as number) << 16 | (b[at + 5] as number) << 8 | (b[at + 4] as number)) >>> 0;
      return BigInt.asUintN(64, (BigInt(high) << 32n) | BigInt(low));
    }
    const high = ((b[at] as number) << 24 | (b[at + 1] as number) << 16 | (b[at + 2] as number) << 8 | (b[at + 3] as number)) >>> 0;
    const low = ((b[at + 4] as number) << 24 | (b[at + 5] as number) << 16 | (b[at + 6] as number) << 8 | (b[at + 7] as number)) >>> 0;
    return BigInt.asUintN(64, (BigInt(high) << 32n) | BigInt(low));
  }

  /** Reads an IEEE 754 single-precision float. */
  readFloat32(): number {
    toScratch(this.bytes, this.take(4, "float32"), 4);
    return scratchView.getFloat32(0, this.littleEndian);
  }

  /** Reads an IEEE 754 double-precision float (Kafka `FLOAT64`). */
  readFloat64(): number {
    toScratch(this.bytes, this.take(8, "float64"), 8);
    return scratchView.getFloat64(0, this.littleEndian);
  }

  /** Reads a boolean byte (Kafka `BOOLEAN`): 0 is false, anything else true (as Kafka reads it). */
  readBoolean(): boolean {
    return this.bytes[this.take(1, "boolean")] !== 0;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Slices and strings of a given length

  /**
   * Reads the next `n` bytes as a zero-copy view (it shares memory with the input).
   * @throws {BytesParserError} `OUT_OF_BOUNDS`, `NEGATIVE_LENGTH`, `INVALID_VALUE` (non-integer `n`).
   */
  readBytes(n: number): Uint8Array {
    const at = this.cursor;
    if (!(isUint32(n) && n <= this.end - at)) throw this.badLength(n, "bytes", at);
    this.cursor = at + n;
    return this.view(at, n);
  }

  /**
   * Reads the next `n` bytes as UTF-8 text. ASCII is decoded without `TextDecoder`; invalid sequences become U+FFFD
   * unless `validate` is set.
   * @throws {BytesParserError} `OUT_OF_BOUNDS`, `NEGATIVE_LENGTH`, `INVALID_VALUE`, `INVALID_UTF8` (with `validate`).
   */
  readUtf8(n: number, options?: Utf8Options): string {
    const at = this.cursor;
    if (!(isUint32(n) && n <= this.end - at)) throw this.badLength(n, "UTF-8 text", at);
    return this.utf8Body(at, n, options?.validate === true, at);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka varints (org.apache.kafka.common.utils.ByteUtils)

  /**
   * Reads Kafka's `UNSIGNED_VARINT`: 1 to 5 bytes, 7 bits each, least significant group first, as a uint32.
   * @throws {BytesParserError} `VARINT_TOO_LONG` past 5 bytes or 32 bits, `OUT_OF_BOUNDS` if the input ends within it.
   */
  readUnsignedVarint(): number {
    const at = this.cursor;
    if (at < this.end) {
      const first = this.bytes[at] as number;
      if (first < 0x80) {
        this.cursor = at + 1;
        return first;
      }
    }
    return this.readLongUnsignedVarint(at);
  }

  /**
   * The multi-byte (or failing) case of {@link readUnsignedVarint}, kept apart so the 1-byte case inlines. Unrolled,
   * without per-byte bounds checks, when the 5 bytes of the longest varint remain.
   */
  private readLongUnsignedVarint(at: number): number {
    if (at + 5 > this.end) return this.readUnsignedVarintNearEnd(at);
    const bytes = this.bytes;
    let byte = bytes[at] as number;
    let result = byte & 0x7f;
    byte = bytes[at + 1] as number;
    result |= (byte & 0x7f) << 7;
    if (byte < 0x80) {
      this.cursor = at + 2;
      return result;
    }
    byte = bytes[at + 2] as number;
    result |= (byte & 0x7f) << 14;
    if (byte < 0x80) {
      this.cursor = at + 3;
      return result;
    }
    byte = bytes[at + 3] as number;
    result |= (byte & 0x7f) << 21;
    if (byte < 0x80) {
      this.cursor = at + 4;
      return result;
    }
    byte = bytes[at + 4] as number;
    // The fifth byte carries the top 4 bits: a continuation bit or anything above bit 31 is too long.
    if (byte > 0x0f) throw this.varintTooLong(at);
    this.cursor = at + 5;
    return result + byte * 0x10000000;
  }

  /**
   * {@link readLongUnsignedVarint} when fewer than 5 bytes remain: the varint ends within them (at most 28 bits,
   * so no overflow check), or it is cut short.
   */
  private readUnsignedVarintNearEnd(at: number): number {
    const bytes = this.bytes;
    let result = 0;
    for (let p = at, shift = 0; p < this.end; p++, shift += 7) {
      const byte = bytes[p] as number;
      result |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.cursor = p + 1;
        return result;
      }
    }
    throw this.outOfBounds(this.end - at + 1, "unsigned varint", at);
  }

  /**
   * Reads Kafka's `VARINT`: a zigzag-encoded signed int32 as an unsigned varint (`ByteUtils.readVarint`).
   * @throws {BytesParserError} `VARINT_TOO_LONG`, `OUT_OF_BOUNDS`.
   */
  readVarint(): number {
    const raw = this.readUnsignedVarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /**
   * Reads Kafka's `VARLONG`: a zigzag-encoded signed int64 in 1 to 10 bytes (`ByteUtils.readVarlong`), as a `bigint`.
   * @throws {BytesParserError} `VARINT_TOO_LONG` past 10 bytes or 64 bits, `OUT_OF_BOUNDS`.
   */
  readVarlong(): bigint {
    const at = this.cursor;
    if (at < this.end) {
      const first = this.bytes[at] as number;
      if (first < 0x80) {
        this.cursor = at + 1;
        return BigInt((first >>> 1) ^ -(first & 1));
      }
    }
    return this.readLongVarlong(at);
  }

  /** The multi-byte (or failing) case of {@link readVarlong}: plain numbers up to 49 bits (7 bytes), `bigint` beyond. */
  private readLongVarlong(at: number): bigint {
    const bytes = this.bytes;
    let low = 0; // groups 1 to 7: bits 0 to 48, exact in a double
    let scale = 1;
    let high = 0; // groups 8 to 10: bits 49 to 63
    for (let i = 0; ; i++) {
      const p = at + i;
      if (p >= this.end) throw this.outOfBounds(i + 1, "varlong", at);
      const byte = bytes[p] as number;
      if (i < 7) {
        low += (byte & 0x7f) * scale;
        scale *= 0x80;
      } else {
        // The tenth byte carries bit 63 only: a continuation bit or anything above it is too long.
        if (i === 9 && byte > 0x01) throw this.error("VARINT_TOO_LONG", `Varlong at offset ${at} is longer than 10 bytes or 64 bits`, at);
        high |= (byte & 0x7f) << (7 * (i - 7));
      }
      if (byte < 0x80) {
        this.cursor = p + 1;
        // Zigzag: even n => n / 2, odd n => -(n + 1) / 2.
        if (i < 7) return BigInt(low % 2 === 0 ? low / 2 : -(low + 1) / 2);
        const raw = (BigInt(high) << 49n) | BigInt(low);
        return (raw >> 1n) ^ -(raw & 1n);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka strings and bytes

  /**
   * Reads Kafka's `STRING`: an int16 length N >= 0, then N bytes of UTF-8.
   * @throws {BytesParserError} `UNEXPECTED_NULL` for length -1, `NEGATIVE_LENGTH`, `OUT_OF_BOUNDS`, `INVALID_UTF8`.
   */
  readString(options?: Utf8Options): string {
    const at = this.cursor;
    const n = this.int16Length(at, "STRING");
    if (n < 0) throw this.nullLength(n, "STRING", at);
    return this.utf8Body(at + 2, n, options?.validate === true, at);
  }

  /**
   * Reads Kafka's `NULLABLE_STRING`: an int16 length N (-1 for null), then N bytes of UTF-8.
   * @throws {BytesParserError} `NEGATIVE_LENGTH` (below -1), `OUT_OF_BOUNDS`, `INVALID_UTF8`.
   */
  readNullableString(options?: Utf8Options): string | null {
    const at = this.cursor;
    const n = this.int16Length(at, "NULLABLE_STRING");
    if (n < 0) {
      if (n === -1) {
        this.cursor = at + 2;
        return null;
      }
      throw this.nullLength(n, "NULLABLE_STRING", at);
    }
    return this.utf8Body(at + 2, n, options?.validate === true, at);
  }

  /**
   * Reads Kafka's `COMPACT_STRING`: an unsigned varint N + 1, then N bytes of UTF-8.
   * @throws {BytesParserError} `UNEXPECTED_NULL` for N + 1 = 0, `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`, `INVALID_UTF8`.
   */
  readCompactString(options?: Utf8Options): string {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) throw this.restore(at, this.nullLength(n, "COMPACT_STRING", at));
    return this.utf8Body(this.cursor, n, options?.validate === true, at);
  }

  /**
   * Reads Kafka's `COMPACT_NULLABLE_STRING`: an unsigned varint N + 1 (0 for null), then N bytes of UTF-8.
   * @throws {BytesParserError} `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`, `INVALID_UTF8`.
   */
  readCompactNullableString(options?: Utf8Options): string | null {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) return null;
    return this.utf8Body(this.cursor, n, options?.validate === true, at);
  }

  /**
   * Reads Kafka's `BYTES`: an int32 length N >= 0, then N bytes (a zero-copy view).
   * @throws {BytesParserError} `UNEXPECTED_NULL` for length -1, `NEGATIVE_LENGTH`, `OUT_OF_BOUNDS`.
   */
  readByteArray(): Uint8Array {
    const at = this.cursor;
    const n = this.int32Length(at, "BYTES");
    if (n < 0) throw this.nullLength(n, "BYTES", at);
    return this.bytesBody(at + 4, n, at);
  }

  /**
   * Reads Kafka's `NULLABLE_BYTES`: an int32 length N (-1 for null), then N bytes (a zero-copy view).
   * @throws {BytesParserError} `NEGATIVE_LENGTH` (below -1), `OUT_OF_BOUNDS`.
   */
  readNullableByteArray(): Uint8Array | null {
    const at = this.cursor;
    const n = this.int32Length(at, "NULLABLE_BYTES");
    if (n < 0) {
      if (n === -1) {
        this.cursor = at + 4;
        return null;
      }
      throw this.nullLength(n, "NULLABLE_BYTES", at);
    }
    return this.bytesBody(at + 4, n, at);
  }

  /**
   * Reads Kafka's `COMPACT_BYTES`: an unsigned varint N + 1, then N bytes (a zero-copy view).
   * @throws {BytesParserError} `UNEXPECTED_NULL` for N + 1 = 0, `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`.
   */
  readCompactByteArray(): Uint8Array {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) throw this.restore(at, this.nullLength(n, "COMPACT_BYTES", at));
    return this.bytesBody(this.cursor, n, at);
  }

  /**
   * Reads Kafka's `COMPACT_NULLABLE_BYTES`: an unsigned varint N + 1 (0 for null), then N bytes (a zero-copy view).
   * @throws {BytesParserError} `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`.
   */
  readCompactNullableByteArray(): Uint8Array | null {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) return null;
    return this.bytesBody(this.cursor, n, at);
  }

  /**
   * Reads Kafka's `UUID`: 16 bytes, returned in Kafka's string form (URL-safe base64 without padding, 22 characters,
   * as `org.apache.kafka.common.Uuid#toString`).
   * @throws {BytesParserError} `OUT_OF_BOUNDS`.
   */
  readUuid(): string {
    return uuidToKafkaString(this.bytes, this.take(UUID_BYTES, "UUID"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka arrays

  /**
   * Reads Kafka's `ARRAY`: an int32 count N >= 0, then N elements read by `readElement`.
   * As Kafka's generated readers do, a count larger than the bytes remaining is rejected before reading anything.
   * @throws {BytesParserError} `UNEXPECTED_NULL` for count -1, `NEGATIVE_LENGTH`, `OUT_OF_BOUNDS`, or the element's errors.
   */
  readArray<T>(readElement: ElementReader<T>): T[] {
    const at = this.cursor;
    const n = this.int32Length(at, "ARRAY");
    if (n < 0) throw this.nullLength(n, "ARRAY", at);
    this.cursor = at + 4;
    return this.elements(n, readElement, at);
  }

  /**
   * Reads Kafka's nullable `ARRAY`: an int32 count N (-1 for null), then N elements read by `readElement`.
   * @throws {BytesParserError} `NEGATIVE_LENGTH` (below -1), `OUT_OF_BOUNDS`, or the element's errors.
   */
  readNullableArray<T>(readElement: ElementReader<T>): T[] | null {
    const at = this.cursor;
    const n = this.int32Length(at, "ARRAY");
    if (n < 0) {
      if (n === -1) {
        this.cursor = at + 4;
        return null;
      }
      throw this.nullLength(n, "ARRAY", at);
    }
    this.cursor = at + 4;
    return this.elements(n, readElement, at);
  }

  /**
   * Reads Kafka's `COMPACT_ARRAY`: an unsigned varint N + 1, then N elements read by `readElement`.
   * @throws {BytesParserError} `UNEXPECTED_NULL` for N + 1 = 0, `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`, or the element's errors.
   */
  readCompactArray<T>(readElement: ElementReader<T>): T[] {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) throw this.restore(at, this.nullLength(n, "COMPACT_ARRAY", at));
    return this.elements(n, readElement, at);
  }

  /**
   * Reads Kafka's nullable `COMPACT_ARRAY`: an unsigned varint N + 1 (0 for null), then N elements.
   * @throws {BytesParserError} `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`, or the element's errors.
   */
  readCompactNullableArray<T>(readElement: ElementReader<T>): T[] | null {
    const at = this.cursor;
    const n = this.readUnsignedVarint() - 1;
    if (n < 0) return null;
    return this.elements(n, readElement, at);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka tagged fields (KIP-482)

  /**
   * Reads a tagged-field section: an unsigned varint count, then per field an unsigned varint tag (strictly
   * ascending), an unsigned varint size and `size` bytes. `onKnownTag` gets each field with a parser bounded to it,
   * and returns true if it handled it; the cursor always lands after the field, however much `onKnownTag` read.
   * Returns the fields not handled, as zero-copy views.
   * @throws {BytesParserError} `INVALID_TAGGED_FIELDS` (tags not ascending), `OUT_OF_BOUNDS`, `VARINT_TOO_LONG`,
   *   or what `onKnownTag` throws.
   */
  readTaggedFields(onKnownTag?: TaggedFieldHandler): TaggedField[] {
    if (onKnownTag !== undefined && typeof onKnownTag !== "function") throw this.notAFunction("readTaggedFields", onKnownTag, this.cursor);
    const at = this.cursor;
    const count = this.readUnsignedVarint();
    if (count === 0) return [];
    const unknown: TaggedField[] = [];
    try {
      // Each field takes at least 2 bytes (tag and size): a count beyond that is rejected before looping.
      if (count * 2 > this.end - this.cursor) {
        throw this.error(
          "OUT_OF_BOUNDS",
          `Tagged-field section claims ${count} fields but only ${this.end - this.cursor} bytes remain`,
          this.cursor,
          count * 2,
          this.end - this.cursor,
        );
      }
      let previousTag = -1;
      for (let i = 0; i < count; i++) {
        const tagAt = this.cursor;
        const tag = this.readUnsignedVarint();
        if (tag <= previousTag) {
          throw this.error(
            "INVALID_TAGGED_FIELDS",
            `Tagged field ${tag} follows tag ${previousTag}: tags must be strictly ascending`,
            tagAt,
          );
        }
        previousTag = tag;
        const size = this.readUnsignedVarint();
        const fieldStart = this.cursor;
        if (size > this.end - fieldStart) throw this.outOfBounds(size, `tagged field ${tag}`, fieldStart);
        const handled = onKnownTag !== undefined && onKnownTag(tag, this.subParser(size));
        this.cursor = fieldStart + size;
        if (!handled) unknown.push({ tag, data: this.view(fieldStart, size) });
      }
    } catch (error) {
      this.cursor = at;
      throw error;
    }
    return unknown;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Internals. Bounds are plain integer compares; errors are built only on the failure path.

  /** Checks that `n` bytes remain, moves the cursor past them and returns where they start. */
  private take(n: number, what: string): number {
    const at = this.cursor;
    if (at + n > this.end) throw this.outOfBounds(n, what, at);
    this.cursor = at + n;
    return at;
  }

  /** Reads a big-endian int16 length prefix at `at` without moving the cursor. */
  private int16Length(at: number, what: string): number {
    if (at + 2 > this.end) throw this.outOfBounds(2, `${what} length`, at);
    return int16BE(this.bytes, at);
  }

  /** Reads a big-endian int32 length prefix at `at` without moving the cursor. */
  private int32Length(at: number, what: string): number {
    if (at + 4 > this.end) throw this.outOfBounds(4, `${what} length`, at);
    return int32BE(this.bytes, at);
  }

  /** Decodes `n` bytes of UTF-8 at `p` and moves the cursor past them; on failure the cursor goes back to `at`. */
  private utf8Body(p: number, n: number, validate: boolean, at: number): string {
    if (n > this.end - p) throw this.restore(at, this.outOfBounds(n, "string", p));
    if (validate) return this.validatedUtf8Body(p, n, at);
    const strings = this.strings;
    const text = strings === undefined ? decodeUtf8(this.bytes, p, p + n, false) : strings.decode(this.bytes, p, p + n);
    this.cursor = p + n;
    return text;
  }

  /** {@link utf8Body} with validation (kept apart so that the common case stays small enough to inline). */
  private validatedUtf8Body(p: number, n: number, at: number): string {
    let text: string;
    try {
      const strings = this.strings;
      text = strings === undefined ? decodeUtf8(this.bytes, p, p + n, true) : strings.decode(this.bytes, p, p + n, true);
    } catch (cause) {
      throw this.restore(at, this.error("INVALID_UTF8", `${n} bytes at offset ${p} are not valid UTF-8`, p, n, undefined, cause));
    }
    this.cursor = p + n;
    return text;
  }

  /** Returns a view of `n` bytes at `p` and moves the cursor past them; on failure the cursor goes back to `at`. */
  private bytesBody(p: number, n: number, at: number): Uint8Array {
    if (n > this.end - p) throw this.restore(at, this.outOfBounds(n, "bytes", p));
    this.cursor = p + n;
    return this.view(p, n);
  }

  /**
   * A zero-copy view of `n` bytes at absolute offset `p` (in bounds: the caller checked). For a plain `Uint8Array`
   * input, an empty view is one shared, frozen, empty `Uint8Array` (nothing to share with the input, nothing to
   * allocate: Kafka's empty `userData` and empty byte fields are common).
   */
  private view(p: number, n: number): Uint8Array {
    let buffer = this.viewBuffer;
    if (buffer === undefined) {
      const bytes = this.bytes;
      buffer = this.viewBuffer = Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes.buffer : null;
      this.viewOffset = bytes.byteOffset;
    }
    if (buffer === null) return this.bytes.subarray(p, p + n);
    return n === 0 ? EMPTY_VIEW : new Uint8Array(buffer, this.viewOffset + p, n);
  }

  /** Reads `n` elements (the count was just read; `at` is where it started, to restore the cursor on failure). */
  private elements<T>(n: number, readElement: ElementReader<T>, at: number): T[] {
    if (typeof readElement !== "function") throw this.restore(at, this.notAFunction("array element reader", readElement, at));
    // As Kafka's generated readers: every element takes at least one byte, so a count beyond the bytes remaining is
    // malformed, and is rejected before allocating anything.
    if (n > this.end - this.cursor) {
      const p = this.cursor;
      throw this.restore(
        at,
        this.error("OUT_OF_BOUNDS", `Array claims ${n} elements but only ${this.end - p} bytes remain`, p, n, this.end - p),
      );
    }
    const result: T[] = [];
    try {
      for (let i = 0; i < n; i++) result.push(readElement(this));
    } catch (error) {
      this.cursor = at;
      throw error;
    }
    return result;
  }

  /** Puts the cursor back to `at` and returns `error`, for `throw this.restore(at, ...)`. */
  private restore(at: number, error: BytesParserError): BytesParserError {
    this.cursor = at;
    return error;
  }

  /** The error for a length prefix that is negative: `UNEXPECTED_NULL` for -1, `NEGATIVE_LENGTH` below. */
  private nullLength(n: number, what: string, at: number): BytesParserError {
    return n === -1
      ? this.error("UNEXPECTED_NULL", `${what} at offset ${at} is null, which this field does not allow`, at)
      : this.error("NEGATIVE_LENGTH", `${what} at offset ${at} has a negative length (${n})`, at, n);
  }

  /** The error for a length argument that is not a non-negative integer within the bytes remaining. */
  private badLength(n: number, what: string, at: number): BytesParserError {
    if (typeof n !== "number" || !Number.isInteger(n)) {
      return this.error("INVALID_VALUE", `Length of ${what} must be an integer, got ${describeValue(n)}`, at);
    }
    if (n < 0) return this.error("NEGATIVE_LENGTH", `Length of ${what} must not be negative, got ${n}`, at, n);
    return this.outOfBounds(n, what, at);
  }

  /** The error for an unsigned varint at `at` that runs past 5 bytes or 32 bits. */
  private varintTooLong(at: number): BytesParserError {
    return this.error("VARINT_TOO_LONG", `Unsigned varint at offset ${at} is longer than 5 bytes or 32 bits`, at);
  }

  /** The error for a callback argument that is not a function. */
  private notAFunction(what: string, value: unknown, at: number): BytesParserError {
    return this.error("INVALID_VALUE", `The ${what} callback must be a function, got ${describeValue(value)}`, at);
  }

  /** The error for `requested` bytes at `at` that are not all there. */
  private outOfBounds(requested: number, what: string, at: number): BytesParserError {
    const remaining = this.end - at;
    return this.error(
      "OUT_OF_BOUNDS",
      `Cannot read ${what} (${requested} bytes) at offset ${at}: only ${remaining} bytes remain`,
      at,
      requested,
      remaining,
    );
  }

  /** Builds a BytesParserError: called only on the failure path. */
  private error(
    code: BytesParserError["code"],
    message: string,
    offset: number,
    requested?: number,
    remaining?: number,
    cause?: unknown,
  ): BytesParserError {
    return new BytesParserError(code, message, { offset, requested, remaining, cause });
  }
}

// Numbers read without a DataView over the input (in bounds: the caller checked). Creating a view costs more (about
// 100 ns) than decoding a small input, so integers are assembled from the bytes, and floats are copied into an 8-byte
// scratch array with one view made once.

/** What every empty view of a plain `Uint8Array` input is (frozen: an empty typed array has no element to change). */
const EMPTY_VIEW = Object.freeze(new Uint8Array(0)) as Uint8Array;

/** The scratch bytes of 64-bit and float reads (decoding is synchronous: one is enough). */
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

/** Copies `n` bytes at `at` into the scratch array, for a read through `scratchView`. */
function toScratch(bytes: Uint8Array, at: number, n: 4 | 8): void {
  scratch[0] = bytes[at] as number;
  scratch[1] = bytes[at + 1] as number;
  scratch[2] = bytes[at + 2] as number;
  scratch[3] = bytes[at + 3] as number;
  if (n === 8) {
    scratch[4] = bytes[at + 4] as number;
    scratch[5] = bytes[at + 5] as number;
    scratch[6] = bytes[at + 6] as number;
    scratch[7] = bytes[at + 7] as number;
  }
}

/** Big-endian int16 at `at`, sign-extended. */
function int16BE(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) >> 16) | (bytes[at + 1] as number);
}

/** Little-endian int16 at `at`, sign-extended. */
function int16LE(bytes: Uint8Array, at: number): number {
  return (((bytes[at + 1] as number) << 24) >> 16) | (bytes[at] as number);
}

/** Big-endian int32 at `at`. */
function int32BE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
}

/** Little-endian int32 at `at`. */
function int32LE(bytes: Uint8Array, at: number): number {
  return ((bytes[at + 3] as number) << 24) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 1] as number) << 8) | (bytes[at] as number);
}
