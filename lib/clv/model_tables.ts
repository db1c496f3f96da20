import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireFrame } from "../core/errors.ts";
import { standardNormalQuantile } from "../stats/normal.ts";
import { modelFamily } from "./_kernels.ts";
import { evaluateHoldout } from "./evaluate_holdout.ts";
import type { GammaGammaModel } from "./fit_gamma_gamma.ts";
import type { PurchaseModel } from "./purchase_model.ts";

/** Options for {@linkcode parameterTable}. */
export interface ParameterTableOptions {
  /** Coverage of the intervals, in (0, 1). Default 0.95. */
  level?: number;
}

/**
 * A fitted CLV model's parameters as a table: estimate, standard error (observed information) and
 * an interval from the normal approximation of the log-parameter (`exp(log θ ± z se(log θ))`, the
 * scale the models are fitted on, so the interval stays positive).
 *
 * @param model A model from `fitBgNbd`, `fitModifiedBgNbd`, `fitParetoNbd` or `fitGammaGamma`.
 * @param options The interval's `level`.
 * @returns A new DataFrame: `parameter`, `estimate`, `standard_error`, `lower`, `upper` (NaN when
 *   the standard errors are).
 * @throws {TypeError} When `model` has no `params` / `logParameterCovariance`.
 * @throws {RangeError} When `level` is not in (0, 1).
 *
 * @example BG/NBD on CDNOW
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { fitBgNbd, parameterTable } from "./mod.ts";
 *
 * const table = parameterTable(fitBgNbd(pl.readCSV("data/cdnow_customers_summary.csv")));
 * assert.deepEqual(table.getColumn("parameter").toArray(), ["r", "alpha", "a", "b"]);
 * ```
 */
export function parameterTable(
  model: PurchaseModel | GammaGammaModel,
  options: ParameterTableOptions = {},
): DataFrame {
  const action = "tabulate model parameters";
  const params = (model as unknown as { params?: Record<string, number> })?.params;
  const covariance = (model as { logParameterCovariance?: readonly (readonly number[])[] })
    ?.logParameterCovariance;
  if (typeof params !== "object" || params === null || !Array.isArray(covariance)) {
    throw new TypeError(`Cannot ${action} as the model is not a fitted CLV model`);
  }
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new RangeError(`Cannot ${action} as level must be in (0, 1): got ${level}`);
  }
  const z = standardNormalQuantile((1 + level) / 2);
  const names = Object.keys(params);
  const se = names.map((_, i) => Math.sqrt(covariance[i][i]));
  return pl.DataFrame({
    parameter: names,
    estimate: names.map((k) => params[k]),
    standard_error: names.map((k, i) => params[k] * se[i]),
    lower: names.map((k, i) => params[k] * Math.exp(-z * se[i])),
    upper: names.map((k, i) => params[k] * Math.exp(z * se[i])),
  });
}

/** Options for {@linkcode compareModels}. */
export interface CompareModelsOptions {
  /** The fitted purchase models, by the name to show. */
  models: Record<string, PurchaseModel>;
}

/**
 * Purchase models side by side on the summary they were fitted on: log-likelihood, AIC
 * (`2k − 2 log L`, lower is better), convergence, the mean P(alive) of one-time buyers (where
 * BG/NBD assumes 1 and the others do not), and, when the summary has holdout columns, the holdout
 * errors of {@linkcode evaluateHoldout}.
 *
 * @param summary The calibration summary (with `frequency_holdout` and `duration_holdout` for the
 *   holdout columns).
 * @param options `models`: name to fitted model.
 * @returns A new DataFrame, one row per model in the given order: `model`, `parameters`,
 *   `log_likelihood`, `aic`, `converged`, `one_time_p_alive`, and with holdout columns
 *   `holdout_mae`, `holdout_rmse`, `holdout_predicted`, `holdout_actual`.
 * @throws {TypeError} When the summary is not a DataFrame or a model is not a fitted purchase
 *   model.
 * @throws {RangeError} When no model is given, or as {@linkcode evaluateHoldout}.
 *
 * @example Two models on CDNOW
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { compareModels, fitBgNbd, fitModifiedBgNbd } from "./mod.ts";
 *
 * const summary = pl.readCSV("data/cdnow_customers_summary.csv");
 * const table = compareModels(summary, {
 *   models: { "BG/NBD": fitBgNbd(summary), "Modified BG/NBD": fitModifiedBgNbd(summary) },
 * });
 * assert.equal(table.height, 2);
 * ```
 */
export function compareModels(summary: DataFrame, options: CompareModelsOptions): DataFrame {
  const action = "compare purchase models";
  requireFrame(summary, "the summary", action);
  const entries = Object.entries(options?.models ?? {});
  if (entries.length === 0) {
    throw new RangeError(
      `Cannot ${action} as no model was given: pass { models: { name: model } }`,
    );
  }
  for (const [name, model] of entries) {
    if (modelFamily(model) === undefined) {
      throw new TypeError(`Cannot ${action} as "${name}" is not a fitted purchase model`);
    }
  }
  const holdout = summary.columns.includes("frequency_holdout") &&
    summary.columns.includes("duration_holdout");
  const rows = entries.map(([name, model]) => {
    const k = Object.keys(model.params).length;
    const alive = model.probabilityAlive(summary);
    const x = summary.getColumn(model.options.frequency).cast(pl.Float64)
      .toArray() as number[];
    let sum = 0, count = 0;
    x.forEach((xi, i) => {
      if (xi === 0) {
        sum += alive[i];
        count++;
      }
    });
    const row: Record<string, unknown> = {
      model: name,
      parameters: k,
      log_likelihood: model.logLikelihood,
      aic: 2 * k - 2 * model.logLikelihood,
      converged: model.converged,
      one_time_p_alive: count > 0 ? sum / count : NaN,
    };
    if (holdout) {
      const evaluation = evaluateHoldout(summary, { model });
      Object.assign(row, {
        holdout_mae: evaluation.mae,
        holdout_rmse: evaluation.rmse,
        holdout_predicted: evaluation.predictedTotal,
        holdout_actual: evaluation.actualTotal,
      });
    }
    return row;
  });
  return pl.DataFrame(rows).withColumns(pl.col("parameters").cast(pl.Int64));
}
