#!/usr/bin/env node
/** `npm run kafka -- <command>` (see cli-program.ts). */
import { runCli } from "./cli/program.js";

process.exitCode = await runCli(process.argv.slice(2));
