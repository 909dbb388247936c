import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { fetchMetadata } from "../src/index.js";

describe("shared broker from the global setup", () => {
  it("answers metadata at the injected bootstrap address", async () => {
    const bootstrap = inject("kafkaBootstrap");
    const [host, port] = (bootstrap.split(",")[0] ?? "").split(":");
    const metadata = await fetchMetadata(host ?? "", Number(port));
    expect(metadata.brokers.map((b) => b.nodeId)).toEqual([1]);
    expect(process.env.KAFKA_BOOTSTRAP).toBe(bootstrap);
  });
});
