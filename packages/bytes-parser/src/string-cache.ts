// A bounded intern table for short strings: Kafka records repeat the same group ids, topics, client ids and hosts,
// and looking a string up by its bytes is cheaper than building it again (and the repeats share one string in memory).
import { BytesParserError, describeValue } from "./errors.js";
import { decodeUtf8 } from "./utf8.js";

/** Options of a {@link StringCache}. */
export interface StringCacheOptions {
  /** Number of slots, rounded up to a power of two (1 to 2^20). Default 8192 (about 64 KiB of slot pointers). */
  readonly slots?: number;
  /** Strings longer than this many bytes are decoded without the cache (1 to 1024). Default 64. */
  readonly maxBytes?: number;
}

const DEFAULT_SLOTS = 8192;
const DEFAULT_MAX_BYTES = 64;
const MAX_SLOTS = 1 << 20;
const MAX_MAX_BYTES = 1024;
/** Caches whose byte rows would take more than this many 32-bit words (8 MiB) compare characters instead. */
const MAX_ROW_WORDS = 1 << 21;

/**
 * Interns short ASCII strings decoded from bytes, for `new BytesParser(bytes, { internStrings: cache })`.
 *
 * - Bounded: a fixed table of `slots` strings, indexed by a hash of the bytes; a collision replaces the slot.
 * - Exact: a hit is confirmed by comparing every byte, so a collision costs a miss, never a wrong string. Only ASCII
 *   strings are kept (their UTF-8 bytes are their char codes). Each slot keeps a copy of its string's bytes, packed
 *   four to an int32 in one contiguous row (the length first): a hit compares four bytes per step in memory that
 *   stays in the CPU cache, and never touches the string itself (measured: about twice as fast as comparing char
 *   codes). The rows take 4 bytes per slot and per 4 bytes of `maxBytes` (default: 8192 x 68 B, about 560 KiB),
 *   allocated on first use; a cache whose rows would pass 8 MiB compares char codes instead.
 * - Shareable: one cache can serve many parsers (decoding is synchronous). Strings are immutable, so a cached one is
 *   safe to hand out any number of times.
 */
export class StringCache {
  /** Number of slots (a power of two). */
  readonly slots: number;
  /** Longest string, in bytes, that goes through the cache. */
  readonly maxBytes: number;
  /** One string per slot ("" when empty). */
  private readonly table: string[];
  /** `slots - 1`, to turn a hash into a slot. */
  private readonly mask: number;
  /** 32-bit words per row: the length, then the bytes packed big-endian four to a word; 0 when rows are not kept. */
  private readonly stride: number;
  /** The rows, one per slot; allocated on the first string cached. */
  private rows: Int32Array | undefined;

