/**
 * Logging configuration for the JVMs the harness starts. Brokers log at INFO to their standard output, which the
 * harness sends to `<node dir>/server.log`; tools log warnings only, to standard error, so their standard output
 * holds only what they print. Both the log4j 2 (Kafka 4.x) and log4j 1 / reload4j (Kafka 3.x) files are written and
 * named on the command line: each version reads the one its binding understands.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What a JVM should log. */
export type LogProfile = "broker" | "tool";

/** The two configuration files of a profile, written in `dir`, and the JVM flags that select them. */
export function writeLoggingConfig(dir: string, profile: LogProfile): string[] {
  mkdirSync(dir, { recursive: true });
  const log4j2 = join(dir, `${profile}-log4j2.properties`);
  const log4j1 = join(dir, `${profile}-log4j.properties`);
  writeAtomically(log4j2, log4j2Properties(profile));
  writeAtomically(log4j1, log4j1Properties(profile));
  return [`-Dlog4j2.configurationFile=${log4j2}`, `-Dlog4j.configuration=file:${log4j1}`];
}

/** log4j 2 "properties" configuration (Kafka 4.x). */
export function log4j2Properties(profile: LogProfile): string {
  const level = profile === "broker" ? "INFO" : "WARN";
  const target = profile === "broker" ? "SYSTEM_OUT" : "SYSTEM_ERR";
  return [
    "status = error",
    "appender.console.type = Console",
    "appender.console.name = CONSOLE",
    `appender.console.target = ${target}`,
    "appender.console.layout.type = PatternLayout",
    "appender.console.layout.pattern = [%d] %p %m (%c)%n",
    `rootLogger.level = ${level}`,
    "rootLogger.appenderRef.console.ref = CONSOLE",
    // The broker's state-change and request loggers are chatty and say nothing a test needs.
    "logger.statechange.name = state.change.logger",
    "logger.statechange.level = WARN",
    "",
  ].join("\n");
}

/** log4j 1 / reload4j configuration (Kafka 3.x). */
export function log4j1Properties(profile: LogProfile): string {
  const level = profile === "broker" ? "INFO" : "WARN";
  const target = profile === "broker" ? "System.out" : "System.err";
  return [
    `log4j.rootLogger=${level}, console`,
    "log4j.appender.console=org.apache.log4j.ConsoleAppender",
    `log4j.appender.console.Target=${target}`,
    "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
    "log4j.appender.console.layout.ConversionPattern=[%d] %p %m (%c)%n",
    "log4j.logger.state.change.logger=WARN",
    "",
  ].join("\n");
}

/** Concurrent writers of the same file each rename a private copy into place: readers never see half a file. */
function writeAtomically(path: string, text: string): void {
  const staging = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(staging, text);
  renameSync(staging, path);
}
