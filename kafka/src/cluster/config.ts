/**
 * Rendering of each node's `server.properties` and of the storage-format arguments, from the cluster layout and
 * the version's group support. Pure functions: the unit tests check them without a JVM.
 */
import type { KafkaVersion } from "../distribution/versions.js";
import { groupSupport, quorumKind } from "../distribution/versions.js";

/** The two ports one combined broker+controller node listens on (loopback). */
export interface NodePorts {
  /** Client listener (`PLAINTEXT`). */
  broker: number;
  /** KRaft controller listener (`CONTROLLER`). */
  controller: number;
  /** Secure client listener (`SASL_SSL`), in secure clusters only. */
  sasl?: number;
}

/** Everything needed to render the configuration of one node. */
export interface NodeLayout {
  /** This node's id. */
  nodeId: number;
  /** Every node's id and ports, this one included, in id order. */
  nodes: ReadonlyArray<{ nodeId: number; ports: NodePorts }>;
  /** Directory of this node's log segments and KRaft metadata. */
  dataDir: string;
  /** Release being run. */
  version: KafkaVersion;
  /** Extra entries, applied last (they win over the defaults). */
  brokerConfig?: Readonly<Record<string, string>>;
}

/** The host every listener binds to and advertises. */
export const LOOPBACK = "127.0.0.1";

/** The defaults: a combined node on loopback, replication sized to the node count, every group type the version has. */
export function serverProperties(layout: NodeLayout): Map<string, string> {
  const self = layout.nodes.find((node) => node.nodeId === layout.nodeId);
  if (!self) throw new RangeError(`node ${layout.nodeId} is not in the layout`);
  const count = layout.nodes.length;
  const replication = String(Math.min(3, count));
  const minIsr = String(Math.min(2, count));
  const groups = groupSupport(layout.version);
  const props = new Map<string, string>([
    ["process.roles", "broker,controller"],
    ["node.id", String(layout.nodeId)],
    ["listeners", `PLAINTEXT://${LOOPBACK}:${self.ports.broker},CONTROLLER://${LOOPBACK}:${self.ports.controller}${secure(self.ports)}`],
    ["advertised.listeners", `PLAINTEXT://${LOOPBACK}:${self.ports.broker}${secure(self.ports)}`],
    ["listener.security.protocol.map", `PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${self.ports.sasl === undefined ? "" : ",SASL_SSL:SASL_SSL"}`],
    ["inter.broker.listener.name", "PLAINTEXT"],
    ["controller.listener.names", "CONTROLLER"],
    quorumEntry(layout),
    ["log.dirs", layout.dataDir],
    ["num.partitions", "1"],
    ["default.replication.factor", "1"],
    ["offsets.topic.replication.factor", replication],
    ["transaction.state.log.replication.factor", replication],
    ["transaction.state.log.min.isr", minIsr],
    ["group.initial.rebalance.delay.ms", "0"],
    ["group.coordinator.rebalance.protocols", groups.protocols.join(",")],
  ]);
  if (groups.protocols.includes("share")) {
    props.set("share.coordinator.state.topic.replication.factor", replication);
    props.set("share.coordinator.state.topic.min.isr", minIsr);
  }
  for (const [key, value] of Object.entries(groups.brokerConfig)) props.set(key, value);
  for (const [key, value] of Object.entries(layout.brokerConfig ?? {})) props.set(key, value);
  return props;
}

/** The `SASL_SSL` entry of `listeners` and `advertised.listeners` when the node has that port. */
function secure(ports: NodePorts): string {
  return ports.sasl === undefined ? "" : `,SASL_SSL://${LOOPBACK}:${ports.sasl}`;
}

function quorumEntry(layout: NodeLayout): [string, string] {
  if (quorumKind(layout.version, layout.nodes.length) === "standalone") {
    return ["controller.quorum.bootstrap.servers", layout.nodes.map((n) => `${LOOPBACK}:${n.ports.controller}`).join(",")];
  }
  return ["controller.quorum.voters", layout.nodes.map((n) => `${n.nodeId}@${LOOPBACK}:${n.ports.controller}`).join(",")];
}

/** `key=value` lines, escaped as `java.util.Properties` reads them (backslashes, line breaks, separators in keys). */
export function renderProperties(props: ReadonlyMap<string, string>): string {
  const escapeValue = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  const escapeKey = (text: string) => escapeValue(text).replace(/[:= ]/g, (ch) => `\\${ch}`);
  return [...props].map(([key, value]) => `${escapeKey(key)}=${escapeValue(value)}`).join("\n") + "\n";
}

/** What `kafka-storage format` gets beyond the config file: cluster id, quorum bootstrap, release and features. */
export interface FormatOptions {
  /** Kafka's base64 cluster id, the same on every node. */
  clusterId: string;
  /** Release being run. */
  version: KafkaVersion;
  /** Node count (1 or 3). */
  nodes: number;
  /** `--release-version`; defaults to what the version needs for its preview group types. */
  releaseVersion?: string;
  /** `--feature name=level`, added to (and winning over) the version's defaults. */
  features?: Readonly<Record<string, number>>;
}

/** Arguments after the storage tool's class name, `config` being the node's `server.properties` path. */
export function formatArguments(config: string, options: FormatOptions): string[] {
  const groups = groupSupport(options.version);
  const args = ["format", "--cluster-id", options.clusterId, "--config", config, "--ignore-formatted"];
  if (quorumKind(options.version, options.nodes) === "standalone") args.push("--standalone");
  const release = options.releaseVersion ?? groups.releaseVersion;
  if (release) args.push("--release-version", release);
  const features = { ...groups.features, ...options.features };
  for (const [name, level] of Object.entries(features)) args.push("--feature", `${name}=${level}`);
  return args;
}
