/**
 * Clusters started by the CLI (`kafka start`) outlive the CLI: their JVMs are detached and a state file in the
 * cache root records what `status` and `stop` need. One such cluster at a time.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { launchCluster, type StartKafkaOptions } from "../cluster/cluster.js";
import { KafkaHarnessError } from "../errors.js";
import { fetchMetadata, type ClusterMetadata } from "../cluster/metadata.js";
import { cliStateFile } from "../distribution/paths.js";

/** What the state file records about a detached cluster. */
export interface DetachedClusterState {
  /** Kafka release. */
  version: string;
  /** `bootstrap.servers`. */
  bootstrapServers: string;
  /** Node id -> JVM process id. */
  pids: Record<string, number>;
  /** Data directory (deleted by `stop`). */
  dataDir: string;
  /** ISO time of the start. */
  startedAt: string;
  /** The `SASL_SSL` side, when started with `--secure`. */
  secure?: {
    /** `bootstrap.servers` of the `SASL_SSL` listener. */
    bootstrapServers: string;
    /** The ready `client.properties` (librdkafka names). */
    clientPropertiesPath: string;
    /** The CA's PEM certificate. */
    caPath: string;
    /** Name -> password. */
    users: Record<string, string>;
    /** Whether ACLs are enforced. */
    authorizer: boolean;
  };
}

/** What `status` finds. */
export interface DetachedClusterStatus {
  /** The recorded state. */
  state: DetachedClusterState;
  /** Node id -> whether its JVM is still running. */
  alive: Record<string, boolean>;
  /** Metadata from the first broker that answered, if any did. */
  metadata: ClusterMetadata | undefined;
}

/** Starts a detached cluster and records it; refuses when a recorded one still runs. */
export async function startDetached(options: StartKafkaOptions): Promise<DetachedClusterState> {
  const previous = readState();
  if (previous && Object.values(previous.pids).some(isKafkaProcess)) {
    throw new KafkaHarnessError("BAD_OPTIONS", `a cluster started by \`kafka start\` is still running (${previous.bootstrapServers}); run \`kafka stop\` first`);
  }
  const cluster = await launchCluster(options, true);
  const state: DetachedClusterState = {
    version: cluster.version,
    bootstrapServers: cluster.bootstrapServers,
    pids: Object.fromEntries(cluster.pids()),
    dataDir: cluster.dataDir,
    startedAt: new Date().toISOString(),
  };
  if (cluster.secure) {
    const { bootstrapServers, clientPropertiesPath, caPath, users, authorizer } = cluster.secure;
    state.secure = { bootstrapServers, clientPropertiesPath, caPath, users: { ...users }, authorizer };
  }
  const file = cliStateFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

/** The recorded cluster's processes and what its brokers answer; `NO_CLUSTER_STATE` when none is recorded. */
export async function detachedStatus(): Promise<DetachedClusterStatus> {
  const state = requireState();
  const alive = Object.fromEntries(Object.entries(state.pids).map(([id, pid]) => [id, isKafkaProcess(pid)]));
  let metadata: ClusterMetadata | undefined;
  for (const server of state.bootstrapServers.split(",")) {
    const [host = "", port = "0"] = server.split(":");
    metadata = await fetchMetadata(host, Number(port)).catch(() => undefined);
    if (metadata) break;
  }
  return { state, alive, metadata };
}

/** Stops the recorded cluster (SIGTERM, SIGKILL after `graceMs`), deletes its data and the state file. */
export async function stopDetached(graceMs = 10_000): Promise<DetachedClusterState> {
  const state = requireState();
  const pids = Object.values(state.pids).filter(isKafkaProcess);
  for (const pid of pids) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (pids.some(isKafkaProcess) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of pids.filter(isKafkaProcess)) signal(pid, "SIGKILL");
  while (pids.some(isKafkaProcess)) await new Promise((resolve) => setTimeout(resolve, 50));
  rmSync(state.dataDir, { recursive: true, force: true, maxRetries: 3 });
  rmSync(cliStateFile(), { force: true });
  return state;
}

function readState(): DetachedClusterState | undefined {
  const file = cliStateFile();
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as DetachedClusterState;
  } catch (cause) {
    throw new KafkaHarnessError("NO_CLUSTER_STATE", `${file} is not readable JSON; delete it`, { path: file }, { cause });
  }
}

function requireState(): DetachedClusterState {
  const state = readState();
  if (!state) throw new KafkaHarnessError("NO_CLUSTER_STATE", "no cluster was started with `kafka start`", { path: cliStateFile() });
  return state;
}

/** True when `pid` runs a Kafka broker (checked on `/proc`, so a recycled pid is never signalled). */
function isKafkaProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes("kafka.Kafka");
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // exited in between
  }
}
