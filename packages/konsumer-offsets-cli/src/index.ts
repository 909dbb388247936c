/**
 * `@kafkesc/konsumer-offsets-cli`: the `konsumer-offsets` command line, and its parts for programs that want them
 * (the formats, the CLI runner). Reading a topic raw by manual assignment is `@kafkesc/kafka-io`'s `readTopic`.
 */
export { runCli, createProgram, CLI_VERSION } from "./program.js";
export type { CliIo } from "./program.js";
export { runDecode } from "./commands/decode.js";
export type { DecodeCommandOptions } from "./commands/decode.js";
export { runTail } from "./commands/tail.js";
export type { TailCommandOptions, TailResult } from "./commands/tail.js";
export { formatRecord, OUTPUT_FORMATS } from "./format/index.js";
export type { FormatOptions, OutputFormat, RecordPosition } from "./format/index.js";
export { matchesFilter, recordGroup, recordTopic, KEEP_ALL } from "./record-filter.js";
export type { RecordFilter } from "./record-filter.js";
export { RECORD_TYPE_NAMES, resolveRecordType, recordTypeNames } from "./record-types.js";
export { LineSink } from "./output.js";
export * from "./errors.js";
