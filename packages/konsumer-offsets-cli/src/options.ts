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
