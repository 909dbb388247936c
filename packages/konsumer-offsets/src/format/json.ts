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

/** Options of {@link toJson} and {@link toJsonValue}. */
export interface JsonOptions {
  /** How to print int64 values: exact JSON numbers (default for `toJson`) or decimal strings (default for `toJsonValue`). */
  readonly int64?: "number" | "string";
}

/** A JSON-safe value: what {@link toJsonValue} returns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Base64 (standard alphabet, padded) of bytes. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

function write(value: unknown, int64: "number" | "string", out: string[]): void {
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "number":
      out.push(Number.isFinite(value) ? String(value) : "null");
      return;
    case "bigint":
      out.push(int64 === "number" ? value.toString() : `"${value.toString()}"`);
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      out.push("null");
      return;
  }
  if (value === null) {
    out.push("null");
  } else if (value instanceof Uint8Array) {
    out.push(`"${base64(value)}"`);
  } else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      write(value[i], int64, out);
    }
    out.push("]");
  } else {
    out.push("{");
    let first = true;
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      if (!first) out.push(",");
      first = false;
      out.push(JSON.stringify(key), ":");
      write(field, int64, out);
    }
    out.push("}");
  }
}

/**
 * One record as one line of JSON (no newline at the end), with everything decoded. int64 values are exact JSON
 * numbers unless `options.int64` is `"string"`.
 */
export function toJson(record: OffsetsRecord, options: JsonOptions = {}): string {
  const out: string[] = [];
  write(record, options.int64 ?? "number", out);
  return out.join("");
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
export function toJsonValue(record: OffsetsRecord, options: JsonOptions = {}): JsonValue {
  return plain(record, options.int64 ?? "string") ?? null;
}
