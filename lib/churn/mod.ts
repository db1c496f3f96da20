/**
 * Churn: leakage-safe labels from transactions (`churnDataset`), the models (`fitLogisticRegression`,
 * `fitGradientBoosting`, and `fitLogisticPipeline`, which learns its encoding and scaling too, for
 * cross-validation), and what turns their scores into action (`coefficientTable`, `contactList`).
 * Evaluation lives in `lib/evaluate`, survival curves in `lib/survival`.
 *
 * @example A model and its coefficient table
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { coefficientTable, fitLogisticRegression } from "./mod.ts";
 *
 * const df = pl.DataFrame({ x: [0, 1, 2, 3, 4, 5], y: [0, 0, 1, 0, 1, 1] });
 * const model = fitLogisticRegression(df, { features: ["x"], target: "y" });
 * assert.ok(model.coefficients.x > 0);
 * assert.equal(coefficientTable(model).height, 2);
 * ```
 *
 * @module
 */
export type { BinaryClassifier } from "../core/classifier.ts";
export * from "./churn_dataset.ts";
export * from "./churn_features.ts";
export * from "./fit_logistic_regression.ts";
export * from "./coefficient_table.ts";
export * from "./contact_list.ts";
export * from "./fit_gradient_boosting.ts";
export * from "./fit_logistic_pipeline.ts";
