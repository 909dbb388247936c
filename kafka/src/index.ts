/**
 * @kafkesc/kafka-harness: fetches Apache Kafka's jars from Maven Central (cached outside the repository), starts
 * real KRaft clusters of 1 or 3 nodes for tests, benchmarks and demos, runs Kafka's own tools, and reads Kafka's
 * message definitions out of the jars.
 */
export { DEFAULT_KAFKA_VERSION, PINNED_KAFKA_VERSIONS, parseKafkaVersion, groupSupport } from "./versions.js";
export type { KafkaVersion, GroupType, GroupSupport } from "./versions.js";
export { fetchKafka, cachedKafka } from "./fetch.js";
export type { KafkaDistribution } from "./fetch.js";
export { startKafka } from "./cluster.js";
export type { KafkaCluster, StartKafkaOptions } from "./cluster.js";
export type { NodePorts } from "./config.js";
export type { JvmProfile } from "./node-process.js";
export type { CreateTopicOptions } from "./topics.js";
export { runKafkaTool } from "./tools.js";
export type { ToolResult, ToolOptions } from "./tools.js";
export { readMessageDefinitions } from "./message-definitions.js";
export type { DefinitionArtifact } from "./message-definitions.js";
export { fetchMetadata } from "./metadata.js";
export type { ClusterMetadata, TopicMetadata } from "./metadata.js";
export { KafkaHarnessError } from "./errors.js";
export type { KafkaHarnessErrorCode, KafkaHarnessErrorContext } from "./errors.js";
export { cacheRoot } from "./paths.js";
