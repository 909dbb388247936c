/**
 * Optional Prometheus endpoint (`--metrics-port`): target and achieved rates, produced, delivered,
 * failed, skipped, in flight, lag behind schedule, and the delivery latency histogram per phase.
 */
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { PacerProgress } from "./produce/pacer.js";
import type { ProducerCounts } from "./produce/producer.js";
import type { PhaseName, WavePlan } from "./wave/plan.js";
import type { Schedule } from "./wave/schedule.js";
import type { StatusSample } from "./report/status.js";
import type { TopicCount } from "./report/topics.js";
import type { TransactionCounts } from "./produce/transactions.js";

/** What the metrics read at each scrape. */
export interface MetricsSources {
  readonly plan: WavePlan;
  readonly schedule: Schedule;
  readonly counts: () => ProducerCounts & { readonly inFlight: number };
  readonly progress: () => PacerProgress;
  readonly latestStatus: () => StatusSample | undefined;
  /** Counts per topic (several topics share the wave). */
  readonly topics?: () => readonly TopicCount[];
  /** Transaction counts (`--transactional-id`), or undefined. */
  readonly transactions?: () => TransactionCounts | undefined;
}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** Port it listens on. */
  readonly port: number;
  /** Records one delivered record's latency (seconds) in the histogram. */
  observeLatency(phase: PhaseName, seconds: number): void;
  /** Stops listening. */
  close(): Promise<void>;
}

/** The registry with every ksunami metric. */
export function createMetrics(sources: MetricsSources): { registry: Registry; observeLatency: MetricsServer["observeLatency"] } {
  const registry = new Registry();
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(read()); } });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  counter("ksunami_records_produced_total", "Records handed to the Kafka client.", () => sources.counts().produced);
  counter("ksunami_records_delivered_total", "Records acknowledged by the cluster.", () => sources.counts().delivered);
  counter("ksunami_records_failed_total", "Records that failed.", () => sources.counts().failed);
  counter("ksunami_records_skipped_total", "Records skipped because the run fell more than --max-lag behind schedule.", () => sources.progress().skipped);
  counter("ksunami_records_due_total", "Records due by the schedule so far.", () => sources.progress().due);
  gauge("ksunami_records_in_flight", "Records produced and not yet acknowledged.", () => sources.counts().inFlight);
  gauge("ksunami_target_rate", "Target rate of the wave now, records/s.", () => sources.plan.rateAt(sources.schedule.waveTime(sources.progress().elapsedSec)));
  gauge("ksunami_achieved_rate", "Records/s acknowledged over the last status interval.", () => sources.latestStatus()?.achievedRate ?? 0);
  gauge("ksunami_lag_seconds", "How far behind schedule the next record is.", () => sources.progress().lagSec);
  const perTopic = (name: string, help: string, read: (t: TopicCount) => number) =>
    new Counter({ name, help, labelNames: ["topic"], registers: [registry], collect() { this.reset(); for (const t of sources.topics?.() ?? []) this.labels(t.topic).inc(read(t)); } });
  perTopic("ksunami_topic_records_produced_total", "Records handed to the Kafka client, per destination topic.", (t) => t.produced);
  perTopic("ksunami_topic_records_delivered_total", "Records acknowledged by the cluster, per destination topic (with failure reports only: estimated until flushed).", (t) => t.delivered);
  perTopic("ksunami_topic_records_failed_total", "Records that failed, per destination topic.", (t) => t.failed);
  const outcomes = (name: string, help: string, committed: (c: TransactionCounts) => number, aborted: (c: TransactionCounts) => number) =>
    new Counter({ name, help, labelNames: ["outcome"], registers: [registry], collect() {
      this.reset();
      const c = sources.transactions?.();
      if (c === undefined) return;
      this.labels("committed").inc(committed(c));
      this.labels("aborted").inc(aborted(c));
    } });
  outcomes("ksunami_transaction_records_total", "Records in ended transactions, by outcome (--transactional-id).", (c) => c.committedRecords, (c) => c.abortedRecords);
  outcomes("ksunami_transactions_total", "Ended transactions, by outcome (--transactional-id).", (c) => c.committedTransactions, (c) => c.abortedTransactions);
  const latency = new Histogram({
    name: "ksunami_delivery_latency_seconds",
    help: "Delivery latency from each record's intended send time to its delivery report.",
    labelNames: ["phase"],
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const children = new Map((["min", "up", "max", "down"] as const).map((p) => [p, latency.labels(p)]));
  return { registry, observeLatency: (phase, seconds) => children.get(phase)!.observe(seconds) };
}

/** Serves the metrics on `http://0.0.0.0:port/metrics` (port 0: any free port). */
export async function startMetricsServer(port: number, sources: MetricsSources): Promise<MetricsServer> {
  const { registry, observeLatency } = createMetrics(sources);
  const server: Server = createServer((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end("not found: try /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "0.0.0.0", () => resolve());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    observeLatency,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
