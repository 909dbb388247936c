/**
 * Why a read or a write failed. Stable strings: match on them, never on the message.
 *
 * - `OUT_OF_BOUNDS`: the read (or the length or element count it was given) needs more bytes than remain.
 * - `NEGATIVE_LENGTH`: a length field, or a length argument, is negative (other than the `-1` that means null).
 * - `VARINT_TOO_LONG`: a varint runs past 5 bytes (10 for a varlong) or overflows 32 (64) bits.
 * - `INVALID_UTF8`: bytes that are not UTF-8, where validation was asked for.
 * - `INVALID_POSITION`: `seek` or `rewind` to a position outside the parser.
 * - `UNEXPECTED_NULL`: a non-nullable Kafka field holds the null marker (`-1`, or `0` in compact form).
 * - `INVALID_TAGGED_FIELDS`: tags in a tagged-field section are not strictly ascending.
 * - `INVALID_VALUE`: an argument is not what the method accepts (not an integer, out of the type's range, a malformed UUID...).
 */
export type BytesParserErrorCode =
  | "OUT_OF_BOUNDS"
  | "NEGATIVE_LENGTH"
  | "VARINT_TOO_LONG"
  | "INVALID_UTF8"
  | "INVALID_POSITION"
  | "UNEXPECTED_NULL"
  | "INVALID_TAGGED_FIELDS"
  | "INVALID_VALUE";

/** Context of a {@link BytesParserError}, beyond its code and message. */
export interface BytesParserErrorContext {
  /** Absolute offset (in the bytes given to the root parser, or in the writer's output) where the failure happened. */
  readonly offset: number;
  /** How many bytes (or elements, for an array count) the operation asked for, when that is what failed. */
  readonly requested?: number;
  /** How many bytes were left at `offset`, when that is what failed. */
  readonly remaining?: number;
  /** The error that caused this one, if any (for example the `TextDecoder`'s `TypeError`). */
  readonly cause?: unknown;
}

/**
 * The only error `BytesParser` and `BytesWriter` throw. It carries a stable {@link BytesParserErrorCode},
 * the absolute `offset` of the failure and, when relevant, what was `requested` and what was `remaining`.
 */
export class BytesParserError extends Error {
  /** Why it failed. */
  readonly code: BytesParserErrorCode;
  /** Absolute offset of the failure: within the root parser's bytes (also for sub-parsers), or the writer's output. */
  readonly offset: number;
  /** Bytes (or array elements) the failed operation asked for, when relevant. */
  declare readonly requested?: number;
  /** Bytes that were left at `offset`, when relevant. */
  declare readonly remaining?: number;

  constructor(code: BytesParserErrorCode, message: string, context: BytesParserErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = "BytesParserError";
    this.code = code;
    this.offset = context.offset;
    if (context.requested !== undefined) this.requested = context.requested;
    if (context.remaining !== undefined) this.remaining = context.remaining;
  }
}

/** A short description of any value for an error message; never throws (unlike `String(value)` on some objects). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    case "number":
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
      return Array.isArray(value) ? "an array" : "an object";
  }
}
