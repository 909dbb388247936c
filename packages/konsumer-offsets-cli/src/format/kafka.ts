/**
 * `--format kafka`: exactly what Kafka's own console formatters (`OffsetsMessageFormatter` for offset commits,
 * `GroupMetadataMessageFormatter` for group records) print for the record, so output can be diffed against
 * `kafka-console-consumer`. Kafka prints nothing for some records (`null` here); the CLI then prints nothing either.
 */
import { toKafkaFormat } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";

/** Kafka's formatter output for the record, or `null` when Kafka prints nothing for it. */
export function formatKafka(record: OffsetsRecord): string | null {
  return toKafkaFormat(record);
}
