/**
 * Survival analysis of customers: when do they churn? Kaplan-Meier curves with Greenwood errors
 * and log(-log) bands, median survival, the log-rank test between groups, and monthly or weekly
 * cohort retention from transactions.
 *
 * @example Survival curves by plan, their medians and a log-rank test
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kaplanMeier, logRankTest, medianSurvival } from "./mod.ts";
 *
 * const customers = pl.DataFrame({
 *   plan: ["basic", "basic", "basic", "basic", "pro", "pro", "pro", "pro"],
 *   months: [1, 2, 3, 5, 4, 9, 12, 12],
 *   churned: [1, 1, 1, 0, 1, 1, 0, 0],
 * });
 * const options = { duration: "months", event: "churned", group: "plan" };
 * const km = kaplanMeier(customers, options);
 * assert.deepEqual(medianSurvival(km).getColumn("median_time").toArray(), [2, 9]);
 * assert.equal(logRankTest(customers, options).degreesOfFreedom, 1);
 * ```
 *
 * @module
 */
export * from "./kaplan_meier.ts";
export * from "./median_survival.ts";
export * from "./log_rank_test.ts";
export * from "./cohort_retention.ts";
