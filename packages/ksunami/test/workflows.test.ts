/**
 * The workflows of several topics, transactions and shards, in-process: their flags (and the one line each bad value
 * ends with), the topic rotation, a wave split over shards, and their metrics. End to end on Kafka: `topics.int.test.ts`,
 * `transactions.int.test.ts`, `shards.int.test.ts`.
 */
import { KafkescError, formatFailure } from "@kafkesc/kafka-io";
import { describe, expect, test } from "vitest";
import { parseCommandLine } from "../src/command-line.js";
import { TopicRouter } from "../src/generate/topics.js";
import { createMetrics } from "../src/metrics.js";
import type { KsunamiOptions } from "../src/options.js";
import { prepareRun, sharedStart, startOffset } from "../src/run.js";
import { parseTransition } from "../src/wave/curves.js";
import { WavePlan } from "../src/wave/plan.js";
import { Schedule } from "../src/wave/schedule.js";

const base = ["-b", "localhost:9092", "--min", "10", "--max", "100"];
const options = (argv: string[], env: NodeJS.ProcessEnv = {}): KsunamiOptions => {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== "options") throw new Error(`expected options, got ${parsed.kind}`);
  return parsed.options;
};
/** The one line a bad invocation ends with (exit 2). */
const failure = (argv: string[], env: NodeJS.ProcessEnv = {}): string => {
  try {
    parseCommandLine(argv, env);
  } catch (e) {
    expect(e).toBeInstanceOf(KafkescError);
    expect((e as KafkescError).exitCode).toBe(2);
    const line = formatFailure("ksunami", e, false);
    expect(line.split("\n")).toHaveLength(1);
    return line;
  }
  throw new Error("expected a failure");
};

describe("several topics", () => {
  test("-t repeated, with weights; from the environment one per line or comma-separated", () => {
    expect(options([...base, "-t", "a:3", "-t", "b:1", "-t", "c"]).topics).toEqual([{ name: "a", weight: 3 }, { name: "b", weight: 1 }, { name: "c", weight: 1 }]);
    expect(options(base, { KSUNAMI_TOPIC: "a:2.5,b" }).topics).toEqual([{ name: "a", weight: 2.5 }, { name: "b", weight: 1 }]);
    expect(options(base, { KSUNAMI_TOPIC: "x\ny:4\n" }).topics).toEqual([{ name: "x", weight: 1 }, { name: "y", weight: 4 }]);
  });

  test("bad topics and weights", () => {
    expect(failure([...base, "-t", "a:0"])).toMatch(/INVALID_TOPIC.*'a:0' has a weight that is not a number above 0/);
    expect(failure([...base, "-t", "a:x"])).toMatch(/INVALID_TOPIC/);
    expect(failure([...base, "-t", "a:"])).toMatch(/INVALID_TOPIC/);
    expect(failure([...base, "-t", "a b"])).toMatch(/INVALID_TOPIC.*not a topic name/);
    expect(failure([...base, "-t", "a", "-t", "a:2"])).toMatch(/'a' is given twice/);
    expect(failure(base)).toMatch(/--topic is required/);
  });

  test("smooth weighted round robin: exact shares, spread evenly, deterministic", () => {
    const router = new TopicRouter([{ name: "a", weight: 3 }, { name: "b", weight: 1 }]);
    const picks = Array.from({ length: 8 }, () => router.names[router.next()]).join("");
    expect(picks).toBe("aabaaaba"); // one b in every 4, never two together
    expect(picks.match(/b/g)).toHaveLength(2);
    const weights = [{ name: "x", weight: 5 }, { name: "y", weight: 2 }, { name: "z", weight: 0.5 }];
    const r = new TopicRouter(weights);
    const counts = [0, 0, 0];
    for (let n = 1; n <= 7500; n++) {
      counts[r.next()]!++;
      // Every prefix is within one record (per topic, plus the fractional weight's rounding) of its share.
      if (n % 97 === 0) counts.forEach((c, i) => expect(Math.abs(c - (n * weights[i]!.weight) / 7.5)).toBeLessThan(2));
    }
    expect(counts).toEqual([5000, 2000, 500]);
  });

  test("undo restores the rotation (a record refused by a full queue goes out next, to the same topic)", () => {
    const a = new TopicRouter([{ name: "a", weight: 3 }, { name: "b", weight: 2 }]);
    const b = new TopicRouter([{ name: "a", weight: 3 }, { name: "b", weight: 2 }]);
    const seq: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = a.next();
      if (i % 3 === 0) a.undo(t);
      else seq.push(t);
    }
    expect(seq).toEqual(Array.from({ length: seq.length }, () => b.next()));
  });

  test("metrics: a counter per topic and per transaction outcome", async () => {
    const plan = new WavePlan({ min: 1, minSec: 1, max: 1, maxSec: 0, up: parseTransition("none", "up"), upSec: 0, down: parseTransition("none", "down"), downSec: 0 });
    const { registry } = createMetrics({
      plan, schedule: new Schedule(plan),
      counts: () => ({ produced: 8, delivered: 7, failed: 1, inFlight: 0 }),
      progress: () => ({ elapsedSec: 1, due: 8, sent: 8, skipped: 0, lagSec: 0, backPressureWaits: 0, sentByTopic: [6, 2], failedAtSendByTopic: [0, 0] }),
      latestStatus: () => undefined,
      topics: () => [{ topic: "a", produced: 6, delivered: 5, failed: 1 }, { topic: "b", produced: 2, delivered: 2, failed: 0 }],
      transactions: () => ({ committedRecords: 6, abortedRecords: 2, committedTransactions: 3, abortedTransactions: 1 }),
    });
    const text = await registry.metrics();
    expect(text).toContain('ksunami_topic_records_produced_total{topic="a"} 6');
    expect(text).toContain('ksunami_topic_records_delivered_total{topic="a"} 5');
    expect(text).toContain('ksunami_topic_records_failed_total{topic="a"} 1');
    expect(text).toContain('ksunami_topic_records_produced_total{topic="b"} 2');
    expect(text).toContain('ksunami_transaction_records_total{outcome="committed"} 6');
    expect(text).toContain('ksunami_transaction_records_total{outcome="aborted"} 2');
    expect(text).toContain('ksunami_transactions_total{outcome="aborted"} 1');
  });
});

