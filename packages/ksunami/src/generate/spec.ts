/**
 * What a key or payload is made of: `TYPE:INPUT`, as the Rust ksunami accepts it.
 *
 * | spec           | each record gets                                                        |
 * |----------------|-------------------------------------------------------------------------|
 * | `string:STR`   | the UTF-8 bytes of STR                                                  |
 * | `file:PATH`    | the bytes of the file at PATH (read once, at start)                     |
 * | `alpha:LENGTH` | LENGTH random alphanumeric characters (`[A-Za-z0-9]`)                   |
 * | `bytes:LENGTH` | LENGTH random bytes                                                     |
 * | `int:MIN-MAX`  | a random integer in [MIN, MAX] (bounds may be negative: `int:-10--1`)   |
 * | `float:MIN-MAX`| a random number in [MIN, MAX]                                           |
 */
import { readFileSync } from "node:fs";
import { KsunamiOptionsError } from "../errors.js";

/** A parsed `TYPE:INPUT` value specification. */
export type ValueSpec =
  | { readonly kind: "string"; /** The bytes of the string. */ readonly bytes: Buffer }
  | { readonly kind: "file"; /** Path as given. */ readonly path: string; /** The file's bytes. */ readonly bytes: Buffer }
  | { readonly kind: "alpha"; /** Characters per value. */ readonly length: number }
  | { readonly kind: "bytes"; /** Bytes per value. */ readonly length: number }
  | { readonly kind: "int"; /** Inclusive bounds. */ readonly min: number; readonly max: number }
  | { readonly kind: "float"; /** Inclusive bounds. */ readonly min: number; readonly max: number };

/** Value types accepted before the colon. */
export const VALUE_TYPES = ["string", "file", "alpha", "bytes", "int", "float"] as const;

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const FLOAT_RANGE = new RegExp(`^(${NUMBER})-(${NUMBER})$`);
const INT_RANGE = /^([+-]?\d+)-([+-]?\d+)$/;
/** Largest value length accepted for `alpha:` and `bytes:` (Kafka's default max message size is 1 MiB). */
export const MAX_GENERATED_LENGTH = 64 * 1024 * 1024;

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
