import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { crossValidatedProbabilities } from "./cross_validated_probabilities.ts";
import { fitLogisticRegression } from "../churn/fit_logistic_regression.ts";
import { assertClose, root } from "../../tests/_helpers.ts";

// Reference: tests/reference/cross_validation_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/cross_validation_reference.json: cross_val_predict(LogisticRegression(C=1,
// newton-cholesky), cv=PredefinedSplit(fold_ids), method="predict_proba")[:, 1] on the 500 rows
// of tests/fixtures/logistic_data.csv.
const reference = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/cross_validation_reference.json")),
) as {
  features: string[];
  target: string;
  l2: number;
  fold_ids: number[];
  out_of_fold: number[];
  in_sample: number[];
};
const data = () => pl.readCSV(root("tests/fixtures/logistic_data.csv"));

/** A model that predicts its training rows' positive rate for everybody, and counts its fits. */
function rateModel(rows: pl.DataFrame, options: { target: string; fits: number[] }) {
  options.fits.push(rows.height);
  const rate = Number(rows.getColumn(options.target).mean());
  return { predictProba: (df: pl.DataFrame) => new Float64Array(df.height).fill(rate) };
}

Deno.test("crossValidatedProbabilities() matches scikit-learn cross_val_predict with the same folds", () => {
  const cv = crossValidatedProbabilities(data(), {
    fit: fitLogisticRegression,
    fitOptions: { features: reference.features, target: reference.target, l2: reference.l2 },
    foldIds: reference.fold_ids,
  });
  assert.equal(cv.folds, 5);
  assert.deepEqual(Array.from(cv.foldIds), reference.fold_ids);
  assertClose(cv.probabilities, reference.out_of_fold, 1e-9, "out-of-fold probabilities");
  // Out-of-fold is not in-sample: the two differ by up to 0.07 on these rows.
  const gap = Math.max(...reference.in_sample.map((v, i) => Math.abs(v - cv.probabilities[i])));
  assert.ok(gap > 0.05, `gap ${gap}`);
});

Deno.test("crossValidatedProbabilities() scores each row with a model fitted without its fold", () => {
  // Row labels 1,1,1,0,0,0 in folds 0,1,2,0,1,2: the model of fold f sees the other 4 rows.
  const df = pl.DataFrame({ y: [1, 1, 1, 0, 0, 0, 1, 0, 1] });
  const fits: number[] = [];
  const cv = crossValidatedProbabilities(df, {
    fit: rateModel,
    fitOptions: { target: "y", fits },
    foldIds: [0, 1, 2, 0, 1, 2, 0, 1, 2],
  });
  assert.deepEqual(fits, [6, 6, 6]);
  // Fold 0 holds rows 1, 4, 7 (labels 1, 0, 1): the other six rows have 3 positives of 6.
  // Fold 1 holds rows 2, 5, 8 (1, 0, 0): the rest have 4 of 6. Fold 2 holds 3, 6, 9 (1, 0, 1).
  assertClose(cv.probabilities, [0.5, 4 / 6, 0.5, 0.5, 4 / 6, 0.5, 0.5, 4 / 6, 0.5]);
});

Deno.test("crossValidatedProbabilities() deals stratified, seeded folds of near-equal size", () => {
  const y = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 26 positives
  const df = pl.DataFrame({ y, x: y.map((_, i) => i) });
  const run = (seed: number) =>
    crossValidatedProbabilities(df, {
      fit: rateModel,
      fitOptions: { target: "y", fits: [] },
      folds: 5,
      seed,
      stratify: "y",
    });
  const a = run(7);
  const sizes = [0, 0, 0, 0, 0];
  const positives = [0, 0, 0, 0, 0];
  a.foldIds.forEach((f, i) => {
    sizes[f]++;
    positives[f] += y[i];
  });
  assert.equal(Math.max(...sizes) - Math.min(...sizes), 1);
  assert.equal(Math.max(...positives) - Math.min(...positives), 1);
  assert.deepEqual(Array.from(run(7).foldIds), Array.from(a.foldIds));
  assert.notDeepEqual(Array.from(run(8).foldIds), Array.from(a.foldIds));
  // Unstratified: sizes still differ by at most one.
  const plain = crossValidatedProbabilities(df, {
    fit: rateModel,
    fitOptions: { target: "y", fits: [] },
    folds: 4,
    seed: 1,
  });
  const plainSizes = [0, 1, 2, 3].map((f) => plain.foldIds.filter((v) => v === f).length);
  assert.deepEqual(plainSizes.toSorted(), [25, 26, 26, 26]);
});

Deno.test("crossValidatedProbabilities() refuses bad folds, seeds and models with house-style errors", () => {
  const df = pl.DataFrame({ y: [1, 0, 1, 0] });
  const fitOptions = { target: "y", fits: [] as number[] };
  assert.throws(
    () => crossValidatedProbabilities(df, { fit: rateModel, fitOptions, folds: 5, seed: 1 }),
    { name: "RangeError", message: /folds exceeds the rows: 5 folds, 4 rows/ },
  );
  assert.throws(
    () => crossValidatedProbabilities(df, { fit: rateModel, fitOptions, folds: 1, seed: 1 }),
    { name: "RangeError", message: /folds must be an integer >= 2: got 1/ },
  );
  assert.throws(
    () => crossValidatedProbabilities(df, { fit: rateModel, fitOptions }),
    { name: "TypeError", message: /seed is missing/ },
  );
  assert.throws(
    () => crossValidatedProbabilities(df, { fit: rateModel, fitOptions, foldIds: [0, 0, 2, 1.5] }),
    { name: "RangeError", message: /1 foldIds are not integers >= 0: rows 4/ },
  );
  assert.throws(
    () => crossValidatedProbabilities(df, { fit: rateModel, fitOptions, foldIds: [0, 0, 2, 2] }),
    { name: "RangeError", message: /fold 1 empty/ },
  );
  assert.throws(
    () =>
      crossValidatedProbabilities(df, {
        fit: () => ({ predictProba: () => [0.5] }),
        fitOptions: {},
        foldIds: [0, 0, 1, 1],
      }),
    { name: "RangeError", message: /model of fold 0 returned 1 probabilities for 2 rows/ },
  );
  assert.throws(
    () =>
      crossValidatedProbabilities(df, {
        fit: () => ({ predictProba: () => [2, 0.5] }),
        fitOptions: {},
        foldIds: [0, 0, 1, 1],
      }),
    { name: "RangeError", message: /not a probability: row 1 \(value 2\)/ },
  );
  assert.throws(
    // @ts-expect-error: fit is required
    () => crossValidatedProbabilities(df, { fitOptions: {} }),
    { name: "TypeError", message: /fit is not a function/ },
  );
});
