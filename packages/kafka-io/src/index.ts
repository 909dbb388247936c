/**
 * Kafka I/O shared by the Kafkesc tools: the Kafka client itself, client settings from flags, a properties file and the
 * environment (Java names translated where exact), commander option builders of the conventions the CLIs share, typed
 * failures with exit codes, bounded connection attempts, and repeated client errors logged once.
 */
export * from "./client.js";
export * from "./errors.js";
export * from "./properties.js";
export * from "./settings.js";
export * from "./cli-options.js";
export * from "./failures.js";
export * from "./topic-reader.js";
export * from "./retry.js";
export * from "./admin.js";
export * from "./partition-reader.js";
