import { BytesParserError, describeValue } from "./errors.js";
import type { BytesParserErrorCode } from "./errors.js";
import type { TaggedField } from "./tagged-field.js";
import { isInt16, isInt32, isInt8, isUint16, isUint32, isUint8 } from "./integers.js";
import { encodeUtf8Into, utf8ByteLength } from "./utf8.js";
import { UUID_BYTES, parseUuidInto } from "./uuid.js";

/** Options of a {@link BytesWriter}. */
export interface BytesWriterOptions {
  /**
   * Write the fixed-size numbers (`writeInt16` ... `writeFloat64`) little-endian. Default: big-endian.
   * Kafka's own primitives (length prefixes of strings, bytes and arrays) are big-endian whatever this says.
   */
  readonly littleEndian?: boolean;
  /** Bytes to allocate up front (default 256); the buffer doubles whenever it is full. */
  readonly initialCapacity?: number;
}

/** Writes one element of an array. */
export type ElementWriter<T> = (writer: BytesWriter, element: T) => void;

const DEFAULT_CAPACITY = 256;
const INT16_MAX = 0x7fff;
const INT32_MAX = 0x7fffffff;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * The mirror image of {@link BytesParser}: a `writeX` for every `readX`, appending to a buffer that grows
 * geometrically. `finish()` returns a view of exactly the bytes written. Every `writeX` returns the writer, to chain.
 *
 * Values are checked: an integer out of its type's range, a string too long for its length prefix, a malformed
 * UUID or unsorted tags throw a {@link BytesParserError} (`INVALID_VALUE`, `UNEXPECTED_NULL`,
 * `INVALID_TAGGED_FIELDS`) instead of writing something else than what was asked for.
 *
 * ```ts
 * const bytes = new BytesWriter().writeInt16(1).writeString("my-group").finish();
 * ```
 */
export class BytesWriter {
  /** Whether the fixed-size numbers are written little-endian. */
  declare readonly littleEndian: boolean;
  /** The buffer written into; replaced by a larger one when full. */
  private declare buffer: Uint8Array;
  /** A DataView over `buffer`, replaced with it. */
  private declare view: DataView;
  /** Bytes written so far: where the next write goes. */
  private declare cursor: number;

  /** An empty writer. */
  constructor(options?: BytesWriterOptions) {
    this.littleEndian = options?.littleEndian === true;
    const capacity = options?.initialCapacity;
    this.buffer = new Uint8Array(
      typeof capacity === "number" && capacity >= 1 && capacity <= INT32_MAX ? Math.floor(capacity) : DEFAULT_CAPACITY,
    );
    this.view = new DataView(this.buffer.buffer);
    this.cursor = 0;
  }

  /** Number of bytes written so far. */
  get length(): number {
    return this.cursor;
  }

