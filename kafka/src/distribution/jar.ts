/**
 * A small reader of zip archives (jars), enough to list entries and extract them: the end-of-central-directory
 * record, the central directory, each local header, and stored (0) or deflated (8) data, per PKWARE's APPNOTE.TXT
 * sections 4.3.7, 4.3.12 and 4.3.16. Zip64 archives, encryption and other compression methods are refused with a
 * typed error (jars never need them).
 */
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { KafkaHarnessError } from "../errors.js";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;

/** One file inside an archive, as the central directory describes it. */
export interface JarEntry {
  /** Path inside the archive, `/`-separated (directories end with `/`). */
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  /** Size of the stored bytes. */
  compressedSize: number;
  /** Size once extracted. */
  size: number;
  /** Offset of the entry's local header in the archive. */
  localHeaderOffset: number;
}

/** An opened archive: its entries by name, and extraction of any of them. */
export class JarFile {
  /** Entries by path. */
  readonly entries: ReadonlyMap<string, JarEntry>;
  private readonly bytes: Buffer;
  private readonly path: string;

  private constructor(path: string, bytes: Buffer, entries: Map<string, JarEntry>) {
    this.path = path;
    this.bytes = bytes;
    this.entries = entries;
  }

  /** Reads the archive at `path` (whole file in memory) and its central directory. */
  static open(path: string): JarFile {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw new KafkaHarnessError("JAR_UNREADABLE", `cannot read ${path}`, { path }, { cause });
    }
    return JarFile.fromBytes(bytes, path);
  }

  /** Parses an archive already in memory (`path` only names it in errors). */
  static fromBytes(bytes: Buffer, path = "<memory>"): JarFile {
    const fail = (why: string): never => {
      throw new KafkaHarnessError("JAR_UNREADABLE", `${path}: ${why}`, { path });
    };
    const end = findEndOfCentralDirectory(bytes) ?? fail("no end-of-central-directory record (not a zip file?)");
    const count = bytes.readUInt16LE(end + 10);
    const directorySize = bytes.readUInt32LE(end + 12);
    const directoryOffset = bytes.readUInt32LE(end + 16);
    if (count === 0xffff || directoryOffset === 0xffffffff) fail("zip64 archives are not supported");
    if (directoryOffset + directorySize > end) fail("central directory overlaps its end record");
    const entries = new Map<string, JarEntry>();
    let at = directoryOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) fail(`bad central directory header #${i} at ${at}`);
      const flags = bytes.readUInt16LE(at + 8);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      const name = bytes.toString((flags & 0x800) !== 0 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
      if ((flags & 0x1) !== 0) fail(`${name} is encrypted`);
      entries.set(name, {
        name,
        method: bytes.readUInt16LE(at + 10),
        compressedSize: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        localHeaderOffset: bytes.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return new JarFile(path, bytes, entries);
  }

  /** The extracted bytes of `name`; throws `JAR_UNREADABLE` when absent, damaged or compressed otherwise. */
  read(name: string): Buffer {
    const entry = this.entries.get(name);
    const fail = (why: string): never => {
      throw new KafkaHarnessError("JAR_UNREADABLE", `${this.path}!${name}: ${why}`, { path: this.path });
    };
    if (!entry) return fail("no such entry");
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || this.bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) return fail("bad local header");
    const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    if (start + entry.compressedSize > this.bytes.length) return fail("data runs past the end of the archive");
    const stored = this.bytes.subarray(start, start + entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = stored;
    else if (entry.method === 8) {
      try {
        data = inflateRawSync(stored);
      } catch (cause) {
        throw new KafkaHarnessError("JAR_UNREADABLE", `${this.path}!${name}: corrupt deflate data`, { path: this.path }, { cause });
      }
    } else return fail(`unsupported compression method ${entry.method}`);
    if (data.length !== entry.size) return fail(`extracted ${data.length} bytes, the directory says ${entry.size}`);
    return data;
  }
}

/** Offset of the end-of-central-directory record: searched backwards, since a comment may follow it. */
function findEndOfCentralDirectory(bytes: Buffer): number | undefined {
  const lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  for (let at = bytes.length - END_RECORD_SIZE; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + END_RECORD_SIZE + bytes.readUInt16LE(at + 20) === bytes.length) return at;
  }
  return undefined;
}
