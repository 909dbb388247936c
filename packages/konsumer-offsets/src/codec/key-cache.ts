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

/** Slots (a power of two): a busy cluster has a few thousand (group, topic) pairs; a collision replaces the slot. */
const SLOTS = 4096;
/** Longest cached prefix (both strings and their int16 lengths), in bytes. */
const MAX_BYTES = 124;
/** 32-bit words per row: the length, then the bytes packed big-endian four to a word. */
const STRIDE = 1 + (MAX_BYTES >> 2);

/**
 * Names of (group, topic) prefixes seen before, by the prefix's exact bytes: `key[2, key.length - 4)`, that is
 * everything between the record type and the partition. A hit is confirmed by comparing every byte, so it is exact.
 */
export class GroupTopicCache {
  private readonly groups: string[] = new Array<string>(SLOTS).fill("");
  private readonly topics: string[] = new Array<string>(SLOTS).fill("");
  private readonly rows = new Int32Array(SLOTS * STRIDE);
  /** The slot of the last {@link find} (hit or miss), for {@link store}. */
  private slot = 0;

  /** The cached group of the last {@link find} hit. */
  group = "";
  /** The cached topic of the last {@link find} hit. */
  topic = "";

  /** Whether `key`'s prefix was seen before; on a hit, {@link group} and {@link topic} hold its names. */
  find(key: Uint8Array): boolean {
    const end = key.length - 4;
    const n = end - 2;
    if (n < 4 || n > MAX_BYTES) {
      this.slot = -1;
      return false;
    }
    // Hash of every full word of the prefix and its length (keys often differ only in a group's or topic's last characters).
    let hash = n;
    let i = 2;
    for (; i + 4 <= end; i += 4) {
      hash = Math.imul(hash ^ ((key[i] as number) << 24 | (key[i + 1] as number) << 16 | (key[i + 2] as number) << 8 | (key[i + 3] as number)), 0x9e3779b1);
      hash ^= hash >>> 15;
    }
    const slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
    this.slot = slot;
    const rows = this.rows;
    let w = slot * STRIDE;
    if (rows[w] !== n) return false;
    w++;
    for (i = 2; i + 4 <= end; i += 4, w++) {
      if (((key[i] as number) << 24 | (key[i + 1] as number) << 16 | (key[i + 2] as number) << 8 | (key[i + 3] as number)) !== rows[w]) return false;
    }
    if (i < end && packTail(key, i, end) !== rows[w]) return false;
    this.group = this.groups[slot] as string;
    this.topic = this.topics[slot] as string;
    return true;
  }

  /** Caches the names of `key`'s prefix, after a {@link find} miss on the same key and a generic read that consumed it all. */
  store(key: Uint8Array, group: string, topic: string): void {
    const slot = this.slot;
    if (slot < 0) return;
    const end = key.length - 4;
    const rows = this.rows;
    let w = slot * STRIDE;
    rows[w++] = end - 2;
    let i = 2;
    for (; i + 4 <= end; i += 4, w++) rows[w] = (key[i] as number) << 24 | (key[i + 1] as number) << 16 | (key[i + 2] as number) << 8 | (key[i + 3] as number);
    if (i < end) rows[w] = packTail(key, i, end);
    this.groups[slot] = group;
    this.topics[slot] = topic;
  }
}

/** The last 1 to 3 bytes `bytes[i, end)`, packed big-endian into an int32 with zeros after the end. */
function packTail(bytes: Uint8Array, i: number, end: number): number {
  let word = (bytes[i] as number) << 24;
  if (i + 1 < end) word |= (bytes[i + 1] as number) << 16;
  if (i + 2 < end) word |= (bytes[i + 2] as number) << 8;
  return word;
}
