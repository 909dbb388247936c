/**
 * The error of `@kafkesc/konsumer-offsets`: a known record whose bytes do not decode (or a record `encode` cannot write).
 * An unknown record type is never an error (it decodes to an `Unknown` record).
 * @module
 */
import { BytesParserError } from "@kafkesc/bytes-parser";

/**
 * Why decoding or encoding failed. Stable strings: match on them, never on the message.
 * - `MALFORMED_KEY`: the key is shorter than its int16 record type, or its fields do not parse.
 * - `MALFORMED_VALUE`: the value is shorter than its int16 version, or its fields do not parse.
 * - `UNSUPPORTED_VALUE_VERSION`: the value's version is not one Kafka defined for this record type.
 * - `INVALID_RECORD`: `encode` was given a record it cannot write (a field of the wrong type, an unknown version...).
 */
export type KonsumerOffsetsErrorCode =
  | "MALFORMED_KEY"
  | "MALFORMED_VALUE"
  | "UNSUPPORTED_VALUE_VERSION"
  | "INVALID_RECORD";

/** Context of a {@link KonsumerOffsetsError}. */
export interface KonsumerOffsetsErrorContext {
  /** The record type (int16 at the start of the key), when it could be read. */
  readonly recordType?: number;
  /** The value's version, when it could be read. */
  readonly version?: number;
  /** Path of the field that failed, e.g. `members[3].clientHost` (empty for the record itself). */
  readonly fieldPath?: string;
  /** Byte offset of the failure in the key or value (whichever `code` names). */
  readonly offset?: number;
  /** The underlying error, usually a `BytesParserError`. */
  readonly cause?: unknown;
}

/** The only error `decode` and `encode` throw. */
export class KonsumerOffsetsError extends Error {
  /** Why it failed. */
  readonly code: KonsumerOffsetsErrorCode;
  /** The record type, or `undefined` when the key is too short to hold one. */
  readonly recordType: number | undefined;
  /** The value's version, when known. */
  readonly version: number | undefined;
  /** Path of the failing field (`members[3].subscription`), `""` for the record as a whole. */
  readonly fieldPath: string;
  /** Byte offset of the failure in the key or value; `-1` when not about bytes (encoding). */
  readonly offset: number;

  constructor(code: KonsumerOffsetsErrorCode, message: string, context: KonsumerOffsetsErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = "KonsumerOffsetsError";
    this.code = code;
    this.recordType = context.recordType;
    this.version = context.version;
    this.fieldPath = context.fieldPath ?? "";
    this.offset = context.offset ?? -1;
  }
}

/**
 * Internal: a failure inside a struct, on its way up to the record. Each struct and array it crosses adds its
 * segment, so the record-level code knows the full field path without any cost on the success path.
 */
export class FieldPathError extends Error {
  /** Path segments, outermost first (`members`, `[3]`, `clientHost`). */
  readonly segments: string[] = [];

  constructor(
    /** The original failure (a `BytesParserError`, or a message for failures we detect ourselves). */
    readonly failure: BytesParserError | Error,
    /** Offset of the failure, when known. */
    readonly offset: number,
  ) {
    super(failure.message);
  }

  /** The path as text: `members[3].clientHost`. */
  path(): string {
    let text = "";
    for (const segment of this.segments) text += segment.startsWith("[") || text === "" ? segment : `.${segment}`;
    return text;
  }
}

/** `error` as a {@link FieldPathError} (wrapped, with an empty path, unless it is one already). */
export function asFieldPathError(error: unknown): FieldPathError {
  if (error instanceof FieldPathError) return error;
  if (error instanceof BytesParserError) return new FieldPathError(error, error.offset);
  return new FieldPathError(error instanceof Error ? error : new Error(String(error)), -1);
}

/** Adds `segment` in front of the path of `error` (wrapping it first if needed) and returns it, for `throw`. */
export function withPathSegment(error: unknown, segment: string): FieldPathError {
  const wrapped = asFieldPathError(error);
  wrapped.segments.unshift(segment);
  return wrapped;
}
