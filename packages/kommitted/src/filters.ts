/**
 * Which groups and topics kommitted reports (`--groups`, `--groups-exclude`, `--topics`, `--topics-exclude`), as
 * Burrow, kminion and kafka-lag-exporter let one choose: a name is reported when it matches one of the include
 * patterns (or there are none) and none of the exclude patterns. A pattern is a JavaScript regular expression that
 * must match the whole name (`billing-.*`, not `billing`), as kafka-lag-exporter's lists do.
 *
 * Filtered-out groups are dropped as their records are read (no state, no metrics, no REST, no health), and
 * filtered-out topics are neither polled nor reported (a group whose every partition is filtered out is left out too).
 */
import { KommittedError } from "./errors.js";

/** Include and exclude patterns for one kind of name. */
export class NameFilter {
  readonly #include: readonly RegExp[];
  readonly #exclude: readonly RegExp[];
  readonly #memo = new Map<string, boolean>();

  constructor(include: readonly RegExp[] = [], exclude: readonly RegExp[] = []) {
    this.#include = include;
    this.#exclude = exclude;
  }

  /** True when no pattern is set: every name passes. */
  get acceptsAll(): boolean {
    return this.#include.length === 0 && this.#exclude.length === 0;
  }

  /** Whether `name` is reported (answers are remembered, up to 100,000 names). */
  accepts(name: string): boolean {
    if (this.acceptsAll) return true;
    const known = this.#memo.get(name);
    if (known !== undefined) return known;
    const result = (this.#include.length === 0 || this.#include.some((r) => r.test(name))) && !this.#exclude.some((r) => r.test(name));
    if (this.#memo.size >= 100_000) this.#memo.clear();
    this.#memo.set(name, result);
    return result;
  }
}

/** The group and topic filters. */
export interface Filters {
  /** Groups reported. */
  readonly groups: NameFilter;
  /** Topics reported. */
  readonly topics: NameFilter;
}

/** Filters that report everything. */
export const NO_FILTERS: Filters = Object.freeze({ groups: new NameFilter(), topics: new NameFilter() });

/**
 * Splits a flag value into patterns at the commas and newlines that are not inside `{}`, `[]` or `()` and not escaped,
 * so that `a{1,3}` stays one pattern while `orders.*,payments` is two. Empty entries are dropped.
 */
export function splitPatterns(value: string): string[] {
  const patterns: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === "\\" && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    if ((c === "," || c === "\n") && depth === 0) {
      patterns.push(current);
      current = "";
    } else current += c;
  }
  patterns.push(current);
  return patterns.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Compiles the patterns of one flag, each anchored to match the whole name; a bad one is an `INVALID_FLAG` error. */
export function compilePatterns(flag: string, patterns: readonly string[]): RegExp[] {
  return patterns.map((pattern) => {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
      throw new KommittedError("INVALID_FLAG", `${flag}: '${pattern}' is not a valid regular expression (${reason})`, { flag, value: pattern });
    }
  });
}
