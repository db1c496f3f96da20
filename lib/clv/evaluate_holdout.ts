import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { numericValues } from "../core/dtypes.ts";
import { requireColumns, requireFrame, requireInteger, requireRows } from "../core/errors.ts";
import { requireColumnOption } from "../core/column_option.ts";
import { readSummary, refuseRows, resolveSummaryColumns } from "./_summary_input.ts";
import { summaryTimeUnit } from "./_time_unit.ts";
import type { PurchaseModel } from "./purchase_model.ts";

/** Options for {@linkcode evaluateHoldout}. */
export interface EvaluateHoldoutOptions {
  /** A fitted purchase model (BG/NBD, Modified BG/NBD or Pareto/NBD), fitted on the calibration columns. */
  model: PurchaseModel;
  /** Calibration frequencies from this value up are pooled into one `"7+"` row. Default 7. */
  frequencyCap?: number;
  /** Calibration frequency column. Default `"frequency"`. */
  frequency?: string;
  /** Calibration recency column. Default `"recency"`. */
  recency?: string;
  /** Calibration age column. Default `"T"`. */
  T?: string;
  /** Purchases observed in the holdout period. Default `"frequency_holdout"`. */
  frequencyHoldout?: string;
  /** Length of the holdout period, the same for every row. Default `"duration_holdout"`. */
  durationHoldout?: string;
}

/** What {@linkcode evaluateHoldout} returns (frozen). */
export interface HoldoutEvaluation {
  /**
   * One row per calibration frequency with customers, ascending: `calibration_frequency` (text,
   * `"0"`, `"1"`, ..., and `"7+"` for the pooled top), `customers`, and the mean holdout purchases
   * per customer `actual`, `predicted` (the model) and `naive` (past purchase rate).
   */
  readonly byFrequency: DataFrame;
  /**
   * One row per `method` (`"model"`, `"naive"`): `mae` and `rmse` per customer, `actual_total`,
   * `predicted_total` and `total_error_share` ((predicted - actual) / actual, a share: -0.12
   *   is 12% too few; `showTable` shows it as a percentage).
   */
  readonly errors: DataFrame;
  /** Mean absolute error of the model per customer. */
  readonly mae: number;
  /** Root mean squared error of the model per customer. */
  readonly rmse: number;
  /** Mean absolute error of the naive baseline per customer. */
  readonly naiveMae: number;
  /** Root mean squared error of the naive baseline per customer. */
  readonly naiveRmse: number;
  /** Holdout purchases observed, all customers. */
  readonly actualTotal: number;
  /** Holdout purchases the model predicts, all customers. */
  readonly predictedTotal: number;
  /** Holdout purchases the naive baseline predicts, all customers. */
  readonly naiveTotal: number;
  /** Length of the holdout period, in the summary's time unit. */
  readonly t: number;
  /** Customers evaluated. */
  readonly n: number;
}

const ACTION = "evaluate the holdout";

