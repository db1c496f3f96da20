/**
 * Exploratory data analysis: summaries, correlations, outliers, revenue over time, top entities,
 * concentration and basket sizes. Every function takes a DataFrame and an options object and returns
 * a new DataFrame or a typed record; inputs are never modified.
 *
 * @example Summarise a small frame
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { describe, topN } from "./mod.ts";
 *
 * const df = pl.DataFrame({ country: ["FR", "DE", "FR"], revenue: [10, 5, 15] });
 * assert.equal(describe(df, { columns: ["revenue"] }).getColumn("mean").toArray()[0], "10");
 * assert.equal(topN(df, { by: "country", value: "revenue" }).getColumn("country").toArray()[0], "FR");
 * ```
 *
 * @module
 */
export * from "./basket_sizes.ts";
export * from "./concentration.ts";
export * from "./correlation_matrix.ts";
export * from "./describe.ts";
export * from "./flag_outliers.ts";
export * from "./outlier_summary.ts";
export * from "./revenue_by_time.ts";
export * from "./top_n.ts";
export * from "./add_revenue.ts";
export * from "./cross_tab.ts";
export * from "./rows_where.ts";
