import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { JarFile } from "../src/distribution/jar.js";
import { definitionsInJar, stripLineComments } from "../src/distribution/message-definitions.js";
import { whichSync } from "../src/process/executables.js";

/** A minimal zip writer (APPNOTE 4.3.7, 4.3.12, 4.3.16), independent of the library under test (fflate). */
function zip(files: Array<{ name: string; data: Buffer; method?: 0 | 8 }>, comment = ""): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const method = file.method ?? 8;
    const stored = method === 8 ? deflateRawSync(file.data) : file.data;
    const name = Buffer.from(file.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(file.data), 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const commentBytes = Buffer.from(comment, "latin1");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...locals, directory, end, commentBytes]);
}

const temp = mkdtempSync(join(tmpdir(), "kafkesc-jar-test-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("JarFile", () => {
  it("lists and extracts stored and deflated entries, UTF-8 names, behind an archive comment", () => {
    const big = Buffer.from("x".repeat(10_000) + "end");
    const archive = zip([
      { name: "META-INF/", data: Buffer.alloc(0), method: 0 },
      { name: "a/stored.txt", data: Buffer.from("plain"), method: 0 },
      { name: "a/deflated.txt", data: big },
      { name: "ünï/cödé.json", data: Buffer.from("{}") },
    ], "a comment with PK\u0005\u0006 inside");
    const jar = JarFile.fromBytes(archive);
    expect([...jar.entries.keys()]).toEqual(["META-INF/", "a/stored.txt", "a/deflated.txt", "ünï/cödé.json"]);
    expect(jar.read("a/stored.txt").toString()).toBe("plain");
    expect(jar.read("a/deflated.txt").equals(big)).toBe(true);
    expect(jar.entries.get("a/deflated.txt")?.compressedSize).toBeLessThan(big.length);
    expect(jar.read("ünï/cödé.json").toString()).toBe("{}");
    expect(jar.read("META-INF/").length).toBe(0);
  });

  const jarTool = whichSync("jar");
  it.skipIf(!jarTool)("reads what the JDK's own `jar` tool writes, as `unzip` lists it", () => {
    const src = join(temp, "src");
    mkdirSync(join(src, "common", "message"), { recursive: true });
    writeFileSync(join(src, "common", "message", "Hello.json"), '// licence\n{ "name": "Hello", "validVersions": "0-1" }\n');
    writeFileSync(join(src, "common", "message", "Empty.json"), "");
    writeFileSync(join(src, "random.bin"), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    const path = join(temp, "made-by-jdk.jar");
    execFileSync(jarTool ?? "jar", ["--create", "--file", path, "-C", src, "."]);
    const jar = JarFile.open(path);
    expect(jar.read("common/message/Hello.json").toString()).toContain('"Hello"');
    expect(jar.read("random.bin")[4999]).toBe((4999 * 7919) % 256);
    expect(jar.entries.has("META-INF/MANIFEST.MF")).toBe(true);
    if (whichSync("unzip")) {
      // Directories included: unzip prints every central directory entry.
      const listed = execFileSync("unzip", ["-Z1", path], { encoding: "utf8" }).trim().split("\n");
      expect([...jar.entries.keys()].sort()).toEqual(listed.sort());
    }
  });

  it("throws JAR_UNREADABLE for what it cannot read, naming the file", () => {
    const good = zip([{ name: "x", data: Buffer.from("hello hello hello") }]);
    expect(() => JarFile.fromBytes(Buffer.from("not a zip at all, really not"), "junk.jar")).toThrow(/JAR_UNREADABLE: junk\.jar: invalid zip data/);
    expect(() => JarFile.fromBytes(good.subarray(0, good.length - 5))).toThrow(/JAR_UNREADABLE/);
    expect(() => JarFile.open(join(temp, "missing.jar"))).toThrow(/JAR_UNREADABLE: cannot read/);
    const jar = JarFile.fromBytes(good);
    expect(() => jar.read("nope")).toThrow(/no such entry/);
    const corrupt = Buffer.from(good);
    corrupt[30 + 1] = 0xff; // first byte of the deflate stream after the 1-byte name
    corrupt[30 + 2] = 0xff;
    expect(() => JarFile.fromBytes(corrupt).read("x")).toThrow(/JAR_UNREADABLE/);
    const unsupported = zip([{ name: "x", data: Buffer.from("abc"), method: 0 }]);
    unsupported.writeUInt16LE(12, unsupported.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10); // bzip2
    expect(() => JarFile.fromBytes(unsupported).read("x")).toThrow(/JAR_UNREADABLE: <memory>: unknown compression type 12/);
  });
});

describe("message definitions", () => {
  it("strips // comment lines, keeping // inside strings", () => {
    const text = '// Licensed to the ASF\n  // indented note\n{ "about": "see https://kafka.apache.org/protocol" }\n';
    expect(JSON.parse(stripLineComments(text))).toEqual({ about: "see https://kafka.apache.org/protocol" });
  });

  it("parses every common/message/*.json of a jar, keyed by file name, ignoring other entries", () => {
    const jar = JarFile.fromBytes(zip([
      { name: "common/message/OffsetCommitKey.json", data: Buffer.from('// c\n{ "type": "coordinator-key", "apiKey": 1 }') },
      { name: "common/message/README.md", data: Buffer.from("# not json") },
      { name: "common/message/nested/Other.json", data: Buffer.from("{}") },
      { name: "org/apache/Foo.class", data: Buffer.from([0xca, 0xfe]) },
    ]));
    expect(definitionsInJar(jar)).toEqual(new Map([["OffsetCommitKey", { type: "coordinator-key", apiKey: 1 }]]));
  });

  it("reports a definition that is not JSON", () => {
    const jar = JarFile.fromBytes(zip([{ name: "common/message/Bad.json", data: Buffer.from("{ nope") }]));
    expect(() => definitionsInJar(jar)).toThrow(/JAR_UNREADABLE: common\/message\/Bad\.json is not JSON/);
  });
});
