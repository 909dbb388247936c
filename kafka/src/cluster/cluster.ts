/**
 * `startKafka`: a real KRaft cluster of 1 or 3 combined broker+controller nodes on loopback, on free ports, with
 * its data in a temporary directory, every group type of the version enabled; and the handle that drives it.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatArguments, LOOPBACK, renderProperties, serverProperties, type NodePorts } from "./config.js";
import { KafkaHarnessError } from "../errors.js";
import { findJava, lastLines, runBounded } from "../process/executables.js";
import { removeOnExit } from "../process/exit-hooks.js";
import { fetchKafka } from "../distribution/fetch.js";
import { writeLoggingConfig } from "./logging.js";
import { fetchMetadata } from "./metadata.js";
import { NodeProcess, type NodeLaunch } from "./node-process.js";
import { assertPortFree, freePorts } from "./ports.js";
import { TopicAdmin, type CreateTopicOptions } from "./topics.js";
import { findClass, runKafkaTool, TOOL_JVM_FLAGS, type ToolOptions, type ToolResult } from "../tools/run-tool.js";
import { ACL_TOOL_CLASSES, DEFAULT_KAFKA_VERSION, parseKafkaVersion, STORAGE_TOOL_CLASSES, type KafkaVersion } from "../distribution/versions.js";
import { createBrokerKeystore, createCertificateAuthority } from "./certificates.js";
import {
  aclCommandArguments, clientPropertiesText, javaClientConfig, librdkafkaClientConfig, SASL_MECHANISMS, scramFormatArguments, secureBrokerConfig,
  securitySettings, type AclSpec, type SaslMechanism, type SecurityOptions, type SecuritySettings,
} from "./security.js";

/** Options of {@link startKafka}. */
export interface StartKafkaOptions {
  /** Node count (default 1). Each node is both broker and controller. */
  nodes?: 1 | 3;
  /** Kafka release (default {@link DEFAULT_KAFKA_VERSION}). */
  version?: string;
  /** Extra `server.properties` entries, winning over the harness's defaults. */
  brokerConfig?: Record<string, string>;
  /** `--release-version` of the storage format (default: what the version needs for its preview group types). */
  releaseVersion?: string;
  /** `--feature name=level` of the storage format, on top of the version's defaults (e.g. `{ "share.version": 1 }`). */
  features?: Record<string, number>;
  /** Fixed ports per node, in node order (default: free ports chosen at run time; a taken one gives `PORT_IN_USE`). */
  ports?: NodePorts[];
  /** Give up waiting for all brokers after this long (default 60 s, or `$KAFKESC_START_TIMEOUT_MS`). */
  startTimeoutMs?: number;
  /**
   * Adds a `SASL_SSL` client listener (PLAIN and SCRAM-SHA-512 over TLS, with a CA and broker certificate made for
   * this cluster), users, and optionally ACLs: see {@link KafkaCluster.secure}. `{}` takes every default.
   */
  security?: SecurityOptions;
}

/** How to reach a secure cluster's `SASL_SSL` listener, and its ACLs. */
export interface SecureAccess {
  /** `host:port` of every broker's `SASL_SSL` listener: what clients under test connect to. */
  readonly bootstrapServers: string;
  /** PEM certificate of the cluster's own CA (`ssl.ca.location`), which signed the brokers' certificates. */
  readonly caPath: string;
  /** SASL users, name -> password; each has PLAIN and SCRAM-SHA-512 credentials. */
  readonly users: Readonly<Record<string, string>>;
  /** The enabled SASL mechanisms. */
  readonly mechanisms: readonly SaslMechanism[];
  /** Whether ACLs are enforced (`StandardAuthorizer`). */
  readonly authorizer: boolean;
  /** A ready `client.properties` in librdkafka's names, for the first user over SCRAM-SHA-512 (in the data directory). */
  readonly clientPropertiesPath: string;
  /** librdkafka settings (`bootstrap.servers`, `security.protocol`, `sasl.*`, `ssl.ca.location`) for `user` (default: the first) over `mechanism` (default SCRAM-SHA-512). */
  clientConfig(user?: string, mechanism?: SaslMechanism): Record<string, string>;
  /** The same in the Java clients' names (`sasl.jaas.config`, PEM truststore), for Kafka's own tools. */
  javaClientConfig(user?: string, mechanism?: SaslMechanism): Record<string, string>;
  /** Writes `config` as a properties file at `path` and returns the path. */
  writeProperties(path: string, config: Record<string, string>): string;
  /** Adds ACLs with Kafka's `AclCommand` over the `PLAINTEXT` listener (whose principal is a super user); needs `authorizer`. */
  addAcls(acls: readonly AclSpec[]): Promise<void>;
}

