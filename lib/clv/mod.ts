/**
 * Customer lifetime value: the per-customer summary of a transaction log ({@linkcode clvSummary}),
 * the purchase models BG/NBD ({@linkcode fitBgNbd}), Pareto/NBD ({@linkcode fitParetoNbd}) and
 * Modified BG/NBD ({@linkcode fitModifiedBgNbd}), and the Gamma-Gamma spend model
 * ({@linkcode fitGammaGamma}), fitted by maximum likelihood with standard errors and loud
 * convergence warnings, checked against Fader, Hardie and Lee's published CDNOW values and
 * against scipy fits of the same likelihoods. {@linkcode customerView} joins them with the RFM,
 * segment, churn and offer outputs into one row per customer with a ranked "act this week" list,
 * and {@linkcode exportCustomerView} writes it as `customer_view.parquet` and `.csv`.
 *
 * @example Summarise, then fit purchases and spend
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvSummary, fitBgNbd, fitGammaGamma } from "./mod.ts";
 * import { loadCdnow } from "../io/mod.ts";
 *
 * const summary = clvSummary(loadCdnow({ file: "sample" }), {
 *   asOf: new Date("1997-09-30"),
 *   timeUnit: "weeks",
 *   monetary: "monetary",
 * });
 * assert.equal(summary.height, 2_357);
 * const purchases = fitBgNbd(summary);
 * const spend = fitGammaGamma(summary);
 * assert.ok(purchases.converged && spend.converged);
 * ```
 *
 * @module
 */
export * from "./clv_summary.ts";
export * from "./fit_bg_nbd.ts";
export * from "./fit_gamma_gamma.ts";
export * from "./fit_pareto_nbd.ts";
export * from "./fit_modified_bg_nbd.ts";
export type { ClvSummaryColumns } from "./_summary_input.ts";
export * from "./customer_lifetime_value.ts";
export * from "./contractual_value.ts";
export * from "./evaluate_holdout.ts";
export type { PurchaseModel } from "./purchase_model.ts";
export * from "./purchase_tracking.ts";
export * from "./model_grid.ts";
export * from "./model_tables.ts";
export * from "./fit_bg_bb.ts";
export * from "./customer_view.ts";
export * from "./export_customer_view.ts";
export * from "./customer_view_summary.ts";
export * from "./dynamic_segments.ts";
export * from "./segment_drift.ts";
export * from "./value_customers.ts";