  /**
   * An empty cache.
   * @throws {BytesParserError} `INVALID_VALUE` for `slots` or `maxBytes` that are not integers in their range.
   */
  constructor(options?: StringCacheOptions) {
    const slots = options?.slots ?? DEFAULT_SLOTS;
    const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!(Number.isInteger(slots) && slots >= 1 && slots <= MAX_SLOTS)) {
      throw new BytesParserError("INVALID_VALUE", `StringCache slots must be an integer from 1 to ${MAX_SLOTS}, got ${describeValue(slots)}`, { offset: 0 });
    }
    if (!(Number.isInteger(maxBytes) && maxBytes >= 1 && maxBytes <= MAX_MAX_BYTES)) {
      throw new BytesParserError("INVALID_VALUE", `StringCache maxBytes must be an integer from 1 to ${MAX_MAX_BYTES}, got ${describeValue(maxBytes)}`, {
        offset: 0,
      });
    }
    let size = 1;
    while (size < slots) size *= 2;
    this.slots = size;
    this.maxBytes = maxBytes;
    this.mask = size - 1;
    this.table = new Array<string>(size).fill("");
    const stride = 1 + ((maxBytes + 3) >> 2);
    this.stride = size * stride <= MAX_ROW_WORDS ? stride : 0;
    this.rows = undefined;
  }

  /**
   * Decodes `bytes[start, end)` as UTF-8 (the range must be within `bytes`), returning the cached string when the
   * same ASCII bytes were seen before, and caching the result when it is ASCII and at most `maxBytes` long.
   * With `validate`, invalid UTF-8 throws the `TypeError` of a fatal `TextDecoder` (a cached string is ASCII, so valid).
   */
  decode(bytes: Uint8Array, start: number, end: number, validate = false): string {
    const n = end - start;
    if (n === 0) return "";
    if (n > this.maxBytes) return decodeUtf8(bytes, start, end, validate);
    // A cheap hash of the length, the first and middle bytes and the last four (names often differ only in their
    // last characters: "orders-7", "orders-8", "consumer-1-4f2a..."). Indices are clamped into the range for n < 4.
    const last = end - 1;
    const tail =
      (((bytes[n > 3 ? last - 3 : start] as number) << 24) |
        ((bytes[n > 2 ? last - 2 : start] as number) << 16) |
        ((bytes[n > 1 ? last - 1 : start] as number) << 8) |
        (bytes[last] as number)) >>>
      0;
    const head = ((bytes[start] as number) << 16) | ((bytes[start + (n >> 1)] as number) << 8) | n;
    let hash = Math.imul(tail ^ (tail >>> 16), 0x85ebca6b) ^ Math.imul(head, 0x9e3779b1);
    hash ^= hash >>> 13;
    const slot = hash & this.mask;
    const stride = this.stride;
    if (stride === 0) return this.decodeByCharCodes(bytes, start, end, slot, validate);
    const rows = this.rows;
    const row = slot * stride;
    if (rows !== undefined && rows[row] === n) {
      // Four bytes per step, then the last 1 to 4 (packed like the row's last word: zeros after the end).
      let i = start;
      let w = row + 1;
      const full = end - 4;
      while (i < full && ((bytes[i] as number) << 24 | (bytes[i + 1] as number) << 16 | (bytes[i + 2] as number) << 8 | (bytes[i + 3] as number)) === rows[w]) {
        i += 4;
        w++;
      }
      if (i >= full && packTail(bytes, i, end) === rows[w]) return this.table[slot] as string;
    }
    return this.miss(bytes, start, end, slot, validate);
  }

  /** {@link decode} on a miss: decodes the string and caches it with its bytes (kept apart so the hit path inlines). */
  private miss(bytes: Uint8Array, start: number, end: number, slot: number, validate: boolean): string {
    // A flat string (not a rope): the repeats share it, and hashing or comparing it later needs no flattening.
    const text = decodeUtf8(bytes, start, end, validate);
    const n = end - start;
    // As many chars as bytes means ASCII (invalid bytes become U+FFFD, which never equals a byte, so never hits).
    if (text.length === n) {
      const stride = this.stride;
      const rows = (this.rows ??= new Int32Array(this.table.length * stride));
      const row = slot * stride;
      this.table[slot] = text;
      rows[row] = n;
      let i = start;
      let w = row + 1;
      for (; i + 4 < end; i += 4, w++) {
        rows[w] = (bytes[i] as number) << 24 | (bytes[i + 1] as number) << 16 | (bytes[i + 2] as number) << 8 | (bytes[i + 3] as number);
      }
      rows[w] = packTail(bytes, i, end);
    }
    return text;
  }

  /** {@link decode}'s lookup for caches too large to keep byte rows: compares the cached string's char codes. */
  private decodeByCharCodes(bytes: Uint8Array, start: number, end: number, slot: number, validate: boolean): string {
    const n = end - start;
    const table = this.table;
    const candidate = table[slot] as string;
    if (candidate.length === n) {
      let i = 0;
      while (i < n && candidate.charCodeAt(i) === bytes[start + i]) i++;
      if (i === n) return candidate;
    }
    const text = decodeUtf8(bytes, start, end, validate);
    if (text.length === n) table[slot] = text;
    return text;
  }

  /** Empties every slot. */
  clear(): void {
    this.table.fill("");
    this.rows?.fill(0);
  }
}

/** The last 1 to 4 bytes `bytes[i, end)`, packed big-endian into an int32 with zeros after the end. */
function packTail(bytes: Uint8Array, i: number, end: number): number {
  let word = (bytes[i] as number) << 24;
  if (i + 1 < end) word |= (bytes[i + 1] as number) << 16;
  if (i + 2 < end) word |= (bytes[i + 2] as number) << 8;
  if (i + 3 < end) word |= bytes[i + 3] as number;
  return word;
}

/** The cache used by parsers created with `{ internStrings: true }`: one per process, default size. */
export const SHARED_STRING_CACHE = new StringCache();
