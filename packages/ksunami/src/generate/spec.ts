/**
 * What a key or payload is made of: `TYPE:INPUT`, as the Rust ksunami accepts it.
 *
 * | spec           | each record gets                                                        |
 * |----------------|-------------------------------------------------------------------------|
 * | `string:STR`   | the UTF-8 bytes of STR                                                  |
 * | `file:PATH`    | the bytes of the file at PATH (read once, at start)                     |
 * | `file-lines:PATH` | the file's next line (sequential, wrapping around; empty lines skipped); a directory: as `files:` |
 * | `file-lines-random:PATH` | a random line of the file (reproducible with `--seed`); a directory: as `files-random:` |
 * | `files:DIR`    | the next file of DIR (one file per record, by name, wrapping around)    |
 * | `files-random:DIR` | a random file of DIR (reproducible with `--seed`)                   |
 * | `alpha:LENGTH` | LENGTH random alphanumeric characters (`[A-Za-z0-9]`)                   |
 * | `bytes:LENGTH` | LENGTH random bytes                                                     |
 * | `int:MIN-MAX`  | a random integer in [MIN, MAX] (bounds may be negative: `int:-10--1`)   |
 * | `float:MIN-MAX`| a random number in [MIN, MAX]                                           |
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { KsunamiOptionsError } from "../errors.js";

/** A parsed `TYPE:INPUT` value specification. */
export type ValueSpec =
  | { readonly kind: "string"; /** The bytes of the string. */ readonly bytes: Buffer }
  | { readonly kind: "file"; /** Path as given. */ readonly path: string; /** The file's bytes. */ readonly bytes: Buffer }
  | {
      readonly kind: "values";
      /** The spec's type (`file-lines`, `files`...) and path, as given. */
      readonly source: string;
      readonly path: string;
      /** Sequential (wrapping around) or random (seeded). */
      readonly order: "sequential" | "random";
      /** Every value's bytes, one after the other: values are views into it. */
      readonly bytes: Buffer;
      /** Where each value lies in `bytes`, as pairs: [start0, end0, start1, end1, ...]. */
      readonly bounds: Float64Array;
    }
  | { readonly kind: "alpha"; /** Characters per value. */ readonly length: number }
  | { readonly kind: "bytes"; /** Bytes per value. */ readonly length: number }
  | { readonly kind: "int"; /** Inclusive bounds. */ readonly min: number; readonly max: number }
  | { readonly kind: "float"; /** Inclusive bounds. */ readonly min: number; readonly max: number };

/** Value types accepted before the colon. */
export const VALUE_TYPES = ["string", "file", "file-lines", "file-lines-random", "files", "files-random", "alpha", "bytes", "int", "float"] as const;

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const FLOAT_RANGE = new RegExp(`^(${NUMBER})-(${NUMBER})$`);
const INT_RANGE = /^([+-]?\d+)-([+-]?\d+)$/;
/** Largest value length accepted for `alpha:` and `bytes:` (Kafka's default max message size is 1 MiB). */
export const MAX_GENERATED_LENGTH = 64 * 1024 * 1024;
/**
 * Most bytes read for one `file-lines:` or `files:` spec. Everything is read once, at start, and kept: memory is the
 * bytes read plus 16 bytes per value (its bounds), so this bounds it.
 */
export const MAX_VALUES_BYTES = 1024 * 1024 * 1024;

