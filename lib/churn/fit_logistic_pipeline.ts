import type { DataFrame } from "../core/frame.ts";
import type { BinaryClassifier } from "../core/classifier.ts";
import { requireColumns, requireRows } from "../core/errors.ts";
import { resolveThreads } from "../core/worker_pool.ts";
import { fitOneHotEncoder, type OneHotEncoderModel } from "../prep/one_hot_encoder.ts";
import { fitStandardScaler, type StandardScalerModel } from "../prep/standard_scaler.ts";
import { log1pTransform } from "../prep/log1p_transform.ts";
import { fitLogisticRegression, type LogisticRegressionModel } from "./fit_logistic_regression.ts";

/** Options for {@linkcode fitLogisticPipeline}. */
export interface FitLogisticPipelineOptions {
  /** The 0/1 target column. Required. */
  target: string;
  /** Numeric feature columns, standardised with the fitting rows' mean and SD. Default none. */
  numeric?: readonly string[];
  /** Of `numeric`, the columns to take `log(1 + x)` of before scaling (skewed counts). Default none. */
  log1p?: readonly string[];
  /** Categorical columns, one-hot encoded with the first category dropped. Default none. */
  categorical?: readonly string[];
  /** Ridge penalty of the logistic regression (`1 / C` in scikit-learn). Default 1. */
  l2?: number;
  /**
   * Threads of the logistic regression's fit (`fitLogisticRegression`'s `threads`). Default: the
   * project-wide default, `getDefaultThreads()`, the cores available; 1 runs everything in the
   * calling thread. The result does not depend on it; not recorded in `options`.
   */
  threads?: number;
}

/** A fitted encoder + log1p + scaler + logistic regression; read-only. */
export interface LogisticPipelineModel extends BinaryClassifier {
  /** The options it was fitted with, defaults filled in. */
  readonly options: Readonly<Required<Omit<FitLogisticPipelineOptions, "threads">>>;
  /** The one-hot encoder, or `null` without categorical columns. */
  readonly encoder: OneHotEncoderModel | null;
  /** The standard scaler of the numeric columns, or `null` without them. */
  readonly scaler: StandardScalerModel | null;
  /** The logistic regression on the prepared columns (its `features`). */
  readonly model: LogisticRegressionModel;
  /**
   * Prepares raw rows as the model reads them: encode, log1p, scale with the fitted parameters.
   *
   * @param data Raw rows with the pipeline's columns.
   * @returns A new frame (other columns kept).
   */
  prepare(data: DataFrame): DataFrame;
}

/**
 * Fits a logistic regression with its preparation as one model: one-hot encoding (first category
 * dropped), `log(1 + x)` of skewed columns, standardisation, then `fitLogisticRegression`, each
 * learned from `data` only. `predictProba` takes raw rows. This is what cross-validation must
 * refit in every fold (scikit-learn's `Pipeline`): scaling or encoding with parameters learned
 * from all rows would let each held-out fold leak into its model.
 *
 * Cost: that of `fitLogisticRegression` plus O(n d) preparation in Polars.
 *
 * @param data Raw training rows with the target and feature columns; not modified.
 * @param options `target` (required), `numeric`, `log1p`, `categorical`, `l2` (default 1),
 * `threads` (default: the project-wide default).
 * @returns The fitted pipeline.
 * @throws {TypeError} When a column is missing or not of the right type (from the steps).
 * @throws {RangeError} When the frame is empty, a `log1p` column is not in `numeric`, there is no
 * feature, `threads` is not an integer from 1 to 64, or the steps refuse the data (e.g. a value
 * below -1 for log1p).
 *
 * @example Raw rows in, probabilities out
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitLogisticPipeline } from "./fit_logistic_pipeline.ts";
 *
 * const rows = pl.DataFrame({
 *   plan: ["monthly", "yearly", "monthly", "yearly", "monthly", "yearly"],
 *   orders: [1, 9, 2, 7, 1, 3],
 *   churned: [1, 0, 1, 0, 0, 1],
 * });
 * const model = fitLogisticPipeline(rows, {
 *   target: "churned",
 *   numeric: ["orders"],
 *   log1p: ["orders"],
 *   categorical: ["plan"],
 * });
 * assert.deepEqual(model.features, ["orders", "plan_yearly"]);
 * const p = model.predictProba(rows);
 * assert.ok(p[0] > p[1]); // one monthly order looks riskier than nine on a yearly plan
 * ```
 */
export function fitLogisticPipeline(
  data: DataFrame,
  options: FitLogisticPipelineOptions,
): LogisticPipelineModel {
  const action = "fit logistic pipeline";
  const threads = resolveThreads(options.threads, action);
  const resolved = {
    target: options.target,
    numeric: [...(options.numeric ?? [])],
    log1p: [...(options.log1p ?? [])],
    categorical: [...(options.categorical ?? [])],
    l2: options.l2 ?? 1,
  };
  requireRows(data, action);
  requireColumns(data, [resolved.target, ...resolved.numeric, ...resolved.categorical], action);
  const notNumeric = resolved.log1p.filter((c) => !resolved.numeric.includes(c));
  if (notNumeric.length > 0) {
    throw new RangeError(
      `Cannot ${action} as log1p columns must also be numeric columns: ${notNumeric.join(", ")}`,
    );
  }
  if (resolved.numeric.length + resolved.categorical.length === 0) {
    throw new RangeError(
      `Cannot ${action} as there is no feature: numeric and categorical are empty`,
    );
  }
  const encoder = resolved.categorical.length > 0
    ? fitOneHotEncoder(data, { columns: resolved.categorical, dropFirst: true })
    : null;
  const logged = (df: DataFrame) =>
    resolved.log1p.length > 0 ? log1pTransform(df, { features: resolved.log1p }) : df;
  const encoded = (df: DataFrame) => logged(encoder ? encoder.transform(df) : df);
  const scaler = resolved.numeric.length > 0
    ? fitStandardScaler(encoded(data), { features: resolved.numeric })
    : null;
  const prepare = (df: DataFrame) => scaler ? scaler.transform(encoded(df)) : encoded(df);
  const features = [...resolved.numeric, ...(encoder ? encoder.outputColumns : [])];
  const model = fitLogisticRegression(prepare(data), {
    features,
    target: resolved.target,
    l2: resolved.l2,
    threads,
  });
  return Object.freeze({
    options: Object.freeze(resolved),
    features: model.features,
    target: resolved.target,
    encoder,
    scaler,
    model,
    prepare,
    predictProba: (df: DataFrame) => model.predictProba(prepare(df)),
  });
}