describe("transactions", () => {
  test("flags and defaults", () => {
    expect(options([...base, "-t", "a", "--transactional-id", "tx-1"]).transactions).toEqual({ id: "tx-1", recordsPerTransaction: 1000, abortRatio: 0, timeoutMs: 60_000 });
    expect(options([...base, "-t", "a"], { KSUNAMI_TRANSACTIONAL_ID: "e", KSUNAMI_RECORDS_PER_TRANSACTION: "50", KSUNAMI_ABORT_RATIO: "0.1", KSUNAMI_TXN_TIMEOUT: "5s" }).transactions)
      .toEqual({ id: "e", recordsPerTransaction: 50, abortRatio: 0.1, timeoutMs: 5000 });
    expect(options([...base, "-t", "a"]).transactions).toBeUndefined();
  });

  test("bad values", () => {
    expect(failure([...base, "-t", "a", "--abort-ratio", "0.1"])).toMatch(/--abort-ratio needs --transactional-id/);
    expect(failure([...base, "-t", "a", "--transactional-id", "x", "--abort-ratio", "1.5"])).toMatch(/--abort-ratio: 1.5 is above 1/);
    expect(failure([...base, "-t", "a", "--transactional-id", "x", "--records-per-transaction", "0"])).toMatch(/--records-per-transaction: 0 must be above 0/);
    expect(failure([...base, "-t", "a", "--transactional-id", "x", "--records-per-transaction", "2.5"])).toMatch(/not a whole number/);
  });
});

