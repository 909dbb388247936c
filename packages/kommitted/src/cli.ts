#!/usr/bin/env node
/**
 * `kommitted` command: parses flags (exit 2 on a bad one or a client setting librdkafka rejects), starts the monitor
 * and the HTTP server (exit 1 if the cluster is unreachable within `--connect-timeout` or refuses us), and shuts down
 * cleanly on SIGTERM or SIGINT (HTTP closed, consumers disconnected, exit 0). Failures are one line
 * (`kommitted: error [CODE]: ...`); the stack only at `--log-level debug` or more.
 */
import { KafkescError, exitCodeOf, formatFailure } from "@kafkesc/kafka-io";
import { pino } from "pino";
import { capYoungGeneration, collectOldGenerationSooner, preferSmallHeap } from "./heap.js";
import { createMetrics } from "./http/metrics.js";
import { startHttpServer } from "./http/server.js";
import { Monitor } from "./monitor.js";
import { parseArgs } from "./options.js";

async function main(): Promise<number> {
  let outcome;
  try {
    outcome = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof KafkescError) {
      const hint = error.code === "INVALID_FLAG" ? "\nTry 'kommitted --help'." : "";
      process.stderr.write(`${formatFailure("kommitted", error)}${hint}\n`);
      return exitCodeOf(error);
    }
    throw error;
  }
  if (outcome.kind === "exit") {
    process.stdout.write(outcome.output);
    return outcome.code;
  }
  const config = outcome.config;
  // from the start: with V8's own sizing during the replay, the heap grew and RSS stayed 40 MB higher (see the README)
  preferSmallHeap();
  const collector = collectOldGenerationSooner(config.oldGenerationStepMb);
  capYoungGeneration();
  const log = pino({ name: "kommitted", level: config.logLevel });
  const debug = log.isLevelEnabled("debug");
  const monitor = new Monitor(config, log);
  const metrics = createMetrics(monitor);
  const server = await startHttpServer(monitor, metrics, config.host, config.port);
  log.info({ host: config.host, port: server.port }, "HTTP server listening");
  // printed whatever the log level, so that scripts and tests can find a port chosen with --port 0
  process.stderr.write(`kommitted listening on http://${config.host}:${server.port}\n`);

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log.info({ signal }, "shutting down");
      await server.close();
      await monitor.stop();
      if (collector !== undefined) log.debug({ collections: collector.collections, pauseMs: Math.round(collector.pauseMs) }, "old generation collected sooner");
    })();
    return stopping;
  };
  const done = new Promise<number>((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void shutdown(signal).then(() => resolve(0)));
  });
  try {
    await monitor.start();
    // printed whatever the log level: which source `--source auto` chose matters to whoever reads the numbers
    const source = monitor.source === "admin" ? `the Admin API (${monitor.sourceReason ?? "--source admin"}; commit times unknown)` : config.offsetsTopic;
    process.stderr.write(`kommitted reads groups and committed offsets from ${source}\n`);
  } catch (error) {
    process.stderr.write(`${formatFailure("kommitted", error, debug)}\n`);
    await shutdown("startup failure");
    return exitCodeOf(error);
  }
  return done;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${formatFailure("kommitted", error)}\n`);
    process.exit(exitCodeOf(error));
  },
);
