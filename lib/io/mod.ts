/**
 * Reading data: `readTransactions` for any transaction log, `readMapping` / `applyMapping` /
 * `readTransactionFiles` for an analyst's own export with a column mapping, `scanTransactions`
 * for a lazy scan of files or partitioned folders too big to read at once, and loaders for the
 * bundled datasets.
 *
 * @module
 */
export * from "./read_transactions.ts";
export * from "./scan_transactions.ts";
export * from "./datasets.ts";
export * from "./export_csv.ts";
export * from "./column_mapping.ts";
export * from "./load_analysis_transactions.ts";
export { type DataNote, dataNotes } from "../core/errors.ts";
export * from "./write_partitioned_parquet.ts";
