import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import type { BinaryClassifier } from "../core/classifier.ts";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitLogisticRegression, INTERCEPT } from "./fit_logistic_regression.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";
import { assertMatchesReference, referenceCase } from "./_test_fixtures.ts";

// Reference values: see ./_test_fixtures.ts (scikit-learn 1.2.1 via
// tests/reference/logistic_reference.py).

const synthetic = () => pl.readCSV(root("tests/fixtures/logistic_data.csv"));
const separable = () => pl.readCSV(root("tests/fixtures/logistic_separable.csv"));

Deno.test("fitLogisticRegression matches scikit-learn at l2 = 1, 0.1, 10 and 0 (1e-7)", () => {
  const df = synthetic();
  for (const l2 of [1, 0.1, 10, 0]) assertMatchesReference(df, referenceCase(`synthetic_l2_${l2}`));
});

Deno.test("fitLogisticRegression defaults to l2 = 1 and converges in a few Newton steps", () => {
  const c = referenceCase("synthetic_l2_1");
  const model = fitLogisticRegression(synthetic(), { features: c.features, target: "y" });
  assert.equal(model.l2, 1);
  assert.deepEqual(model.options, {
    features: c.features,
    target: "y",
    l2: 1,
    maxIter: 100,
    tol: 1e-10,
  });
  assert.ok(model.converged);
  assert.ok(model.iterations >= 3 && model.iterations <= 10, `${model.iterations} steps`);
  assert.equal(model.separable, false);
  assert.deepEqual(model.warnings, []);
  assert.equal(model.nSamples, 500);
  assert.equal(model.nPositive, 239);
  assertClose(c.features.map((f) => model.coefficients[f]), c.coef, 1e-7, "coef");
  for (const f of c.features) {
    assert.equal(model.oddsRatios[f], Math.exp(model.coefficients[f]));
  }
  // logLikelihood is the unpenalised log-likelihood: recompute it from the probabilities.
  const p = model.predictProba(synthetic());
  const y = synthetic().getColumn("y").toArray() as number[];
  const ll = y.reduce((s, yi, i) => s + (yi === 1 ? Math.log(p[i]) : Math.log(1 - p[i])), 0);
  assertClose([model.logLikelihood], [ll], 1e-12, "logLikelihood");
  // decisionFunction is the log-odds.
  const eta = model.decisionFunction(synthetic().head(3));
  const row = synthetic().head(3).rows();
  for (let i = 0; i < 3; i++) {
    const expected = model.intercept +
      c.features.reduce((s, f, j) => s + model.coefficients[f] * Number(row[i][j]), 0);
    assertClose([eta[i]], [expected], 1e-14, "decisionFunction");
  }
});

Deno.test("fitLogisticRegression converges on separable data with l2 > 0 and says so", () => {
  const df = separable();
  for (const l2 of [1, 0.1]) {
    const c = referenceCase(`separable_l2_${l2}`);
    assertMatchesReference(df, c);
    const model = fitLogisticRegression(df, { features: c.features, target: "y", l2 });
    assert.equal(model.separable, true);
    assert.equal(model.warnings.length, 1);
    assert.match(model.warnings[0], /^The training data are perfectly separable/);
  }
});

Deno.test("fitLogisticRegression stops on separable data with l2 = 0: not converged, no NaN", () => {
  const model = fitLogisticRegression(separable(), { features: ["x1", "x2"], target: "y", l2: 0 });
  assert.equal(model.converged, false);
  assert.equal(model.separable, true);
  assert.ok(model.iterations < 100);
  assert.match(
    model.warnings[0],
    /^Did not converge after \d+ Newton steps?: .*perfectly separable/,
  );
  assert.match(model.warnings.join("\n"), /Standard errors, z-scores and p-values are NaN/);
  for (const v of [model.intercept, ...Object.values(model.coefficients)]) {
    assert.ok(Number.isFinite(v));
  }
  assert.ok(Number.isNaN(model.standardErrors.x1));
  for (const p of model.predictProba(separable())) assert.ok(p >= 0 && p <= 1);
});

