#!/usr/bin/env node
// The `kommitted` command. A committed file, so that npm links it into node_modules/.bin at install time, before the
// TypeScript build exists; it runs the built command line (dist/cli.js), or says how to build it. Before anything
// else, it starts itself again in the same process with the runtime settings a process can't give itself once started
// (V8's young generation, glibc's malloc arenas; dist/heap.js), where Node can (process.execve).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("kommitted: not built yet (no dist/cli.js); run `npm run build` at the root of the repository\n");
  process.exit(1);
}
const { relaunchWithRuntimeSettings } = await import(new URL("../dist/heap.js", import.meta.url).href);
relaunchWithRuntimeSettings();
await import(cli.href);
