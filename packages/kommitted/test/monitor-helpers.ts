// Starts kommitted in-process (monitor + HTTP server) against a test broker.
import { NO_SETTINGS } from "@kafkesc/kafka-io";
import { pino } from "pino";
import type { Config } from "../src/config.js";
import { DEFAULTS } from "../src/config.js";
import { createMetrics } from "../src/http/metrics.js";
import { startHttpServer } from "../src/http/server.js";
import { Monitor } from "../src/monitor.js";

/** A running in-process kommitted. */
export interface RunningKommitted {
  monitor: Monitor;
  base: string;
  stop(): Promise<void>;
}

/** Starts a monitor and its HTTP server on a free port. */
export async function startKommitted(brokers: string, overrides: Partial<Config> = {}): Promise<RunningKommitted> {
  const config: Config = {
    ...DEFAULTS,
    brokers,
    kafkaConfig: {},
    settings: NO_SETTINGS,
    connectTimeoutMs: 30_000,
    port: 0,
    host: "127.0.0.1",
    logLevel: "warn",
    pollIntervalMs: 500,
    history: 100,
    historyReadyAt: 0.02,
    metadataRefreshMs: 2000,
    ...overrides,
  };
  const monitor = new Monitor(config, pino({ level: config.logLevel }));
  const server = await startHttpServer(monitor, createMetrics(monitor), config.host, config.port);
  await monitor.start();
  return {
    monitor,
    base: `http://127.0.0.1:${server.port}`,
    async stop() {
      await server.close();
      await monitor.stop();
    },
  };
}