Deno.test("fitLogisticRegression stops after maxIter on quasi-separated data with l2 = 0", () => {
  // x = 0 has both classes; elsewhere the classes are separated: the slope diverges slowly.
  const df = pl.DataFrame({ x: [-3, -2, -1, 0, 0, 1, 2, 3], y: [0, 0, 0, 0, 1, 1, 1, 1] });
  const model = fitLogisticRegression(df, { features: ["x"], target: "y", l2: 0, maxIter: 30 });
  assert.equal(model.converged, false);
  assert.equal(model.iterations, 30);
  assert.equal(model.separable, false);
  assert.match(model.warnings[0], /^Did not converge after 30 Newton steps/);
  assert.match(model.warnings[1], /quasi-completely separated/);
  assert.ok(Number.isFinite(model.coefficients.x) && model.coefficients.x > 10);
  // With a ridge the same data have a finite optimum.
  const ridge = fitLogisticRegression(df, { features: ["x"], target: "y", l2: 1 });
  assert.ok(ridge.converged);
  assert.deepEqual(ridge.warnings, []);
});

Deno.test("fitLogisticRegression flags collinear features with l2 = 0 and NaN standard errors", () => {
  const df = pl.DataFrame({
    a: [1, 2, 3, 4, 5, 6],
    b: [2, 4, 6, 8, 10, 12],
    y: [0, 1, 0, 1, 1, 1],
  });
  const model = fitLogisticRegression(df, { features: ["a", "b"], target: "y", l2: 0 });
  assert.match(model.warnings.join("\n"), /The Hessian was singular/);
  assert.match(model.warnings.join("\n"), /Standard errors, z-scores and p-values are NaN/);
  assert.ok(Number.isNaN(model.standardErrors.a) && Number.isNaN(model.pValues.b));
  assert.ok(Number.isFinite(model.coefficients.a) && Number.isFinite(model.coefficients.b));
  // The ridge makes the problem well posed: equal split of the effect (b = 2a).
  const ridge = fitLogisticRegression(df, { features: ["a", "b"], target: "y", l2: 1 });
  assert.deepEqual(ridge.warnings, []);
  assertClose([ridge.coefficients.b], [2 * ridge.coefficients.a], 1e-9, "b = 2a");
});

Deno.test("fitLogisticRegression does not overflow on unscaled features", () => {
  const df = pl.DataFrame({
    x: [-1e6, -5e5, 1e5, -1e5, 5e5, 1e6, 2e6, -2e6],
    y: [0, 0, 0, 1, 1, 1, 1, 0],
  });
  const model = fitLogisticRegression(df, { features: ["x"], target: "y", l2: 0 });
  assert.ok(model.converged);
  const p = model.predictProba(pl.DataFrame({ x: [-1e12, 0, 1e12] }));
  assert.deepEqual([p[0], p[2]], [0, 1]);
  assert.ok(p[1] > 0 && p[1] < 1);
  assert.ok(Number.isFinite(model.logLikelihood));
});

Deno.test("fitLogisticRegression accepts a boolean target and integer features", () => {
  const c = referenceCase("synthetic_l2_1");
  const df = synthetic();
  const asBool = df.withColumns(pl.col("y").eq(pl.lit(1)).alias("y"));
  assert.equal(asBool.getColumn("y").dtype.variant, "Bool");
  const a = fitLogisticRegression(asBool, { features: c.features, target: "y" });
  assertClose(c.features.map((f) => a.coefficients[f]), c.coef, 1e-7, "boolean target");
  const ints = pl.DataFrame([
    pl.Series("x", [1, 2, 3, 4, 5, 6], pl.Int32),
    pl.Series("y", [0, 0, 1, 0, 1, 1], pl.UInt8),
  ]);
  const b = fitLogisticRegression(ints, { features: ["x"], target: "y" });
  const c2 = fitLogisticRegression(ints.withColumns(pl.col("x").cast(pl.Float64)), {
    features: ["x"],
    target: "y",
  });
  assert.equal(b.coefficients.x, c2.coefficients.x);
});

