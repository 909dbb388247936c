/**
 * Imported first by the `no-eval` entry point: switches reader building to the interpreter before any other module of
 * the package builds a reader (ES modules run their imports in order, each before the importing module's body).
 * @module
 */
import { useInterpretedReaders } from "./read.js";

useInterpretedReaders();
