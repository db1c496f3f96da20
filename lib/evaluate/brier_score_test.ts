import assert from "node:assert/strict";
import { brierScore } from "./brier_score.ts";
import { cases } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.brier_score_loss(y, scores); it also
// prints brier_score_loss for single-class samples (allowed there and here).

Deno.test("brierScore() matches sklearn.metrics.brier_score_loss to 1e-12", () => {
  for (const c of cases) assertClose(brierScore(c.y, c.scores), c.brier_score_loss, 1e-12, c.name);
});

Deno.test("brierScore() hand values, one class allowed", () => {
  assert.equal(brierScore([1, 0], [1, 0]), 0);
  assert.equal(brierScore([1, 0], [0, 1]), 1);
  assert.equal(brierScore([0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5]), 0.25);
  // sklearn: brier_score_loss(np.full(25, 0), np.linspace(0, 1, 25)) = 0.3402777777777778.
  const scores = Array.from({ length: 25 }, (_, i) => i / 24);
  assertClose(brierScore(new Array(25).fill(0), scores), 0.3402777777777778, 1e-15, "all 0");
});

Deno.test("brierScore() rejects non-probabilities and bad input", () => {
  assert.throws(() => brierScore([0, 1], [0.5, 1.5]), {
    name: "RangeError",
    message:
      "Cannot compute Brier score as 1 score is not a probability in [0, 1]: row 2 (value 1.5)",
  });
  assert.throws(() => brierScore([], []), {
    name: "RangeError",
    message: "Cannot compute Brier score as the input is empty: 0 rows",
  });
});
