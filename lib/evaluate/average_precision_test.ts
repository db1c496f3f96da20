import assert from "node:assert/strict";
import { createRandom } from "../core/random.ts";
import { averagePrecision } from "./average_precision.ts";
import { cases, tiedSample } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.average_precision_score(y, scores).

Deno.test("averagePrecision() matches sklearn.metrics.average_precision_score to 1e-12", () => {
  for (const c of cases) {
    assertClose(averagePrecision(c.y, c.scores), c.average_precision_score, 1e-12, c.name);
  }
  // All scores tied: one step at the positive rate (4 of 10).
  assert.equal(
    averagePrecision(cases.find((c) => c.name === "all_equal")!.y, Array(10).fill(0)),
    0.4,
  );
});

Deno.test("averagePrecision() follows its definition over distinct thresholds", () => {
  const random = createRandom(3);
  for (const [n, decimals] of [[40, 1], [200, 2]]) {
    const { y, scores } = tiedSample(random, n, decimals);
    const positives = y.filter((v) => v === 1).length;
    // Brute force: for each distinct score t (decreasing), precision and recall of score >= t.
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    let ap = 0;
    let previousRecall = 0;
    for (const t of distinct) {
      let tp = 0;
      let contacted = 0;
      scores.forEach((s, i) => {
        if (s >= t) {
          contacted++;
          tp += y[i];
        }
      });
      ap += (tp / positives - previousRecall) * (tp / contacted);
      previousRecall = tp / positives;
    }
    assertClose(averagePrecision(y, scores), ap, 1e-13, `n=${n}`);
  }
});

Deno.test("averagePrecision() hand case with a tie", () => {
  // Ranked: 0.9 hit (P 1, R 1/3); tie at 0.5 with one hit, one miss (P 2/3, R 2/3);
  // 0.2 hit (P 3/4, R 1): AP = (1 + 2/3 + 3/4) / 3 = 29/36.
  assertClose(averagePrecision([1, 1, 0, 1], [0.9, 0.5, 0.5, 0.2]), 29 / 36, 1e-15, "hand");
});

Deno.test("averagePrecision() throws on one class, where scikit-learn 1.2.1 returns -0 or 1", () => {
  // sklearn: average_precision_score(all 0) warns and returns -0.0; all 1 returns 1.0
  // (printed by tests/reference/evaluate_reference.py). Neither measures a ranking.
  const scores = Array.from({ length: 25 }, (_, i) => i / 24);
  assert.throws(() => averagePrecision(new Array(25).fill(0), scores), {
    name: "RangeError",
    message:
      "Cannot compute average precision as only one class is present in yTrue: 25 rows, all 0",
  });
  assert.throws(() => averagePrecision(new Array(25).fill(1), scores), {
    name: "RangeError",
    message:
      "Cannot compute average precision as only one class is present in yTrue: 25 rows, all 1",
  });
  assert.throws(
    () => averagePrecision([0, 1], [0.5, NaN]),
    (e) =>
      e instanceof RangeError &&
      /^Cannot compute average precision as 1 score is NaN/.test(e.message),
  );
  assert.throws(
    () => averagePrecision([0, 1, 2], [0.5, 0.6, 0.7]),
    (e) =>
      e instanceof RangeError && /1 yTrue value is not 0 or 1: row 3 \(value 2\)$/.test(e.message),
  );
});
