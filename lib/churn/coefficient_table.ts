import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { INTERCEPT, type LogisticRegressionModel } from "./fit_logistic_regression.ts";

/**
 * A fitted logistic regression as the table analysts read: one row per feature with its
 * coefficient (change in log-odds of churn per unit of the feature, as fed to the model),
 * standard error, odds ratio (exp of the coefficient: 1.5 means 50% higher odds), z score and
 * two-sided p-value, sorted by |z| (strongest evidence first); the intercept last.
 *
 * @param model A fitted model.
 * @returns A new frame: `feature`, `coefficient`, `std_error`, `odds_ratio`, `z`, `p_value`.
 *
 * @example Two features
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitLogisticRegression } from "./fit_logistic_regression.ts";
 * import { coefficientTable } from "./coefficient_table.ts";
 *
 * const df = pl.DataFrame({ x: [0, 1, 2, 3, 4, 5], z: [1, 0, 1, 0, 1, 0], y: [0, 0, 1, 0, 1, 1] });
 * const table = coefficientTable(fitLogisticRegression(df, { features: ["x", "z"], target: "y" }));
 * assert.equal(table.getColumn("feature").toArray().at(-1), "(intercept)");
 * ```
 */
export function coefficientTable(model: LogisticRegressionModel): DataFrame {
  const features = [...model.features].sort((a, b) =>
    Math.abs(model.zScores[b] ?? 0) - Math.abs(model.zScores[a] ?? 0) || a.localeCompare(b)
  );
  const names = [...features, INTERCEPT];
  const coefficient = (f: string) => f === INTERCEPT ? model.intercept : model.coefficients[f];
  return pl.DataFrame({
    feature: pl.Series("feature", names, pl.Utf8),
    coefficient: pl.Series("coefficient", names.map(coefficient), pl.Float64),
    std_error: pl.Series("std_error", names.map((f) => model.standardErrors[f]), pl.Float64),
    odds_ratio: pl.Series("odds_ratio", names.map((f) => Math.exp(coefficient(f))), pl.Float64),
    z: pl.Series("z", names.map((f) => model.zScores[f]), pl.Float64),
    p_value: pl.Series("p_value", names.map((f) => model.pValues[f]), pl.Float64),
  });
}
