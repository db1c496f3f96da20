import assert from "node:assert/strict";
import { calibrationTable } from "./calibration_table.ts";
import { cases, referenceCase } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.calibration.calibration_curve(y, scores,
// n_bins, strategy) for n_bins 10 and 5 and both strategies, plus the bin edges numpy computes
// inside it, the 0-based ids of the non-empty bins and their row counts (np.bincount).

const numbers = (df: ReturnType<typeof calibrationTable>, name: string) =>
  df.getColumn(name).toArray() as number[];

Deno.test("calibrationTable() matches sklearn.calibration.calibration_curve, both strategies", () => {
  let checked = 0;
  for (const c of cases) {
    for (const ref of c.calibration_curve) {
      const what = `${c.name} ${ref.strategy} ${ref.n_bins}`;
      const table = calibrationTable(c.y, c.scores, { bins: ref.n_bins, strategy: ref.strategy });
      assert.deepEqual(table.columns, [
        "bin",
        "lower",
        "upper",
        "count",
        "mean_predicted",
        "observed_rate",
      ]);
      // Bin membership and edges must be exact: a score on an edge goes to the lower bin.
      assert.deepEqual(numbers(table, "bin"), ref.bin.map((b) => b + 1), `${what} bins`);
      assert.deepEqual(numbers(table, "count"), ref.count, `${what} counts`);
      assert.deepEqual(numbers(table, "lower"), ref.bin.map((b) => ref.edges[b]), `${what} lower`);
      assert.deepEqual(numbers(table, "upper"), ref.bin.map((b) => ref.edges[b + 1]), what);
      assertClose(numbers(table, "mean_predicted"), ref.prob_pred, 1e-12, `${what} prob_pred`);
      assertClose(numbers(table, "observed_rate"), ref.prob_true, 1e-12, `${what} prob_true`);
      checked++;
    }
  }
  assert.equal(checked, 32);
});

Deno.test("calibrationTable() puts a score on a uniform edge in the bin below, as numpy does", () => {
  // np.linspace(0, 1, 11)[3] is 0.30000000000000004, so 0.3 is in bin 3 (0.2, 0.3...];
  // 0.1 is exactly an edge and is also in the bin below it (bin 1).
  const table = calibrationTable([0, 1, 1], [0.1, 0.3, 0.30000000000000004]);
  assert.deepEqual(numbers(table, "bin"), [1, 3]);
  assert.deepEqual(numbers(table, "count"), [1, 2]);
  assert.deepEqual(numbers(table, "upper"), [0.1, 0.30000000000000004]);
  // Scores of exactly 0 and 1 land in the first and last bins.
  const ends = calibrationTable([0, 1], [0, 1], { bins: 4 });
  assert.deepEqual(numbers(ends, "bin"), [1, 4]);
});

Deno.test("calibrationTable() quantile bins with many ties leave some bins empty", () => {
  // hand_8 has three scores of 0.4: quantile edges 0.4, 0.4, 0.4 make bins 6-8 empty.
  const c = referenceCase("hand_8");
  const table = calibrationTable(c.y, c.scores, { strategy: "quantile" });
  assert.deepEqual(numbers(table, "bin"), [1, 2, 3, 5, 9, 10]);
  assert.deepEqual(numbers(table, "count"), [1, 1, 1, 3, 1, 1]);
  // All tied: a single bin.
  const flat = calibrationTable([0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5], { strategy: "quantile" });
  assert.deepEqual(numbers(flat, "count"), [4]);
  assert.deepEqual(numbers(flat, "observed_rate"), [0.5]);
});

Deno.test("calibrationTable() rejects non-probabilities, bad options and bad input", () => {
  assert.throws(() => calibrationTable([0, 1, 1], [0.5, 1.2, -0.1]), {
    name: "RangeError",
    message:
      "Cannot compute calibration table as 2 scores are not probabilities in [0, 1]: rows 2, 3 (values 1.2, -0.1)",
  });
  for (const bins of [0, 1.5]) {
    assert.throws(() => calibrationTable([0, 1], [0.2, 0.8], { bins }), {
      name: "RangeError",
      message: `Cannot compute calibration table as bins must be an integer >= 1: got ${bins}`,
    });
  }
  assert.throws(
    () => calibrationTable([0, 1], [0.2, 0.8], { strategy: "kmeans" as "uniform" }),
    {
      name: "RangeError",
      message:
        'Cannot compute calibration table as strategy must be one of "uniform", "quantile": got "kmeans"',
    },
  );
  // One class is fine, as in scikit-learn.
  assert.deepEqual(numbers(calibrationTable([0, 0], [0.2, 0.8], { bins: 2 }), "observed_rate"), [
    0,
    0,
  ]);
});
