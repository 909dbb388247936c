/**
 * `@kafkesc/bytes-parser`: a cursor over bytes with typed reads (`BytesParser`), its mirror image for writing
 * (`BytesWriter`), Kafka's wire primitives in both, an intern table for repeated strings (`StringCache`), and one
 * typed error (`BytesParserError`); Kafka's UUID text form (`toKafkaUuid`, `ZERO_UUID`).
 * @packageDocumentation
 */
export { BytesParser } from "./parser.js";
export type { BytesParserOptions, ElementReader, TaggedFieldHandler, Utf8Options } from "./parser.js";
export { StringCache } from "./string-cache.js";
export type { StringCacheOptions } from "./string-cache.js";
export { BytesWriter } from "./writer.js";
export type { BytesWriterOptions, ElementWriter } from "./writer.js";
export { BytesParserError } from "./errors.js";
export type { BytesParserErrorCode, BytesParserErrorContext } from "./errors.js";
export type { TaggedField } from "./tagged-field.js";
export { toKafkaUuid, ZERO_UUID } from "./uuid.js";
