import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireNumericColumns, requireRows } from "../core/errors.ts";

/** Rounding slack when comparing a product-limit estimate with one half. */
const HALF_TOLERANCE = 1e-12;

/**
 * Finds the median survival time of each curve of a {@linkcode kaplanMeier} table: the first
 * time at which the estimated survival is at or below one half, i.e. "half of the customers have
 * churned by then". Missing (null) when the curve never gets there, which is common with heavy
 * censoring: the median is then beyond the data, not infinite.
 *
 * Formula: `median = min { t : S(t) <= 0.5 }`, as lifelines' `median_survival_time_` and
 * Kleinbaum & Klein (2012, ch. 2). A survival of exactly one half counts (compared with a
 * tolerance of 1e-12, so products such as `0.75 * (2/3)` that round just above 0.5 still
 * count). R's `survfit` differs only when the curve is exactly 0.5 over an interval: it reports
 * the middle of that interval, this (and lifelines) its start.
 *
 * Reference: https://lifelines.readthedocs.io/en/latest/fitters/univariate/KaplanMeierFitter.html
 *
 * Cost: O(n log n) for sorting the table by group and time.
 *
 * @param km A table from {@linkcode kaplanMeier} (needs `time` and `survival`; `group` when
 * present); never modified.
 * @returns A new DataFrame: `group` (only when `km` has it) and `median_time` (Float64,
 * nullable), one row per group in group order.
 * @throws {TypeError} When `time` or `survival` is missing or not numeric.
 * @throws {RangeError} When the table is empty.
 *
 * @example Two plans: half of "basic" has churned by month 3, "pro" never reaches one half
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kaplanMeier, medianSurvival } from "./mod.ts";
 *
 * const customers = pl.DataFrame({
 *   plan: ["basic", "basic", "basic", "basic", "pro", "pro", "pro"],
 *   months: [1, 3, 3, 6, 2, 8, 9],
 *   churned: [1, 1, 0, 1, 1, 0, 0],
 * });
 * const km = kaplanMeier(customers, { duration: "months", event: "churned", group: "plan" });
 * const medians = medianSurvival(km);
 * assert.deepEqual(medians.getColumn("group").toArray(), ["basic", "pro"]);
 * assert.deepEqual(medians.getColumn("median_time").toArray(), [3, null]);
 * ```
 */
export function medianSurvival(km: DataFrame): DataFrame {
  const action = "find the median survival time";
  requireColumns(km, ["time", "survival"], action);
  requireNumericColumns(km, ["time", "survival"], action);
  requireRows(km, action);
  const grouped = km.columns.includes("group");
  const keys = grouped ? ["group", "time"] : ["time"];
  const sorted = km.select(...keys.map((k) => pl.col(k)), pl.col("survival")).sort(keys);
  const times = sorted.getColumn("time").cast(pl.Float64).toArray() as (number | null)[];
  const survival = sorted.getColumn("survival").cast(pl.Float64).toArray() as (number | null)[];
  const groups = grouped ? sorted.getColumn("group").toArray() as unknown[] : undefined;
  const labels: unknown[] = [];
  const medians: (number | null)[] = [];
  for (let i = 0; i < times.length; i++) {
    const first = i === 0 || (groups !== undefined && groups[i] !== groups[i - 1]);
    if (first) {
      labels.push(groups?.[i]);
      medians.push(null);
    }
    const s = survival[i];
    if (medians[medians.length - 1] === null && s !== null && s <= 0.5 + HALF_TOLERANCE) {
      medians[medians.length - 1] = times[i];
    }
  }
  const median = pl.Series("median_time", medians, pl.Float64);
  if (!grouped) return pl.DataFrame([median]);
  const groupSeries = pl.Series("group", labels).cast(sorted.getColumn("group").dtype);
  return pl.DataFrame([groupSeries, median]);
}
