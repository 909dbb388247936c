// One runner for the whole suite. Two projects:
// - unit: pure tests, no Kafka (fast, run first when iterating: `npm run test:unit`);
// - integration: files named `*.int.test.ts`, run against a real Kafka that the harness's global setup starts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`${pkg}/src/index.ts`, import.meta.url));

/** Workspace packages resolve to their TypeScript sources, so tests never need a build first. */
const alias = {
  "@kafkesc/bytes-parser": src("packages/bytes-parser"),
  "@kafkesc/konsumer-offsets": src("packages/konsumer-offsets"),
  "@kafkesc/kafka-io": src("packages/kafka-io"),
  "@kafkesc/kafka-harness": src("kafka"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts", "kafka/test/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["packages/*/test/**/*.int.test.ts", "kafka/test/**/*.int.test.ts", "test/**/*.int.test.ts"],
          globalSetup: ["kafka/test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
