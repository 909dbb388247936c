/**
 * Which topic each record goes to when one wave is shared by several (`-t a:3 -t b:1`): smooth weighted round
 * robin (nginx's), deterministic and evenly spread: over any run of records each topic's count is within one
 * record of its weighted share, so a ratio holds in every second of the wave, not only on average.
 */
import type { TopicWeight } from "../options.js";

/** Picks the next record's topic. */
export class TopicRouter {
  /** Topic names, in the order given. */
  readonly names: readonly string[];
  readonly #weights: readonly number[];
  readonly #total: number;
  readonly #current: number[];

  constructor(topics: readonly TopicWeight[]) {
    this.names = topics.map((t) => t.name);
    this.#weights = topics.map((t) => t.weight);
    this.#total = this.#weights.reduce((a, b) => a + b, 0);
    this.#current = topics.map(() => 0);
  }

  /** Index (into `names`) of the next record's topic. */
  next(): number {
    const n = this.#weights.length;
    if (n === 1) return 0;
    let best = 0;
    for (let i = 0; i < n; i++) {
      this.#current[i]! += this.#weights[i]!;
      if (this.#current[i]! > this.#current[best]!) best = i;
    }
    this.#current[best]! -= this.#total;
    return best;
  }

  /** Takes back the pick of `index` just made by `next()` (the record was not sent), restoring the rotation. */
  undo(index: number): void {
    if (this.#weights.length === 1) return;
    this.#current[index]! += this.#total;
    for (let i = 0; i < this.#weights.length; i++) this.#current[i]! -= this.#weights[i]!;
  }
}
