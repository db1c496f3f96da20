import assert from "node:assert/strict";
import { confusionMatrix } from "./confusion_matrix.ts";
import { cases } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.confusion_matrix(y, scores >= t) and
// precision_score / recall_score / f1_score (zero_division=0) / accuracy_score at
// t = 0, 0.3, 0.5, 0.75, 2.

Deno.test("confusionMatrix() matches sklearn.metrics at several thresholds", () => {
  let checked = 0;
  for (const c of cases) {
    for (const ref of c.confusion) {
      const m = confusionMatrix(c.y, c.scores, { threshold: ref.threshold });
      const what = `${c.name} at ${ref.threshold}`;
      assert.deepEqual([m.tp, m.fp, m.tn, m.fn], [ref.tp, ref.fp, ref.tn, ref.fn], what);
      assertClose(m.precision, ref.precision, 1e-12, `${what} precision`);
      assertClose(m.recall, ref.recall, 1e-12, `${what} recall`);
      assertClose(m.f1, ref.f1, 1e-12, `${what} f1`);
      assertClose(m.accuracy, ref.accuracy, 1e-12, `${what} accuracy`);
      assertClose(m.specificity, ref.tn / (ref.tn + ref.fp), 1e-12, `${what} specificity`);
      assert.equal(m.threshold, ref.threshold);
      checked++;
    }
  }
  assert.equal(checked, 40);
});

Deno.test("confusionMatrix() counts a score equal to the threshold as positive", () => {
  const m = confusionMatrix([1, 0, 0], [0.5, 0.5, 0.49], { threshold: 0.5 });
  assert.deepEqual({ ...m }, {
    tp: 1,
    fp: 1,
    tn: 1,
    fn: 0,
    precision: 0.5,
    recall: 1,
    specificity: 0.5,
    accuracy: 2 / 3,
    f1: 2 / 3,
    threshold: 0.5,
  });
  // Default threshold 0.5.
  assert.equal(confusionMatrix([1, 0], [0.5, 0.4]).tp, 1);
});

Deno.test("confusionMatrix() sets 0/0 rates to 0 (sklearn zero_division=0) and allows one class", () => {
  const nobody = confusionMatrix([1, 0, 1], [0.2, 0.1, 0.3], { threshold: Infinity });
  assert.deepEqual([nobody.tp, nobody.fp, nobody.tn, nobody.fn], [0, 0, 1, 2]);
  assert.equal(nobody.precision, 0);
  assert.equal(nobody.f1, 0);
  const negativesOnly = confusionMatrix([0, 0], [0.9, 0.1]);
  assert.equal(negativesOnly.recall, 0);
  assert.equal(negativesOnly.specificity, 0.5);
  const positivesOnly = confusionMatrix([1, 1], [0.9, 0.1]);
  assert.equal(positivesOnly.specificity, 0);
  assert.equal(positivesOnly.recall, 0.5);
});

Deno.test("confusionMatrix() rejects a bad threshold and bad input", () => {
  assert.throws(() => confusionMatrix([0, 1], [0.2, 0.8], { threshold: NaN }), {
    name: "RangeError",
    message: "Cannot compute confusion matrix as threshold is NaN: NaN",
  });
  assert.throws(
    () => confusionMatrix([0, 1], [0.2, 0.8], { threshold: "0.5" as unknown as number }),
    {
      name: "TypeError",
      message: "Cannot compute confusion matrix as threshold is not a number: 0.5",
    },
  );
  assert.throws(
    () => confusionMatrix([0, 1, 5], [0.2, 0.8, 0.1]),
    (e) => e instanceof RangeError && /1 yTrue value is not 0 or 1: row 3/.test(e.message),
  );
});
