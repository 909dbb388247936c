/**
 * A cache of offset-commit keys' names: in a busy cluster the same (group, topic) pairs come back in every commit, so
 * one lookup over the bytes of both strings gives both names, where reading the key field by field takes two string
 * lookups and a generated reader. Only for key tables that are exactly `group: string, topic: string,
 * partition: int32` (checked against the table by {@link isGroupTopicPartitionKey}); other keys use the generic reader.
 * @module
 */
import type { FieldSpec } from "../schema/model.js";

/** Whether a key table is (group string, topic string, partition int32), non-nullable, in this order. */
export function isGroupTopicPartitionKey(fields: readonly FieldSpec[]): boolean {
  const shape: [string, string][] = [["group", "string"], ["topic", "string"], ["partition", "int32"]];
  return fields.length === 3 && fields.every((field, i) => field.name === shape[i]?.[0] && field.type === shape[i]?.[1] && field.nullableVersions === undefined);
}

/** Longest cached prefix (both strings and their int16 lengths), in bytes: under 128, the low 7 bits of a tag. */
const MAX_BYTES = 124;
/** 32-bit words per entry's row: the prefix's bytes packed big-endian four to a word (a 128-byte row). */
const ROW = 32;

/**
 * Names of (group, topic) prefixes seen before, by the prefix's exact bytes: `key[2, key.length - 4)`, that is
 * everything between the record type and the partition. A hit is confirmed by comparing every byte, so it is exact.
 *
 * Two set-associative tables (a direct-mapped table of 4096 slots lost 7.5 % of the lookups of a corpus of 771 pairs
 * to pairs evicting each other): the first, 512 sets of 8, is indexed by a hash of three words of the prefix (its
 * first, the group's last and the topic's last, with the length), which costs a third of hashing every word; pairs
 * that differ only elsewhere share a set, and the ones a full set replaces move to the second table, 512 sets of 4
 * indexed by a hash of every word, looked into when the first misses. So many names that differ only in the middle
 * (`tenant-0001-sink` ... `tenant-9999-sink`) stay cached, at the cost of the full hash.
 */
export class GroupTopicCache {
  private readonly near = new PrefixTable(512, 8);
  private readonly far = new PrefixTable(512, 4);
  /** Whether the last {@link find} missed a cacheable prefix, and its near table's tag, for {@link store}. */
  private missed = false;
  private nearTag = 0;

  /** The cached group of the last {@link find} hit. */
  group = "";
  /** The cached topic of the last {@link find} hit. */
  topic = "";

  /** Whether `key`'s prefix was seen before; on a hit, {@link group} and {@link topic} hold its names. */
  find(key: Uint8Array): boolean {
    const n = key.length - 6;
    if (n < 4 || n > MAX_BYTES) {
      this.missed = false;
      return false;
    }
    const last = n - 2; // the offset of the prefix's last word
    const nearTag = quickTag(key, last, n);
    let table = this.near;
    let entry = table.find(key, last, nearTag);
    if (entry < 0) {
      const farTag = fullTag(key, last, n);
      table = this.far;
      entry = table.find(key, last, farTag);
      if (entry < 0) {
        this.missed = true;
        this.nearTag = nearTag;
        return false;
      }
    }
    this.group = table.groups[entry] as string;
    this.topic = table.topics[entry] as string;
    return true;
  }

  /** Caches the names of `key`'s prefix, after a {@link find} miss on the same key and a generic read that consumed it all. */
  store(key: Uint8Array, group: string, topic: string): void {
    if (!this.missed) return;
    this.missed = false;
    const nearTag = this.nearTag;
    const near = this.near;
    const entry = near.victim(nearTag);
    const replaced = near.tags[entry] as number;
    if (replaced !== 0) {
      // The pair it replaces moves to the far table, under the hash of every word of its row.
      const far = this.far;
      const farTag = rowTag(near.rows, entry * ROW, replaced & 0x7f);
      const to = far.victim(farTag);
      far.rows.set(near.rows.subarray(entry * ROW, entry * ROW + ROW), to * ROW);
      far.set(to, farTag, near.groups[entry] as string, near.topics[entry] as string);
    }
    const rows = near.rows;
    const last = key.length - 8;
    let w = entry * ROW;
    for (let i = 2; i < last; i += 4) rows[w++] = wordAt(key, i);
    rows[w] = wordAt(key, last);
    near.set(entry, nearTag, group, topic);
  }
}

