/**
 * Customer Lens: customer analytics over nodejs-polars DataFrames, for notebooks on Deno.
 *
 * One module per domain, each re-exported here:
 * - `io`: {@linkcode readTransactions} and loaders for the bundled datasets;
 * - `quality`: {@linkcode checkTransactions} and {@linkcode cleanTransactions};
 * - `eda`: descriptive statistics, correlations, outliers, revenue over time, concentration;
 * - `charts`: Observable Plot charts that display in Jupyter and save to SVG or PNG.
 *
 * @example Read, check and clean a transaction log
 * ```ts
 * import { checkTransactions, cleanTransactions, loadOnlineRetail } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const raw = loadOnlineRetail();
 * const findings = checkTransactions(raw);
 * const { data } = cleanTransactions(raw);
 * assert.ok(findings.height > 0 && data.height < raw.height);
 * ```
 *
 * @module
 */
export * from "./io/mod.ts";
export * from "./quality/mod.ts";
export * from "./eda/mod.ts";
export * from "./charts/mod.ts";
export * from "./util/mod.ts";
export * from "./segmentation/mod.ts";
export * from "./rfm/mod.ts";
export * from "./prep/mod.ts";
export * from "./evaluate/mod.ts";
export * from "./survival/mod.ts";
export * from "./churn/mod.ts";
export * from "./basket/mod.ts";
export * from "./recommend/mod.ts";
export type { DataFrame, DataType, Expr, LazyFrame, Series } from "./core/frame.ts";
