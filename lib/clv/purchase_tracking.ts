import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireDate,
  requireFrame,
  requireInteger,
  requireOneOf,
} from "../core/errors.ts";
import { requireTemporal } from "../core/dtypes.ts";
import { requireColumnOption } from "../core/column_option.ts";
import { DAY_MS, formatDate } from "../core/time.ts";
import { CLV_TIME_UNITS, type ClvTimeUnit } from "./_time_unit.ts";
import type { PurchaseModel } from "./purchase_model.ts";

/** Options for {@linkcode purchaseTracking}. */
export interface PurchaseTrackingOptions {
  /** A purchase model fitted on the calibration summary (its `expectedPurchases` is used). */
  model: PurchaseModel;
  /**
   * The time unit the model was fitted in (the summary's): `"days"` or `"weeks"`. Default: the
   * model's own `timeUnit` (recorded when it was fitted on a {@linkcode clvSummary} output);
   * required when the model does not know it, refused when it contradicts it.
   */
  timeUnit?: ClvTimeUnit;
  /** End of the calibration period: customers whose first purchase is on or before it are tracked. */
  calibrationEnd: Date;
  /** End of the tracking (the holdout's end): purchases after it are ignored. */
  observationEnd: Date;
  /** Customer id column. Default `"customer_id"`. */
  customerId?: string;
  /** Purchase date column (Date or Datetime). Default `"invoice_date"`. */
  date?: string;
  /** Length of one period, in whole `timeUnit`s. Default 1 (e.g. weekly). */
  step?: number;
}

const ACTION = "track purchases";

/**
 * Repeat purchases per period against the model's expectation, the "tracking plot" of Fader,
 * Hardie and Lee (2005, Figure 3: weekly and cumulative repeat transactions) and lifetimes'
 * `expected_cumulative_transactions`.
 *
 * The tracked customers are those whose first purchase is on or before `calibrationEnd` (the
 * customers the model was fitted on). Purchases are counted as {@linkcode clvSummary} counts
 * them: on calendar days (UTC), one customer's purchases on the same day merged, the first day
 * (the acquisition) left out. Time runs from the origin, the day of the earliest first purchase;
 * period `k` (1, 2, ...) covers the days in `(origin + (k - 1)·step, origin + k·step]` (in
 * `timeUnit`s; the last period ends at `observationEnd` and may be shorter), so `period` is also the
 * time elapsed at its end: on CDNOW, period 78 ends on 1998-06-30, week 78.
 *
 * The expectation is the model's `expectedPurchases`, the expected repeat purchases of a customer
 * `t` units after acquisition: `cumulative_expected` at a period's end is
 * `Σ_i E[X(end - birth_i)]` over tracked customers acquired by then (`birth_i` is their first
 * purchase day), and `expected` is its increment. A period is `holdout` when it starts on or
 * after `calibrationEnd` (the period straddling it counts as calibration).
 *
 * Cost: one Polars aggregation, then (distinct first-purchase days) x (periods) evaluations of
 * `expectedPurchases`.
 *
 * @param transactions One row per purchase record, with a customer id and a date.
 * @param options The fitted `model`, its `timeUnit` (when the model does not record it),
 *   `calibrationEnd`, `observationEnd`, column names and `step`.
 * @returns One row per period: `period` (Int64), `period_start` and `period_end` (Date),
 *   `actual` (Int64, repeat purchases in the period), `expected` (Float64), `cumulative_actual`
 *   (Int64), `cumulative_expected` (Float64) and `holdout` (Boolean).
 * @throws {TypeError} When a column is missing or the date column is not temporal, a date is not
 *   a Date, or `model` has no `expectedPurchases`.
 * @throws {RangeError} When the time unit is unknown or contradicts the model's, `step` is not a
 *   whole number >= 1, the dates
 *   are out of order, an id or date is missing, or no purchase is on or before `calibrationEnd`.
 *
 * @example CDNOW: 78 weeks of repeat purchases against BG/NBD
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvSummary, fitBgNbd, purchaseTracking } from "./mod.ts";
 * import { loadCdnow } from "../io/mod.ts";
 *
 * const tx = loadCdnow({ file: "sample" });
 * const calibrationEnd = new Date("1997-09-30");
 * const model = fitBgNbd(clvSummary(tx, { asOf: calibrationEnd, timeUnit: "weeks" }));
 * const tracking = purchaseTracking(tx, {
 *   model, // fitted in weeks: the tracking is weekly
 *   calibrationEnd,
 *   observationEnd: new Date("1998-06-30"),
 * });
 * assert.equal(tracking.height, 78);
 * // 4,339 repeat purchase days in 78 weeks (2,457 in calibration, 1,882 in the holdout).
 * assert.equal(tracking.getColumn("cumulative_actual").toArray().at(-1), 4339);
 * ```
 */
