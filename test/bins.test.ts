/**
 * The commands as a user of the repository runs them right after `bash scripts/setup.sh`: npm links each workspace's
 * committed `bin/` file into `node_modules/.bin` at `npm ci` (before the build exists), and each one runs the built
 * command line. So `npx ksunami`, `npx kommitted` and `npx konsumer-offsets` work in a fresh clone.
 */
import { execFile } from "node:child_process";
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

/** Each command, the workspace that declares it, and that workspace's version (what `--version` must print). */
const COMMANDS = [
  { command: "ksunami", workspace: "packages/ksunami" },
  { command: "kommitted", workspace: "packages/kommitted" },
  { command: "konsumer-offsets", workspace: "packages/konsumer-offsets-cli" },
].map((c) => {
  const manifest = JSON.parse(readFileSync(`${root}/${c.workspace}/package.json`, "utf8")) as { version: string; bin: Record<string, string> };
  return { ...c, version: manifest.version, bin: manifest.bin[c.command]! };
});

describe("workspace commands in node_modules/.bin", () => {
  test.each(COMMANDS)("$command is declared as a committed bin/ file, not a build output", ({ command, workspace, bin }) => {
    expect(bin).toBe(`./bin/${command}.js`);
    const text = readFileSync(`${root}/${workspace}/${bin}`, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(lstatSync(`${root}/${workspace}/${bin}`).mode & 0o111).not.toBe(0); // executable in git
  });

  test.each(COMMANDS)("node_modules/.bin/$command is linked by npm and prints its version", async ({ command, workspace, version }) => {
    const link = `${root}/node_modules/.bin/${command}`;
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(realpathSync(link)).toBe(realpathSync(`${root}/${workspace}/bin/${command}.js`));
    const { stdout } = await run(link, ["--version"], { cwd: root });
    expect(stdout.trim()).toBe(version);
  }, 60_000);

  test.each(COMMANDS)("npx $command runs the workspace's command from the repository root", async ({ command, version }) => {
    const { stdout } = await run("npx", ["--no-install", command, "--version"], { cwd: root });
    expect(stdout.trim()).toBe(version);
  }, 60_000);
});
