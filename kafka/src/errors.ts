/**
 * Every failure of the harness is a {@link KafkaHarnessError} with a stable {@link KafkaHarnessErrorCode}:
 * callers branch on `code`, humans read `message` (which carries the node's log tail when a broker is involved).
 */

/** Why the harness failed. */
export type KafkaHarnessErrorCode =
  /** The version string is not `MAJOR.MINOR.PATCH`, or older than the harness supports. */
  | "BAD_VERSION"
  /** Options that cannot work together (e.g. 2 nodes, a replication factor above the node count). */
  | "BAD_OPTIONS"
  /** No `java` on `PATH` nor under `JAVA_HOME`. */
  | "JDK_NOT_FOUND"
  /** No `mvn` on `PATH`. */
  | "MAVEN_NOT_FOUND"
  /** Maven could not resolve the jars (offline, unreachable repository, unknown version). */
  | "MAVEN_FAILED"
  /** A listener port is taken by another process. */
  | "PORT_IN_USE"
  /** Formatting a node's KRaft storage failed. */
  | "STORAGE_FORMAT_FAILED"
  /** A node's JVM exited while starting or while the harness waited on it. */
  | "NODE_EXITED"
  /** The cluster did not answer metadata with all its brokers in time. */
  | "START_TIMEOUT"
  /** No node with that id in the cluster, or it is not in the state the call needs. */
  | "UNKNOWN_NODE"
  /** The cluster was stopped; nothing can be done with it any more. */
  | "CLUSTER_STOPPED"
  /** An admin operation (create/delete topic) failed or did not show in metadata in time. */
  | "ADMIN_FAILED"
  /** A Kafka tool did not finish within its timeout (it was killed). */
  | "TOOL_TIMEOUT"
  /** A jar is missing from the cache or is not a readable zip file. */
  | "JAR_UNREADABLE"
  /** `openssl` is missing or failed to make a secure cluster's certificates. */
  | "CERTIFICATE_FAILED"
  /** The CLI's saved cluster state is missing or unreadable. */
  | "NO_CLUSTER_STATE";

/** Extra facts about a failure, for logs and programs (never needed to understand the message). */
export interface KafkaHarnessErrorContext {
  /** Kafka version involved. */
  version?: string;
  /** Node id involved. */
  nodeId?: number;
  /** Port involved. */
  port?: number;
  /** Exit code of the process involved (null when killed by a signal). */
  exitCode?: number | null;
  /** Last lines of the output or log of the process involved. */
  logTail?: string;
  /** Path involved (jar, log, cache directory). */
  path?: string;
}

/** The one error class of the harness. */
export class KafkaHarnessError extends Error {
  override readonly name = "KafkaHarnessError";
  /** Stable machine-readable reason. */
  readonly code: KafkaHarnessErrorCode;
  /** Facts about the failure. */
  readonly context: KafkaHarnessErrorContext;

  constructor(code: KafkaHarnessErrorCode, message: string, context: KafkaHarnessErrorContext = {}, options?: { cause?: unknown }) {
    const tail = context.logTail ? `\n--- log tail ---\n${context.logTail}` : "";
    super(`${code}: ${message}${tail}`, options);
    this.code = code;
    this.context = context;
  }
}
