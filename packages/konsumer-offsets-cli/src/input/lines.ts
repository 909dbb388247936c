/**
 * The line formats `konsumer-offsets decode` reads from a dump, one record per line, told apart by their shape:
 * - `{"key":"…","value":"…"}`: key and value bytes in hex or base64 (`null`, `""` or no value: a tombstone), with
 *   optional `partition`, `offset`, `timestamp`;
 * - kcat's `-J` envelope `{"topic","partition","offset","tstype","ts","broker","key","payload"}`: kcat writes the raw
 *   bytes as a JSON string (control bytes `\u00XX`-escaped, others as they are, `null` when absent, `ts` only when
 *   known), so lines are read as Latin-1, one character per byte; hex or base64 strings (re-encoded dumps) work too;
 * - what `tail --format json` prints (`{"partition","offset","timestamp","record":{…}}`) and `decode --format json`
 *   prints (`{"type","recordType","key":{…},"value":…}`): the record is rebuilt with `fromJsonValue` and encoded;
 * - `KEY<TAB>VALUE` in hex (base64 with `--encoding base64`); no value, an empty one or `null`: a tombstone.
 */
import { encode, fromJsonValue } from "@kafkesc/konsumer-offsets";
import type { JsonValue } from "@kafkesc/konsumer-offsets";
import type { RecordPosition } from "../format/index.js";

/** How key and value strings are written: found per field (`auto`), or always hex, or always base64. */
export const INPUT_ENCODINGS = ["auto", "hex", "base64"] as const;
/** One of `INPUT_ENCODINGS`. */
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/** One record read from a line: its bytes, and where it was read from when the line says. */
export interface InputRecord {
  /** Which line format it was (`key-value`, `kcat`, `tail-json`, `record-json`, `tab`). */
  readonly format: "key-value" | "kcat" | "tail-json" | "record-json" | "tab";
  /** Key bytes. */
  readonly key: Uint8Array;
  /** Value bytes, `null` for a tombstone. */
  readonly value: Uint8Array | null;
  /** Partition, offset and timestamp, when the line has them. */
  readonly position: RecordPosition | undefined;
}

/** A line that is not a record of any known format; `reason` says why. */
export class LineFormatError extends Error {
  override readonly name = "LineFormatError";
}

/**
 * The record on one input line read as Latin-1 (one character per byte, so kcat's raw bytes survive), or `null` for
 * a blank line. Throws `LineFormatError` for a line of no known format, and the library's error for a JSON record
 * that does not encode.
 */
export function parseLine(line: string, encoding: InputEncoding = "auto"): InputRecord | null {
  const trimmed = line.trim();
  if (trimmed === "") return null;
  if (!trimmed.startsWith("{")) return parseTabLine(trimmed, encoding);
  // Text fields (group names...) are UTF-8: read the line as such, except kcat's byte strings.
  const json = parseJson(quoteUnsafeIntegers(Buffer.from(trimmed, "latin1").toString("utf8")));
  if ("payload" in json) return parseKcatLine(parseJson(trimmed), encoding);
  if (isObject(json["record"])) return recordLine(json["record"], "tail-json", positionOf(json, "timestamp"));
  if (isObject(json["key"])) return recordLine(json, "record-json", undefined);
  if ("key" in json) {
    return {
      format: "key-value",
      key: bytesField(json, "key", encoding, false),
      value: valueField(json, "value", encoding, false),
      position: positionOf(json, "timestamp"),
    };
  }
  throw new LineFormatError(`a JSON object without "key" (nor kcat's "payload", nor tail's "record")`);
}

/** A JSON number starting at `lastIndex`. */
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The JSON text with every integer beyond ±2^53 quoted: our JSON prints int64 fields as exact numbers (as Kafka's
 * formatters do), which `JSON.parse` would round; `fromJsonValue` takes int64 as decimal strings too.
 */