/** A running cluster. Every method throws {@link KafkaHarnessError} on failure. */
export interface KafkaCluster {
  /** Kafka release it runs. */
  readonly version: string;
  /**
   * `host:port` of every broker's `PLAINTEXT` listener, comma-separated (what clients take as `bootstrap.servers`).
   * In a secure cluster this is the unauthenticated set-up listener (principal `ANONYMOUS`, a super user when ACLs
   * are on); clients under test use {@link secure}'s `bootstrapServers`.
   */
  readonly bootstrapServers: string;
  /** The `SASL_SSL` side of a cluster started with `security`; undefined otherwise. */
  readonly secure: SecureAccess | undefined;
  /** Node ids, in order (1, or 1 2 3). */
  readonly nodeIds: number[];
  /** Directory of the nodes' data, configuration and logs (deleted by `stop`). */
  readonly dataDir: string;
  /** Creates a topic and waits until every running broker knows it and each partition has a leader. */
  createTopic(name: string, opts?: CreateTopicOptions): Promise<void>;
  /** Deletes a topic and waits until no running broker knows it. */
  deleteTopic(name: string): Promise<void>;
  /** Runs a Kafka tool class from the same jars (see {@link runKafkaTool}); pass `--bootstrap-server` yourself. */
  runTool(mainClass: string, args: string[], opts?: ToolOptions): Promise<ToolResult>;
  /** Stops one node: SIGTERM (clean shutdown, SIGKILL after 10 s) or SIGKILL (a crash). */
  stopNode(id: number, opts?: { signal?: "SIGTERM" | "SIGKILL" }): Promise<void>;
  /** Starts a stopped node again (same data and ports) and waits until it serves as a broker. */
  startNode(id: number): Promise<void>;
  /** The last `lines` (default 40) lines of a node's log. */
  logTail(id: number, lines?: number): string;
  /** Process id of each running node (for tools that watch them). */
  pids(): Map<number, number>;
  /** Stops every node and deletes the data directory. Idempotent. */
  stop(): Promise<void>;
}

/** Default bound on start-up. */
const DEFAULT_START_TIMEOUT_MS = 60_000;
/** How long `stop` lets the nodes shut down cleanly before SIGKILL (their data is deleted anyway). */
const STOP_GRACE_MS = 1_500;
/** A launch that fails on ports someone else grabbed in the meantime is retried this many times with new ones. */
const PORT_ATTEMPTS = 3;

/**
 * Starts a cluster (fetching the jars first if needed) and resolves once every node answers metadata listing all
 * brokers. Throws `BAD_VERSION`, `BAD_OPTIONS`, `JDK_NOT_FOUND`, `MAVEN_*`, `PORT_IN_USE`, `STORAGE_FORMAT_FAILED`,
 * `NODE_EXITED` or `START_TIMEOUT` (these last with the node's log tail); nothing is left running on failure.
 */
export function startKafka(options: StartKafkaOptions = {}): Promise<KafkaCluster> {
  return launchCluster(options, false);
}

