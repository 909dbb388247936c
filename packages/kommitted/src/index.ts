/**
 * `@kafkesc/kommitted`: consumer-group lag, in offsets and in time, from `__consumer_offsets`.
 * The building blocks are exported for embedding and testing; the `kommitted` command (`cli.ts`) runs them.
 * @module
 */
export type { Config, LogLevel } from "./config.js";
export { DEFAULTS, readyPolls, kafkaClientConfig } from "./config.js";
export { KommittedError } from "./errors.js";
export type { KommittedErrorCode } from "./errors.js";
export { parseArgs, parseDuration } from "./options.js";
export type { ParseOutcome } from "./options.js";
export { Monitor } from "./monitor.js";
export type { Readiness, MonitorView } from "./monitor.js";
export { createMetrics } from "./http/metrics.js";
export { startHttpServer } from "./http/server.js";
export type { HttpServer } from "./http/server.js";
export { GroupRegistry } from "./state/groups.js";
export type { GroupState, MemberState, GroupCommit } from "./state/groups.js";
export type { GroupEvent, GroupType } from "./state/events.js";
export { PartitionHistory } from "./state/partition-history.js";
export { PartitionOffsetsStore } from "./state/partition-offsets.js";
export { estimateTimeLag, exactTimeLag } from "./lag/time-lag.js";
export type { TimeLag, TimeLagMethod } from "./lag/time-lag.js";
export { offsetLag, commitAge } from "./lag/offset-lag.js";
export { CommitHistory } from "./lag/commit-rate.js";
export type { CommitRate } from "./lag/commit-rate.js";
export { LagCalculator } from "./lag/snapshot.js";
export type { LagMode, LagSnapshot, GroupLag, PartitionLag } from "./lag/snapshot.js";
export { evaluatePartition, worstStatus, STATUS_SEVERITY } from "./health/rules.js";
export type { PartitionStatus, HealthRules, HealthSample } from "./health/rules.js";
export { eventsOf, decodeEvents } from "./offsets/adapter.js";
export { decodeShareStateEvents, shareStateEventsOf } from "./offsets/share-state-adapter.js";