export function purchaseTracking(
  transactions: DataFrame,
  options: PurchaseTrackingOptions,
): DataFrame {
  const df = requireFrame(transactions, "the transactions", ACTION);
  const o = options ?? ({} as PurchaseTrackingOptions);
  const model = o.model;
  if (
    model === null || typeof model !== "object" || typeof model.expectedPurchases !== "function"
  ) {
    throw new TypeError(
      `Cannot ${ACTION} as model is not a fitted purchase model (fitBgNbd, fitModifiedBgNbd or ` +
        `fitParetoNbd): got ${model === null ? "null" : typeof model}`,
    );
  }
  const unit = requireOneOf(o.timeUnit ?? model.timeUnit, CLV_TIME_UNITS, "timeUnit", ACTION);
  if (model.timeUnit !== undefined && model.timeUnit !== unit) {
    throw new RangeError(
      `Cannot ${ACTION} as timeUnit is "${unit}" but the model was fitted on a summary in ` +
        `"${model.timeUnit}": its rates are per ${model.timeUnit.slice(0, -1)}`,
    );
  }
  const unitDays = unit === "weeks" ? 7 : 1;
  const calibrationEnd = requireDate(o.calibrationEnd, "calibrationEnd", ACTION);
  const observationEnd = requireDate(o.observationEnd, "observationEnd", ACTION);
  if (!(calibrationEnd < observationEnd)) {
    throw new RangeError(
      `Cannot ${ACTION} as calibrationEnd must be before observationEnd: got calibrationEnd ` +
        `${calibrationEnd.toISOString()}, observationEnd ${observationEnd.toISOString()}`,
    );
  }
  const step = requireInteger(o.step ?? 1, "step", ACTION, 1);
  const idCol = requireColumnOption(o.customerId ?? "customer_id", "customerId", ACTION);
  const dateCol = requireColumnOption(o.date ?? "invoice_date", "date", ACTION);
  requireColumns(df, [idCol, dateCol], ACTION);
  requireTemporal(df, dateCol, ACTION);
  for (const column of [idCol, dateCol]) {
    const nulls = df.getColumn(column).nullCount();
    if (nulls > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as column "${column}" has ${nulls} missing value${
          nulls === 1 ? "" : "s"
        }: drop or fix those rows first (e.g. with cleanTransactions)`,
      );
    }
  }
  const calMs = calibrationEnd.getTime();
  const obsMs = observationEnd.getTime();
  // Purchase days up to observationEnd, one row per (customer, day), each with the customer's
  // first purchase (its full timestamp, to compare with calibrationEnd as clvSummary does).
  const days = df
    .select(
      pl.col(idCol).alias("__id"),
      pl.col(dateCol).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64).alias("__ms"),
      pl.col(dateCol).cast(pl.Date).cast(pl.Int32).alias("__day"),
    )
    .filter(pl.col("__ms").ltEq(pl.lit(obsMs)))
    .groupBy(["__id", "__day"])
    .agg(pl.col("__ms").min().alias("__ms"))
    .withColumns(
      pl.col("__ms").min().over("__id").alias("__first_ms"),
      pl.col("__day").min().over("__id").alias("__first"),
    )
    .filter(pl.col("__first_ms").ltEq(pl.lit(calMs)));
  if (days.height === 0) {
    throw new RangeError(
      `Cannot ${ACTION} as no purchase is on or before calibrationEnd ${
        formatDate(calMs)
      }: ${df.height} records, none that early`,
    );
  }
  const births = days.filter(pl.col("__day").eq(pl.col("__first")))
    .groupBy("__first").agg(pl.col("__id").count().cast(pl.Float64).alias("__n"));
  const birthDay = Float64Array.from(births.getColumn("__first").toArray() as number[]);
  const birthCount = births.getColumn("__n").toTypedArray() as Float64Array;
  const repeatDays = days.filter(pl.col("__day").gt(pl.col("__first")))
    .getColumn("__day").cast(pl.Float64).toTypedArray() as Float64Array;

  const origin = birthDay.reduce((m, d) => Math.min(m, d), Infinity);
  const endDay = Math.floor(obsMs / DAY_MS);
  const calDay = Math.floor(calMs / DAY_MS);
  const length = step * unitDays; // days per period
  const periods = Math.max(1, Math.ceil((endDay - origin) / length));
  const actual = new Float64Array(periods);
  for (const day of repeatDays) {
    actual[Math.min(periods, Math.max(1, Math.ceil((day - origin) / length))) - 1]++;
  }
  const starts: number[] = [], ends: number[] = [];
  const cumulativeActual = new Float64Array(periods);
  const cumulativeExpected = new Float64Array(periods);
  const expected = new Float64Array(periods);
  const holdout: boolean[] = [];
  let runningActual = 0;
  for (let k = 0; k < periods; k++) {
    const start = origin + k * length;
    const end = Math.min(origin + (k + 1) * length, endDay);
    starts.push(start);
    ends.push(end);
    holdout.push(start >= calDay);
    runningActual += actual[k];
    cumulativeActual[k] = runningActual;
    let total = 0;
    for (let j = 0; j < birthDay.length; j++) {
      if (birthDay[j] < end) {
        total += birthCount[j] * model.expectedPurchases((end - birthDay[j]) / unitDays);
      }
    }
    cumulativeExpected[k] = total;
    expected[k] = total - (k > 0 ? cumulativeExpected[k - 1] : 0);
  }
  const asDate = (name: string, values: number[]) =>
    pl.Series(name, values.map((d) => new Date(d * DAY_MS))).cast(pl.Date);
  return pl.DataFrame([
    pl.Series("period", Array.from({ length: periods }, (_, k) => k + 1), pl.Int64),
    asDate("period_start", starts),
    asDate("period_end", ends),
    pl.Series("actual", Array.from(actual), pl.Int64),
    pl.Series("expected", expected, pl.Float64),
    pl.Series("cumulative_actual", Array.from(cumulativeActual), pl.Int64),
    pl.Series("cumulative_expected", cumulativeExpected, pl.Float64),
    pl.Series("holdout", holdout, pl.Bool),
  ]);
}