/**
 * One set-associative table of prefixes: per entry a tag (the prefix's hash, its low 7 bits replaced by its length;
 * 0 for an empty entry), a row of its bytes and its names. A full set replaces its entries in turn.
 */
class PrefixTable {
  readonly tags: Int32Array;
  readonly rows: Int32Array;
  readonly groups: string[];
  readonly topics: string[];
  /** Per set: the way its next store replaces. */
  private readonly next: Uint8Array;

  constructor(
    private readonly sets: number,
    private readonly ways: number,
  ) {
    this.tags = new Int32Array(sets * ways);
    this.rows = new Int32Array(sets * ways * ROW);
    this.groups = new Array<string>(sets * ways).fill("");
    this.topics = new Array<string>(sets * ways).fill("");
    this.next = new Uint8Array(sets);
  }

  /** The entry holding the prefix of `key` (whose last word is at `last`) under `tag`, or -1. */
  find(key: Uint8Array, last: number, tag: number): number {
    const tags = this.tags;
    for (let entry = ((tag >>> 7) & (this.sets - 1)) * this.ways, stop = entry + this.ways; entry < stop; entry++) {
      if (tags[entry] === tag && sameBytes(key, last, this.rows, entry * ROW)) return entry;
    }
    return -1;
  }

  /** The entry the next store under `tag` replaces (its set's ways in turn). */
  victim(tag: number): number {
    const set = (tag >>> 7) & (this.sets - 1);
    const way = this.next[set] as number;
    this.next[set] = (way + 1) % this.ways;
    return set * this.ways + way;
  }

  /** Sets an entry's tag and names (its row written by the caller). */
  set(entry: number, tag: number, group: string, topic: string): void {
    this.tags[entry] = tag;
    this.groups[entry] = group;
    this.topics[entry] = topic;
  }
}

/**
 * Whether the row at `w` holds the prefix `key[2, last + 4)`: word by word, the words at 2, 6, ... before `last`, then
 * the one at `last` (which overlaps the one before when the length is not a multiple of 4).
 */
function sameBytes(key: Uint8Array, last: number, rows: Int32Array, w: number): boolean {
  for (let i = 2; i < last; i += 4, w++) {
    if (wordAt(key, i) !== rows[w]) return false;
  }
  return wordAt(key, last) === rows[w];
}

/** The big-endian int32 at `bytes[at, at + 4)`. */
function wordAt(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) << 24 | (bytes[at + 1] as number) << 16 | (bytes[at + 2] as number) << 8 | (bytes[at + 3] as number);
}

/** A 32-bit hash as a tag: mixed, its low 7 bits replaced by the prefix's length `n`, never 0 (n >= 4). */
function tagOf(hash: number, n: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash & ~0x7f) | n;
}

/**
 * The near table's tag of the prefix `key[2, last + 4)` (`n` bytes, at least 4): a hash of its first word (the group's
 * length and first two bytes), the group's last word and the prefix's last word (the topic's), with its length. The
 * group's end is clamped into the prefix, so a key whose lengths lie still gets a tag.
 */
export function quickTag(key: Uint8Array, last: number, n: number): number {
  const groupEnd = Math.min(Math.max(4 + ((key[2] as number) << 8 | (key[3] as number)), 6), last + 4);
  const hash = Math.imul(Math.imul(n ^ wordAt(key, 2), 0x9e3779b1) ^ wordAt(key, groupEnd - 4), 0x85ebca6b) ^ wordAt(key, last);
  return tagOf(hash, n);
}

/** The far table's tag of the prefix `key[2, last + 4)`: a hash of every word (as a row holds them) and its length `n`. */
export function fullTag(key: Uint8Array, last: number, n: number): number {
  let hash = n;
  for (let i = 2; i < last; i += 4) hash = Math.imul(hash ^ wordAt(key, i), 0x9e3779b1);
  return tagOf(Math.imul(hash ^ wordAt(key, last), 0x85ebca6b), n);
}

/** {@link fullTag} of a prefix of `n` bytes from its row at `w`. */
export function rowTag(rows: Int32Array, w: number, n: number): number {
  let hash = n;
  const words = (n + 3) >> 2;
  for (let k = 0; k < words - 1; k++) hash = Math.imul(hash ^ (rows[w + k] as number), 0x9e3779b1);
  return tagOf(Math.imul(hash ^ (rows[w + words - 1] as number), 0x85ebca6b), n);
}
