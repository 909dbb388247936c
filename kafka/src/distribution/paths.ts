/** Where the harness keeps things outside the repository: the jar cache and the CLI's cluster state. */
import { homedir } from "node:os";
import { join } from "node:path";

/** Root of the jar cache: `$KAFKESC_KAFKA_CACHE`, else `$XDG_CACHE_HOME/kafkesc/kafka`, else `~/.cache/kafkesc/kafka`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KAFKESC_KAFKA_CACHE) return env.KAFKESC_KAFKA_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "kafkesc", "kafka");
}

/** Directory of one version's jars: `<cacheRoot>/<version>/libs`. */
export function libDirOf(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), version, "libs");
}

/** File written inside a version's `libs` once every jar is there; its absence means "fetch again". */
export const COMPLETE_MARKER = ".kafkesc-complete";

/** Where the CLI records the cluster it started detached (`kafka start`), read by `status` and `stop`. */
export function cliStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), "cli-cluster.json");
}

/** Logging configuration files the harness writes once into the cache root (see `logging.ts`). */
export function loggingDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), "logging");
}
