/** The three output formats of the CLI and one entry point choosing between them. */
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";
import { formatJson } from "./json.js";
import { formatKafka } from "./kafka.js";
import { formatPretty } from "./pretty.js";
import type { RecordPosition } from "./position.js";

export type { RecordPosition } from "./position.js";

/** Output formats: our JSON, Kafka's console-formatter JSON, or a human-readable block. */
export const OUTPUT_FORMATS = ["json", "kafka", "pretty"] as const;

/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How to print records. */
export interface FormatOptions {
  /** Which format. */
  readonly format: OutputFormat;
  /** ANSI colours (pretty only). */
  readonly colour: boolean;
}

/** The printed form of one record (without trailing newline), or `null` when the format prints nothing for it. */
export function formatRecord(record: OffsetsRecord, position: RecordPosition | undefined, options: FormatOptions): string | null {
  switch (options.format) {
    case "json":
      return formatJson(record, position);
    case "kafka":
      return formatKafka(record);
    case "pretty":
      return formatPretty(record, position, { colour: options.colour });
  }
}
