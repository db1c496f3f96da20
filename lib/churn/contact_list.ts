import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireFinite,
  requireInteger,
  requireNonNegative,
  requireProbability,
} from "../core/errors.ts";
import type { LogisticRegressionModel } from "./fit_logistic_regression.ts";

/** Options for {@linkcode contactList}. */
export interface ContactListOptions {
  /** Customer id column, copied to the list. */
  id: string;
  /** Churn probability per row of `df` (e.g. `model.predictProba(df)`). */
  scores: ArrayLike<number>;
  /**
   * Column of each customer's value at stake (e.g. 12 x monthly charges, or past-year spend).
   * When given, the list is ranked by expected loss = probability x value; otherwise by
   * probability.
   */
  value?: string;
  /**
   * The frame to read `value` from, row-aligned with `df`: typically the raw rows when `df` holds
   * scaled features (a standardised charge is no amount of money). Default: `df`.
   */
  valueFrame?: DataFrame;
  /**
   * With `value`: the cost of one contact, finite >= 0. When given (with `successRate`), the list
   * gets `expected_value` = churn_probability × successRate × value − contactCost, the expected
   * gain of contacting that customer (the same order as `expected_loss`).
   */
  contactCost?: number;
  /**
   * With `value` and `contactCost`: the probability that contacting a churner keeps them, in
   * [0, 1]. Default 1.
   */
  successRate?: number;
  /**
   * With `contactCost`: keep only customers whose call is expected to gain at least this much
   * (`expected_value >= minExpectedValue`). Default 0: a call expected to lose money (a low-value
   * customer, or a low churn probability) is no call to make, whatever the score threshold says.
   * Pass `-Infinity` to keep them.
   */
  minExpectedValue?: number;
  /** Rows to keep at most. Default 50. */
  topN?: number;
  /**
   * Keep only rows whose column equals this value before ranking, e.g.
   * `{ column: "churned", equals: 0 }` for customers who are still active: a customer who has
   * already left is no one to call. Default: every row.
   */
  where?: { column: string; equals: string | number | boolean };
  /**
   * Keep only rows with a churn probability at or above this (e.g. the expected-value threshold
   * chosen by cross-validation), so the list is everyone worth calling, up to `topN`. Default 0.
   */
  minProbability?: number;
  /**
   * A fitted logistic regression whose features `df` holds (as fed to the model): each row then
   * gets the two features that push its risk up most, as the reason to call.
   */
  explain?: LogisticRegressionModel;
}

/**
 * Ranks customers for a retention call: probability of churn, value at stake, expected loss and,
 * with a logistic model, the reason (the features whose contribution coefficient x value raises
 * this customer's log-odds the most: "high overdue_ratio", "contract_month_to_month").
 *
 * @param df One row per customer, with the id, the value column and (for reasons) the model's
 * features.
 * Rows are filtered (`where`, `minProbability`) before ranking; ranks are 1 to the list length.
 *
 * @param options Id, scores, value, list length, filters and the model to explain with.
 * @returns A new frame: `rank`, the id, `churn_probability`, then `value` and `expected_loss`
 * when a value column is given, `expected_value` when `contactCost` is also given, and `reason`
 * when a model is.
 * @throws {TypeError} When a column is missing.
 * @throws {TypeError} When `contactCost` is given without `value`, or `minExpectedValue` without
 *   `contactCost`.
 * @throws {RangeError} When scores and rows differ in length, `topN` is not positive,
 * `minProbability` is not a finite number, `contactCost` is negative or not finite, or
 * `successRate` is outside [0, 1], or `minExpectedValue` is NaN.
 *
 * @example Rank by expected loss
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { contactList } from "./contact_list.ts";
 *
 * const df = pl.DataFrame({ id: ["a", "b", "c"], value: [100, 1000, 10] });
 * const list = contactList(df, { id: "id", scores: [0.9, 0.2, 0.99], value: "value", topN: 2 });
 * assert.deepEqual(list.getColumn("id").toArray(), ["b", "a"]);
 * // With the economics of a call: 0.2 x 0.5 x 1000 - 10 = 90 for "b".
 * const priced = contactList(df, {
 *   id: "id",
 *   scores: [0.9, 0.2, 0.99],
 *   value: "value",
 *   contactCost: 10,
 *   successRate: 0.5,
 * });
 * // "c" (0.99 x 0.5 x 10 - 10 = -5.05) would lose money on the call, so it is left out.
 * assert.deepEqual(priced.getColumn("expected_value").toArray(), [90, 35]);
 * const all = contactList(df, {
 *   id: "id",
 *   scores: [0.9, 0.2, 0.99],
 *   value: "value",
 *   contactCost: 10,
 *   successRate: 0.5,
 *   minExpectedValue: -Infinity,
 * });
 * assert.deepEqual(all.getColumn("expected_value").toArray(), [90, 35, -5.05]);
 * ```
 */
