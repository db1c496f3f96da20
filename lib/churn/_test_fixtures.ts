/**
 * Reference cases shared by the logistic-regression tests here and in
 * tests/datasets/churn_test.ts.
 *
 * Reference values: tests/reference/logistic_reference.py writes tests/fixtures/logistic_*.csv
 * and tests/fixtures/logistic_reference.json with scikit-learn 1.2.1
 * LogisticRegression(C=1/l2, tol=1e-12, max_iter=10000, solver="newton-cholesky") (penalty=None
 * for l2 = 0): coef_, intercept_, predict_proba(X)[:10, 1]. Standard errors and p-values come
 * from numpy/scipy in the same script (statsmodels is not installed here): the inverse penalised
 * Hessian X'WX + l2 diag(0, 1, ..., 1) at scikit-learn's solution, which for l2 = 0 is what
 * statsmodels' Logit(...).fit().bse computes.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { DataFrame } from "../core/frame.ts";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitLogisticRegression, INTERCEPT } from "./fit_logistic_regression.ts";

/** One scikit-learn fit from tests/fixtures/logistic_reference.json. */
export interface ReferenceCase {
  name: string;
  features: string[];
  l2: number;
  coef: number[];
  intercept: number;
  predict_proba_first_rows: number[];
  standard_errors_intercept_first: number[];
  z_intercept_first: number[];
  p_values_intercept_first: number[];
}

const reference: ReferenceCase[] =
  JSON.parse(Deno.readTextFileSync(root("tests/fixtures/logistic_reference.json"))).cases;

/** The reference case with this name (e.g. `"synthetic_l2_1"`, `"telco_l2_1"`). */
export function referenceCase(name: string): ReferenceCase {
  const found = reference.find((c) => c.name === name);
  assert.ok(found, `no reference case ${name}`);
  return found;
}

/** Fits `df` with the case's features and l2 and compares everything with scikit-learn's. */
export function assertMatchesReference(df: DataFrame, c: ReferenceCase, tolerance = 1e-7): void {
  const model = fitLogisticRegression(df, { features: c.features, target: "y", l2: c.l2 });
  assert.ok(model.converged, `${c.name}: ${model.warnings.join("; ")}`);
  assertClose(c.features.map((f) => model.coefficients[f]), c.coef, tolerance, `${c.name} coef`);
  assertClose([model.intercept], [c.intercept], tolerance, `${c.name} intercept`);
  assertClose(
    model.predictProba(df.head(10)),
    c.predict_proba_first_rows,
    tolerance,
    `${c.name} predict_proba`,
  );
  const names = [INTERCEPT, ...c.features];
  assert.deepEqual(Object.keys(model.standardErrors), names);
  assertClose(
    names.map((k) => model.standardErrors[k]),
    c.standard_errors_intercept_first,
    tolerance,
    `${c.name} standard errors`,
  );
  assertClose(names.map((k) => model.zScores[k]), c.z_intercept_first, 1e-6, `${c.name} z`);
  names.forEach((k, j) => {
    const expected = c.p_values_intercept_first[j];
    assert.ok(
      Math.abs(model.pValues[k] - expected) <= 1e-6 * expected + 1e-15,
      `${c.name} p-value ${k}: ${model.pValues[k]} vs ${expected}`,
    );
  });
}