Deno.test("fitLogisticRegression implements BinaryClassifier and predicts new frames", () => {
  const model: BinaryClassifier = fitLogisticRegression(synthetic(), {
    features: ["x1", "x2"],
    target: "y",
  });
  assert.deepEqual(model.features, ["x1", "x2"]);
  assert.equal(model.target, "y");
  const p = model.predictProba(pl.DataFrame({ id: ["a", "b"], x2: [0, 0], x1: [-5, 5] }));
  assert.ok(p instanceof Float64Array);
  assert.ok(p[0] < 0.05 && p[1] > 0.95);
  assert.throws(
    () => model.predictProba(pl.DataFrame({ x1: [1] })),
    /^TypeError: Cannot predict with logistic regression as column "x2" is missing/,
  );
  assert.throws(
    () => model.predictProba(pl.DataFrame({ x1: [1, Number.NaN], x2: [0, 0] })),
    /^RangeError: Cannot predict with logistic regression as feature "x1" has 1 row with missing, NaN or infinite values: rows 2$/,
  );
});

Deno.test("fitLogisticRegression is frozen and never modifies its inputs", () => {
  const df = synthetic();
  const before = df.clone();
  const features = ["x1", "x2"];
  const options = { features, target: "y", l2: 0.5 };
  const model = fitLogisticRegression(df, options);
  features.push("x3");
  assert.deepEqual(model.features, ["x1", "x2"]);
  assert.deepEqual(options, { features: ["x1", "x2", "x3"], target: "y", l2: 0.5 });
  model.predictProba(df);
  assert.ok(df.frameEqual(before));
  for (
    const part of [
      model,
      model.options,
      model.features,
      model.coefficients,
      model.oddsRatios,
      model.standardErrors,
      model.zScores,
      model.pValues,
      model.warnings,
    ]
  ) {
    assert.ok(Object.isFrozen(part));
  }
  assert.throws(() => {
    (model.coefficients as Record<string, number>).x1 = 0;
  }, TypeError);
});

