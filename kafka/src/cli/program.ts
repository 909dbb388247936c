/**
 * The `kafka` command line: fetch Kafka's jars, start a detached cluster, show its status, stop it.
 * Exit codes: 0 success, 1 failure (a typed harness error, printed with its code), 2 bad command line.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { detachedStatus, startDetached, stopDetached } from "./detached.js";
import { KafkaHarnessError } from "../errors.js";
import { cachedKafka, fetchKafka } from "../distribution/fetch.js";
import { DEFAULT_KAFKA_VERSION, parseKafkaVersion, PINNED_KAFKA_VERSIONS } from "../distribution/versions.js";

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
    .description("start a cluster in the background and print its bootstrap servers")
    .addOption(new Option("--nodes <count>", "node count: 1 or 3").default(1).argParser(nodesArgument))
    .addOption(new Option("--version <version>", "Kafka release").default(DEFAULT_KAFKA_VERSION).argParser(versionArgument))
    .action(async (opts: { nodes: 1 | 3; version: string }) => {
      const started = performance.now();
      const state = await startDetached({ nodes: opts.nodes, version: opts.version });
      io.err(`Kafka ${state.version}, ${Object.keys(state.pids).length} node(s), up in ${seconds(started)}; data in ${state.dataDir}; stop with \`npm run kafka -- stop\`\n`);
      io.out(state.bootstrapServers);
    });

  program
    .command("status")
    .description("show the cluster started by `start` (exit 1 when it is not fully up)")
    .action(async () => {
      const status = await detachedStatus();
      const { state } = status;
      io.out(`Kafka ${state.version} at ${state.bootstrapServers}, started ${state.startedAt}, data in ${state.dataDir}`);
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
