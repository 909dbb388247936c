// Time-lag accuracy of the end-offset history (no Kafka): ground-truth end-offset curves, each record's write time known,
// sampled once a second for HOURS (default 2) as kommitted's poller would; every EVERY_S (default 300 s) after the
// first 15 minutes, the interpolated time lag (`estimateTimeLag`) of committed offsets spread over everything written
// so far is compared with the truth (now minus the committed record's write time).
//
// Run after `npm run build`: node packages/kommitted/bench/history-accuracy.mjs
// KMTD_HISTORY_OLD=PATH/partition-history.js adds another build's history (e.g. main's, which drops the oldest sample)
// at capacity 600; KMTD_ACCURACY_HOURS, KMTD_ACCURACY_EVERY_S override the duration and evaluation step.
//
// Per curve and history: `covered` is the share of (committed offset, instant) pairs that get an interpolated value
// (the others get a `history-lower-bound`); errors are of the interpolated values, absolute in seconds per band of
// true lag, and `rel` is the largest |error| / true lag for true lags of a minute or more.
import { pathToFileURL } from "node:url";
import { PartitionHistory } from "../dist/state/partition-history.js";
import { estimateTimeLag } from "../dist/lag/time-lag.js";

const HOURS = Number(process.env.KMTD_ACCURACY_HOURS ?? 2);
const EVERY_S = Number(process.env.KMTD_ACCURACY_EVERY_S ?? 300);
const SECONDS = Math.round(HOURS * 3600);
const PROBES = 3000;

/** Deterministic PRNG (mulberry32), so every run compares the same curves. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw with mean `mean` (Knuth for small means, normal approximation for large ones). */
function poisson(random, mean) {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Curves: records written in second s, from a rate function of s (records/s, Poisson). */
const CURVES = {
  "steady 100/s": () => 100,
  "rate changes": (s) => [20, 400, 5, 150, 1000, 60][Math.floor(s / 600) % 6] * (1 + 0.5 * Math.sin((2 * Math.PI * s) / 1800)),
  "bursts after idle": (s) => {
    const phase = s % 420; // 7-minute cycle: a 3 s burst of 5,000, a minute of trickle, then idle
    if (phase < 3) return 5000 / 3;
    if (phase < 60) return 0.2;
    return 0;
  },
  "sparse 0.3/s": () => 0.3,
  "diurnal 1-300/s": (s) => 1 + 299 * (0.5 - 0.5 * Math.cos((2 * Math.PI * s) / 7200)),
};

/** Write times (ms) of every record of a curve, in offset order, spread at random within their second. */
function records(rate, seed) {
  const random = rng(seed);
  const times = [];
  for (let s = 0; s < SECONDS; s++) {
    const n = poisson(random, rate(s));
    const within = Array.from({ length: n }, () => random() * 1000).sort((a, b) => a - b);
    for (const w of within) times.push(s * 1000 + w);
  }
  return Float64Array.from(times);
}

/** History builds under test: name and factory. */
const HISTORIES = [
  ["unbounded (reference)", () => new PartitionHistory(1_000_000)],
  ...[60, 120, 180, 240].map((c) => [`thin ${c}`, () => new PartitionHistory(c)]),
  ["thin 120, recent 60", () => new PartitionHistory(120, 60)],
  ["halve-old 120", () => new HalvingHistory(120, 30)],
  ["drop-oldest 120", () => new PartitionHistory(120, 120)],
  ["drop-oldest 600", () => new PartitionHistory(600, 600)],
];
if (process.env.KMTD_HISTORY_OLD) {
  const old = await import(pathToFileURL(process.env.KMTD_HISTORY_OLD).href);
  HISTORIES.push(["old build 600", () => new old.PartitionHistory(600)]);
}

/**
 * The other thinning rule, for comparison: when full, every other sample of the old part (all but the oldest and the
 * newest `recent`) goes, whatever the curve.
 */
class HalvingHistory {
  constructor(capacity, recent) {
    this.capacity = capacity;
    this.recent = recent;
    this.samples = [];
    this.lastObservedAt = Number.NaN;
  }
  get size() {
    return this.samples.length;
  }
  observe(offset, time) {
    const previous = this.lastObservedAt;
    this.lastObservedAt = time;
    const last = this.samples.at(-1);
    if (last !== undefined) {
      if (offset === last[0]) return;
      if (offset < last[0]) this.samples = [];
      else if (previous > last[1]) this.#push([last[0], previous]);
    }
    this.#push([offset, time]);
  }
  #push(sample) {
    if (this.samples.length === this.capacity) {
      const end = this.samples.length - this.recent;
      this.samples = this.samples.filter((_, i) => i === 0 || i >= end || i % 2 === 0);
    }
    this.samples.push(sample);
  }
  offsetAt(i) {
    return this.samples[i][0];
  }
  timeAt(i) {
    return this.samples[i][1];
  }
  firstAbove(offset) {
    const i = this.samples.findIndex((s) => s[0] > offset);
    return i === -1 ? this.samples.length : i;
  }
}

const BANDS = [
  ["<1m", 0, 60_000],
  ["1-10m", 60_000, 600_000],
  ["10-60m", 600_000, 3_600_000],
  [">1h", 3_600_000, Infinity],
];

/** Nearest-rank percentile of a sorted array. */
const percentile = (sorted, p) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

function evaluate(name, times) {
  const histories = HISTORIES.map(([label, make]) => ({ label, history: make(), probes: 0, covered: 0, errors: BANDS.map(() => []), rel: 0, size: 0 }));
  let written = 0;
  for (let s = 0; s <= SECONDS; s++) {
    const now = s * 1000;
    while (written < times.length && times[written] <= now) written++;
    for (const h of histories) h.history.observe(written, now);
    if (s < 900 || s % EVERY_S !== 0 || written < 2) continue;
    const first = 0;
    const step = Math.max(1, Math.floor((written - first) / PROBES));
    for (const h of histories) {
      h.size = Math.max(h.size, h.history.size);
      for (let c = first; c < written; c += step) {
        const truth = now - times[c];
        const lag = estimateTimeLag(h.history, c, written, now);
        h.probes++;
        if (lag.method !== "interpolated") continue;
        h.covered++;
        const error = lag.ms - truth;
        const band = BANDS.findIndex(([, lo, hi]) => truth >= lo && truth < hi);
        h.errors[band].push(Math.abs(error) / 1000);
        if (truth >= 60_000) h.rel = Math.max(h.rel, Math.abs(error) / truth);
      }
    }
  }
  console.log(`\n${name}: ${times.length.toLocaleString("en")} records over ${HOURS} h, polled every 1 s`);
  console.log(`  ${"history".padEnd(22)} ${"max size".padStart(8)} ${"covered".padStart(8)}  ${BANDS.map(([b]) => `${b} p99/max s`.padStart(18)).join(" ")} ${"rel max".padStart(8)}`);
  for (const h of histories) {
    const cells = h.errors.map((e) => {
      e.sort((a, b) => a - b);
      return e.length === 0 ? "-".padStart(18) : `${percentile(e, 99).toFixed(1)}/${e[e.length - 1].toFixed(1)}`.padStart(18);
    });
    console.log(`  ${h.label.padEnd(22)} ${String(h.size).padStart(8)} ${`${((100 * h.covered) / h.probes).toFixed(1)}%`.padStart(8)}  ${cells.join(" ")} ${`${(100 * h.rel).toFixed(2)}%`.padStart(8)}`);
  }
}

let seed = 1;
for (const [name, rate] of Object.entries(CURVES)) evaluate(name, records(rate, seed++));