/**
 * Holdout validation of a purchase model (lifetimes #438 asks for it numerically): each
 * customer's purchases in the holdout period against the model's conditional expectation
 * `model.conditionalExpectedPurchases(summary, { t })` given the calibration history, and against
 * a naive baseline, as Fader, Hardie and Lee (2005) do in their Figure 4 (mean holdout purchases
 * by calibration frequency).
 *
 * - `t` is the `duration_holdout` column, which must be the same for every row (as
 *   {@linkcode clvSummary} writes it): a model predicts one period length at a time.
 * - The naive baseline carries each customer's past purchase rate forward:
 *   `frequency / T · t` (repeat purchases per unit of age, times the holdout length); 0 when
 *   `T = 0` (a customer first seen at the end of calibration has no rate to carry).
 * - MAE and RMSE are per customer; totals and their error are over all customers, the figure a
 *   forecast of the whole base is judged by.
 *
 * Cost: one `conditionalExpectedPurchases` call (O(n) special-function evaluations) and O(n).
 *
 * @param summary A calibration / holdout summary (e.g. {@linkcode clvSummary} with
 *   `calibrationEnd` and `observationEnd`): calibration `frequency`, `recency`, `T`, and
 *   `frequency_holdout`, `duration_holdout`.
 * @param options The fitted `model`, the frequency cap and column names.
 * @returns The frozen evaluation: tables by frequency and of errors, and the headline numbers.
 * @throws {TypeError} When the summary is not a DataFrame, a column is missing or not numeric, or
 *   `model` has no `conditionalExpectedPurchases`.
 * @throws {RangeError} When the summary is empty, a calibration row is invalid (see
 *   {@linkcode fitBgNbd}), a holdout frequency is missing or negative, `duration_holdout` is
 *   missing, not positive or varies across rows, `frequencyCap` is not a whole number >= 1, or
 *   the summary and the model state different time units.
 *
 * @example BG/NBD on CDNOW, weeks 1-39 calibration, 40-78 holdout
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvSummary, evaluateHoldout, fitBgNbd } from "./mod.ts";
 * import { loadCdnow } from "../io/mod.ts";
 *
 * const summary = clvSummary(loadCdnow({ file: "sample" }), {
 *   asOf: new Date("1998-06-30"),
 *   calibrationEnd: new Date("1997-09-30"),
 *   observationEnd: new Date("1998-06-30"),
 *   timeUnit: "weeks",
 * });
 * const evaluation = evaluateHoldout(summary, { model: fitBgNbd(summary) });
 * assert.equal(evaluation.t, 39);
 * assert.equal(evaluation.byFrequency.getColumn("calibration_frequency").toArray().at(-1), "7+");
 * // The model beats carrying each customer's past rate forward.
 * assert.ok(evaluation.mae < evaluation.naiveMae);
 * ```
 */
