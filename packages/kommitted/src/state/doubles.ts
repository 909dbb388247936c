/**
 * `length` slots of numbers for the small rings kept per group partition (health window, commit history), as a plain
 * array of NaNs: V8 then stores them unboxed (PACKED_DOUBLE_ELEMENTS, 8 bytes a slot after a 16-byte header). A
 * Float64Array of the same slots also costs an ArrayBuffer object and, above 64 bytes, an off-heap backing store with
 * V8's bookkeeping for it. Measured in memory (`node --expose-gc`, 10,000 partitions x rings of 40, 16, 8 and 8
 * numbers): 28 MB of RSS as typed arrays, 21 MB as these.
 */
export function doubles(length: number): number[] {
  return Array.from({ length }, () => Number.NaN);
}
