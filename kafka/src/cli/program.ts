/**
 * The `kafka` command line: fetch Kafka's jars, start a detached cluster, show its status, stop it.
 * Exit codes: 0 success, 1 failure (a typed harness error, printed with its code), 2 bad command line.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { detachedStatus, startDetached, stopDetached } from "./detached.js";
import { KafkaHarnessError } from "../errors.js";
import { cachedKafka, fetchKafka } from "../distribution/fetch.js";
import { DEFAULT_KAFKA_VERSION, parseKafkaVersion, PINNED_KAFKA_VERSIONS } from "../distribution/versions.js";
import { DEFAULT_USERS } from "../cluster/security.js";

/** Where the CLI writes: results on `out`, progress and errors on `err`. */
export interface CliOutput {
  /** Standard output (one result per line). */
  out: (line: string) => void;
  /** Standard error. */
  err: (text: string) => void;
}

const defaultOutput: CliOutput = { out: (line) => console.log(line), err: (text) => process.stderr.write(text) };

function versionArgument(value: string): string {
  try {
    return parseKafkaVersion(value).text;
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message.replace(/^BAD_VERSION: /, "") : String(error));
  }
}

function nodesArgument(value: string): 1 | 3 {
  if (value === "1") return 1;
  if (value === "3") return 3;
  throw new InvalidArgumentError("a cluster has 1 or 3 nodes");
}

/** `NAME:PASSWORD` of `--user`, collected into a map. */
function userArgument(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.indexOf(":");
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError(`expected NAME:PASSWORD, not "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Runs the CLI on `args` (without `node` and the script) and resolves with the exit code. */
export async function runCli(args: string[], io: CliOutput = defaultOutput): Promise<number> {
  let exitCode = 0;
  const program = new Command("kafka")
    .description("Real Apache Kafka for Kafkesc's tests, benchmarks and demos (jars cached outside the repository)")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: io.err })
    .showHelpAfterError();

  program
    .command("fetch")
    .description("download a Kafka version's jars from Maven Central into the cache (once)")
    .addOption(new Option("--version <version>", "Kafka release").default(DEFAULT_KAFKA_VERSION).argParser(versionArgument).conflicts("all"))
    .option("--all", `every pinned version (${PINNED_KAFKA_VERSIONS.join(", ")})`)
    .action(async (opts: { version: string; all?: boolean }) => {
      for (const version of opts.all ? PINNED_KAFKA_VERSIONS : [opts.version]) {
        const started = performance.now();
        const wasCached = cachedKafka(version) !== undefined;
        const distribution = await fetchKafka(version);
        io.out(`Kafka ${version}: ${distribution.libDir} (${wasCached ? "cached" : `fetched in ${seconds(started)}`})`);
      }
    });

  program
    .command("start")
    .description("start a cluster in the background and print its bootstrap servers (with --secure: the SASL_SSL ones, then the path of a ready client.properties)")
    .addOption(new Option("--nodes <count>", "node count: 1 or 3").default(1).argParser(nodesArgument))
    .addOption(new Option("--version <version>", "Kafka release").default(DEFAULT_KAFKA_VERSION).argParser(versionArgument))
    .option("--secure", "add a SASL_SSL listener (PLAIN and SCRAM-SHA-512, a CA made for this cluster) and write a client.properties")
    .addOption(new Option("--user <name:password>", `a SASL user, repeatable (default: ${Object.entries(DEFAULT_USERS).map(([n, p]) => `${n}:${p}`).join(", ")})`).argParser(userArgument).implies({ secure: true }))
    .addOption(new Option("--authorizer", "enforce ACLs (StandardAuthorizer; super users: admin and the PLAINTEXT listener)").implies({ secure: true }))
    .action(async (opts: { nodes: 1 | 3; version: string; secure?: boolean; user?: Record<string, string>; authorizer?: boolean }) => {
      const started = performance.now();
      const security = opts.secure ? { users: opts.user, authorizer: opts.authorizer } : undefined;
      const state = await startDetached({ nodes: opts.nodes, version: opts.version, security });
      io.err(`Kafka ${state.version}, ${Object.keys(state.pids).length} node(s), up in ${seconds(started)}; data in ${state.dataDir}; stop with \`npm run kafka -- stop\`\n`);
      if (!state.secure) {
        io.out(state.bootstrapServers);
        return;
      }
      const users = Object.entries(state.secure.users).map(([name, password]) => `${name}/${password}`).join(", ");
      io.err(`SASL_SSL (PLAIN, SCRAM-SHA-512) at ${state.secure.bootstrapServers}, users ${users}${state.secure.authorizer ? ", ACLs enforced" : ""}; CA ${state.secure.caPath}\n`);
      io.err(`PLAINTEXT set-up listener (no authentication${state.secure.authorizer ? ", a super user" : ""}) at ${state.bootstrapServers}\n`);
      io.err(`client settings (librdkafka names): ${state.secure.clientPropertiesPath}\n`);
      io.out(state.secure.bootstrapServers);
      io.out(state.secure.clientPropertiesPath);
    });

  program
    .command("status")
    .description("show the cluster started by `start` (exit 1 when it is not fully up)")
    .action(async () => {
      const status = await detachedStatus();
      const { state } = status;
      io.out(`Kafka ${state.version} at ${state.bootstrapServers}, started ${state.startedAt}, data in ${state.dataDir}`);
      if (state.secure) io.out(`  SASL_SSL at ${state.secure.bootstrapServers}, client settings in ${state.secure.clientPropertiesPath}`);
      for (const [id, pid] of Object.entries(state.pids)) io.out(`  node ${id}: pid ${pid} ${status.alive[id] ? "running" : "NOT running"}`);
      const brokers = status.metadata?.brokers.map((b) => b.nodeId).sort((a, b) => a - b) ?? [];
      io.out(`  brokers answering metadata: ${brokers.length ? brokers.join(", ") : "none"}`);
      if (brokers.length !== Object.keys(state.pids).length) exitCode = 1;
    });

  program
    .command("stop")
    .description("stop the cluster started by `start` and delete its data")
    .action(async () => {
      const state = await stopDetached();
      io.out(`stopped Kafka ${state.version} at ${state.bootstrapServers}`);
    });

  try {
    await program.parseAsync(args, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a bad command line (already printed).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof KafkaHarnessError) {
      io.err(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
