#!/usr/bin/env node
// The `ksunami` command. A committed file, so that npm links it into node_modules/.bin at install time, before the
// TypeScript build exists; it runs the built command line (dist/cli.js), or says how to build it.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("ksunami: not built yet (no dist/cli.js); run `npm run build` at the root of the repository\n");
  process.exit(1);
}
await import(cli.href);
