/**
 * Kafka's JSON message definitions (`common/message/*.json`), read from the jars of the version under test, so
 * tests compare our schemas with the exact ones a release ships (Kafka's build packs
 * `clients/src/main/resources/common/message` and the coordinators' `resources/common/message` into these jars).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { KafkaHarnessError } from "../errors.js";
import { fetchKafka } from "./fetch.js";
import { JarFile } from "./jar.js";

/** Jars carrying definitions: `kafka-group-coordinator` (the `__consumer_offsets` records), `kafka-clients` (requests, responses, consumer protocol), `kafka-share-coordinator` (`__share_group_state`, 4.x). */
export type DefinitionArtifact = "group-coordinator" | "clients" | "share-coordinator";

const MESSAGE_DIR = "common/message/";

/** File name without `.json` -> parsed definition, from `kafka-<artifact>-<version>.jar` (fetched if needed). */
export async function readMessageDefinitions(version: string, artifact: DefinitionArtifact): Promise<Map<string, unknown>> {
  const distribution = await fetchKafka(version);
  const jarName = `kafka-${artifact}-${version}.jar`;
  if (!readdirSync(distribution.libDir).includes(jarName)) {
    throw new KafkaHarnessError("JAR_UNREADABLE", `Kafka ${version} has no ${jarName} (share coordinator: 4.x only)`, { version, path: join(distribution.libDir, jarName) });
  }
  return definitionsInJar(JarFile.open(join(distribution.libDir, jarName)));
}

/** Every `common/message/*.json` entry of `jar`, parsed with its `//` comment lines removed. */
export function definitionsInJar(jar: JarFile): Map<string, unknown> {
  const definitions = new Map<string, unknown>();
  const isDefinition = (name: string) => name.startsWith(MESSAGE_DIR) && name.endsWith(".json") && !name.slice(MESSAGE_DIR.length).includes("/");
  for (const [name, bytes] of jar.readMatching(isDefinition)) {
    try {
      definitions.set(name.slice(MESSAGE_DIR.length, -".json".length), JSON.parse(stripLineComments(bytes.toString("utf8"))));
    } catch (cause) {
      throw new KafkaHarnessError("JAR_UNREADABLE", `${name} is not JSON once comments are removed`, {}, { cause });
    }
  }
  return definitions;
}

/** Drops lines whose first non-blank characters are `//` (Kafka's licence headers and field notes). */
export function stripLineComments(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("//"))
    .join("\n");
}
