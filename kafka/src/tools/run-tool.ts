/**
 * Running Kafka's own command-line tools (any main class in the fetched jars: console consumer and producer,
 * consumer-groups, producer-perf-test, Streams examples...), bounded by a timeout, logging only warnings.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { KafkaHarnessError } from "../errors.js";
import { findJava, lastLines, runBounded } from "../process/executables.js";
import { fetchKafka } from "../distribution/fetch.js";
import { JarFile } from "../distribution/jar.js";
import { writeLoggingConfig } from "../cluster/logging.js";
import { loggingDir } from "../distribution/paths.js";

/** How a tool run ended. */
export interface ToolResult {
  /** The JVM's exit code (128 + n when killed by signal n). */
  exitCode: number;
  /** Everything the tool printed on standard output. */
  stdout: string;
  /** Everything it printed on standard error (warnings and errors of its logging included). */
  stderr: string;
}

/** Options of a tool run. */
export interface ToolOptions {
  /** Kill the tool and throw `TOOL_TIMEOUT` after this long (default 60 s). */
  timeoutMs?: number;
  /** Text written to the tool's standard input (then closed; without it, standard input is empty). */
  input?: string;
  /**
   * Stops a tool that runs until told to (a Streams app, a consumer without `--max-messages`): on abort it gets
   * SIGTERM (SIGKILL 5 s later) and the call resolves with what it printed and exit code 143 (or its own).
   */
  signal?: AbortSignal;
}

/** JVM flags of tools: short-lived, so the fastest start-up wins (client compiler only, serial GC, small heap). */
export const TOOL_JVM_FLAGS = ["-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"];

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Runs `mainClass args` with `version`'s jars (fetched if needed); no cluster needed. */
export async function runKafkaTool(version: string, mainClass: string, args: string[], opts: ToolOptions = {}): Promise<ToolResult> {
  const java = findJava();
  const distribution = await fetchKafka(version);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const logging = writeLoggingConfig(loggingDir(), "tool");
  const outcome = await runBounded(java, [...TOOL_JVM_FLAGS, ...logging, "-cp", distribution.classpath, mainClass, ...args], {
    timeoutMs,
    input: opts.input,
    signal: opts.signal,
  });
  if (outcome.kind === "timeout") {
    throw new KafkaHarnessError("TOOL_TIMEOUT", `${mainClass} did not finish within ${timeoutMs} ms (killed)`, {
      version,
      logTail: lastLines(`${outcome.stdout}\n${outcome.stderr}`, 30) || "(no output)",
    });
  }
  if (outcome.kind === "spawn-error") {
    throw new KafkaHarnessError("JDK_NOT_FOUND", `cannot run ${java}: ${outcome.error.message}`, { version }, { cause: outcome.error });
  }
  const exitCode = outcome.exitCode ?? 128 + (outcome.signal ? SIGNAL_NUMBERS[outcome.signal] ?? 0 : 0);
  return { exitCode, stdout: outcome.stdout, stderr: outcome.stderr };
}

const classLookups = new Map<string, string | undefined>();

/** The first of `classNames` present in a `kafka*` jar of `libDir` (cached per directory and list). */
export function findClass(libDir: string, classNames: readonly string[]): string | undefined {
  const key = `${libDir}\0${classNames.join(",")}`;
  if (classLookups.has(key)) return classLookups.get(key);
  const jars = readdirSync(libDir).filter((name) => name.startsWith("kafka") && name.endsWith(".jar"));
  const opened = jars.map((name) => JarFile.open(join(libDir, name)));
  const found = classNames.find((name) => opened.some((jar) => jar.entries.has(`${name.replaceAll(".", "/")}.class`)));
  classLookups.set(key, found);
  return found;
}