describe("transactions, prepared", () => {
  const prepared = (argv: string[]) => prepareRun(options([...base, "-t", "a", ...argv]));

  test("a transaction the wave's slowest stretch would keep open past transaction.timeout.ms is refused (exit 2)", () => {
    // --min 10 for 60 s, then up: 1000 records take over a minute from the start of the min phase.
    expect(() => prepared(["--transactional-id", "x", "--records-per-transaction", "1000"])).toThrow(/would stay open 6\d\.\d s, past 90 % of transaction.timeout.ms \(60 s\)/);
    expect(prepared(["--transactional-id", "x", "--records-per-transaction", "500"]).producerConfig["transactional.id"]).toBe("x");
    expect(() => prepared(["--transactional-id", "x", "--records-per-transaction", "1000", "-c", "transaction.timeout.ms=120000"])).not.toThrow();
    expect(() => prepared(["--transactional-id", "x", "--records-per-transaction", "1", "--min", "0"])).toThrow(/would stay open/);
  });

  test("each shard has its own transactional id (shards sharing one would fence each other)", () => {
    expect(prepared(["--transactional-id", "x", "--records-per-transaction", "100", "--shards", "3", "--shard-index", "2"]).producerConfig["transactional.id"]).toBe("x-2");
  });
});

describe("shards", () => {
  test("--shards and --shard-index, the index from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)", () => {
    expect(options([...base, "-t", "a"]).shard).toEqual({ count: 1, index: 0 });
    expect(options([...base, "-t", "a", "--shards", "4", "--shard-index", "2"]).shard).toEqual({ count: 4, index: 2 });
    expect(options([...base, "-t", "a", "--shards", "4"], { JOB_COMPLETION_INDEX: "3" }).shard).toEqual({ count: 4, index: 3 });
    expect(options([...base, "-t", "a"], { KSUNAMI_SHARDS: "2", KSUNAMI_SHARD_INDEX: "1", JOB_COMPLETION_INDEX: "0" }).shard).toEqual({ count: 2, index: 1 });
    expect(failure([...base, "-t", "a", "--shards", "3"])).toMatch(/--shard-index is required \(or set KSUNAMI_SHARD_INDEX or JOB_COMPLETION_INDEX\)/);
    expect(failure([...base, "-t", "a", "--shards", "3", "--shard-index", "3"])).toMatch(/--shard-index: 3 is not in 0-2/);
    expect(failure([...base, "-t", "a", "--shards", "0"])).toMatch(/--shards: 0 must be above 0/);
    // A plain Indexed Job (no --shards): every pod runs the whole wave.
    expect(options([...base, "-t", "a"], { JOB_COMPLETION_INDEX: "5" }).shard).toEqual({ count: 1, index: 0 });
    expect(failure([...base, "-t", "a", "--shards", "3"], { JOB_COMPLETION_INDEX: "3" })).toMatch(/JOB_COMPLETION_INDEX: 3 is not in 0-2 \(--shards 3\)/);
    expect(options(["--plan", "--min", "1", "--max", "2", "--shards", "3"]).shard).toEqual({ count: 3, index: 0 });
  });

  test("--start-at: ISO 8601 or epoch ms", () => {
    expect(options([...base, "-t", "a", "--start-at", "2026-12-01T10:00:00Z"]).startAtMs).toBe(Date.UTC(2026, 11, 1, 10));
    expect(options([...base, "-t", "a", "--start-at", "1700000000000"]).startAtMs).toBe(1_700_000_000_000);
    expect(failure([...base, "-t", "a", "--start-at", "tomorrow"])).toMatch(/--start-at: 'tomorrow' is not an instant/);
  });

  const plan = new WavePlan({ min: 37.3, minSec: 7, max: 913.7, maxSec: 5, up: parseTransition("ease-in-out", "up"), upSec: 4, down: parseTransition("linear", "down"), downSec: 3 });

  test("shards started at different instants send, together, exactly the wave's records: each record once", () => {
    const origin = 1_700_000_123_456;
    const end = origin + 60_000;
    const shards = 3;
    const timesOf = (index: number, startMs: number): number[] => {
      const o = { startAtMs: undefined, alignToClock: false, shard: { count: shards, index } } as unknown as KsunamiOptions;
      const schedule = new Schedule(plan, startOffset(o, plan, startMs), { count: shards, index });
      const n = schedule.dueCount((end - startMs) / 1000);
      return Array.from({ length: n }, (_, i) => startMs + schedule.dueTime(i + 1) * 1000);
    };
    // Each shard starts at its own time: together they cover the wave from the latest start.
    const starts = [origin, origin + 2_345, origin + 777];
    const latest = Math.max(...starts);
    const all = starts.flatMap((s, i) => timesOf(i, s)).filter((t) => t >= latest).sort((a, b) => a - b);
    // The wave's records, numbered from its origin (epoch 0): record g is due when the area reaches g.
    const first = Math.floor(plan.areaAt(latest / 1000) + 1e-9) + 1;
    const last = Math.floor(plan.areaAt(end / 1000) + 1e-9);
    const expected = Array.from({ length: last - first + 1 }, (_, i) => plan.timeForArea(first + i) * 1000);
    // The same records at the same times (within float rounding at epoch scale): none twice, none missing.
    expect(all.length).toBe(expected.length);
    for (let i = 0; i < all.length; i++) expect(Math.abs(all[i]! - expected[i]!)).toBeLessThan(0.01);
    // Per second, the shards' sum is the wave's area over that second within one record per shard.
    for (let s = Math.ceil(latest / 1000) + 1; s < end / 1000 - 1; s++) {
      const inSecond = all.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length;
      const area = plan.areaAt(s + 1) - plan.areaAt(s);
      expect(Math.abs(inSecond - area)).toBeLessThanOrEqual(shards);
    }
  });

  test("a shared run starts on a whole second from the wave's origin: --start-at, else the Unix epoch", () => {
    const o = (over: Partial<KsunamiOptions>) => ({ startAtMs: undefined, alignToClock: false, shard: { count: 1, index: 0 }, ...over }) as KsunamiOptions;
    expect(sharedStart(o({}), 1_700_000_000_123)).toBe(1_700_000_000_123); // a plain run starts now
    expect(sharedStart(o({ shard: { count: 3, index: 1 } }), 1_700_000_000_123)).toBe(1_700_000_001_000);
    expect(sharedStart(o({ alignToClock: true }), 1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(sharedStart(o({ startAtMs: 1_700_000_005_500 }), 1_700_000_000_123)).toBe(1_700_000_005_500); // in the future: at it
    expect(sharedStart(o({ startAtMs: 1_700_000_000_500 }), 1_700_000_003_000)).toBe(1_700_000_003_500); // joined late
  });
});

describe("summary", () => {
  test("a table per topic when there are several, and the transactions' outcomes", async () => {
    const { formatSummary } = await import("../src/report/summary.js");
    const { DeliveryStats } = await import("../src/report/stats.js");
    const plan = new WavePlan({ min: 1, minSec: 1, max: 1, maxSec: 0, up: parseTransition("none", "up"), upSec: 0, down: parseTransition("none", "down"), downSec: 0 });
    const text = formatSummary({
      elapsedSec: 3, unconfirmed: 0, stats: new DeliveryStats(plan, new Schedule(plan)),
      progress: { elapsedSec: 3, due: 4000, sent: 4000, skipped: 0, lagSec: 0, backPressureWaits: 0, sentByTopic: [3000, 1000], failedAtSendByTopic: [0, 0] },
      counts: { produced: 4000, delivered: 3999, failed: 1 },
      topics: [{ topic: "orders", produced: 3000, delivered: 2999, failed: 1 }, { topic: "payments", produced: 1000, delivered: 1000, failed: 0 }],
      transactions: { committedRecords: 3600, abortedRecords: 400, committedTransactions: 36, abortedTransactions: 4 },
    });
    expect(text).toMatch(/per topic:\n\s+topic\s+produced\s+delivered\s+failed\n\s+orders\s+3,000\s+2,999\s+1\n\s+payments\s+1,000\s+1,000\s+0/);
    expect(text).toContain("transactions: committed 36 (3,600 records), aborted 4 (400 records)");
    const single = formatSummary({
      elapsedSec: 1, unconfirmed: 0, stats: new DeliveryStats(plan, new Schedule(plan)),
      progress: { elapsedSec: 1, due: 1, sent: 1, skipped: 0, lagSec: 0, backPressureWaits: 0, sentByTopic: [1], failedAtSendByTopic: [0] },
      counts: { produced: 1, delivered: 1, failed: 0 }, topics: [{ topic: "t", produced: 1, delivered: 1, failed: 0 }],
    });
    expect(single).not.toContain("per topic");
    expect(single).not.toContain("transactions");
  });
});
