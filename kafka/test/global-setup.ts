/**
 * Vitest global setup of the integration project: one shared single-node Kafka (the default version, every group
 * type enabled), started once for the whole run. Tests read its address with `inject("kafkaBootstrap")`; child
 * processes get it as `$KAFKA_BOOTSTRAP`. Tests share it in parallel, so each uses its own topic and group names.
 */
import type { TestProject } from "vitest/node";
import { DEFAULT_KAFKA_VERSION, startKafka } from "../src/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `bootstrap.servers` of the shared Kafka. */
    kafkaBootstrap: string;
  }
}

/** Starts the shared broker; the returned function stops it (and deletes its data) after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startKafka({ version: DEFAULT_KAFKA_VERSION, nodes: 1 });
  project.provide("kafkaBootstrap", cluster.bootstrapServers);
  process.env.KAFKA_BOOTSTRAP = cluster.bootstrapServers;
  return async () => {
    await cluster.stop();
  };
}