Deno.test("fitLogisticRegression rejects bad targets, features and options", () => {
  const df = synthetic();
  const fit = (frame: DataFrame, options: Record<string, unknown>) => () =>
    fitLogisticRegression(frame, { features: ["x1"], target: "y", ...options });
  const allZero = pl.DataFrame({
    x1: Array.from({ length: 120 }, (_, i) => i),
    y: Array(120).fill(0),
  });
  assert.throws(
    fit(allZero, {}),
    /^RangeError: Cannot fit logistic regression as the target has only one class: 120 rows, all 0$/,
  );
  assert.throws(
    fit(df.withColumns(pl.lit(1).alias("y")), {}),
    /^RangeError: Cannot fit logistic regression as the target has only one class: 500 rows, all 1$/,
  );
  const text = df.withColumns(
    pl.when(pl.col("y").eq(pl.lit(1))).then(pl.lit("Yes")).otherwise(pl.lit("No")).alias("y"),
  );
  assert.throws(
    fit(text, {}),
    /^TypeError: Cannot fit logistic regression as target "y" is not a 0\/1 number or boolean: it is String with values ("Yes", "No"|"No", "Yes")$/,
  );
  assert.throws(
    fit(pl.DataFrame({ x1: [1, 2, 3, 4], y: [0, 1, 2, 2] }), {}),
    /^RangeError: Cannot fit logistic regression as target "y" has 2 values other than 0 and 1: row 3 is 2, row 4 is 2$/,
  );
  assert.throws(
    fit(pl.DataFrame({ x1: [1, 2, 3], y: [0, null, 1] }), {}),
    /^RangeError: Cannot fit logistic regression as target "y" has 1 missing or NaN value: row 2$/,
  );
  assert.throws(
    fit(pl.DataFrame({ x1: [1, Number.NaN, 3, Number.NaN], y: [0, 1, 1, 0] }), {}),
    /^RangeError: Cannot fit logistic regression as feature "x1" has 2 rows with missing, NaN or infinite values: rows 2, 4$/,
  );
  assert.throws(
    fit(df, { features: ["x1", "nope"] }),
    /^TypeError: Cannot fit logistic regression as column "nope" is missing: available columns are x1, x2, x3, x4, y$/,
  );
  assert.throws(fit(df, { target: "churn" }), /^TypeError: .* column "churn" is missing/);
  assert.throws(fit(df, { features: [] }), /^TypeError: .* as no features were given/);
  assert.throws(fit(df, { features: ["x1", "x1"] }), /^TypeError: .* "x1" is listed twice/);
  assert.throws(
    fit(df, { features: ["x1", "y"] }),
    /^TypeError: .* the target "y" is also a feature$/,
  );
  assert.throws(
    fit(df.withColumns(pl.col("x2").alias("(intercept)")), { features: ["(intercept)"] }),
    /^TypeError: .* a feature is named "\(intercept\)"/,
  );
  assert.throws(
    fit(df.withColumns(pl.col("x1").cast(pl.Utf8)), {}),
    /^TypeError: Cannot fit logistic regression as feature "x1" is not numeric: it is String$/,
  );
  assert.throws(fit(df.head(0), {}), /^RangeError: .* the frame is empty: 0 rows$/);
  assert.throws(fit(df, { l2: -1 }), /^RangeError: .* l2 must be a finite number >= 0: got -1$/);
  assert.throws(
    fit(df, { l2: Infinity }),
    /^RangeError: .* l2 must be a finite number: got Infinity$/,
  );
  assert.throws(fit(df, { maxIter: 0 }), /^RangeError: .* maxIter must be an integer >= 1: got 0$/);
  assert.throws(fit(df, { tol: 0 }), /^RangeError: .* tol must be a finite number > 0: got 0$/);
});

Deno.test("fitLogisticRegression reports a fit stopped by maxIter", () => {
  const model = fitLogisticRegression(synthetic(), {
    features: ["x1", "x2", "x3", "x4"],
    target: "y",
    maxIter: 2,
  });
  assert.equal(model.converged, false);
  assert.equal(model.iterations, 2);
  assert.match(
    model.warnings[0],
    /^Did not converge after 2 Newton steps: the largest parameter change was still above tol = 1e-10/,
  );
});

/**
 * The 80,000 x 20 data of tests/reference/logistic_wide_reference.py, generated here with the same
 * integer generator and the same exactly rounded operations (see that script).
 */
function wideData(): DataFrame {
  const wide = JSON.parse(
    Deno.readTextFileSync(root("tests/fixtures/logistic_wide_reference.json")),
  );
  const { n, d, seed } = wide as { n: number; d: number; seed: number };
  const M = 4294967296;
  let state = seed;
  const next = () => (state = (state * 1664525 + 1013904223) % M);
  const columns = Array.from({ length: d }, () => new Float64Array(n));
  const y = new Float64Array(n);
  const b = Array.from({ length: d }, (_, j) => 0.5 * ((j % 5) - 2));
  for (let i = 0; i < n; i++) {
    let prev = 0;
    let eta = 0.3;
    for (let j = 0; j < d; j++) {
      const z = (next() + next() + next()) / M - 1.5;
      const x = z + 0.5 * prev;
      prev = z;
      columns[j][i] = x;
      eta = eta + b[j] * x;
    }
    y[i] = eta + 4 * (next() / M - 0.5) > 0 ? 1 : 0;
  }
  return pl.DataFrame({
    ...Object.fromEntries(columns.map((c, j) => [`f${j + 1}`, c])),
    y,
  });
}

