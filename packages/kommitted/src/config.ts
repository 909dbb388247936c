import type { ClientSettings, LogLevel } from "@kafkesc/kafka-io";
import type { LagMode } from "./lag/snapshot.js";

export type { LogLevel };

/** Where groups and committed offsets come from: the offsets topic, the Admin API, or the topic when it can be read (auto). */
export type OffsetsSource = "auto" | "topic" | "admin";

/** Every source, the default first. */
export const OFFSETS_SOURCES: readonly OffsetsSource[] = ["auto", "topic", "admin"];

/** Everything kommitted runs with, validated. */
export interface Config {
  /** Bootstrap servers (`HOST:PORT,...`). */
  brokers: string;
  /** `client.id` of kommitted's Kafka clients. */
  clientId: string;
  /** Extra librdkafka settings (`--config-file`, `-c/--config`), applied to every client. */
  kafkaConfig: Readonly<Record<string, string>>;
  /** The same settings with where each came from (for error messages). */
  settings: ClientSettings;
  /** Bound on connecting at start (ms): past it, or on a refusal (credentials, TLS), kommitted exits 1. */
  connectTimeoutMs: number;
  /** Value of the `cluster_id` label of every metric. */
  clusterId: string;
  /** End-offset samples kept per partition (thinned when full, so they span far more than `history` polls). */
  history: number;
  /** Fraction of `history` polls to complete (after the offsets replay) before reporting ready (30 polls by default). */
  historyReadyAt: number;
  /**
   * Collect V8's old generation once it grew this many MB past its live set (0: V8's own sizing). Trades CPU for
   * memory: see `collectOldGenerationSooner` and the README's Memory section.
   */
  oldGenerationStepMb: number;
  /** HTTP listen host. */
  host: string;
  /** HTTP listen port (0: any free port). */
  port: number;
  /** Log level. */
  logLevel: LogLevel;
  /** Time between end-offset polls (ms). */
  pollIntervalMs: number;
  /** Time-lag method. */
  lagMode: LagMode;
  /** Where groups and committed offsets come from (`--source`). */
  source: OffsetsSource;
  /** Admin API requests in flight at once in the `admin` source (DescribeGroups batches, OffsetFetch per group). */
  adminConcurrency: number;
  /** Topic to read offsets from. */
  offsetsTopic: string;
  /** Topic to read share groups' progress from (`__share_group_state`; Kafka creates it with the first share group). */
  shareStateTopic: string;
  /** Health window, in polls. */
  healthWindow: number;
  /** Commit age beyond which a lagging partition is STOP (ms). */
  stopAfterMs: number;
  /** Longest time between topic metadata refreshes (ms). */
  metadataRefreshMs: number;
  /** Partitions read at once to fetch record timestamps (auto and exact modes). */
  exactConcurrency: number;
  /** Bound on Kafka requests (ms). */
  requestTimeoutMs: number;
  /** Groups reported: each must match the whole name (`--groups`; none: every group). */
  groups: readonly RegExp[];
  /** Groups left out (`--groups-exclude`). */
  groupsExclude: readonly RegExp[];
  /** Topics reported (`--topics`; none: every topic). */
  topics: readonly RegExp[];
  /** Topics left out (`--topics-exclude`). */
  topicsExclude: readonly RegExp[];
}

/** Defaults of every optional setting. */
export const DEFAULTS = Object.freeze({
  clientId: "kommitted",
  clusterId: "kafka",
  // 120 samples (1,920 bytes a written partition) keep time-lag errors within about 1 % over 2 hours of 1 s polls:
  // bench/history-accuracy.mjs. 120 x 0.25 = 30 polls before ready, as with the former 600 x 0.05.
  history: 120,
  historyReadyAt: 0.25,
  oldGenerationStepMb: 0,
  host: "0.0.0.0",
  port: 6564,
  pollIntervalMs: 1000,
  lagMode: "auto" as LagMode,
  source: "auto" as OffsetsSource,
  adminConcurrency: 10,
  offsetsTopic: "__consumer_offsets",
  shareStateTopic: "__share_group_state",
  healthWindow: 10,
  stopAfterMs: 60_000,
  metadataRefreshMs: 30_000,
  exactConcurrency: 100,
  requestTimeoutMs: 10_000,
  groups: [] as readonly RegExp[],
  groupsExclude: [] as readonly RegExp[],
  topics: [] as readonly RegExp[],
  topicsExclude: [] as readonly RegExp[],
});

/** Number of completed polls after which the offset history counts as warm: `ceil(history x historyReadyAt)`, at least 1. */
export function readyPolls(config: Pick<Config, "history" | "historyReadyAt">): number {
  return Math.max(1, Math.ceil(config.history * config.historyReadyAt));
}

/** librdkafka settings of every client: bootstrap, client ID, then the user's settings (which win). */
export function kafkaClientConfig(config: Pick<Config, "brokers" | "clientId" | "kafkaConfig">): Record<string, string> {
  return { "bootstrap.servers": config.brokers, "client.id": config.clientId, ...config.kafkaConfig };
}
