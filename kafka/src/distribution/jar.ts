/**
 * Jars (zip archives) read with `fflate`: list the entries, extract some of them. Synchronous, in memory, with every
 * failure (not a zip, damaged data, a compression method other than stored or deflated) a typed `JAR_UNREADABLE`
 * naming the file.
 */
import { readFileSync } from "node:fs";
import { unzipSync, type UnzipFileInfo } from "fflate";
import { KafkaHarnessError } from "../errors.js";

/** One file inside an archive, as its central directory describes it. */
export interface JarEntry {
  /** Path inside the archive, `/`-separated (directories end with `/`). */
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  /** Size of the stored bytes. */
  compressedSize: number;
  /** Size once extracted. */
  size: number;
}

/** An opened archive: its entries by name, and extraction of any of them. */
export class JarFile {
  /** Entries by path. */
  readonly entries: ReadonlyMap<string, JarEntry>;
  private readonly bytes: Uint8Array;
  private readonly path: string;

  private constructor(path: string, bytes: Uint8Array, entries: Map<string, JarEntry>) {
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
  static fromBytes(bytes: Uint8Array, path = "<memory>"): JarFile {
    const entries = new Map<string, JarEntry>();
    unzip(bytes, path, (info) => {
      entries.set(info.name, { name: info.name, method: info.compression, compressedSize: info.size, size: info.originalSize });
      return false; // list only: nothing is extracted
    });
    return new JarFile(path, bytes, entries);
  }

  /** The extracted bytes of `name`; throws `JAR_UNREADABLE` when absent, damaged or compressed otherwise. */
  read(name: string): Buffer {
    if (!this.entries.has(name)) throw new KafkaHarnessError("JAR_UNREADABLE", `${this.path}!${name}: no such entry`, { path: this.path });
    const data = this.readMatching((entry) => entry === name).get(name);
    return data ?? Buffer.alloc(0);
  }

  /** The extracted bytes of every entry whose name passes `wanted`, in one pass over the archive. */
  readMatching(wanted: (name: string) => boolean): Map<string, Buffer> {
    const extracted = unzip(this.bytes, this.path, (info) => wanted(info.name));
    const result = new Map<string, Buffer>();
    for (const [name, data] of Object.entries(extracted)) {
      const expected = this.entries.get(name)?.size;
      if (data.length !== expected) {
        throw new KafkaHarnessError("JAR_UNREADABLE", `${this.path}!${name}: extracted ${data.length} bytes, the directory says ${String(expected)}`, { path: this.path });
      }
      result.set(name, Buffer.from(data.buffer, data.byteOffset, data.length));
    }
    return result;
  }
}

/** `unzipSync` with its errors (plain `Error`s with a numeric code) turned into `JAR_UNREADABLE` naming the file. */
function unzip(bytes: Uint8Array, path: string, filter: (info: UnzipFileInfo) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new KafkaHarnessError("JAR_UNREADABLE", `${path}: ${why}`, { path }, { cause });
  }
}
