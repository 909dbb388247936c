/**
 * Imported first by the `no-eval` entry point: switches reader building to the interpreter (which has no fast path,
 * `fast-read.ts` being generated code too) before any other module of the package builds a reader (ES modules run
 * their imports in order, each before the importing module's body).
 * @module
 */
import { useInterpretedReaders } from "./read.js";

useInterpretedReaders();