export function contactList(df: DataFrame, options: ContactListOptions): DataFrame {
  const action = "build contact list";
  const { id, scores, value, explain } = options;
  const topN = requireInteger(options.topN ?? 50, "topN", action);
  const valueFrame = options.valueFrame ?? df;
  requireColumns(df, [id, ...(explain ? explain.features : [])], action);
  if (value) requireColumns(valueFrame, [value], action);
  if (valueFrame.height !== df.height) {
    throw new RangeError(
      `Cannot ${action} as valueFrame and df differ in rows: ${valueFrame.height} and ${df.height}`,
    );
  }
  if (scores.length !== df.height) {
    throw new RangeError(
      `Cannot ${action} as scores and rows differ in length: ${scores.length} scores, ${df.height} rows`,
    );
  }
  const minProbability = requireFinite(options.minProbability ?? 0, "minProbability", action);
  const contactCost = options.contactCost === undefined
    ? undefined
    : requireNonNegative(options.contactCost, "contactCost", action);
  const successRate = requireProbability(options.successRate ?? 1, "successRate", action, true);
  const minExpectedValue = options.minExpectedValue ?? 0;
  if (typeof minExpectedValue !== "number" || Number.isNaN(minExpectedValue)) {
    throw new RangeError(
      `Cannot ${action} as minExpectedValue is not a number: got ${String(minExpectedValue)}`,
    );
  }
  if (options.minExpectedValue !== undefined && options.contactCost === undefined) {
    throw new TypeError(
      `Cannot ${action} as minExpectedValue needs contactCost (and value) to price a contact`,
    );
  }
  if (contactCost !== undefined && !value) {
    throw new TypeError(
      `Cannot ${action} as contactCost needs a value column to price a contact: pass value`,
    );
  }
  const where = options.where;
  if (where !== undefined) requireColumns(df, [where.column], action);
  let table = df.select(pl.col(id)).withColumns(
    pl.Series("churn_probability", Array.from(scores), pl.Float64),
  );
  if (value) {
    table = table.withColumns(
      valueFrame.getColumn(value).cast(pl.Float64).alias("value"),
      pl.col("churn_probability").mul(valueFrame.getColumn(value).cast(pl.Float64))
        .alias("expected_loss"),
    );
    if (contactCost !== undefined) {
      table = table.withColumns(
        pl.col("expected_loss").mul(successRate).sub(contactCost).alias("expected_value"),
      );
    }
  }
  if (explain) table = table.withColumns(pl.Series("reason", reasons(df, explain), pl.Utf8));
  const key = value ? "expected_loss" : "churn_probability";
  if (where !== undefined) {
    table = table.withColumns(df.getColumn(where.column).alias("__where")).filter(
      pl.col("__where").eq(pl.lit(where.equals)),
    ).drop("__where");
  }
  if (contactCost !== undefined && minExpectedValue > -Infinity) {
    table = table.filter(pl.col("expected_value").gtEq(pl.lit(minExpectedValue)));
  }
  return table
    .filter(pl.col("churn_probability").gtEq(minProbability))
    .withRowIndex("__row")
    .sort([key, "__row"], [true, false])
    .head(topN)
    .drop("__row")
    .withRowIndex("rank", 1)
    .withColumns(pl.col("rank").cast(pl.Int64));
}

/** The two features raising each row's log-odds the most (coefficient x value > 0). */
function reasons(df: DataFrame, model: LogisticRegressionModel): string[] {
  const columns = model.features.map((f) =>
    Float64Array.from(df.getColumn(f).cast(pl.Float64).toArray() as number[])
  );
  const binary = columns.map((c) => c.every((v) => v === 0 || v === 1));
  return Array.from({ length: df.height }, (_, i) => {
    const parts = model.features
      .map((f, j) => ({ f, j, contribution: model.coefficients[f] * columns[j][i] }))
      .filter((p) => p.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 2)
      .map(({ f, j }) => binary[j] ? f : `${columns[j][i] > 0 ? "high" : "low"} ${f}`);
    return parts.length > 0 ? parts.join(", ") : "no single feature stands out";
  });
}
