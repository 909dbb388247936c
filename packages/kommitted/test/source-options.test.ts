import { afterEach, describe, expect, it, vi } from "vitest";
import { KommittedError } from "../src/errors.js";
import { parseArgs } from "../src/options.js";

/** The config of `argv`, or the error parsing threw. */
function parse(argv: string[]) {
  try {
    const outcome = parseArgs(argv);
    if (outcome.kind !== "run") throw new Error("expected a config");
    return outcome.config;
  } catch (error) {
    if (error instanceof KommittedError) return error;
    throw error;
  }
}

describe("--source and --admin-concurrency", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("default to auto and 10", () => {
    expect(parse(["-b", "k:9092"])).toMatchObject({ source: "auto", adminConcurrency: 10 });
  });

  it("take topic and admin, from the flag or KOMMITTED_SOURCE (the flag wins)", () => {
    expect(parse(["-b", "k:9092", "--source", "admin", "--admin-concurrency", "32"])).toMatchObject({ source: "admin", adminConcurrency: 32 });
    vi.stubEnv("KOMMITTED_SOURCE", "topic");
    vi.stubEnv("KOMMITTED_ADMIN_CONCURRENCY", "3");
    expect(parse(["-b", "k:9092"])).toMatchObject({ source: "topic", adminConcurrency: 3 });
    expect(parse(["-b", "k:9092", "--source", "admin"])).toMatchObject({ source: "admin" });
  });

  it("refuse anything else with INVALID_FLAG (exit 2)", () => {
    const bad = parse(["-b", "k:9092", "--source", "offsets"]);
    expect(bad).toBeInstanceOf(KommittedError);
    expect(bad).toMatchObject({ code: "INVALID_FLAG", exitCode: 2 });
    expect((bad as Error).message).toMatch(/--source.*'offsets' is invalid.*auto, topic, admin/);
    expect(parse(["-b", "k:9092", "--admin-concurrency", "0"])).toMatchObject({ code: "INVALID_FLAG", message: "--admin-concurrency must be an integer from 1 to 1000, got '0'" });
  });
});
