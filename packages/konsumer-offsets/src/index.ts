/**
 * `@kafkesc/konsumer-offsets`: decode and encode every record Kafka writes to its internal `__consumer_offsets` topic.
 * @module
 */
export type * from "./types.js";
