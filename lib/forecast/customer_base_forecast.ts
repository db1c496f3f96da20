import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireFrame, requirePositive } from "../core/errors.ts";
import type { PurchaseModel } from "../clv/purchase_model.ts";
import { requireHorizon } from "./_series.ts";

/** Options for {@linkcode customerBaseForecast}. */
export interface CustomerBaseForecastOptions {
  /** A fitted BG/NBD, Pareto/NBD or Modified BG/NBD model (`lib/clv`). */
  model: PurchaseModel;
  /** Periods ahead: a positive integer. */
  horizon: number;
  /**
   * Length of one period in the summary's time unit (default 1: weeks for a summary in weeks).
   */
  periodLength?: number;
}

/**
 * The customer-base forecast: how many repeat purchases today's customers are expected to make
 * in each of the next periods, from a fitted purchase model (BG/NBD and kin): the sum over
 * customers of the model's conditional expected purchases `E[X(t) | history]` (Fader, Hardie and
 * Lee 2005, equation 10), differenced period by period. It counts only customers already in the
 * summary, and purchases as the summary counts them (one per customer and day in
 * {@linkcode clvSummary}); set beside a time-series forecast of orders, the gap is roughly the
 * orders of customers not yet acquired, less same-day repeat orders. The model has no
 * seasonality: its rate is the same in December as in March.
 *
 * Cost: `horizon` evaluations of the model over every customer.
 *
 * @param summary The CLV summary the model was fitted on (or another, same columns and unit).
 * @param options `model`, `horizon` (required), `periodLength`.
 * @returns A new DataFrame: `horizon`, `expected_purchases` (in that period),
 *   `cumulative_purchases`.
 * @throws {TypeError} When the summary lacks the model's columns.
 * @throws {RangeError} When the horizon is not a positive integer or `periodLength` is not > 0.
 *
 * @example Two customers under a BG/NBD model fitted on CDNOW
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvSummary, fitBgNbd } from "../clv/mod.ts";
 * import { loadCdnow } from "../io/datasets.ts";
 * import { customerBaseForecast } from "./customer_base_forecast.ts";
 *
 * const summary = clvSummary(loadCdnow({ file: "sample" }), {
 *   asOf: new Date("1997-09-30"),
 *   timeUnit: "weeks",
 * });
 * const model = fitBgNbd(summary);
 * const base = customerBaseForecast(summary, { model, horizon: 4 });
 * const weekly = base.getColumn("expected_purchases").toArray() as number[];
 * assert.equal(weekly.length, 4);
 * assert.ok(weekly[3] < weekly[0]); // customers drop out as time passes
 * ```
 */
export function customerBaseForecast(
  summary: DataFrame,
  options: CustomerBaseForecastOptions,
): DataFrame {
  const action = "forecast the customer base";
  requireFrame(summary, "summary", action);
  const horizon = requireHorizon(options?.horizon, action);
  const length = requirePositive(options.periodLength ?? 1, "periodLength", action);
  const cumulative: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const expected = options.model.conditionalExpectedPurchases(summary, { t: h * length });
    let total = 0;
    for (const v of expected) total += v;
    cumulative.push(total);
  }
  return pl.DataFrame([
    pl.Series("horizon", cumulative.map((_, i) => i + 1), pl.Int32),
    pl.Series(
      "expected_purchases",
      cumulative.map((c, i) => c - (i > 0 ? cumulative[i - 1] : 0)),
      pl.Float64,
    ),
    pl.Series("cumulative_purchases", cumulative, pl.Float64),
  ]);
}
