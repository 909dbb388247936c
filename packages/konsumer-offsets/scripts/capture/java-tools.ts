/**
 * Kafka's own Java tools and clients for the workloads librdkafka cannot run: the console consumer (a Java classic
 * member, null `userData`), the share console consumer, the Streams word-count demo (a streams group),
 * `kafka-consumer-groups` and `kafka-configs`. Main classes moved between releases, so each is looked up in the jars.
 */
import { execFileSync, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fetchKafka } from "@kafkesc/kafka-harness";
import type { KafkaCluster, ToolResult } from "@kafkesc/kafka-harness";

/** Main classes of the tools, newest location first. */
export const TOOL_CLASSES = {
  consoleConsumer: ["org.apache.kafka.tools.consumer.ConsoleConsumer", "kafka.tools.ConsoleConsumer"],
  consoleShareConsumer: ["org.apache.kafka.tools.consumer.ConsoleShareConsumer", "kafka.tools.ConsoleShareConsumer"],
  consumerGroups: ["org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "kafka.admin.ConsumerGroupCommand"],
  configs: ["org.apache.kafka.tools.ConfigCommand", "kafka.admin.ConfigCommand"],
  wordCount: ["org.apache.kafka.streams.examples.wordcount.WordCountDemo"],
} as const;

/** A tool of `TOOL_CLASSES`. */
export type ToolName = keyof typeof TOOL_CLASSES;

/** Finds and runs Kafka's tools for one cluster's version. */
export class JavaTools {
  readonly #cluster: KafkaCluster;
  readonly #found = new Map<ToolName, string | undefined>();
  #classes: Set<string> | undefined;

  constructor(cluster: KafkaCluster) {
    this.#cluster = cluster;
  }

  /** The main class of `tool` in this version's jars, or `undefined` when this version has none. */
  async mainClass(tool: ToolName): Promise<string | undefined> {
    if (!this.#found.has(tool)) {
      const classes = await this.#jarClasses();
      this.#found.set(tool, TOOL_CLASSES[tool].find((name) => classes.has(name)));
    }
    return this.#found.get(tool);
  }

  /** Runs `tool` to completion; throws when it is missing or exits non-zero. */
  async run(tool: ToolName, args: string[], timeoutMs = 60_000): Promise<ToolResult> {
    const mainClass = await this.#require(tool);
    const result = await this.#cluster.runTool(mainClass, args, { timeoutMs });
    if (result.exitCode !== 0) {
      throw new Error(`${mainClass} ${args.join(" ")} exited with ${result.exitCode}: ${tail(result.stderr || result.stdout)}`);
    }
    return result;
  }

  /** Starts `tool` as a long-running process (a Streams app); `stop()` sends SIGTERM so its shutdown hook runs. */
  async start(tool: ToolName, args: string[]): Promise<RunningTool> {
    const mainClass = await this.#require(tool);
    const distribution = await fetchKafka(this.#cluster.version);
    const child = spawn("java", ["-Xmx512m", "-XX:+UseSerialGC", "-cp", distribution.classpath, mainClass, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    return {
      output: () => output,
      stop: async () => {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
  }

  async #require(tool: ToolName): Promise<string> {
    const mainClass = await this.mainClass(tool);
    if (mainClass === undefined) throw new Error(`Kafka ${this.#cluster.version} has no ${TOOL_CLASSES[tool].join(" / ")}`);
    return mainClass;
  }

  async #jarClasses(): Promise<Set<string>> {
    if (this.#classes) return this.#classes;
    const { libDir } = await fetchKafka(this.#cluster.version);
    const classes = new Set<string>();
    for (const jar of readdirSync(libDir).filter((name) => name.startsWith("kafka") && name.endsWith(".jar"))) {
      const listing = execFileSync("unzip", ["-Z1", join(libDir, jar)], { encoding: "utf8", maxBuffer: 64 << 20 });
      for (const entry of listing.split("\n")) {
        if (entry.endsWith(".class")) classes.add(entry.slice(0, -".class".length).replaceAll("/", "."));
      }
    }
    this.#classes = classes;
    return classes;
  }
}

/** A tool started with `JavaTools.start`. */
export interface RunningTool {
  /** Everything it printed so far. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after 20 s) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

function tail(text: string): string {
  return text.trim().split("\n").slice(-5).join(" | ");
}
