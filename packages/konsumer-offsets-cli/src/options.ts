/**
 * Parsers for flag values. Each one takes the raw string commander hands over and returns a typed value or throws an
 * `InvalidArgumentError` naming the flag, so every bad flag ends with one clear message and exit status 2.
 */
import { parseDuration as durationMs } from "@kafkesc/kafka-io";
import { InvalidArgumentError, InvalidHexError } from "./errors.js";
import { recordTypeNames, resolveRecordType } from "./record-types.js";

/** Bytes from a hexadecimal string (`0001abcd`, optionally `0x`-prefixed, spaces and colons ignored). */
export function parseHex(flag: string, value: string): Uint8Array {
  const digits = value.trim().replace(/^0x/i, "").replace(/[\s:]/g, "");
  if (digits.length % 2 !== 0) throw new InvalidHexError(flag, `odd number of digits: ${digits.length}`);
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) throw new InvalidHexError(flag, `unexpected character ${JSON.stringify(bad[0])} at ${bad.index}`);
  return Uint8Array.from(Buffer.from(digits, "hex"));
}

/** A whole number >= `min` (e.g. `--max-records 10`). */
export function parseInteger(flag: string, value: string, min: number): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) throw new InvalidArgumentError(flag, `expected a whole number, got ${JSON.stringify(value)}`);
  const number = Number(trimmed);
  if (!Number.isSafeInteger(number) || number < min) {
    throw new InvalidArgumentError(flag, `expected a whole number >= ${min}, got ${value}`);
  }
  return number;
}

/** A duration in milliseconds: `500`, `500ms`, `10s`, `1.5m`, `2h` (a bare number is milliseconds), kafka-io's parser. */
export function parseDuration(flag: string, value: string): number {
  const ms = durationMs(value, "ms");
  if (ms === undefined) throw new InvalidArgumentError(flag, `expected a duration such as 500ms, 10s, 2m, got ${JSON.stringify(value)}`);
  if (ms <= 0) throw new InvalidArgumentError(flag, `expected a positive duration, got ${value}`);
  return ms;
}

/** A bootstrap list `HOST:PORT[,HOST:PORT...]`, checked for shape (a port on every entry). */
export function parseBrokers(flag: string, value: string): string {
  const entries = value.split(",").map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new InvalidArgumentError(flag, "expected HOST:PORT[,HOST:PORT...]");
  for (const entry of entries) {
    const match = /^(?:[a-z]+:\/\/)?(.+):(\d+)$/i.exec(entry);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) {
      throw new InvalidArgumentError(flag, `expected HOST:PORT, got ${JSON.stringify(entry)}`);
    }
  }
  return entries.join(",");
}

/** The record type numbers of one `--type` value (see `resolveRecordType`). */
export function parseRecordType(flag: string, value: string): readonly number[] {
  const types = resolveRecordType(value);
  if (!types) {
    throw new InvalidArgumentError(
      flag,
      `unknown record type ${JSON.stringify(value)}: expected a number (0-32767) or one of ${recordTypeNames().join(", ")}`,
    );
  }
  return types;
}

/** One of a fixed set of words (`--format json`). */
export function parseChoice<const T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value.trim().toLowerCase());
  if (found === undefined) {
    throw new InvalidArgumentError(flag, `expected one of ${choices.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return found;
}

/** Where `tail` starts: kafka-io's `PartitionStart`. */
export type FromPosition = "beginning" | "end" | { readonly offsets: ReadonlyMap<number, number> } | { readonly timestamp: number };

/** Where `tail` stops: kafka-io's `PartitionBound`. */
export type UntilPosition = "end" | { readonly offsets: ReadonlyMap<number, number> } | { readonly timestamp: number };

/** `--from`: `beginning`, `end`, `P:OFFSET,...`, an ISO-8601 time with its zone, or a time ago (`-15m`). */
export function parseFrom(flag: string, value: string, now = Date.now()): FromPosition {
  const text = value.trim().toLowerCase();
  if (text === "beginning" || text === "end") return text;
  return positionOf(flag, value, now, "beginning, end");
}

/** `--until`: `end` (the end offsets at start), `P:OFFSET,...` (exclusive), an ISO-8601 time or a time ago (`-5m`). */
export function parseUntil(flag: string, value: string, now = Date.now()): UntilPosition {
  if (value.trim().toLowerCase() === "end") return "end";
  return positionOf(flag, value, now, "end");
}

/** A partition list `0,3,5` (`--partition`), each a whole number, no repeats. */
export function parsePartitions(flag: string, value: string): readonly number[] {
  const parts = value.split(",").map((part) => part.trim());
  const partitions: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part))) throw new InvalidArgumentError(flag, `expected partitions such as 0,3,5, got ${JSON.stringify(value)}`);
    if (partitions.includes(Number(part))) throw new InvalidArgumentError(flag, `partition ${part} is listed twice`);
    partitions.push(Number(part));
  }
  return partitions;
}

/** `P:OFFSET,...`, a time or a time ago; `words` names the other accepted values in the error. */
function positionOf(flag: string, value: string, now: number, words: string): { offsets: ReadonlyMap<number, number> } | { timestamp: number } {
  const text = value.trim();
  if (/^\d+\s*:/.test(text)) return { offsets: parsePartitionOffsets(flag, text) };
  if (text.startsWith("-")) {
    const ago = /[a-z]$/i.test(text) ? durationMs(text.slice(1), "ms") : undefined;
    if (ago === undefined) throw new InvalidArgumentError(flag, `expected a time ago with its unit such as -15m, -2h, -30s, got ${JSON.stringify(value)}`);
    return { timestamp: now - ago };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const zoned = /^\d{4}-\d{2}-\d{2}$/.test(text) || /T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const ms = Date.parse(text);
    if (!zoned || Number.isNaN(ms)) throw new InvalidArgumentError(flag, `expected an ISO-8601 time with its zone such as 2026-12-01T10:00:00Z, got ${JSON.stringify(value)}`);
    return { timestamp: ms };
  }
  throw new InvalidArgumentError(flag, `expected ${words}, P:OFFSET[,P:OFFSET...], a time such as 2026-12-01T10:00:00Z or a time ago such as -15m, got ${JSON.stringify(value)}`);
}

/** `0:100,3:42`: an offset per partition. */
function parsePartitionOffsets(flag: string, text: string): ReadonlyMap<number, number> {
  const offsets = new Map<number, number>();
  for (const entry of text.split(",")) {
    const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(entry);
    if (!match) throw new InvalidArgumentError(flag, `expected PARTITION:OFFSET, got ${JSON.stringify(entry.trim())}`);
    const partition = Number(match[1]);
    const offset = Number(match[2]);
    if (!Number.isSafeInteger(partition) || !Number.isSafeInteger(offset)) throw new InvalidArgumentError(flag, `${entry.trim()}: number too large`);
    if (offsets.has(partition)) throw new InvalidArgumentError(flag, `partition ${partition} is given twice`);
    offsets.set(partition, offset);
  }
  return offsets;
}
