/**
 * `@kafkesc/konsumer-offsets-cli`: the `konsumer-offsets` command line, and its parts for programs that want them
 * (reading a topic raw by manual assignment, the formats, the CLI runner).
 */
export { runCli, createProgram, CLI_VERSION } from "./program.js";
export type { CliIo } from "./program.js";
export { runDecode } from "./commands/decode.js";
export type { DecodeCommandOptions } from "./commands/decode.js";
export { runTail } from "./commands/tail.js";
export type { TailCommandOptions, TailResult } from "./commands/tail.js";
export { readTopic } from "./kafka/topic-reader.js";
export type { IsolationLevel, RawRecord, ReadSummary, StartPosition, TopicReaderOptions } from "./kafka/topic-reader.js";
export { formatRecord, OUTPUT_FORMATS } from "./format/index.js";
export type { FormatOptions, OutputFormat, RecordPosition } from "./format/index.js";
export { matchesFilter, recordGroup, recordTopic, KEEP_ALL } from "./record-filter.js";
export type { RecordFilter } from "./record-filter.js";
export { RECORD_TYPE_NAMES, resolveRecordType, recordTypeNames } from "./record-types.js";
export { LineSink } from "./output.js";
export * from "./errors.js";
