/**
 * Small shared utilities: the house error-message helpers and the environment table that closes
 * every notebook.
 *
 * @module
 */
export * from "./environment.ts";
export { formatExamples, requireColumns, requireNumericColumns, requireRows } from "./errors.ts";
export * from "./random.ts";