/** Parses `TYPE:INPUT`; `flag` names the flag in error messages. Reads `file:` paths now. */
export function parseValueSpec(text: string, flag: string): ValueSpec {
  const colon = text.indexOf(":");
  const type = colon < 0 ? text : text.slice(0, colon);
  const input = colon < 0 ? "" : text.slice(colon + 1);
  const fail = (why: string): never => {
    throw new KsunamiOptionsError("INVALID_GENERATOR", `${flag}: '${text}' ${why}`, flag);
  };
  if (colon < 0) fail(`must be TYPE:INPUT with TYPE one of ${VALUE_TYPES.join(", ")}`);
  switch (type) {
    case "string":
      return { kind: "string", bytes: Buffer.from(input, "utf8") };
    case "file": {
      if (input === "") fail("needs a path after 'file:'");
      try {
        return { kind: "file", path: input, bytes: readFileSync(input) };
      } catch (e) {
        throw new KsunamiOptionsError(
          "FILE_NOT_READABLE",
          `${flag}: cannot read file '${input}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
          flag,
        );
      }
    }
    case "file-lines":
    case "file-lines-random":
    case "files":
    case "files-random": {
      if (input === "") fail(`needs a path after '${type}:'`);
      return readValues(type, input, flag);
    }
    case "alpha":
    case "bytes": {
      if (!/^\d+$/.test(input)) fail(`needs a whole number of ${type === "alpha" ? "characters" : "bytes"} after '${type}:'`);
      const length = Number(input);
      if (length > MAX_GENERATED_LENGTH) fail(`is longer than ${MAX_GENERATED_LENGTH} bytes`);
      return { kind: type, length };
    }
    case "int": {
      const m = INT_RANGE.exec(input);
      if (m === null) fail("needs an integer range MIN-MAX after 'int:' (e.g. int:1-100, int:-10--1)");
      const min = Number(m![1]);
      const max = Number(m![2]);
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) fail(`has a bound beyond ±${Number.MAX_SAFE_INTEGER}`);
      if (min > max) fail(`has MIN (${min}) above MAX (${max})`);
      return { kind: "int", min, max };
    }
    case "float": {
      const m = FLOAT_RANGE.exec(input);
      if (m === null) fail("needs a number range MIN-MAX after 'float:' (e.g. float:0.5-1.5, float:-1.5--0.5)");
      const min = Number(m![1]);
      const max = Number(m![2]);
      if (!Number.isFinite(min) || !Number.isFinite(max)) fail("has a bound that is not a finite number");
      if (min > max) fail(`has MIN (${min}) above MAX (${max})`);
      return { kind: "float", min, max };
    }
    default:
      return fail(`has an unknown type '${type}' (expected one of ${VALUE_TYPES.join(", ")})`);
  }
}

/** Reads the values of a `file-lines:` or `files:` spec (a directory given to `file-lines:` is read as `files:`). */
function readValues(type: string, path: string, flag: string): ValueSpec {
  const order = type.endsWith("-random") ? "random" : "sequential";
  const unreadable = (what: string, e: unknown): never => {
    throw new KsunamiOptionsError("FILE_NOT_READABLE", `${flag}: cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`, flag);
  };
  const tooLarge = (size: number): never => {
    throw new KsunamiOptionsError("FILE_NOT_READABLE", `${flag}: '${path}' holds ${size} bytes, more than ${MAX_VALUES_BYTES} (everything is read once, at start)`, flag);
  };
  let directory = false;
  try {
    directory = statSync(path).isDirectory();
  } catch (e) {
    unreadable("path", e);
  }
  if (type.startsWith("files") && !directory) {
    throw new KsunamiOptionsError("FILE_NOT_READABLE", `${flag}: '${path}' is not a directory (${type}:DIR takes one file per record)`, flag);
  }
  if (directory) {
    let names: string[] = [];
    try {
      names = readdirSync(path).sort();
    } catch (e) {
      unreadable("directory", e);
    }
    const files: Buffer[] = [];
    let total = 0;
    for (const name of names) {
      const file = join(path, name);
      try {
        if (!statSync(file).isFile()) continue;
        const bytes = readFileSync(file);
        total += bytes.length;
        if (total > MAX_VALUES_BYTES) tooLarge(total);
        files.push(bytes);
      } catch (e) {
        if (e instanceof KsunamiOptionsError) throw e;
        unreadable("file", e);
      }
    }
    if (files.length === 0) throw new KsunamiOptionsError("FILE_NOT_READABLE", `${flag}: directory '${path}' has no files`, flag);
    const bounds = new Float64Array(files.length * 2);
    let at = 0;
    files.forEach((f, i) => {
      bounds[2 * i] = at;
      at += f.length;
      bounds[2 * i + 1] = at;
    });
    return { kind: "values", source: type, path, order, bytes: Buffer.concat(files, at), bounds };
  }
  let bytes = Buffer.alloc(0);
  try {
    if (statSync(path).size > MAX_VALUES_BYTES) tooLarge(statSync(path).size);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof KsunamiOptionsError) throw e;
    unreadable("file", e);
  }
  const bounds: number[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const next = end + 1;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    if (end > start) bounds.push(start, end);
    start = next;
  }
  if (bounds.length === 0) throw new KsunamiOptionsError("FILE_NOT_READABLE", `${flag}: file '${path}' has no lines (empty lines are skipped)`, flag);
  return { kind: "values", source: type, path, order, bytes, bounds: Float64Array.from(bounds) };
}