export function evaluateHoldout(
  summary: DataFrame,
  options: EvaluateHoldoutOptions,
): HoldoutEvaluation {
  const df = requireFrame(summary, "the summary", ACTION);
  const o = options ?? ({} as EvaluateHoldoutOptions);
  const model = o.model;
  if (
    model === null || typeof model !== "object" ||
    typeof model.conditionalExpectedPurchases !== "function"
  ) {
    throw new TypeError(
      `Cannot ${ACTION} as model is not a fitted purchase model (fitBgNbd, fitModifiedBgNbd or ` +
        `fitParetoNbd): got ${model === null ? "null" : typeof model}`,
    );
  }
  const built = summaryTimeUnit(df);
  if (built !== undefined && model.timeUnit !== undefined && built !== model.timeUnit) {
    throw new RangeError(
      `Cannot ${ACTION} as the summary was built in "${built}" but the model was fitted on a ` +
        `summary in "${model.timeUnit}": its rates are per ${model.timeUnit.slice(0, -1)}`,
    );
  }
  const cap = requireInteger(o.frequencyCap ?? 7, "frequencyCap", ACTION, 1);
  const columns = resolveSummaryColumns(
    { frequency: o.frequency, recency: o.recency, T: o.T },
    ACTION,
  );
  const holdoutColumn = requireColumnOption(
    o.frequencyHoldout ?? "frequency_holdout",
    "frequencyHoldout",
    ACTION,
  );
  const durationColumn = requireColumnOption(
    o.durationHoldout ?? "duration_holdout",
    "durationHoldout",
    ACTION,
  );
  requireColumns(df, [holdoutColumn, durationColumn], ACTION);
  requireRows(df, ACTION);
  const { x, T, label } = readSummary(df, columns, ACTION);
  const n = x.length;
  const actual = numericValues(df, holdoutColumn, ACTION);
  refuseRows(
    n,
    (i) => !Number.isFinite(actual[i]) || actual[i] < 0,
    (i) => `${label(i)} (${actual[i]})`,
    ACTION,
    `have a missing, non-finite or negative ${holdoutColumn}`,
  );
  const duration = numericValues(df, durationColumn, ACTION);
  refuseRows(
    n,
    (i) => !Number.isFinite(duration[i]) || duration[i] <= 0,
    (i) => `${label(i)} (${duration[i]})`,
    ACTION,
    `have a missing or non-positive ${durationColumn} (the holdout length)`,
  );
  const t = duration[0];
  const other = duration.findIndex((d) => d !== t);
  if (other >= 0) {
    const distinct = [...new Set(duration)].sort((a, b) => a - b);
    throw new RangeError(
      `Cannot ${ACTION} as ${durationColumn} varies across rows (the model predicts one holdout ` +
        `length at a time): ${distinct.length} distinct values, e.g. ${
          distinct.slice(0, 5).join(", ")
        } (${label(0)}: ${t}, ${label(other)}: ${duration[other]})`,
    );
  }

  // The model reads its own column names: hand it the calibration columns under them.
  const m = model.options;
  const input = df.select(
    pl.col(columns.frequency).alias(m.frequency),
    pl.col(columns.recency).alias(m.recency),
    pl.col(columns.T).alias(m.T),
  );
  const predicted = model.conditionalExpectedPurchases(input, { t });
  const naive = T.map((age, i) => (age > 0 ? (x[i] / age) * t : 0));

  const groups = cap + 1;
  const count = new Float64Array(groups);
  const sumActual = new Float64Array(groups);
  const sumPredicted = new Float64Array(groups);
  const sumNaive = new Float64Array(groups);
  const err = { model: { abs: 0, sq: 0, total: 0 }, naive: { abs: 0, sq: 0, total: 0 } };
  let actualTotal = 0;
  for (let i = 0; i < n; i++) {
    const g = Math.min(x[i], cap);
    count[g]++;
    sumActual[g] += actual[i];
    sumPredicted[g] += predicted[i];
    sumNaive[g] += naive[i];
    actualTotal += actual[i];
    const dm = predicted[i] - actual[i];
    const dn = naive[i] - actual[i];
    err.model.abs += Math.abs(dm);
    err.model.sq += dm * dm;
    err.model.total += predicted[i];
    err.naive.abs += Math.abs(dn);
    err.naive.sq += dn * dn;
    err.naive.total += naive[i];
  }
  const present = [...count.keys()].filter((g) => count[g] > 0);
  const byFrequency = pl.DataFrame([
    pl.Series("calibration_frequency", present.map((g) => g === cap ? `${cap}+` : String(g))),
    pl.Series("customers", present.map((g) => count[g]), pl.Int64),
    pl.Series("actual", present.map((g) => sumActual[g] / count[g]), pl.Float64),
    pl.Series("predicted", present.map((g) => sumPredicted[g] / count[g]), pl.Float64),
    pl.Series("naive", present.map((g) => sumNaive[g] / count[g]), pl.Float64),
  ]);
  const methods = [err.model, err.naive];
  const errors = pl.DataFrame([
    pl.Series("method", ["model", "naive"]),
    pl.Series("mae", methods.map((e) => e.abs / n), pl.Float64),
    pl.Series("rmse", methods.map((e) => Math.sqrt(e.sq / n)), pl.Float64),
    pl.Series("actual_total", [actualTotal, actualTotal], pl.Float64),
    pl.Series("predicted_total", methods.map((e) => e.total), pl.Float64),
    pl.Series(
      "total_error_share",
      methods.map((e) => actualTotal > 0 ? (e.total - actualTotal) / actualTotal : NaN),
      pl.Float64,
    ),
  ]);
  return Object.freeze({
    byFrequency,
    errors,
    mae: err.model.abs / n,
    rmse: Math.sqrt(err.model.sq / n),
    naiveMae: err.naive.abs / n,
    naiveRmse: Math.sqrt(err.naive.sq / n),
    actualTotal,
    predictedTotal: err.model.total,
    naiveTotal: err.naive.total,
    t,
    n,
  });
}
