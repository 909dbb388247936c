/** Finding `java` and `mvn`, and running a short-lived process with a time bound. */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { KafkaHarnessError } from "../errors.js";

/** Full path of `name` on `PATH`, or undefined. */
export function whichSync(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: keep looking
    }
  }
  return undefined;
}

/** The `java` launcher: `$JAVA_HOME/bin/java` when set and executable, else the one on `PATH`; `JDK_NOT_FOUND` otherwise. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JAVA_HOME) {
    const candidate = join(env.JAVA_HOME, "bin", "java");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // a stale JAVA_HOME: fall back to PATH
    }
  }
  const onPath = whichSync("java", env);
  if (!onPath) {
    throw new KafkaHarnessError("JDK_NOT_FOUND", "no Java runtime: install a JDK (17+ for Kafka 4.x, 11+ for 3.x) and put `java` on PATH or set JAVA_HOME");
  }
  return onPath;
}

/** The `mvn` launcher on `PATH`; `MAVEN_NOT_FOUND` otherwise. */
export function findMaven(env: NodeJS.ProcessEnv = process.env): string {
  const onPath = whichSync("mvn", env);
  if (!onPath) throw new KafkaHarnessError("MAVEN_NOT_FOUND", "no `mvn` on PATH: install Apache Maven (e.g. `apt-get install maven`) to fetch the Kafka jars");
  return onPath;
}

/** How a bounded process ended. */
export type ProcessOutcome =
  | { kind: "exited"; exitCode: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
  | { kind: "timeout"; stdout: string; stderr: string }
  | { kind: "spawn-error"; error: Error; stdout: string; stderr: string };

/**
 * Runs `command args` to completion, feeding `input` on stdin; killed with SIGKILL after `timeoutMs`, or stopped
 * (SIGTERM) when `signal` aborts.
 */
export function runBounded(
  command: string,
  args: string[],
  options: { timeoutMs: number; input?: string; env?: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal },
): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let spawnError: Error | undefined;
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on("error", () => {
      // the process did not read all its input (it exited first): nothing to do
    });
    child.stdin.end(options.input ?? "");
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    // An abort asks the process to stop (SIGTERM), then insists (SIGKILL) after 5 s; it still ends as "exited".
    let insist: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill("SIGTERM");
      insist = setTimeout(() => child.kill("SIGKILL"), 5_000);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error) => {
      spawnError = error;
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      clearTimeout(insist);
      options.signal?.removeEventListener("abort", onAbort);
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (spawnError) resolve({ kind: "spawn-error", error: spawnError, stdout: out, stderr: err });
      else if (timedOut) resolve({ kind: "timeout", stdout: out, stderr: err });
      else resolve({ kind: "exited", exitCode, signal, stdout: out, stderr: err });
    });
  });
}

/** The last `lines` lines of `text`. */
export function lastLines(text: string, lines: number): string {
  const all = text.trimEnd().split("\n");
  return all.slice(Math.max(0, all.length - lines)).join("\n");
}
