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

/**
 * Sets (a power of two) of {@link WAYS} entries each: 4096 entries for a busy cluster's few thousand (group, topic)
 * pairs. Set-associative, so that pairs whose hashes share a set all stay, up to 8 of them (a direct-mapped table of
 * 4096 slots lost 7.5 % of the lookups on a corpus of 771 pairs to pairs evicting each other); a full set replaces
 * its entries in turn.
 */
const SETS = 512;
/** Entries per set. */
const WAYS = 8;
/** Longest cached prefix (both strings and their int16 lengths), in bytes. */
const MAX_BYTES = 124;
/** 32-bit words per entry's row: the bytes packed big-endian four to a word. */
const STRIDE = MAX_BYTES >> 2;

/**
 * Names of (group, topic) prefixes seen before, by the prefix's exact bytes: `key[2, key.length - 4)`, that is
 * everything between the record type and the partition. A hit is confirmed by comparing every byte, so it is exact.
 */
export class GroupTopicCache {
  private readonly groups: string[] = new Array<string>(SETS * WAYS).fill("");
  private readonly topics: string[] = new Array<string>(SETS * WAYS).fill("");
  /** Per entry: the prefix's length in bytes (0: empty entry), and its hash; its bytes are compared only when both match. */
  private readonly lengths = new Int32Array(SETS * WAYS);
  private readonly hashes = new Int32Array(SETS * WAYS);
  private readonly rows = new Int32Array(SETS * WAYS * STRIDE);
  /** Per set: the way its next store replaces. */
  private readonly next = new Uint8Array(SETS);
  /** The set and hash of the last {@link find} miss (set -1: not cacheable), for {@link store}. */
  private set = -1;
  private hash = 0;

  /** The cached group of the last {@link find} hit. */
  group = "";
  /** The cached topic of the last {@link find} hit. */
  topic = "";

  /** Whether `key`'s prefix was seen before; on a hit, {@link group} and {@link topic} hold its names. */
  find(key: Uint8Array): boolean {
    const end = key.length - 4;
    const n = end - 2;
    if (n < 4 || n > MAX_BYTES) {
      this.set = -1;
      return false;
    }
    const hash = prefixHash(key, end);
    const set = hash & (SETS - 1);
    const lengths = this.lengths;
    const hashes = this.hashes;
    for (let entry = set * WAYS, last = entry + WAYS; entry < last; entry++) {
      if (lengths[entry] === n && hashes[entry] === hash && this.matches(key, end, entry)) {
        this.group = this.groups[entry] as string;
        this.topic = this.topics[entry] as string;
        return true;
      }
    }
    this.set = set;
    this.hash = hash;
    return false;
  }

  /**
   * Whether entry `entry` holds the bytes `key[2, end)` (`end - 2` bytes, at least 4: its length was checked): word by
   * word, the last word ending at `end` (overlapping the one before when the length is not a multiple of 4).
   */
  private matches(key: Uint8Array, end: number, entry: number): boolean {
    const rows = this.rows;
    let w = entry * STRIDE;
    for (let i = 2; i < end; i += 4, w++) {
      const at = i + 4 <= end ? i : end - 4;
      if (wordAt(key, at) !== rows[w]) return false;
    }
    return true;
  }

  /** Caches the names of `key`'s prefix, after a {@link find} miss on the same key and a generic read that consumed it all. */
  store(key: Uint8Array, group: string, topic: string): void {
    const set = this.set;
    if (set < 0) return;
    this.set = -1;
    const way = this.next[set] as number;
    this.next[set] = (way + 1) & (WAYS - 1);
    const entry = set * WAYS + way;
    const end = key.length - 4;
    const rows = this.rows;
    let w = entry * STRIDE;
    for (let i = 2; i < end; i += 4, w++) rows[w] = wordAt(key, i + 4 <= end ? i : end - 4);
    this.lengths[entry] = end - 2;
    this.hashes[entry] = this.hash;
    this.groups[entry] = group;
    this.topics[entry] = topic;
  }
}

/** The big-endian int32 at `bytes[at, at + 4)`. */
function wordAt(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) << 24 | (bytes[at + 1] as number) << 16 | (bytes[at + 2] as number) << 8 | (bytes[at + 3] as number);
}

/**
 * A hash of the prefix `key[2, end)` (at least 4 bytes) from its length and six of its words: the first two and the
 * last of the group (with its int16 length), the first and last of the topic, and the middle one. Names that differ
 * only elsewhere share a set, and up to {@link WAYS} of them stay; hashing every word cost twice as much (35 ns a
 * key, where the lookup's compare of every byte takes about as long). The positions are clamped into the prefix, so a
 * key whose lengths lie still gets a hash.
 */
export function prefixHash(key: Uint8Array, end: number): number {
  const n = end - 2;
  const last = end - 4;
  const groupEnd = Math.min(Math.max(4 + ((key[2] as number) << 8 | (key[3] as number)), 6), end);
  let hash = Math.imul(n ^ wordAt(key, 2), 0x9e3779b1) ^ wordAt(key, Math.min(6, last));
  hash = Math.imul(hash, 0x85ebca6b) ^ wordAt(key, groupEnd - 4);
  hash = Math.imul(hash, 0x9e3779b1) ^ wordAt(key, Math.min(groupEnd + 2, last));
  hash = Math.imul(hash, 0x85ebca6b) ^ wordAt(key, last);
  hash = Math.imul(hash, 0x9e3779b1) ^ wordAt(key, 2 + ((n >> 3) << 2));
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