const wideReference = () =>
  JSON.parse(Deno.readTextFileSync(root("tests/fixtures/logistic_wide_reference.json")));
const wideFeatures = Array.from({ length: 20 }, (_, j) => `f${j + 1}`);

Deno.test("fitLogisticRegression matches scikit-learn at 80,000 x 20 (1e-7), at 1, 2 and 3 threads bit for bit", () => {
  // Reference: scikit-learn 1.2.1 LogisticRegression(C=1.0, tol=1e-12, solver="newton-cholesky")
  // via tests/reference/logistic_wide_reference.py (tests/fixtures/logistic_wide_reference.json).
  const ref = wideReference();
  const df = wideData();
  // The generator reproduces the script's data exactly.
  assert.deepEqual(df.row(0).slice(0, 20), ref.first_row);
  assert.deepEqual(df.row(df.height - 1).slice(0, 20), ref.last_row);
  assert.equal(df.getColumn("y").sum(), ref.positives);

  const fit = (threads: number) =>
    observeParallelRuns(() =>
      fitLogisticRegression(df, { features: wideFeatures, target: "y", l2: 1, threads })
    );
  const one = fit(1);
  const model = one.result;
  assert.ok(model.converged);
  assertClose(wideFeatures.map((f) => model.coefficients[f]), ref.coef, 1e-7, "coef");
  assertClose([model.intercept], [ref.intercept], 1e-7, "intercept");
  assertClose(
    model.predictProba(df.head(10)),
    ref.predict_proba_first_rows,
    1e-7,
    "predict_proba",
  );
  assertClose(
    [INTERCEPT, ...wideFeatures].map((k) => model.standardErrors[k]),
    ref.standard_errors_intercept_first,
    1e-7,
    "standard errors",
  );
  assert.ok(one.runs.every((run) => run.threads === 1));
  for (const threads of [2, 3]) {
    const many = fit(threads);
    assert.deepEqual(many.result.coefficients, model.coefficients, `${threads} threads`);
    assert.ok(Object.is(many.result.intercept, model.intercept));
    assert.deepEqual(many.result.standardErrors, model.standardErrors);
    assert.ok(Object.is(many.result.logLikelihood, model.logLikelihood));
    assert.equal(many.result.iterations, model.iterations);
    assert.ok(
      many.runs.some((run) => run.tasksByThread.filter((count) => count > 0).length > 1),
      `${threads} threads: only one thread ran in every pass`,
    );
  }
});

Deno.test("fitLogisticRegression refuses bad threads before any work", () => {
  const df = synthetic();
  for (const threads of [0, -1, 1.5, 65]) {
    const { runs } = observeParallelRuns(() =>
      assert.throws(
        () => fitLogisticRegression(df, { features: ["x1"], target: "y", threads }),
        new RegExp(`^RangeError: Cannot fit logistic regression as threads must be an integer`),
      )
    );
    assert.deepEqual(runs, []);
  }
  assert.throws(
    () =>
      fitLogisticRegression(df, {
        features: ["x1"],
        target: "y",
        threads: "2" as unknown as number,
      }),
    /^TypeError: Cannot fit logistic regression as threads /,
  );
});

Deno.test("fitLogisticRegression refuses unscaled features above 1e100, naming rows and values", () => {
  const df = pl.DataFrame({ a: [1, 2, 3, 4], b: [1, 2e101, 3, -4e120], y: [0, 1, 0, 1] });
  assert.throws(
    () => fitLogisticRegression(df, { features: ["a", "b"], target: "y" }),
    /^RangeError: Cannot fit logistic regression as feature "b" has 2 rows with magnitude above 1e100, which overflows its arithmetic: rows 2, 4 hold 2e\+101, -4e\+120 \(standardise it first with fitStandardScaler\)$/,
  );
});