export function quoteUnsafeIntegers(text: string): string {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      // skip the string, escapes included
      for (i += 1; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i += 1;
      continue;
    }
    if (char !== "-" && !(char !== undefined && char >= "0" && char <= "9")) continue;
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null) continue;
    const token = match[0];
    if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(copied, i)}"${token}"`;
      copied = i + token.length;
    }
    i += token.length - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function parseJson(text: string): Record<string, JsonValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LineFormatError(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new LineFormatError("a JSON value that is not an object");
  return parsed;
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** kcat's `-J` envelope: raw bytes in `key` and `payload` (or hex/base64 when re-encoded). */
function parseKcatLine(json: Record<string, JsonValue>, encoding: InputEncoding): InputRecord {
  return { format: "kcat", key: bytesField(json, "key", encoding, true), value: valueField(json, "payload", encoding, true), position: positionOf(json, "ts") };
}

/** A record in our JSON form, rebuilt and encoded so it goes through `decode` like any other line. */
function recordLine(json: JsonValue, format: "tail-json" | "record-json", position: RecordPosition | undefined): InputRecord {
  const encoded = encode(fromJsonValue(json));
  return { format, key: encoded.key, value: encoded.value, position };
}

/** `KEY<TAB>VALUE` in hex (base64 only when asked): no value, empty or `null` is a tombstone. */
function parseTabLine(line: string, asked: InputEncoding): InputRecord {
  const encoding = asked === "auto" ? "hex" : asked;
  const fields = line.split("\t");
  if (fields.length > 2) throw new LineFormatError(`expected KEY<TAB>VALUE, got ${fields.length} tab-separated fields`);
  const [key = "", value = ""] = fields;
  const tombstone = value.trim() === "" || value.trim().toLowerCase() === "null";
  if (!HEX.test(key.trim()) && encoding === "hex") throw new LineFormatError(`neither JSON nor KEY<TAB>VALUE in hex: the key is not hex`);
  return { format: "tab", key: decodeString(key.trim(), "key", encoding, false), value: tombstone ? null : decodeString(value.trim(), "value", encoding, false), position: undefined };
}

/** A required byte string field. */
function bytesField(json: Record<string, JsonValue>, name: string, encoding: InputEncoding, raw: boolean): Uint8Array {
  const field = json[name];
  if (field === undefined || field === null) throw new LineFormatError(`"${name}" is ${field === null ? "null" : "missing"}: a __consumer_offsets record always has a key`);
  if (typeof field !== "string") throw new LineFormatError(`"${name}" is a ${typeof field}, not a string`);
  return decodeString(field, name, encoding, raw);
}

/** The value: `null`, `""` or absent is a tombstone. */
function valueField(json: Record<string, JsonValue>, name: string, encoding: InputEncoding, raw: boolean): Uint8Array | null {
  const field = json[name];
  if (field === undefined || field === null || field === "") return null;
  if (typeof field !== "string") throw new LineFormatError(`"${name}" is a ${typeof field}, not a string`);
  return decodeString(field, name, encoding, raw);
}

const HEX = /^(?:0x)?(?:[0-9a-f]{2})*$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Bytes of one field: hex, base64 (standard or URL-safe), or, where `raw` (kcat), the string's characters as bytes.
 * `auto` tries hex first: a string of hex digits only is read as hex (say `--encoding base64` for such base64).
 */
function decodeString(text: string, name: string, encoding: InputEncoding, raw: boolean): Uint8Array {
  if (encoding === "hex" || (encoding === "auto" && HEX.test(text))) {
    if (!HEX.test(text)) throw new LineFormatError(`"${name}" is not hex${text.length % 2 === 1 ? " (odd number of digits)" : ""}`);
    return Uint8Array.from(Buffer.from(text.replace(/^0x/i, ""), "hex"));
  }
  if (encoding === "base64" || (encoding === "auto" && (BASE64.test(text) || (BASE64URL.test(text) && text.length % 4 !== 1)))) {
    if (!BASE64.test(text) && !(BASE64URL.test(text) && text.length % 4 !== 1)) throw new LineFormatError(`"${name}" is not base64`);
    return Uint8Array.from(Buffer.from(text, BASE64.test(text) ? "base64" : "base64url"));
  }
  if (raw) {
    const wide = [...text].findIndex((char) => char.charCodeAt(0) > 0xff);
    if (wide >= 0) throw new LineFormatError(`"${name}" has a character above U+00FF at ${wide}: not kcat's raw bytes (re-encoded by another tool?), nor hex or base64`);
    return Uint8Array.from(Buffer.from(text, "latin1"));
  }
  throw new LineFormatError(`"${name}" is neither hex nor base64`);
}

/** Partition, offset and timestamp (`timestamp` field named `tsField`) when the line has partition and offset. */
function positionOf(json: Record<string, JsonValue>, tsField: string): RecordPosition | undefined {
  const partition = json["partition"];
  const offset = json["offset"];
  if (typeof partition !== "number" || typeof offset !== "number") return undefined;
  const ts = json[tsField];
  return { partition, offset, timestamp: typeof ts === "number" ? ts : undefined };
}