  /**
   * The bytes written so far: a view (no copy) of exactly `length` bytes. Later writes append after them and never
   * change them.
   */
  finish(): Uint8Array {
    return this.buffer.subarray(0, this.cursor);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Fixed-size primitives

  /** Writes a signed 8-bit integer. @throws {BytesParserError} `INVALID_VALUE` outside -128..127 or not an integer. */
  writeInt8(value: number): this {
    if (!isInt8(value)) throw this.invalid("int8", value);
    const at = this.reserve(1);
    this.buffer[at] = value;
    return this;
  }

  /** Writes an unsigned 8-bit integer. @throws {BytesParserError} `INVALID_VALUE` outside 0..255 or not an integer. */
  writeUint8(value: number): this {
    if (!isUint8(value)) throw this.invalid("uint8", value);
    const at = this.reserve(1);
    this.buffer[at] = value;
    return this;
  }

  /** Writes a signed 16-bit integer (Kafka `INT16`). @throws {BytesParserError} `INVALID_VALUE` out of range. */
  writeInt16(value: number): this {
    if (!isInt16(value)) throw this.invalid("int16", value);
    const at = this.reserve(2);
    this.view.setInt16(at, value, this.littleEndian);
    return this;
  }

  /** Writes an unsigned 16-bit integer (Kafka `UINT16`). @throws {BytesParserError} `INVALID_VALUE` out of range. */
  writeUint16(value: number): this {
    if (!isUint16(value)) throw this.invalid("uint16", value);
    const at = this.reserve(2);
    this.view.setUint16(at, value, this.littleEndian);
    return this;
  }

  /** Writes a signed 32-bit integer (Kafka `INT32`). @throws {BytesParserError} `INVALID_VALUE` out of range. */
  writeInt32(value: number): this {
    if (!isInt32(value)) throw this.invalid("int32", value);
    const at = this.reserve(4);
    this.view.setInt32(at, value, this.littleEndian);
    return this;
  }

  /** Writes an unsigned 32-bit integer (Kafka `UINT32`). @throws {BytesParserError} `INVALID_VALUE` out of range. */
  writeUint32(value: number): this {
    if (!isUint32(value)) throw this.invalid("uint32", value);
    const at = this.reserve(4);
    this.view.setUint32(at, value, this.littleEndian);
    return this;
  }

  /**
   * Writes a signed 64-bit integer (Kafka `INT64`), given as a `bigint` or a safe integer `number`.
   * @throws {BytesParserError} `INVALID_VALUE` outside the int64 range.
   */
  writeInt64(value: bigint | number): this {
    const big = this.int64(value, "int64");
    const at = this.reserve(8);
    this.view.setBigInt64(at, big, this.littleEndian);
    return this;
  }

  /**
   * Writes an unsigned 64-bit integer, given as a `bigint` or a safe integer `number`.
   * @throws {BytesParserError} `INVALID_VALUE` outside 0..2^64-1.
   */
  writeUint64(value: bigint | number): this {
    let big: bigint;
    if (typeof value === "bigint" && value >= 0n && value <= UINT64_MAX) big = value;
    else if (Number.isSafeInteger(value) && (value as number) >= 0) big = BigInt(value);
    else throw this.invalid("uint64", value);
    const at = this.reserve(8);
    this.view.setBigUint64(at, big, this.littleEndian);
    return this;
  }

  /** Writes an IEEE 754 single-precision float (rounding as `Math.fround`). @throws {BytesParserError} `INVALID_VALUE` for a non-number. */
  writeFloat32(value: number): this {
    if (typeof value !== "number") throw this.invalid("float32", value);
    const at = this.reserve(4);
    this.view.setFloat32(at, value, this.littleEndian);
    return this;
  }

  /** Writes an IEEE 754 double-precision float (Kafka `FLOAT64`). @throws {BytesParserError} `INVALID_VALUE` for a non-number. */
  writeFloat64(value: number): this {
    if (typeof value !== "number") throw this.invalid("float64", value);
    const at = this.reserve(8);
    this.view.setFloat64(at, value, this.littleEndian);
    return this;
  }

  /** Writes a boolean as one byte, 1 or 0 (Kafka `BOOLEAN`). @throws {BytesParserError} `INVALID_VALUE` for a non-boolean. */
  writeBoolean(value: boolean): this {
    if (typeof value !== "boolean") throw this.invalid("boolean", value);
    const at = this.reserve(1);
    this.buffer[at] = value ? 1 : 0;
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Raw slices and text

  /** Writes `bytes` as they are, without a length (mirror of `readBytes(n)`). */
  writeBytes(bytes: Uint8Array): this {
    if (!(bytes instanceof Uint8Array)) throw this.invalid("bytes", bytes);
    const at = this.reserve(bytes.length);
    this.buffer.set(bytes, at);
    return this;
  }

  /** Writes `text` as UTF-8, without a length (mirror of `readUtf8(n)`; `utf8ByteLength` gives `n`). */
  writeUtf8(text: string): this {
    if (typeof text !== "string") throw this.invalid("UTF-8 text", text);
    this.utf8Body(text, utf8ByteLength(text));
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka varints (org.apache.kafka.common.utils.ByteUtils)

  /** Writes Kafka's `UNSIGNED_VARINT` (1 to 5 bytes). @throws {BytesParserError} `INVALID_VALUE` outside the uint32 range. */
  writeUnsignedVarint(value: number): this {
    if (!isUint32(value)) throw this.invalid("unsigned varint", value);
    this.unsignedVarint(value);
    return this;
  }

  /** Writes Kafka's `VARINT`: a zigzag-encoded int32. @throws {BytesParserError} `INVALID_VALUE` outside the int32 range. */
  writeVarint(value: number): this {
    if (!isInt32(value)) throw this.invalid("varint", value);
    this.unsignedVarint(((value << 1) ^ (value >> 31)) >>> 0);
    return this;
  }

  /**
   * Writes Kafka's `VARLONG`: a zigzag-encoded int64 (1 to 10 bytes), given as a `bigint` or a safe integer `number`.
   * @throws {BytesParserError} `INVALID_VALUE` outside the int64 range.
   */
  writeVarlong(value: bigint | number): this {
    if (typeof value === "number" && (value | 0) === value) {
      // Fast path for int32 values: zigzag fits 32 bits.
      this.unsignedVarint(((value << 1) ^ (value >> 31)) >>> 0);
      return this;
    }
    const big = this.int64(value, "varlong");
    let raw = BigInt.asUintN(64, (big << 1n) ^ (big >> 63n));
    while (raw >= 0x80n) {
      this.byte(Number(raw & 0x7fn) | 0x80);
      raw >>= 7n;
    }
    this.byte(Number(raw));
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka strings and bytes

  /** Writes Kafka's `STRING` (int16 length). @throws {BytesParserError} `UNEXPECTED_NULL`, `INVALID_VALUE` (over 32767 bytes). */
  writeString(text: string): this {
    if (typeof text === "string" && text.length <= INT16_MAX) {
      // Optimistic ASCII (the common case): one pass, the length known up front.
      const at = this.reserve(2 + text.length);
      if (this.asciiBody(text, at + 2)) {
        this.view.setInt16(at, text.length);
        return this;
      }
      this.cursor = at;
    }
    const n = this.textLength(text, "STRING", INT16_MAX);
    const at = this.reserve(2);
    this.view.setInt16(at, n);
    this.utf8Body(text, n);
    return this;
  }

  /** Writes Kafka's `NULLABLE_STRING` (int16 length, -1 for null). @throws {BytesParserError} `INVALID_VALUE` (over 32767 bytes). */
  writeNullableString(text: string | null): this {
    if (text === null) {
      const at = this.reserve(2);
      this.view.setInt16(at, -1);
      return this;
    }
    return this.writeString(text);
  }

  /**
   * Writes Kafka's `COMPACT_STRING` (unsigned varint length + 1). At most 32767 bytes, as Kafka's generated writers
   * allow ("field is too long to be serialized") although the varint could say more.
   * @throws {BytesParserError} `UNEXPECTED_NULL`, `INVALID_VALUE` (over 32767 bytes).
   */
  writeCompactString(text: string): this {
    if (typeof text === "string" && text.length < 0x7f) {
      // Optimistic ASCII with a 1-byte length (the common case): one pass.
      const at = this.reserve(1 + text.length);
      if (this.asciiBody(text, at + 1)) {
        this.buffer[at] = text.length + 1;
        return this;
      }
      this.cursor = at;
    }
    const n = this.textLength(text, "COMPACT_STRING", INT16_MAX);
    this.unsignedVarint(n + 1);
    this.utf8Body(text, n);
    return this;
  }

  /** Writes Kafka's `COMPACT_NULLABLE_STRING` (unsigned varint length + 1, 0 for null). @throws {BytesParserError} `INVALID_VALUE`. */
  writeCompactNullableString(text: string | null): this {
    if (text === null) {
      this.unsignedVarint(0);
      return this;
    }
    return this.writeCompactString(text);
  }

  /** Writes Kafka's `BYTES` (int32 length). @throws {BytesParserError} `UNEXPECTED_NULL`, `INVALID_VALUE`. */
  writeByteArray(bytes: Uint8Array): this {
    this.checkBytes(bytes, "BYTES");
    const at = this.reserve(4);
    this.view.setInt32(at, bytes.length);
    return this.writeBytes(bytes);
  }

  /** Writes Kafka's `NULLABLE_BYTES` (int32 length, -1 for null). @throws {BytesParserError} `INVALID_VALUE`. */
  writeNullableByteArray(bytes: Uint8Array | null): this {
    if (bytes === null) {
      const at = this.reserve(4);
      this.view.setInt32(at, -1);
      return this;
    }
    return this.writeByteArray(bytes);
  }

  /** Writes Kafka's `COMPACT_BYTES` (unsigned varint length + 1). @throws {BytesParserError} `UNEXPECTED_NULL`, `INVALID_VALUE`. */
  writeCompactByteArray(bytes: Uint8Array): this {
    this.checkBytes(bytes, "COMPACT_BYTES");
    this.unsignedVarint(bytes.length + 1);
    return this.writeBytes(bytes);
  }

  /** Writes Kafka's `COMPACT_NULLABLE_BYTES` (unsigned varint length + 1, 0 for null). @throws {BytesParserError} `INVALID_VALUE`. */
  writeCompactNullableByteArray(bytes: Uint8Array | null): this {
    if (bytes === null) {
      this.unsignedVarint(0);
      return this;
    }
    return this.writeCompactByteArray(bytes);
  }

  /**
   * Writes Kafka's `UUID` (16 bytes), given in Kafka's 22-character form (as `readUuid` returns it) or as
   * 8-4-4-4-12 hexadecimal.
   * @throws {BytesParserError} `INVALID_VALUE` for anything else.
   */
  writeUuid(uuid: string): this {
    if (typeof uuid !== "string") throw this.invalid("UUID", uuid);
    const at = this.reserve(UUID_BYTES);
    if (!parseUuidInto(uuid, this.buffer, at)) {
      this.cursor = at;
      throw this.invalid("UUID (22 characters of URL-safe base64, or 8-4-4-4-12 hexadecimal)", uuid);
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka arrays

  /**
   * Writes Kafka's `ARRAY` (int32 count, then each element). If `writeElement` throws, nothing of the array stays.
   * @throws {BytesParserError} `UNEXPECTED_NULL`, `INVALID_VALUE`.
   */
  writeArray<T>(elements: readonly T[], writeElement: ElementWriter<T>): this {
    this.checkArray(elements, "ARRAY");
    const at = this.reserve(4);
    this.view.setInt32(at, elements.length);
    return this.elements(elements, writeElement, at);
  }

  /** Writes Kafka's nullable `ARRAY` (int32 count, -1 for null). */
  writeNullableArray<T>(elements: readonly T[] | null, writeElement: ElementWriter<T>): this {
    if (elements === null) {
      const at = this.reserve(4);
      this.view.setInt32(at, -1);
      return this;
    }
    return this.writeArray(elements, writeElement);
  }

  /** Writes Kafka's `COMPACT_ARRAY` (unsigned varint count + 1). @throws {BytesParserError} `UNEXPECTED_NULL`, `INVALID_VALUE`. */
  writeCompactArray<T>(elements: readonly T[], writeElement: ElementWriter<T>): this {
    this.checkArray(elements, "COMPACT_ARRAY");
    const at = this.cursor;
    this.unsignedVarint(elements.length + 1);
    return this.elements(elements, writeElement, at);
  }

  /** Writes Kafka's nullable `COMPACT_ARRAY` (unsigned varint count + 1, 0 for null). */
  writeCompactNullableArray<T>(elements: readonly T[] | null, writeElement: ElementWriter<T>): this {
    if (elements === null) {
      this.unsignedVarint(0);
      return this;
    }
    return this.writeCompactArray(elements, writeElement);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kafka tagged fields (KIP-482)

  /**
   * Writes a tagged-field section: the count, then per field its tag, its size and its bytes (all unsigned varints
   * but the bytes). An empty list writes the single byte 0.
   * @throws {BytesParserError} `INVALID_TAGGED_FIELDS` unless the tags are strictly ascending, `INVALID_VALUE`.
   */
  writeTaggedFields(fields: readonly TaggedField[]): this {
    if (!Array.isArray(fields)) throw this.invalid("tagged fields", fields);
    let previousTag = -1;
    for (const field of fields) {
      if (field === null || typeof field !== "object" || !isUint32(field.tag) || !(field.data instanceof Uint8Array)) {
        throw this.invalid("tagged field ({ tag: uint32, data: Uint8Array })", field);
      }
      if (field.tag <= previousTag) {
        throw this.fail("INVALID_TAGGED_FIELDS", `Tagged field ${field.tag} follows tag ${previousTag}: tags must be strictly ascending`);
      }
      previousTag = field.tag;
    }
    this.unsignedVarint(fields.length);
    for (const field of fields) {
      this.unsignedVarint(field.tag);
      this.unsignedVarint(field.data.length);
      this.writeBytes(field.data);
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Internals

  /** Makes room for `n` more bytes, moves the cursor past them and returns where they start. */
  private reserve(n: number): number {
    const at = this.cursor;
    const needed = at + n;
    if (needed > this.buffer.length) this.grow(needed);
    this.cursor = needed;
    return at;
  }

  /** Replaces the buffer by one at least twice as large that holds `needed` bytes, keeping what was written. */
  private grow(needed: number): void {
    const capacity = Math.max(needed, this.buffer.length * 2);
    let next: Uint8Array;
    try {
      next = new Uint8Array(capacity);
    } catch (cause) {
      throw new BytesParserError("OUT_OF_BOUNDS", `Cannot grow the writer's buffer to ${capacity} bytes`, {
        offset: this.cursor,
        requested: needed - this.cursor,
        cause,
      });
    }
    next.set(this.buffer.subarray(0, this.cursor));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** Appends one byte (0..255, already checked). */
  private byte(value: number): void {
    const at = this.reserve(1);
    this.buffer[at] = value;
  }

  /** Appends an unsigned varint (0..2^32-1, already checked): 7 bits a byte, least significant first. */
  private unsignedVarint(value: number): void {
    if (value < 0x80) {
      this.byte(value);
      return;
    }
    if (this.cursor + 5 > this.buffer.length) this.grow(this.cursor + 5);
    const buffer = this.buffer;
    let p = this.cursor;
    let rest = value;
    while (rest >= 0x80) {
      buffer[p++] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    buffer[p++] = rest;
    this.cursor = p;
  }

  /** Appends `text` as UTF-8; `byteLength` is its `utf8ByteLength`. */
  private utf8Body(text: string, byteLength: number): void {
    const at = this.reserve(byteLength);
    encodeUtf8Into(text, byteLength, this.buffer, at);
  }

  /**
   * Copies `text` to `buffer[at...]` (room reserved) if it is all ASCII, and says whether it was; a non-ASCII
   * character stops the copy, and the caller takes the general path.
   */
  private asciiBody(text: string, at: number): boolean {
    const buffer = this.buffer;
    const units = text.length;
    for (let i = 0; i < units; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) return false;
      buffer[at + i] = unit;
    }
    return true;
  }

  /** UTF-8 length of a non-null string for a Kafka string field, checked against the length prefix's maximum. */
  private textLength(text: string, what: string, max: number): number {
    if (typeof text !== "string") {
      if (text === null || text === undefined) throw this.fail("UNEXPECTED_NULL", `${what} cannot be null`);
      throw this.invalid(what, text);
    }
    const n = utf8ByteLength(text);
    if (n > max) throw this.fail("INVALID_VALUE", `${what} of ${n} bytes is longer than its maximum, ${max}`);
    return n;
  }

  /** Checks that a non-nullable bytes field got a `Uint8Array`. */
  private checkBytes(bytes: Uint8Array, what: string): void {
    if (bytes === null || bytes === undefined) throw this.fail("UNEXPECTED_NULL", `${what} cannot be null`);
    if (!(bytes instanceof Uint8Array)) throw this.invalid(what, bytes);
  }

  /** Checks that a non-nullable array field got an array. */
  private checkArray(elements: readonly unknown[], what: string): void {
    if (elements === null || elements === undefined) throw this.fail("UNEXPECTED_NULL", `${what} cannot be null`);
    if (!Array.isArray(elements)) throw this.invalid(what, elements);
  }

  /** Writes each element; if one throws, the array is taken back (from `at`, its count) before rethrowing. */
  private elements<T>(elements: readonly T[], writeElement: ElementWriter<T>, at: number): this {
    if (typeof writeElement !== "function") {
      this.cursor = at;
      throw this.invalid("an element writer (a function)", writeElement);
    }
    try {
      for (let i = 0; i < elements.length; i++) writeElement(this, elements[i] as T);
    } catch (error) {
      this.cursor = at;
      throw error;
    }
    return this;
  }

  /** `value` as an int64 `bigint`, from a `bigint` or a safe-integer `number`; `INVALID_VALUE` otherwise. */
  private int64(value: bigint | number, what: string): bigint {
    if (typeof value === "bigint") {
      if (value >= INT64_MIN && value <= INT64_MAX) return value;
    } else if (Number.isSafeInteger(value)) {
      return BigInt(value);
    }
    throw this.invalid(what, value);
  }

  /** The `INVALID_VALUE` error for `value` given as `what`. */
  private invalid(what: string, value: unknown): BytesParserError {
    return this.fail("INVALID_VALUE", `Cannot write ${describeValue(value)} as ${what}`);
  }

  /** An error at the current end of the output. */
  private fail(code: BytesParserErrorCode, message: string): BytesParserError {
    return new BytesParserError(code, message, { offset: this.cursor });
  }
}
