/**
 * Our JSON form of a record: one object per record on one line, carrying everything `decode` returned (decoded
 * subscriptions and assignments included, their raw bytes too). Conventions:
 * - int64 (`bigint`) fields are printed as exact JSON numbers by default (as Kafka's formatters do): parse them with
 *   a parser that keeps big integers, or ask for `{ int64: "string" }` to get decimal strings instead;
 * - bytes are base64 (standard alphabet, padded, as Kafka's formatters print them);
 * - absent optional fields are left out; `null` stays `null`.
 * @module
 */
import type { OffsetsRecord } from "../types.js";
import type { ShareStateRecord } from "../share-state/types.js";

/** Options of {@link toJson} and {@link toJsonValue}. */
export interface JsonOptions {
  /** How to print int64 values: exact JSON numbers (default for `toJson`) or decimal strings (default for `toJsonValue`). */
  readonly int64?: "number" | "string";
}

/** A JSON-safe value: what {@link toJsonValue} returns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Node's `Buffer` as far as base64 needs it; found on `globalThis` when there (Node, Bun), so the module runs anywhere. */
type NodeBuffer = { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: "base64"): string } };
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** Base64 (standard alphabet, padded) of bytes: Node's native encoder when present, else {@link base64Portable}. */
export function base64(bytes: Uint8Array): string {
  if (nodeBuffer !== undefined) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  return base64Portable(bytes);
}

/** Character codes of the standard base64 alphabet. */
const BASE64_CODES = Uint8Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c) => c.charCodeAt(0));
/** Turns the ASCII output bytes into a string in one native call. */
const asciiDecoder = new TextDecoder("latin1");

/** Base64 of bytes in plain JavaScript (what runs in browsers and Deno): 3 bytes to 4 characters, `=` padding. */
export function base64Portable(bytes: Uint8Array): string {
  const n = bytes.length;
  const whole = n - (n % 3);
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  for (let i = 0; i < whole; i += 3, o += 4) {
    const t = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o] = BASE64_CODES[t >> 18] as number;
    out[o + 1] = BASE64_CODES[(t >> 12) & 63] as number;
    out[o + 2] = BASE64_CODES[(t >> 6) & 63] as number;
    out[o + 3] = BASE64_CODES[t & 63] as number;
  }
  if (n - whole === 1) {
    const t = bytes[whole] as number;
    out.set([BASE64_CODES[t >> 2] as number, BASE64_CODES[(t & 3) << 4] as number, 61, 61], o);
  } else if (n - whole === 2) {
    const t = ((bytes[whole] as number) << 8) | (bytes[whole + 1] as number);
    out.set([BASE64_CODES[t >> 10] as number, BASE64_CODES[(t >> 4) & 63] as number, BASE64_CODES[(t & 15) << 2] as number, 61], o);
  }
  return asciiDecoder.decode(out);
}

/**
 * A string as a JSON string literal: quoted as is when nothing needs escaping (the common case), else
 * `JSON.stringify` (quotes, backslashes, control characters, and surrogates: it escapes lone ones).
 */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit >= 0xd800 && unit <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** `"key":` per property name, built once: records repeat the same few dozen names. Bounded by the names seen. */
const keyPrefixes = new Map<string, string>();

function keyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    if (keyPrefixes.size < 4096) keyPrefixes.set(key, prefix);
  }
  return prefix;
}

/**
 * One value as JSON text. Builds the text by concatenation (V8 joins the pieces lazily, in one pass at the end),
 * walks objects with `Object.keys` (cached per hidden class by V8) and skips `JSON.stringify` for plain strings.
 */
function write(value: unknown, int64: "number" | "string"): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Number.isFinite(value) ? `${value}` : "null";
    case "bigint":
      return int64 === "number" ? value.toString() : `"${value.toString()}"`;
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (value instanceof Uint8Array) return `"${base64(value)}"`;
      return Array.isArray(value) ? writeArray(value, int64) : writeObject(value as Record<string, unknown>, int64);
    default:
      return "null";
  }
}

function writeArray(array: readonly unknown[], int64: "number" | "string"): string {
  const n = array.length;
  if (n === 0) return "[]";
  let text = `[${write(array[0], int64)}`;
  for (let i = 1; i < n; i++) text += `,${write(array[i], int64)}`;
  return `${text}]`;
}

function writeObject(object: Record<string, unknown>, int64: "number" | "string"): string {
  const keys = Object.keys(object);
  let text = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const field = object[key];
    if (field === undefined) continue;
    text += first ? keyPrefix(key) : `,${keyPrefix(key)}`;
    first = false;
    text += write(field, int64);
  }
  return `${text}}`;
}

/**
 * One record as one line of JSON (no newline at the end), with everything decoded. int64 values are exact JSON
 * numbers unless `options.int64` is `"string"`.
 */
export function toJson(record: OffsetsRecord | ShareStateRecord, options: JsonOptions = {}): string {
  return write(record, options.int64 ?? "number");
}

function plain(value: unknown, int64: "number" | "string"): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return int64 === "number" ? Number(value) : value.toString();
    case "object":
      if (value === null) return null;
      if (value instanceof Uint8Array) return base64(value);
      if (Array.isArray(value)) return value.map((element) => plain(element, int64) ?? null);
      {
        const result: { [key: string]: JsonValue } = {};
        for (const [key, field] of Object.entries(value)) {
          const converted = plain(field, int64);
          if (converted !== undefined) result[key] = converted;
        }
        return result;
      }
    default:
      return undefined;
  }
}

/**
 * The record as a JSON-safe plain object (for `JSON.stringify`, or a JSON API): bytes as base64, int64 as decimal
 * strings by default (exact), or as numbers with `{ int64: "number" }` (exact only up to 2^53).
 */
export function toJsonValue(record: OffsetsRecord | ShareStateRecord, options: JsonOptions = {}): JsonValue {
  return plain(record, options.int64 ?? "string") ?? null;
}
