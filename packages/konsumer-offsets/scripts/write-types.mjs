// Writes src/generated/types.ts from the schema tables (run after a table edit: npm run types:write).
// Reads the built tables in dist/, so the npm script builds first, without type checking: a new record type's name
// is not a known one until this script has written its type.
import { writeFileSync } from "node:fs";
import { emitTypes } from "../dist/schema/emit-types.js";

const target = new URL("../src/generated/types.ts", import.meta.url);
writeFileSync(target, emitTypes());
console.log(`wrote ${target.pathname}`);
