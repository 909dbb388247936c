/**
 * A parser of Java `.properties` text as `java.util.Properties.load(Reader)` reads it, so that the `client.properties`
 * a Kafka user already has works unchanged: `key=value`, `key:value` and `key value` lines, `#` and `!` comment lines,
 * a `\` at the end of a line continuing it on the next (whose leading blanks are dropped), and the escapes `\t`, `\n`,
 * `\r`, `\f`, `\uXXXX` and `\` before any other character. Each entry keeps its line number for error messages.
 */
import { ConfigFileError } from "./errors.js";

/** One `key=value` entry, with the line it starts on (1-based). */
export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** Java's blanks between a key and its value: space, tab, form feed. */
const BLANK = new Set([" ", "\t", "\f"]);

/** Parses properties text; `file` names the source in errors. Later entries of a key do not replace earlier ones here. */
export function parseProperties(text: string, file = "properties"): PropertyEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const entries: PropertyEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = stripLeadingBlanks(lines[i] ?? "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    // A logical line goes on while a natural line ends with an odd number of backslashes.
    while (endsWithContinuation(line) && i + 1 < lines.length) {
      i++;
      line = line.slice(0, -1) + stripLeadingBlanks(lines[i] ?? "");
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    entries.push(splitEntry(line, file, start + 1));
  }
  return entries;
}

/** Splits a logical line at the first unescaped `=`, `:` or blank, then unescapes key and value. */
function splitEntry(line: string, file: string, lineNumber: number): PropertyEntry {
  let at = 0;
  while (at < line.length) {
    const c = line[at] as string;
    if (c === "\\") at += 2;
    else if (c === "=" || c === ":" || BLANK.has(c)) break;
    else at++;
  }
  const rawKey = line.slice(0, Math.min(at, line.length));
  let rest = at;
  while (rest < line.length && BLANK.has(line[rest] as string)) rest++;
  if (rest < line.length && (line[rest] === "=" || line[rest] === ":")) rest++;
  while (rest < line.length && BLANK.has(line[rest] as string)) rest++;
  return { key: unescape(rawKey, file, lineNumber), value: unescape(line.slice(rest), file, lineNumber), line: lineNumber };
}

/** Resolves Java's escapes. */
function unescape(text: string, file: string, line: number): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ConfigFileError(file, line, `malformed \\uXXXX escape: \\u${hex}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += next === "t" ? "\t" : next === "n" ? "\n" : next === "r" ? "\r" : next === "f" ? "\f" : next;
  }
  return out;
}

function stripLeadingBlanks(line: string): string {
  let i = 0;
  while (i < line.length && BLANK.has(line[i] as string)) i++;
  return line.slice(i);
}

function endsWithContinuation(line: string): boolean {
  let slashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === "\\"; i--) slashes++;
  return slashes % 2 === 1;
}
