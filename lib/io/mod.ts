/**
 * Reading data: `readTransactions` for any transaction log, and loaders for the bundled datasets.
 *
 * @module
 */
export * from "./read_transactions.ts";
export * from "./datasets.ts";
export * from "./export_csv.ts";
export { type DataNote, dataNotes } from "../core/errors.ts";
