import assert from "node:assert/strict";
import { rocCurve } from "./roc_curve.ts";
import { rocAuc } from "./roc_auc.ts";
import { cases, referenceCase } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.roc_curve(y, scores) (defaults:
// drop_intermediate=True; 1.2.1's first threshold is thresholds[1] + 1, 1.3+ uses inf).

const column = (df: ReturnType<typeof rocCurve>, name: string) =>
  df.getColumn(name).toArray() as number[];

Deno.test("rocCurve() matches sklearn.metrics.roc_curve (1.2.1) point for point", () => {
  for (const c of cases) {
    const curve = rocCurve(c.y, c.scores);
    assert.deepEqual(curve.columns, ["threshold", "fpr", "tpr"]);
    assert.equal(curve.height, c.roc_curve.fpr.length, `${c.name}: points`);
    // Thresholds are input values (and max + 1): exact. Rates: counts / total, to 1e-12.
    assert.deepEqual(column(curve, "threshold"), c.roc_curve.thresholds, c.name);
    assertClose(column(curve, "fpr"), c.roc_curve.fpr, 1e-12, `${c.name} fpr`);
    assertClose(column(curve, "tpr"), c.roc_curve.tpr, 1e-12, `${c.name} tpr`);
  }
  // The unrounded case keeps only the turning points (sklearn: 178 of 500 + 1).
  assert.equal(referenceCase("continuous_500").roc_curve.fpr.length, 178);
});

Deno.test("rocCurve() trapezoids sum to rocAuc()", () => {
  for (const c of cases) {
    const curve = rocCurve(c.y, c.scores);
    const fpr = column(curve, "fpr");
    const tpr = column(curve, "tpr");
    let area = 0;
    for (let i = 1; i < fpr.length; i++) area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
    assert.ok(Math.abs(area - rocAuc(c.y, c.scores)) < 1e-12, c.name);
  }
});

Deno.test("rocCurve() hand case: drops collinear points, keeps the tie as one step", () => {
  // Sorted: 0.9 (1), 0.8 (1), 0.7 (1), 0.5 (0, 1 tied), 0.2 (0).
  // Counts (fp, tp): (0,1) (0,2) (0,3) (1,4) (2,4); (0,2) lies on the vertical run: dropped.
  const curve = rocCurve([1, 1, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.5, 0.5, 0.2]);
  assert.deepEqual(column(curve, "threshold"), [1.9, 0.9, 0.7, 0.5, 0.2]);
  assert.deepEqual(column(curve, "fpr"), [0, 0, 0, 0.5, 1]);
  assert.deepEqual(column(curve, "tpr"), [0, 0.25, 0.75, 1, 1]);
});

Deno.test("rocCurve() rejects one class (sklearn returns NaN rates) and bad input", () => {
  assert.throws(() => rocCurve([1, 1, 1], [0.1, 0.2, 0.3]), {
    name: "RangeError",
    message: "Cannot compute ROC curve as only one class is present in yTrue: 3 rows, all 1",
  });
  assert.throws(
    () => rocCurve([0, 1], [0.1, -Infinity]),
    (e) => e instanceof RangeError && /^Cannot compute ROC curve as 1 score is NaN/.test(e.message),
  );
});
