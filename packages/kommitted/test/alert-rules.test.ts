// The alert rules' unit tests, run by Prometheus's own promtool (Debian's `prometheus` package, installed by setup.sh).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../../../deploy/prometheus/", import.meta.url));

describe("deploy/prometheus/kommitted-rules.yaml under promtool", () => {
  it("passes its unit tests: lag growing without commits fires only for the group that commits nothing, across a rebalance; STALL then STOP fires after one `for:`", () => {
    const result = spawnSync("promtool", ["test", "rules", "kommitted-rules.test.yaml"], { cwd: dir, encoding: "utf8" });
    expect(result.error, "promtool not found: run scripts/setup.sh").toBeUndefined();
    expect(`${result.stdout}${result.stderr}`).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });
});
