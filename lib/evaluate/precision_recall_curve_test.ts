import assert from "node:assert/strict";
import { precisionRecallCurve } from "./precision_recall_curve.ts";
import { averagePrecision } from "./average_precision.ts";
import { cases } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.precision_recall_curve(y, scores):
// `precision` and `recall` have one more entry than `thresholds` (the final 1, 0 point).

const column = (df: ReturnType<typeof precisionRecallCurve>, name: string) =>
  df.getColumn(name).toArray() as (number | null)[];

Deno.test("precisionRecallCurve() matches sklearn.metrics.precision_recall_curve (1.2.1)", () => {
  for (const c of cases) {
    const ref = c.precision_recall_curve;
    const curve = precisionRecallCurve(c.y, c.scores);
    assert.deepEqual(curve.columns, ["threshold", "precision", "recall"]);
    assert.equal(curve.height, ref.precision.length, c.name);
    // Thresholds are input values: exact, with null for the final point sklearn has none for.
    assert.deepEqual(column(curve, "threshold"), [...ref.thresholds, null], c.name);
    assertClose(column(curve, "precision"), ref.precision, 1e-12, `${c.name} precision`);
    assertClose(column(curve, "recall"), ref.recall, 1e-12, `${c.name} recall`);
  }
});

Deno.test("precisionRecallCurve() steps sum to averagePrecision()", () => {
  for (const c of cases) {
    const curve = precisionRecallCurve(c.y, c.scores);
    const precision = column(curve, "precision") as number[];
    const recall = column(curve, "recall") as number[];
    let ap = 0;
    for (let i = 0; i < recall.length - 1; i++) ap += (recall[i] - recall[i + 1]) * precision[i];
    assert.ok(Math.abs(ap - averagePrecision(c.y, c.scores)) < 1e-12, c.name);
  }
});

Deno.test("precisionRecallCurve() rejects one class and bad input", () => {
  assert.throws(() => precisionRecallCurve([0, 0], [0.1, 0.2]), {
    name: "RangeError",
    message:
      "Cannot compute precision-recall curve as only one class is present in yTrue: 2 rows, all 0",
  });
  assert.throws(() => precisionRecallCurve([0, 1], [0.1]), {
    name: "RangeError",
    message:
      "Cannot compute precision-recall curve as yTrue and scores differ in length: 2 labels, 1 score",
  });
});
