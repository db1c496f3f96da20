/**
 * RFM analysis: recency, frequency and monetary value per customer, quantile scores, the
 * eleven-segment map with the action each segment calls for, and a per-segment summary.
 *
 * @example Compute, score and summarise
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { computeRfm, rfmSegmentSummary, scoreRfm } from "./mod.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "a", "b", "c"],
 *   invoice_id: ["1", "2", "3", "4"],
 *   invoice_date: [
 *     new Date("2011-11-01T10:00:00Z"),
 *     new Date("2011-12-08T10:00:00Z"),
 *     new Date("2011-06-01T10:00:00Z"),
 *     new Date("2011-12-01T10:00:00Z"),
 *   ],
 *   quantity: [2, 4, 1, 1],
 *   unit_price: [10, 10, 5, 30],
 * });
 * const scored = scoreRfm(computeRfm(tx, { asOf: new Date("2011-12-10") }));
 * const summary = rfmSegmentSummary(scored);
 * assert.equal(summary.getColumn("customers").sum(), 3);
 * ```
 *
 * @module
 */
export * from "./compute_rfm.ts";
export * from "./score_rfm.ts";
export * from "./segments.ts";
export * from "./rfm_segment_summary.ts";
export * from "./fit_rfm_scores.ts";