/** {@link startKafka} with the choice of detaching the JVMs from this process (the CLI's `start`). */
export async function launchCluster(options: StartKafkaOptions, detached: boolean): Promise<KafkaCluster> {
  const nodes = options.nodes ?? 1;
  if (nodes !== 1 && nodes !== 3) throw new KafkaHarnessError("BAD_OPTIONS", `nodes must be 1 or 3, not ${String(nodes)}`);
  if (options.ports && options.ports.length !== nodes) {
    throw new KafkaHarnessError("BAD_OPTIONS", `ports lists ${options.ports.length} node(s) for a ${nodes}-node cluster`);
  }
  const version = parseKafkaVersion(options.version ?? DEFAULT_KAFKA_VERSION);
  const java = findJava();
  const distribution = await fetchKafka(version.text);
  const storageTool = findClass(distribution.libDir, STORAGE_TOOL_CLASSES);
  if (!storageTool) {
    throw new KafkaHarnessError("BAD_VERSION", `no storage tool (${STORAGE_TOOL_CLASSES.join(", ")}) in ${distribution.libDir}`, { version: version.text });
  }
  const security = options.security ? securitySettings(options.security) : undefined;
  if (security && options.ports?.some((p) => p.sasl === undefined)) throw new KafkaHarnessError("BAD_OPTIONS", "a secure cluster needs a `sasl` port for every node in `ports`");
  const timeoutMs = options.startTimeoutMs ?? (Number(process.env.KAFKESC_START_TIMEOUT_MS) || DEFAULT_START_TIMEOUT_MS);
  for (let attempt = 1; ; attempt++) {
    const ports = options.ports ?? portSets(await freePorts((security ? 3 : 2) * nodes), security !== undefined);
    if (options.ports) for (const set of options.ports) for (const port of [set.broker, set.controller, set.sasl]) if (port !== undefined) await assertPortFree(port);
    const cluster = new RunningCluster(version, ports, { java, classpath: distribution.classpath, detached }, distribution.libDir, security);
    try {
      await cluster.format(storageTool, options);
      await cluster.launch(timeoutMs);
      if (security?.acls.length) await cluster.secure?.addAcls(security.acls);
      return cluster;
    } catch (error) {
      await cluster.stop();
      // Only a port the harness chose can have been grabbed in between: a port the caller set fails at once.
      const ours = (port: number | undefined) => port === undefined || ports.some((p) => p.broker === port || p.controller === port || p.sasl === port);
      const retry = error instanceof KafkaHarnessError && error.code === "PORT_IN_USE" && !options.ports && ours(error.context.port) && attempt < PORT_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

/** Splits free ports into each node's broker and controller ports (and secure port, when `secure`). */
function portSets(ports: number[], secure: boolean): NodePorts[] {
  const size = secure ? 3 : 2;
  const result: NodePorts[] = [];
  for (let i = 0; i + size <= ports.length; i += size) {
    result.push(secure ? { broker: ports[i] ?? 0, controller: ports[i + 1] ?? 0, sasl: ports[i + 2] ?? 0 } : { broker: ports[i] ?? 0, controller: ports[i + 1] ?? 0 });
  }
  return result;
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (`Uuid.randomUuid().toString()`). */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id; // Kafka refuses ids that look like a command-line flag
  }
}

class RunningCluster implements KafkaCluster {
  readonly version: string;
  readonly bootstrapServers: string;
  readonly nodeIds: number[];
  readonly dataDir: string;
  private readonly parsedVersion: KafkaVersion;
  private readonly ports: NodePorts[];
  private readonly nodes: Map<number, NodeProcess>;
  private readonly launchSettings: NodeLaunch;
  private readonly admin: TopicAdmin;
  private readonly forgetDataDir: () => void;
  private stopped: Promise<void> | undefined;
  private readonly libDir: string;
  private readonly security: SecuritySettings | undefined;
  readonly secure: SecureAccess | undefined;

  constructor(version: KafkaVersion, ports: NodePorts[], launch: Omit<NodeLaunch, "jvmFlags" | "clusterDir">, libDir: string, security: SecuritySettings | undefined) {
    this.parsedVersion = version;
    this.version = version.text;
    this.ports = ports;
    this.nodeIds = ports.map((_, index) => index + 1);
    this.bootstrapServers = ports.map((p) => `${LOOPBACK}:${p.broker}`).join(",");
    this.dataDir = mkdtempSync(join(tmpdir(), "kafkesc-kafka-"));
    this.forgetDataDir = launch.detached ? () => undefined : removeOnExit(this.dataDir);
    this.launchSettings = { ...launch, jvmFlags: writeLoggingConfig(this.dataDir, "broker"), clusterDir: this.dataDir };
    this.nodes = new Map(this.nodeIds.map((id) => [id, new NodeProcess(id, join(this.dataDir, `node-${id}`))]));
    this.admin = new TopicAdmin(this.bootstrapServers);
    this.libDir = libDir;
    this.security = security;
    this.secure = security ? this.secureAccess(security) : undefined;
  }

  /** Writes each node's configuration and formats its storage (all nodes at once). */
  async format(storageTool: string, options: StartKafkaOptions): Promise<void> {
    const clusterId = randomClusterId();
    const layout = this.nodeIds.map((nodeId, index) => ({ nodeId, ports: this.ports[index] ?? { broker: 0, controller: 0 } }));
    const brokerConfig = { ...(await this.prepareSecurity()), ...options.brokerConfig };
    const scram = this.security ? scramFormatArguments(this.security) : [];
    await Promise.all([...this.nodes.values()].map(async (node) => {
      mkdirSync(node.dir, { recursive: true });
      const props = serverProperties({ nodeId: node.nodeId, nodes: layout, dataDir: join(node.dir, "data"), version: this.parsedVersion, brokerConfig });
      writeFileSync(node.configPath, renderProperties(props));
      const args = formatArguments(node.configPath, {
        clusterId,
        version: this.parsedVersion,
        nodes: layout.length,
        releaseVersion: options.releaseVersion,
        features: options.features,
      }).concat(scram);
      const outcome = await runBounded(this.launchSettings.java, [...TOOL_JVM_FLAGS, ...this.launchSettings.jvmFlags, "-cp", this.launchSettings.classpath, storageTool, ...args], { timeoutMs: 60_000 });
      if (outcome.kind !== "exited" || outcome.exitCode !== 0) {
        const why = outcome.kind === "exited" ? `exited with ${outcome.exitCode}` : outcome.kind === "timeout" ? "timed out" : outcome.error.message;
        throw new KafkaHarnessError("STORAGE_FORMAT_FAILED", `formatting node ${node.nodeId} (Kafka ${this.version}, ${storageTool} ${args.join(" ")}): ${why}`, {
          version: this.version, nodeId: node.nodeId, logTail: lastLines(`${outcome.stdout}\n${outcome.stderr}`, 30),
        });
      }
    }));
  }

  /**
   * In a secure cluster: makes the CA and the broker keystore under `<dataDir>/tls`, writes `client.properties`, and
   * returns the secure listener's broker settings (none otherwise).
   */
  private async prepareSecurity(): Promise<Record<string, string>> {
    if (!this.security || !this.secure) return {};
    const tls = join(this.dataDir, "tls");
    const ca = await createCertificateAuthority(tls);
    const keystore = await createBrokerKeystore(tls, ca);
    const first = Object.keys(this.security.users)[0] ?? "";
    this.secure.writeProperties(this.secure.clientPropertiesPath, this.secure.clientConfig(first, "SCRAM-SHA-512"));
    return secureBrokerConfig(this.security, { path: keystore.keystorePath, password: keystore.keystorePassword });
  }

  /** The {@link SecureAccess} of this cluster (paths fixed in advance; the files are made by `prepareSecurity`). */
  private secureAccess(security: SecuritySettings): SecureAccess {
    const bootstrapServers = this.ports.map((p) => `${LOOPBACK}:${p.sasl ?? 0}`).join(",");
    const caPath = join(this.dataDir, "tls", "kafkesc-test-ca.pem");
    const first = Object.keys(security.users)[0] ?? "";
    const credentials = (user: string): [string, string] => {
      const password = security.users[user];
      if (password === undefined) throw new KafkaHarnessError("BAD_OPTIONS", `no user "${user}"; the users are ${Object.keys(security.users).join(", ")}`);
      return [user, password];
    };
    return {
      bootstrapServers,
      caPath,
      users: security.users,
      mechanisms: SASL_MECHANISMS,
      authorizer: security.authorizer,
      clientPropertiesPath: join(this.dataDir, "client.properties"),
      clientConfig: (user = first, mechanism = "SCRAM-SHA-512") => librdkafkaClientConfig(bootstrapServers, caPath, ...credentials(user), mechanism),
      javaClientConfig: (user = first, mechanism = "SCRAM-SHA-512") => javaClientConfig(bootstrapServers, caPath, ...credentials(user), mechanism),
      writeProperties: (path, config) => {
        writeFileSync(path, clientPropertiesText(config, `Kafka ${this.version} test cluster (kafkesc harness), SASL_SSL listener`));
        return path;
      },
      addAcls: (acls) => this.addAcls(acls),
    };
  }

  /** Adds `acls` one `AclCommand` run at a time, over the `PLAINTEXT` listener; `ADMIN_FAILED` with its output when one fails. */
  private async addAcls(acls: readonly AclSpec[]): Promise<void> {
    this.assertLive();
    if (!this.security?.authorizer) throw new KafkaHarnessError("BAD_OPTIONS", "ACLs need a cluster started with `security: { authorizer: true }`");
    const tool = findClass(this.libDir, ACL_TOOL_CLASSES);
    if (!tool) throw new KafkaHarnessError("BAD_VERSION", `no AclCommand (${ACL_TOOL_CLASSES.join(", ")}) in ${this.libDir}`, { version: this.version });
    for (const acl of acls) {
      const args = ["--bootstrap-server", this.bootstrapServers, ...aclCommandArguments(acl)];
      const result = await this.runTool(tool, args);
      if (result.exitCode !== 0) {
        throw new KafkaHarnessError("ADMIN_FAILED", `AclCommand ${args.join(" ")} exited with ${result.exitCode}`, { version: this.version, logTail: lastLines(`${result.stdout}\n${result.stderr}`, 20) });
      }
    }
  }

  /** Starts every node and waits until each one's broker lists all of them. */
  async launch(timeoutMs: number): Promise<void> {
    for (const node of this.nodes.values()) node.start(this.launchSettings);
    await this.waitUntil(this.nodeIds, timeoutMs);
  }

  async createTopic(name: string, opts: CreateTopicOptions = {}): Promise<void> {
    this.assertLive();
    await this.admin.create(name, opts, () => this.liveBrokers());
  }

  async deleteTopic(name: string): Promise<void> {
    this.assertLive();
    await this.admin.delete(name, () => this.liveBrokers());
  }

  runTool(mainClass: string, args: string[], opts?: ToolOptions): Promise<ToolResult> {
    return runKafkaTool(this.version, mainClass, args, opts);
  }

  async stopNode(id: number, opts: { signal?: "SIGTERM" | "SIGKILL" } = {}): Promise<void> {
    this.assertLive();
    await this.node(id).stop(opts.signal ?? "SIGTERM");
  }

  async startNode(id: number): Promise<void> {
    this.assertLive();
    const node = this.node(id);
    if (node.running) throw new KafkaHarnessError("UNKNOWN_NODE", `node ${id} is already running`, { nodeId: id });
    node.start(this.launchSettings);
    await this.waitUntil([id], Number(process.env.KAFKESC_START_TIMEOUT_MS) || DEFAULT_START_TIMEOUT_MS);
  }

  logTail(id: number, lines = 40): string {
    return this.node(id).logTail(lines);
  }

  pids(): Map<number, number> {
    const pids = new Map<number, number>();
    for (const [id, node] of this.nodes) if (node.pid !== undefined) pids.set(id, node.pid);
    return pids;
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.admin.close();
      // Nodes going down together cannot hand leadership over to each other: a short bound, then SIGKILL.
      await Promise.all([...this.nodes.values()].map((node) => node.stop("SIGTERM", STOP_GRACE_MS)));
      rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
      this.forgetDataDir();
    })();
    return this.stopped;
  }

  private node(id: number): NodeProcess {
    const node = this.nodes.get(id);
    if (!node) throw new KafkaHarnessError("UNKNOWN_NODE", `no node ${id}; the nodes are ${this.nodeIds.join(", ")}`, { nodeId: id });
    return node;
  }

  private assertLive(): void {
    if (this.stopped) throw new KafkaHarnessError("CLUSTER_STOPPED", `the cluster at ${this.bootstrapServers} was stopped`);
  }

  private liveBrokers(): Array<{ host: string; port: number }> {
    return this.nodeIds.filter((id) => this.node(id).running).map((id) => ({ host: LOOPBACK, port: this.ports[id - 1]?.broker ?? 0 }));
  }

  /**
   * Polls until each of `ids` answers metadata listing every running node as a broker. A node that exits ends the
   * wait with `NODE_EXITED` (or `PORT_IN_USE` when its log says so); the deadline with `START_TIMEOUT`.
   */
  private async waitUntil(ids: number[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer yet";
    for (;;) {
      for (const id of ids) {
        const node = this.node(id);
        if (node.running && node.hasFatalStartupError()) await node.stop("SIGKILL");
        if (!node.running) throw this.exitError(node);
      }
      const expected = this.nodeIds.filter((id) => this.node(id).running);
      const answers = await Promise.allSettled(ids.map((id) => fetchMetadata(LOOPBACK, this.ports[id - 1]?.broker ?? 0, [], 1_000)));
      const ready = answers.every((answer) => answer.status === "fulfilled" && expected.every((id) => answer.value.brokers.some((b) => b.nodeId === id)));
      if (ready && ids.every((id) => this.node(id).running)) return;
      last = answers.map((answer, i) => `node ${ids[i]}: ${answer.status === "fulfilled" ? `brokers ${answer.value.brokers.map((b) => b.nodeId).join(",") || "none"}` : String(answer.reason instanceof Error ? answer.reason.message : answer.reason)}`).join("; ");
      if (Date.now() > deadline) {
        const slowest = ids[0] ?? 1;
        throw new KafkaHarnessError("START_TIMEOUT", `Kafka ${this.version} did not list all ${expected.length} broker(s) within ${timeoutMs} ms (${last})`, {
          version: this.version, nodeId: slowest, path: this.node(slowest).logPath, logTail: this.node(slowest).failureReport() || "(the node has logged nothing yet)",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  private exitError(node: NodeProcess): KafkaHarnessError {
    const report = node.failureReport();
    const exit = node.lastExit;
    const context = { version: this.version, nodeId: node.nodeId, exitCode: exit?.exitCode ?? null, path: node.logPath, logTail: report };
    const bind = bindFailure(report);
    if (bind) {
      return new KafkaHarnessError("PORT_IN_USE", `node ${node.nodeId} could not bind ${bind.port ? `port ${bind.port}` : "its ports"} (in use by another process)`, { ...context, port: bind.port });
    }
    const how = node.hasFatalStartupError() ? "failed to start (fatal error in its log)" : exit?.signal ? `was killed by ${exit.signal}` : `exited with code ${String(exit?.exitCode)}`;
    return new KafkaHarnessError("NODE_EXITED", `node ${node.nodeId} (Kafka ${this.version}) ${how}; log: ${node.logPath}`, context);
  }
}

/**
 * Whether a node's log shows a failed bind, and on which port when it says so. Kafka logs
 * `Socket server failed to bind to 127.0.0.1:9092: Address already in use.` (kafka.network.Acceptor) and a
 * `java.net.BindException` for other listeners.
 */
export function bindFailure(log: string): { port: number | undefined } | undefined {
  if (!/Address already in use|BindException/.test(log)) return undefined;
  const match = /failed to bind to [^\s:]*:(\d+)/.exec(log);
  return { port: match ? Number(match[1]) : undefined };
}
