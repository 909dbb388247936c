/**
 * Which Kafka versions the harness knows, and what each one needs: which group types it can run, how its
 * KRaft storage is formatted, which Maven artifacts exist for it. Pure data and functions, no I/O.
 */
import { KafkaHarnessError } from "../errors.js";

/** The version `startKafka` and `fetchKafka` use when none is given: the newest 4.x release. */
export const DEFAULT_KAFKA_VERSION = "4.4.0";

/** Versions `fetch --all` caches: the default and the last 3.x release. */
export const PINNED_KAFKA_VERSIONS: readonly string[] = ["4.4.0", "3.9.2"];

/** A parsed `MAJOR.MINOR.PATCH` release number. */
export interface KafkaVersion {
  /** The original string, e.g. `"4.1.2"`. */
  text: string;
  /** e.g. 4 */
  major: number;
  /** e.g. 1 */
  minor: number;
  /** e.g. 2 */
  patch: number;
}

/** The oldest release the harness runs: KRaft combined mode with `group.coordinator.rebalance.protocols`. */
export const OLDEST_SUPPORTED_VERSION = "3.7.0";

/** Parses and checks a release number; throws `BAD_VERSION` for anything else. */
export function parseKafkaVersion(text: string): KafkaVersion {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) {
    throw new KafkaHarnessError("BAD_VERSION", `"${text}" is not a Kafka release number (expected MAJOR.MINOR.PATCH, e.g. ${DEFAULT_KAFKA_VERSION})`, { version: text });
  }
  const version = { text, major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
  if (!atLeast(version, 3, 7)) {
    throw new KafkaHarnessError("BAD_VERSION", `Kafka ${text} is older than ${OLDEST_SUPPORTED_VERSION}, the oldest release the harness runs (KRaft only)`, { version: text });
  }
  return version;
}

/** Orders two versions: negative when `a` is older than `b`. */
export function compareVersions(a: KafkaVersion, b: KafkaVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** True when `version` is `major.minor` or newer. */
export function atLeast(version: KafkaVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** The group types a broker can run. */
export type GroupType = "classic" | "consumer" | "share" | "streams";

/** What a release needs to run every group type it supports (4.0 needs unstable API versions for share groups; 4.1 also unstable feature versions and storage formatted with share.version=1 and streams.version=1, as found by starting each release here). */
export interface GroupSupport {
  /** Value of `group.coordinator.rebalance.protocols`. */
  protocols: GroupType[];
  /** Extra `server.properties` entries the preview types need. */
  brokerConfig: Record<string, string>;
  /** `--release-version` for the storage format, when the default metadata version lacks the features. */
  releaseVersion?: string;
  /** `--feature name=level` for the storage format. */
  features: Record<string, number>;
}

/**
 * Group types per release: 3.7 classic only (the consumer protocol was early access behind another flag),
 * 3.8-3.9 classic + consumer, 4.0 adds share groups (preview, unstable APIs), 4.1 adds streams groups
 * (preview: unstable feature versions, explicit release version and features at format time), 4.2+ runs all
 * four from the default metadata version (`share.version` and `streams.version` finalised at format time).
 */
export function groupSupport(version: KafkaVersion): GroupSupport {
  if (!atLeast(version, 3, 8)) return { protocols: ["classic"], brokerConfig: {}, features: {} };
  if (!atLeast(version, 4, 0)) return { protocols: ["classic", "consumer"], brokerConfig: {}, features: {} };
  if (!atLeast(version, 4, 1)) {
    return { protocols: ["classic", "consumer", "share"], brokerConfig: { "unstable.api.versions.enable": "true" }, features: {} };
  }
  if (!atLeast(version, 4, 2)) {
    return {
      protocols: ["classic", "consumer", "share", "streams"],
      brokerConfig: { "unstable.api.versions.enable": "true", "unstable.feature.versions.enable": "true" },
      releaseVersion: "4.1-IV1",
      features: { "share.version": 1, "streams.version": 1 },
    };
  }
  return {
    protocols: ["classic", "consumer", "share", "streams"],
    // Streams groups wait 3 s by default before their first assignment (like classic groups' initial delay).
    brokerConfig: { "group.streams.initial.rebalance.delay.ms": "0" },
    features: {},
  };
}

/** The major line, which picks the Maven profile (share coordinator and log4j 2 on 4.x, reload4j on 3.x). */
export function kafkaLine(version: KafkaVersion): 3 | 4 {
  return version.major >= 4 ? 4 : 3;
}

/**
 * `kafka-streams-examples` is published for some releases only (Maven Central: 3.7.0, 3.8.0, 4.0.0, 4.0.2,
 * 4.2.0, 4.3.0, 4.3.1 among the KRaft-era ones). The harness takes the newest one not after the broker version;
 * its classes only use the public Streams API, which the `kafka-streams` jar of the broker version provides.
 */
const STREAMS_EXAMPLES_RELEASES = ["3.7.0", "3.8.0", "4.0.0", "4.0.2", "4.2.0", "4.3.0", "4.3.1"] as const;

/** The `kafka-streams-examples` release fetched alongside `version`. */
export function streamsExamplesVersion(version: KafkaVersion): string {
  let chosen: string = STREAMS_EXAMPLES_RELEASES[0];
  for (const release of STREAMS_EXAMPLES_RELEASES) {
    const [major = 0, minor = 0, patch = 0] = release.split(".").map(Number);
    if (compareVersions({ text: release, major, minor, patch }, version) <= 0) chosen = release;
  }
  return chosen;
}

/**
 * Single nodes use a dynamic KRaft quorum (`--standalone`, KIP-853) from 3.9 on, like Kafka's own quick start;
 * three nodes (and every node before 3.9) use a static `controller.quorum.voters` list, which every KRaft release
 * accepts and which needs no directory ids.
 */
export function quorumKind(version: KafkaVersion, nodes: number): "standalone" | "static" {
  return nodes === 1 && atLeast(version, 3, 9) ? "standalone" : "static";
}

/** Classes that format KRaft storage, newest first; the first one present in the jars is used. */
export const STORAGE_TOOL_CLASSES = ["org.apache.kafka.tools.StorageTool", "kafka.tools.StorageTool"] as const;

/** The broker's main class (Scala, in `kafka_2.13`), the same from 3.x to 4.4. */
export const BROKER_MAIN_CLASS = "kafka.Kafka";

/** Kafka's ACL tool: Java in `kafka-tools` from 4.0, Scala in `kafka_2.13` before. */
export const ACL_TOOL_CLASSES = ["org.apache.kafka.tools.AclCommand", "kafka.admin.AclCommand"] as const;
