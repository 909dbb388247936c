import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { KsunamiOptionsError } from "../../src/errors.js";
import { createGenerator } from "../../src/generate/generators.js";
import { Random } from "../../src/generate/random.js";
import { parseValueSpec } from "../../src/generate/spec.js";

const draw = (spec: string, n: number, numbers: "text" | "binary" = "text", seed = 42) => {
  const g = createGenerator(parseValueSpec(spec, "--payload"), new Random(seed), numbers);
  return Array.from({ length: n }, () => Buffer.from(g.next()));
};

describe("value generators", () => {
  test("string: the same bytes every time", () => {
    expect(draw("string:héllo:world", 3).map((b) => b.toString("utf8"))).toEqual(["héllo:world", "héllo:world", "héllo:world"]);
    expect(draw("string:", 1)[0]!.length).toBe(0);
  });

  test("file: the file's bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), "ksunami-"));
    const path = join(dir, "payload.bin");
    writeFileSync(path, Buffer.from([0, 1, 2, 255]));
    try {
      expect(draw(`file:${path}`, 2)).toEqual([Buffer.from([0, 1, 2, 255]), Buffer.from([0, 1, 2, 255])]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test("alpha: LENGTH characters from [A-Za-z0-9], varied", () => {
    const values = draw("alpha:16", 2000).map((b) => b.toString("latin1"));
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(new Set(values).size).toBe(2000);
    expect(new Set(values.join("")).size).toBe(62);
  });

  test("bytes: LENGTH random bytes, every byte value seen", () => {
    const values = draw("bytes:100", 1000);
    for (const v of values) expect(v.length).toBe(100);
    expect(new Set(values.map((v) => v.toString("hex"))).size).toBe(1000);
    expect(new Set(Buffer.concat(values)).size).toBe(256);
  });

  test("int: inclusive range, negative bounds, as text", () => {
    const values = draw("int:-3--1", 3000).map((b) => Number(b.toString()));
    expect(new Set(values)).toEqual(new Set([-3, -2, -1]));
    const wide = draw("int:-5-5", 5000).map((b) => Number(b.toString()));
    expect(Math.min(...wide)).toBe(-5);
    expect(Math.max(...wide)).toBe(5);
  });

  test("int and float with --binary-numbers: 8-byte big-endian, as the Rust ksunami", () => {
    for (const b of draw("int:-1000-1000", 500, "binary")) {
      expect(b.length).toBe(8);
      const v = Number(b.readBigInt64BE());
      expect(v).toBeGreaterThanOrEqual(-1000);
      expect(v).toBeLessThanOrEqual(1000);
    }
    expect(draw("int:7-7", 1, "binary")[0]).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 0, 7]));
    for (const b of draw("float:-1.5--0.5", 500, "binary")) {
      expect(b.length).toBe(8);
      const v = b.readDoubleBE();
      expect(v).toBeGreaterThanOrEqual(-1.5);
      expect(v).toBeLessThanOrEqual(-0.5);
    }
  });

  test("float: within the inclusive range, as text", () => {
    const values = draw("float:0.5-1e1", 2000).map((b) => Number(b.toString()));
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThanOrEqual(10);
    }
    expect(new Set(values).size).toBe(2000);
    expect(draw("float:2.5-2.5", 1)[0]!.toString()).toBe("2.5");
  });

  test("--seed: the same seed gives the same content, another seed another", () => {
    expect(draw("bytes:32", 50, "text", 7)).toEqual(draw("bytes:32", 50, "text", 7));
    expect(draw("bytes:32", 50, "text", 7)).not.toEqual(draw("bytes:32", 50, "text", 8));
    expect(draw("int:0-1000000", 50, "text", 7)).toEqual(draw("int:0-1000000", 50, "text", 7));
  });
});

describe("parseValueSpec errors", () => {
  test.each([
    ["int:9-1", "INVALID_GENERATOR", "--key: 'int:9-1' has MIN (9) above MAX (1)"],
    ["float:2-1.5", "INVALID_GENERATOR", "--key: 'float:2-1.5' has MIN (2) above MAX (1.5)"],
    ["int:1.5-3", "INVALID_GENERATOR", "--key: 'int:1.5-3' needs an integer range MIN-MAX after 'int:' (e.g. int:1-100, int:-10--1)"],
    ["alpha:x", "INVALID_GENERATOR", "--key: 'alpha:x' needs a whole number of characters after 'alpha:'"],
    ["bytes:-1", "INVALID_GENERATOR", "--key: 'bytes:-1' needs a whole number of bytes after 'bytes:'"],
    ["uuid:4", "INVALID_GENERATOR", "--key: 'uuid:4' has an unknown type 'uuid' (expected one of string, file, file-lines, file-lines-random, files, files-random, alpha, bytes, int, float)"],
    ["string", "INVALID_GENERATOR", "--key: 'string' must be TYPE:INPUT with TYPE one of string, file, file-lines, file-lines-random, files, files-random, alpha, bytes, int, float"],
    ["file:/nonexistent/ksunami", "FILE_NOT_READABLE", "--key: cannot read file '/nonexistent/ksunami': ENOENT"],
    ["int:99999999999999999-1", "INVALID_GENERATOR", "--key: 'int:99999999999999999-1' has a bound beyond ±9007199254740991"],
  ])("%s", (text, code, message) => {
    let error: unknown;
    try {
      parseValueSpec(text, "--key");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KsunamiOptionsError);
    expect((error as KsunamiOptionsError).code).toBe(code);
    expect((error as KsunamiOptionsError).message).toBe(message);
    expect((error as KsunamiOptionsError).flag).toBe("--key");
  });
});
