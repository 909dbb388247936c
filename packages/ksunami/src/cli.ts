#!/usr/bin/env node
/**
 * The `ksunami` command. Exit codes: 0 done and every record delivered; 1 some records failed, the cluster could
 * not be reached or refused us within `--connect-timeout` (or the run was interrupted before connecting); 2 bad
 * flag, value or client setting, nothing sent. Failures are one line (`ksunami: error [CODE]: ...`); the stack only
 * at `--log-level debug` or more.
 */
import { exitCodeOf, formatFailure } from "@kafkesc/kafka-io";
import { parseCommandLine } from "./command-line.js";
import { prepareRun, runPlan, runWave } from "./run.js";

/** Whether failures print their stack: a debug or trace log level was asked for. */
let debug = false;

async function main(): Promise<number> {
  try {
    const parsed = parseCommandLine(process.argv.slice(2), process.env);
    if (parsed.kind === "options") debug = parsed.options.logLevel === "debug" || parsed.options.logLevel === "trace";
    if (parsed.kind !== "options") {
      process.stdout.write(parsed.text);
      return 0;
    }
    const run = prepareRun(parsed.options);
    if (parsed.options.mode === "plan") return runPlan(run, process);
    const controller = new AbortController();
    let signals = 0;
    const onSignal = (name: NodeJS.Signals) => {
      signals++;
      if (signals > 1) process.exit(130);
      process.stderr.write(`\nksunami: ${name}: stopping (again to exit at once)\n`);
      controller.abort();
      // Stopping is bounded: the flush timeout, then the client's own shutdown (at most 10 s), then a margin.
      const boundSec = parsed.options.flushTimeoutSec + 15;
      setTimeout(() => {
        process.stderr.write(`ksunami: still not stopped ${boundSec} s after ${name}; exiting\n`);
        process.exit(1);
      }, boundSec * 1000).unref();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    return (await runWave(run, process, controller.signal)).exitCode;
  } catch (e) {
    process.stderr.write(`${formatFailure("ksunami", e, debug)}\n`);
    return exitCodeOf(e);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    // The Kafka client's threads must not keep the process alive once the run is over.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`${formatFailure("ksunami", error, true)}\n`);
    process.exit(1);
  },
);
