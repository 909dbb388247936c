/** The summary printed on exit: totals, shortfall, and latency per phase. */
import { formatCount } from "../wave/chart.js";
import type { PacerProgress } from "../produce/pacer.js";
import type { ProducerCounts } from "../produce/producer.js";
import type { TransactionCounts } from "../produce/transactions.js";
import type { DeliveryStats } from "./stats.js";
import type { TopicCount } from "./topics.js";

/** What the run did, at its end. */
export interface RunSummary {
  readonly elapsedSec: number;
  readonly progress: PacerProgress;
  readonly counts: ProducerCounts;
  /** Records still in flight when the flush timed out (counted as failed in the exit code). */
  readonly unconfirmed: number;
  readonly stats: DeliveryStats;
  /** The last error the Kafka client reported, if any. */
  readonly lastError?: string | undefined;
  /** Counts per topic (a table when there are several). */
  readonly topics?: readonly TopicCount[];
  /** Committed and aborted transactions (`--transactional-id`). */
  readonly transactions?: TransactionCounts | undefined;
  /** Why transactional producing stopped, if it did. */
  readonly transactionError?: string | undefined;
}

/** The summary as text. */
export function formatSummary(s: RunSummary): string {
  const ms = (v: number) => (Number.isNaN(v) ? "-" : String(v));
  const rows = [["phase", "delivered", "failed", "p50 ms", "p99 ms", "max ms"]];
  for (const [name, o] of [...s.stats.byPhase, ["all", s.stats.total] as const]) {
    if (name !== "all" && o.delivered + o.failed === 0) continue;
    rows.push([name, formatCount(o.delivered), formatCount(o.failed), ms(o.latency.percentile(0.5)), ms(o.latency.percentile(0.99)), o.latency.count ? String(o.latency.max) : "-"]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")).join("\n");
  const behind = s.progress.skipped > 0 ? ` (${formatCount(s.progress.skipped)} skipped: more than --max-lag behind schedule)` : "";
  const waits = s.progress.backPressureWaits > 0 ? `; waited on back-pressure (in-flight limit or full client queue) ${formatCount(s.progress.backPressureWaits)} times` : "";
  return [
    `ksunami: ${s.elapsedSec.toFixed(1)} s, ${formatCount(s.progress.due)} records due, ${formatCount(s.progress.sent)} sent${behind}${waits}`,
    `  produced ${formatCount(s.counts.produced)} = delivered ${formatCount(s.counts.delivered)} + failed ${formatCount(s.counts.failed)}` +
      (s.unconfirmed > 0 ? ` + unconfirmed at exit ${formatCount(s.unconfirmed)}` : ""),
    `  delivery latency from intended send time, per phase:` +
      (s.stats.latencyUnknown > 0 ? ` (${formatCount(s.stats.latencyUnknown)} deliveries carried the broker's timestamp, not ours: latency unknown)` : ""),
      (s.stats.latencyNotReported > 0
        ? ` (${formatCount(s.stats.latencyNotReported)} deliveries counted without a report each, as asked by delivery.report.only.error: latency not measured)`
        : ""),
    table,
    ...topicTable(s.topics ?? []),
    ...(s.transactions === undefined
      ? []
      : [
          `  transactions: committed ${formatCount(s.transactions.committedTransactions)} (${formatCount(s.transactions.committedRecords)} records), ` +
            `aborted ${formatCount(s.transactions.abortedTransactions)} (${formatCount(s.transactions.abortedRecords)} records)` +
            (s.transactionError !== undefined ? `; stopped: ${s.transactionError}` : ""),
        ]),
    ...(s.counts.failed > 0 && s.lastError !== undefined ? [`  last error: ${s.lastError}`] : []),
  ].join("\n");
}

/** Per-topic lines, when records went to several topics. */
function topicTable(topics: readonly TopicCount[]): string[] {
  if (topics.length < 2) return [];
  const rows = [["topic", "produced", "delivered", "failed"], ...topics.map((t) => [t.topic, formatCount(t.produced), formatCount(t.delivered), formatCount(t.failed)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return ["  per topic:", ...rows.map((r) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "))];
}
