// Mutations for fuzzing the decoder: each takes seed bytes and a PRNG and returns new bytes (the seed is not changed).
// Shared by `fuzz.mjs` (millions of cases) and `test/fuzz.test.ts` (a sample in the suite).

/** mulberry32: a small deterministic PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe];

/** The mutations, by name. */
export const MUTATIONS = {
  truncate: (b, r) => b.slice(0, Math.floor(r() * b.length)),
  flipBit: (b, r) => {
    const out = b.slice();
    if (out.length > 0) out[Math.floor(r() * out.length)] ^= 1 << Math.floor(r() * 8);
    return out;
  },
  setByte: (b, r) => {
    const out = b.slice();
    if (out.length > 0) out[Math.floor(r() * out.length)] = r() < 0.5 ? INTERESTING[Math.floor(r() * INTERESTING.length)] : Math.floor(r() * 256);
    return out;
  },
  setLength: (b, r) => {
    // Overwrites 4 bytes with a large or negative length, where length prefixes live.
    const out = b.slice();
    if (out.length < 4) return out;
    const at = Math.floor(r() * (out.length - 3));
    const value = [0x7fffffff, 0xffffffff, 0x80000000, 0x0000ffff, 0x00007fff][Math.floor(r() * 5)];
    out[at] = value >>> 24;
    out[at + 1] = (value >>> 16) & 0xff;
    out[at + 2] = (value >>> 8) & 0xff;
    out[at + 3] = value & 0xff;
    return out;
  },
  insert: (b, r) => {
    const at = Math.floor(r() * (b.length + 1));
    const extra = Array.from({ length: 1 + Math.floor(r() * 8) }, () => Math.floor(r() * 256));
    return new Uint8Array([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
  },
  remove: (b, r) => {
    if (b.length === 0) return b.slice();
    const at = Math.floor(r() * b.length);
    const n = 1 + Math.floor(r() * Math.min(8, b.length - at));
    return new Uint8Array([...b.subarray(0, at), ...b.subarray(at + n)]);
  },
  varint: (b, r) => {
    // Long varints (continuation bits everywhere) where compact lengths and tag counts live.
    const out = b.slice();
    const at = Math.floor(r() * out.length);
    for (let i = at; i < Math.min(out.length, at + 1 + Math.floor(r() * 6)); i++) out[i] |= 0x80;
    return out;
  },
};
const NAMES = Object.keys(MUTATIONS);

/**
 * One fuzz case from a seed record: mutates the value (mostly) or the key, once or a few times.
 * Keys keep their record type half the time, so the known types' decoders get the mutations.
 */
export function mutateRecord(seed, r) {
  let key = seed.key;
  let value = seed.value;
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    const mutation = MUTATIONS[NAMES[Math.floor(r() * NAMES.length)]];
    if (value !== null && r() < 0.85) value = mutation(value, r);
    else {
      const mutated = mutation(key, r);
      key = r() < 0.5 && mutated.length >= 2 && key.length >= 2 ? new Uint8Array([key[0], key[1], ...mutated.subarray(2)]) : mutated;
    }
  }
  return { key, value };
}

/** Seed records from a JSON-lines file of {"key":"<hex>","value":"<hex>"|null}. */
export function parseJsonLines(text) {
  return text
    .trim()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const { key, value } = JSON.parse(line);
      return { key: new Uint8Array(Buffer.from(key, "hex")), value: value === null ? null : new Uint8Array(Buffer.from(value, "hex")) };
    });
}
