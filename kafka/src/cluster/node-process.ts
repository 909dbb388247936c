/**
 * One Kafka JVM (a combined broker+controller node): launched with its `server.properties`, its output appended
 * to `server.log` in its directory, stopped with SIGTERM then SIGKILL after a bound.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { lastLines } from "../process/executables.js";
import { killOnExit } from "../process/exit-hooks.js";
import { BROKER_MAIN_CLASS } from "../distribution/versions.js";

/**
 * JVM flags of every broker: small heap, serial collector, client compiler only (`TieredStopAtLevel=1`). On this
 * project's 2-core machines the client compiler cuts a 4.4.0 broker's start-up CPU by about 40 % (4.4 s -> 2.6 s)
 * and did not cost throughput: producer-perf-test (100 B records) reached 337-349 k records/s against it, 263-305 k
 * against a broker with the full JIT, 1 GB heap and parallel GC, whose compiler threads compete for the same cores.
 * `$KAFKESC_BROKER_JVM_OPTS` overrides any of them.
 */
export const BROKER_JVM_FLAGS: readonly string[] = ["-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"];

/** Flags from `$KAFKESC_BROKER_JVM_OPTS` (space-separated), after the defaults so that they win (e.g. `-Xmx2g`). */
export function extraJvmFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.KAFKESC_BROKER_JVM_OPTS ?? "").split(/\s+/).filter((flag) => flag !== "");
}

/** How to launch a node. */
export interface NodeLaunch {
  /** The `java` launcher. */
  java: string;
  /** Class path (`<libDir>/*`). */
  classpath: string;
  /** Extra JVM flags (logging configuration). */
  jvmFlags: string[];
  /** Run in its own session, not killed with this process (CLI `start`). */
  detached: boolean;
  /** The cluster's data directory, removed by the watchdog if this process dies without stopping the cluster. */
  clusterDir: string;
}

/** How a node's JVM ended. */
export interface NodeExit {
  /** Exit code, null when killed by a signal. */
  exitCode: number | null;
  /** The signal that killed it, if any. */
  signal: NodeJS.Signals | null;
}

/** A node's JVM, which can be started again after it stops (same data, same ports). */
export class NodeProcess {
  /** Node id (`node.id`). */
  readonly nodeId: number;
  /** Directory with `server.properties`, `server.log` and the data. */
  readonly dir: string;
  /** Path of its `server.properties`. */
  readonly configPath: string;
  /** Path of its log (broker log4j output, JVM errors). */
  readonly logPath: string;
  private child: ChildProcess | undefined;
  private exitInfo: NodeExit | undefined;
  private exited: Promise<NodeExit> = Promise.resolve({ exitCode: null, signal: null });
  private forget: (() => void) | undefined;
  /** Log size when the current run started, how far `hasFatalStartupError` read, and what it found. */
  private runStartBytes = 0;
  private scannedBytes = 0;
  private fatalSeen = false;

  constructor(nodeId: number, dir: string) {
    this.nodeId = nodeId;
    this.dir = dir;
    this.configPath = join(dir, "server.properties");
    this.logPath = join(dir, "server.log");
  }

  /** Process id while running. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** True between `start` and the JVM's exit. */
  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  /** How the last run ended (undefined while running or never started). */
  get lastExit(): NodeExit | undefined {
    return this.exitInfo;
  }

  /** Launches the JVM (no-op when running). Spawn failures surface as an exit with code null. */
  start(launch: NodeLaunch): void {
    if (this.running) return;
    const log = openSync(this.logPath, "a");
    this.runStartBytes = this.scannedBytes = statSync(this.logPath).size;
    this.fatalSeen = false;
    try {
      const child = spawn(
        launch.java,
        [...BROKER_JVM_FLAGS, ...extraJvmFlags(), ...launch.jvmFlags, `-Dkafka.logs.dir=${this.dir}`, "-cp", launch.classpath, BROKER_MAIN_CLASS, this.configPath],
        { stdio: ["ignore", log, log], detached: launch.detached, cwd: this.dir },
      );
      this.child = child;
      this.exitInfo = undefined;
      this.exited = new Promise((resolve) => {
        const done = (info: NodeExit) => {
          if (this.child !== child || this.exitInfo) return;
          this.exitInfo = info;
          this.forget?.();
          this.forget = undefined;
          resolve(info);
        };
        child.on("exit", (exitCode, signal) => done({ exitCode, signal }));
        child.on("error", () => done({ exitCode: null, signal: null }));
      });
      child.unref();
      if (!launch.detached && child.pid !== undefined) this.forget = killOnExit(child.pid, launch.clusterDir);
    } finally {
      closeSync(log);
    }
  }

  /** Sends `signal` (default SIGTERM, a clean shutdown); SIGKILL follows if the JVM is still up after `graceMs`. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM", graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.ref(); // keep this process alive until the JVM is gone, even when nothing else is pending
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), signal === "SIGKILL" ? 0 : graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /**
   * What explains a failure: the first ERROR/FATAL lines of the log (a JVM that exits logs its own shutdown after
   * the cause, which a plain tail would show instead) followed by the last `lines` lines.
   */
  failureReport(lines = 20): string {
    if (!existsSync(this.logPath)) return "";
    const log = readFileSync(this.logPath, "utf8");
    const errors = log.split("\n").filter((line) => /\b(ERROR|FATAL)\b|^\S*(Exception|Error)\b|^Caused by:/.test(line)).slice(0, 10);
    const tail = lastLines(log, lines);
    return errors.length ? `${errors.join("\n")}\n[...]\n${tail}` : tail;
  }

  /**
   * True once the log of the current run reports a fatal start-up error (`Fatal error during broker startup`,
   * `Fatal error during KafkaServer startup`, `Exiting Kafka`): the JVM then spends seconds shutting down before
   * it exits, which the harness need not wait for. Reads only what was appended since the last call.
   */
  hasFatalStartupError(): boolean {
    if (!existsSync(this.logPath)) return false;
    const size = statSync(this.logPath).size;
    if (size <= this.scannedBytes) return this.fatalSeen;
    const fd = openSync(this.logPath, "r");
    try {
      // Start a little before the last position so that a line split across two reads is still matched.
      const from = Math.max(this.runStartBytes, this.scannedBytes - 200);
      const chunk = Buffer.alloc(size - from);
      readSync(fd, chunk, 0, chunk.length, from);
      this.fatalSeen ||= /Fatal error during \w+ startup|Exiting Kafka/.test(chunk.toString("utf8"));
      this.scannedBytes = size;
    } finally {
      closeSync(fd);
    }
    return this.fatalSeen;
  }

  /** The last `lines` lines of the node's log ("" before the first start). */
  logTail(lines = 40): string {
    return existsSync(this.logPath) ? lastLines(readFileSync(this.logPath, "utf8"), lines) : "";
  }
}
