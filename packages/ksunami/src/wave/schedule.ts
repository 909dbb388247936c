/**
 * Pacing by area: record number i (1, 2, ...) is due at the time the wave's cumulative area reaches i,
 * so every window of time carries the area under the rate curve over that window, give or take one record.
 *
 * Shared by several processes (`--shards N`): the wave's records are numbered from its time origin (so every
 * process numbers them alike) and shard I sends the records g with g mod N = I (1-based g - 1). Over any window
 * the shards together send exactly the wave's records; each sends its 1/N within one record.
 */
import type { ShardOptions } from "../options.js";
import type { WavePlan } from "./plan.js";

/** The records' due times for a run that starts `offset` seconds into the wave (0: at the start of a cycle). */
export class Schedule {
  readonly #plan: WavePlan;
  readonly #offset: number;
  readonly #base: number;
  readonly #shards: number;
  readonly #index: number;
  /** Sharded: this shard's records among the wave's records due before the run started. */
  readonly #shardBase: number;

  constructor(plan: WavePlan, offset = 0, shard: ShardOptions = { count: 1, index: 0 }) {
    this.#plan = plan;
    this.#offset = offset;
    this.#base = plan.areaAt(offset);
    this.#shards = shard.count;
    this.#index = shard.index;
    this.#shardBase = this.#ofShard(Math.floor(this.#base + 1e-9));
  }

  /** How many records are due in the first `elapsed` seconds of the run. */
  dueCount(elapsed: number): number {
    if (elapsed <= 0) return 0;
    // A tiny tolerance keeps float rounding (2.9999999) from delaying a record by a whole tick.
    if (this.#shards === 1) return Math.floor(this.#plan.areaAt(this.#offset + elapsed) - this.#base + 1e-9);
    return this.#ofShard(Math.floor(this.#plan.areaAt(this.#offset + elapsed) + 1e-9)) - this.#shardBase;
  }

  /** When record number `i` (1-based) is due, in seconds since the start of the run. */
  dueTime(i: number): number {
    if (this.#shards === 1) return Math.max(0, this.#plan.timeForArea(this.#base + i) - this.#offset);
    const wave = (this.#shardBase + i - 1) * this.#shards + this.#index + 1;
    return Math.max(0, this.#plan.timeForArea(wave) - this.#offset);
  }

  /** Wave time (seconds into the wave, cycles repeating) of `elapsed` seconds into the run. */
  waveTime(elapsed: number): number {
    return this.#offset + elapsed;
  }

  /** How many of the wave's records 1..count belong to this shard. */
  #ofShard(count: number): number {
    return Math.floor((count + this.#shards - 1 - this.#index) / this.#shards);
  }
}
