/**
 * Fetching Kafka's jars from Maven Central with `mvn dependency:copy-dependencies` over `kafka/pom.xml`, into a
 * cache outside the repository. Each version is fetched once: into a private temporary directory, marked complete,
 * then renamed into place, so concurrent fetches of the same version never see (or leave) a half-filled cache.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { KafkaHarnessError } from "../errors.js";
import { findMaven, lastLines, runBounded } from "../process/executables.js";
import { COMPLETE_MARKER, libDirOf } from "./paths.js";
import { DEFAULT_KAFKA_VERSION, kafkaLine, parseKafkaVersion, streamsExamplesVersion, type KafkaVersion } from "./versions.js";

/** A version's jars, ready to run. */
export interface KafkaDistribution {
  /** Kafka release, e.g. `"4.4.0"`. */
  version: string;
  /** Directory holding every jar (broker, tools, clients, coordinators, Streams, logging). */
  libDir: string;
  /** Java class path covering them: `<libDir>/*`. */
  classpath: string;
}

/** The Maven project listing the artifacts (shipped next to `src/` and `dist/`). */
export const POM_PATH = fileURLToPath(new URL("../../pom.xml", import.meta.url));

/** Upper bound of one Maven run (a cold fetch is ~130 MB). */
const MAVEN_TIMEOUT_MS = 10 * 60_000;

/** The distribution of `version` if it is already cached, else undefined. */
export function cachedKafka(version: string): KafkaDistribution | undefined {
  const libDir = libDirOf(version);
  return existsSync(join(libDir, COMPLETE_MARKER)) ? distribution(version, libDir) : undefined;
}

/**
 * Makes `version`'s jars available (default {@link DEFAULT_KAFKA_VERSION}), fetching them if needed.
 * Throws `BAD_VERSION`, `MAVEN_NOT_FOUND` or `MAVEN_FAILED` (with Maven's output tail).
 * Set `KAFKESC_MAVEN_REPO` to use another Maven local repository than `~/.m2/repository`.
 */
export async function fetchKafka(version: string = DEFAULT_KAFKA_VERSION): Promise<KafkaDistribution> {
  const parsed = parseKafkaVersion(version);
  const cached = cachedKafka(version);
  if (cached) return cached;
  // Callers in this process wait for one Maven run; other processes are kept apart by the rename below.
  const key = libDirOf(version);
  let pending = fetchesInProgress.get(key);
  if (!pending) {
    pending = runMaven(parsed).finally(() => fetchesInProgress.delete(key));
    fetchesInProgress.set(key, pending);
  }
  return pending;
}

const fetchesInProgress = new Map<string, Promise<KafkaDistribution>>();

async function runMaven(parsed: KafkaVersion): Promise<KafkaDistribution> {
  const version = parsed.text;
  const mvn = findMaven();
  const libDir = libDirOf(version);
  const versionDir = dirname(libDir);
  mkdirSync(versionDir, { recursive: true });
  removeAbandonedStaging(versionDir);
  const staging = join(versionDir, `libs.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const args = [
    "-q", "-B", "-Dstyle.color=never", "-f", POM_PATH, "dependency:copy-dependencies",
    `-Dkafka.version=${version}`,
    `-Dkafka.line=${kafkaLine(parsed)}`,
    `-Dstreams.examples.version=${streamsExamplesVersion(parsed)}`,
    `-DoutputDirectory=${staging}`,
  ];
  if (process.env.KAFKESC_MAVEN_REPO) args.push(`-Dmaven.repo.local=${process.env.KAFKESC_MAVEN_REPO}`);
  try {
    const outcome = await runBounded(mvn, args, { timeoutMs: MAVEN_TIMEOUT_MS, cwd: versionDir });
    const output = lastLines(`${outcome.stdout}\n${outcome.stderr}`, 30);
    if (outcome.kind !== "exited" || outcome.exitCode !== 0) {
      const why = outcome.kind === "timeout" ? `did not finish within ${MAVEN_TIMEOUT_MS / 1000} s` : outcome.kind === "spawn-error" ? outcome.error.message : `exited with ${outcome.exitCode}`;
      const hint = /resolve|transfer|Unknown host|Connect/i.test(output) ? " (is Maven Central reachable, and does this Kafka version exist?)" : "";
      throw new KafkaHarnessError("MAVEN_FAILED", `fetching Kafka ${version} jars: mvn ${why}${hint}`, { version, logTail: output });
    }
    if (!readdirSync(staging).some((name) => name.startsWith(`kafka_2.13-${version}`))) {
      throw new KafkaHarnessError("MAVEN_FAILED", `Maven finished but no kafka_2.13-${version}.jar was copied`, { version, path: staging, logTail: output });
    }
    writeFileSync(join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    try {
      renameSync(staging, libDir);
    } catch (error) {
      // Another process finished the same fetch first: its copy is as good as ours.
      if (!cachedKafka(version)) {
        // A stale, incomplete libs directory (from an older harness or a manual copy): replace it.
        rmSync(libDir, { recursive: true, force: true });
        try {
          renameSync(staging, libDir);
        } catch (cause) {
          throw new KafkaHarnessError("MAVEN_FAILED", `cannot move the fetched jars into ${libDir}`, { version, path: libDir }, { cause: cause ?? error });
        }
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return distribution(version, libDir);
}

/** Deletes the staging directories of fetches whose process died (their name carries the pid). */
function removeAbandonedStaging(versionDir: string): void {
  for (const name of readdirSync(versionDir)) {
    const pid = /^libs\.tmp-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !processExists(Number(pid))) rmSync(join(versionDir, name), { recursive: true, force: true });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function distribution(version: string, libDir: string): KafkaDistribution {
  return { version, libDir, classpath: join(libDir, "*") };
}
