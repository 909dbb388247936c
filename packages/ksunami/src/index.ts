/**
 * ksunami: cyclical waves of Kafka records. The command is `ksunami` (`dist/cli.js`); this module
 * exposes the pieces for programs and tests.
 */
export { KsunamiOptionsError } from "./errors.js";
export type { KsunamiOptionsErrorCode } from "./errors.js";
export { parseCommandLine, buildProgram, ENVIRONMENT, VERSION } from "./command-line.js";
export type { CommandLine } from "./command-line.js";
export { resolveOptions, DEFAULTS, PARTITIONERS } from "./options.js";
export { LOG_LEVELS } from "@kafkesc/kafka-io";
export type { KsunamiOptions, RawOptions, Partitioner, TopicWeight, TransactionOptions, ShardOptions } from "./options.js";
export type { LogLevel } from "@kafkesc/kafka-io";
export { NAMED_TRANSITIONS, parseTransition, curveAt, bezierOf } from "./wave/curves.js";
export type { Bezier, Direction, Transition } from "./wave/curves.js";
export { WavePlan } from "./wave/plan.js";
export type { WaveSpec, Phase, PhaseName } from "./wave/plan.js";
export { Schedule } from "./wave/schedule.js";
export { renderChart, renderSummary, renderSvg } from "./wave/chart.js";
export { parseValueSpec } from "./generate/spec.js";
export type { ValueSpec } from "./generate/spec.js";
export { createGenerator } from "./generate/generators.js";
export type { ValueGenerator, NumberEncoding } from "./generate/generators.js";
export { Random } from "./generate/random.js";
export { TopicRouter } from "./generate/topics.js";
export { Transactions, TransactionError } from "./produce/transactions.js";
export type { TransactionCounts } from "./produce/transactions.js";
export type { TopicCount } from "./report/topics.js";
export { prepareRun, runPlan, runWave, sharedStart, startOffset } from "./run.js";
export type { PreparedRun, RunOutput, RunResult, RunHooks } from "./run.js";
export { DeliveryStats } from "./report/stats.js";
export { LatencyHistogram } from "./report/histogram.js";
