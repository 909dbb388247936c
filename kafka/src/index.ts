/**
 * @kafkesc/kafka-harness: fetches Apache Kafka's jars from Maven Central (cached outside the repository), starts
 * real KRaft clusters of 1 or 3 nodes for tests, benchmarks and demos, runs Kafka's own tools, and reads Kafka's
 * message definitions out of the jars.
 */
export { DEFAULT_KAFKA_VERSION, PINNED_KAFKA_VERSIONS, parseKafkaVersion, groupSupport } from "./distribution/versions.js";
export type { KafkaVersion, GroupType, GroupSupport } from "./distribution/versions.js";
export { fetchKafka, cachedKafka } from "./distribution/fetch.js";
export type { KafkaDistribution } from "./distribution/fetch.js";
export { startKafka } from "./cluster/cluster.js";
export type { KafkaCluster, SecureAccess, StartKafkaOptions } from "./cluster/cluster.js";
export { DEFAULT_USERS, SASL_MECHANISMS } from "./cluster/security.js";
export type { AclSpec, SaslMechanism, SecurityOptions } from "./cluster/security.js";
export { createBrokerKeystore, createCertificateAuthority } from "./cluster/certificates.js";
export type { BrokerKeystore, CertificateAuthority } from "./cluster/certificates.js";
export type { NodePorts } from "./cluster/config.js";
export type { CreateTopicOptions } from "./cluster/topics.js";
export { runKafkaTool } from "./tools/run-tool.js";
export type { ToolResult, ToolOptions } from "./tools/run-tool.js";
export { readMessageDefinitions } from "./distribution/message-definitions.js";
export type { DefinitionArtifact } from "./distribution/message-definitions.js";
export { fetchMetadata } from "./cluster/metadata.js";
export type { ClusterMetadata, TopicMetadata } from "./cluster/metadata.js";
export { KafkaHarnessError } from "./errors.js";
export type { KafkaHarnessErrorCode, KafkaHarnessErrorContext } from "./errors.js";
export { cacheRoot } from "./distribution/paths.js";
