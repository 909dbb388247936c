#!/usr/bin/env node
/**
 * The `konsumer-offsets` executable: wires the process (stdout, stderr, signals, TTY) to `runCli` and exits with its
 * status. First SIGINT/SIGTERM stops a `tail` cleanly (output flushed, consumer closed); a second one exits at once.
 */
import { LineSink } from "./output.js";
import { runCli } from "./program.js";

/** Exit status for a second signal: 128 + the signal number, as shells report it. */
const FORCED_EXIT: Readonly<Record<"SIGINT" | "SIGTERM", number>> = { SIGINT: 130, SIGTERM: 143 };
/** How long the process may take to wind down after the command returned before it is ended anyway. */
const EXIT_GRACE_MS = 3000;

const stopping = new AbortController();
for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.on(name, () => {
    if (stopping.signal.aborted) process.exit(FORCED_EXIT[name]);
    stopping.abort();
  });
}

const stdout = new LineSink(process.stdout);
const stderr = new LineSink(process.stderr);
const colour = process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;

const status = await runCli(process.argv.slice(2), { stdout, stderr, colour, signal: stopping.signal, stdin: process.stdin });
await stdout.flush();
process.exitCode = status;
// librdkafka threads normally wind down with the consumer; never let a stuck one keep the process alive.
setTimeout(() => process.exit(status), EXIT_GRACE_MS).unref();
