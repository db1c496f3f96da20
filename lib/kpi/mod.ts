/**
 * Customer KPIs: a per-period KPI table (active, new, returning, retained and reactivated
 * customers, retention and churn rates, revenue, orders, average order value, purchase
 * frequency), unit economics under stated acquisition-cost assumptions (CAC, CLV:CAC, payback)
 * and survey scores (NPS, CSAT) with confidence intervals. Every definition is documented with
 * its formula and source.
 *
 * @example A monthly KPI table
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kpiTable } from "./mod.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "b", "a"],
 *   invoice_id: ["1", "2", "3"],
 *   invoice_date: [
 *     new Date("2011-01-05T10:00:00Z"),
 *     new Date("2011-01-09T10:00:00Z"),
 *     new Date("2011-02-01T10:00:00Z"),
 *   ],
 *   quantity: [1, 2, 1],
 *   unit_price: [10, 5, 20],
 * });
 * const kpis = kpiTable(tx, { period: "month", asOf: new Date("2011-03-01T00:00:00Z") });
 * assert.deepEqual(kpis.getColumn("retention_rate").toArray(), [null, 0.5]);
 * ```
 *
 * @module
 */
export * from "./kpi_table.ts";
export * from "./nps_score.ts";
export * from "./csat_score.ts";
export * from "./unit_economics.ts";
