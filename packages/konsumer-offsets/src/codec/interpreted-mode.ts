/**
 * Imported first by the `no-eval` entry point: switches reader building to the interpreter (and turns the fast flat
 * readers of `flat-read.ts` off) before any other module of the package builds a reader (ES modules run their imports
 * in order, each before the importing module's body).
 * @module
 */
import { useInterpretedReaders } from "./read.js";
import { useNoFlatReaders } from "./flat-read.js";

useInterpretedReaders();
useNoFlatReaders();
