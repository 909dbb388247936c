/** `file-lines:` and `files:` values: sequential order, seeded random choice, and what a bad path says. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KafkescError } from "@kafkesc/kafka-io";
import { afterAll, describe, expect, test } from "vitest";
import { createGenerator } from "../../src/generate/generators.js";
import { Random } from "../../src/generate/random.js";
import { parseValueSpec } from "../../src/generate/spec.js";

const dir = mkdtempSync(join(tmpdir(), "ksunami-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lines = join(dir, "lines.txt");
writeFileSync(lines, "one\r\ntwo\n\nthree\nfour"); // CRLF, an empty line, no final newline
const files = join(dir, "files");
mkdirSync(files);
writeFileSync(join(files, "b.json"), '{"b":2}');
writeFileSync(join(files, "a.json"), '{"a":1}\n');
mkdirSync(join(files, "sub")); // not a file: skipped

const take = (spec: string, n: number, seed = 1): string[] => {
  const generator = createGenerator(parseValueSpec(spec, "--payload"), new Random(seed));
  return Array.from({ length: n }, () => generator.next().toString());
};
const failure = (spec: string): KafkescError => {
  try {
    parseValueSpec(spec, "--payload");
  } catch (e) {
    return e as KafkescError;
  }
  throw new Error("expected a failure");
};

describe("file-lines and files", () => {
  test("file-lines: one line per record, in order, wrapping around; CR and empty lines dropped", () => {
    expect(take(`file-lines:${lines}`, 9)).toEqual(["one", "two", "three", "four", "one", "two", "three", "four", "one"]);
    const g = createGenerator(parseValueSpec(`file-lines:${lines}`, "--key"), new Random(1));
    expect(g.averageSize).toBe((3 + 3 + 5 + 4) / 4);
  });

  test("file-lines-random: every line appears, the sequence is the seed's", () => {
    const a = take(`file-lines-random:${lines}`, 200, 7);
    expect(new Set(a)).toEqual(new Set(["one", "two", "three", "four"]));
    expect(take(`file-lines-random:${lines}`, 200, 7)).toEqual(a);
    expect(take(`file-lines-random:${lines}`, 200, 8)).not.toEqual(a);
  });

  test("files: one file per record, by name; file-lines of a directory is the same", () => {
    expect(take(`files:${files}`, 3)).toEqual(['{"a":1}\n', '{"b":2}', '{"a":1}\n']);
    expect(take(`file-lines:${files}`, 2)).toEqual(['{"a":1}\n', '{"b":2}']);
    expect(new Set(take(`files-random:${files}`, 50))).toEqual(new Set(['{"a":1}\n', '{"b":2}']));
  });

  test("bad paths: one line naming the flag and the path (exit 2)", () => {
    expect(failure(`file-lines:${join(dir, "missing")}`).message).toBe(`--payload: cannot read path '${join(dir, "missing")}': ENOENT`);
    expect(failure(`files:${lines}`).message).toMatch(/is not a directory/);
    const empty = join(dir, "empty");
    mkdirSync(empty);
    expect(failure(`files:${empty}`).message).toMatch(/has no files/);
    writeFileSync(join(dir, "blank.txt"), "\n\n");
    expect(failure(`file-lines:${join(dir, "blank.txt")}`).message).toMatch(/has no lines/);
    expect(failure("file-lines:").exitCode).toBe(2);
  });
});
