import assert from "node:assert/strict";
import { logLoss } from "./log_loss.ts";
import { cases, referenceCase } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.log_loss(y, scores) (1.2.1 default
// eps="auto" = np.finfo(np.float64).eps) and log_loss(y, scores, eps=1e-15).

Deno.test("logLoss() matches sklearn.metrics.log_loss (1.2.1, eps='auto') to 1e-12", () => {
  for (const c of cases) assertClose(logLoss(c.y, c.scores), c.log_loss, 1e-12, c.name);
});

Deno.test("logLoss() with eps: 1e-15 matches sklearn's log_loss(..., eps=1e-15)", () => {
  for (const c of cases) {
    assertClose(logLoss(c.y, c.scores, { eps: 1e-15 }), c["log_loss_eps_1e-15"], 1e-12, c.name);
  }
  // The clipping matters only where a score is 0 or 1 and wrong: the "extremes" case.
  const extremes = referenceCase("extremes");
  assert.ok(extremes.log_loss - extremes["log_loss_eps_1e-15"] > 0.3);
});

Deno.test("logLoss() clips confident mistakes and allows one class (sklearn labels=[0, 1])", () => {
  // sklearn: log_loss([1, 0], [0.0, 0.3], labels=[0, 1]) = 18.200164166527944.
  assertClose(logLoss([1, 0], [0, 0.3]), 18.200164166527944, 1e-12, "clipped");
  // sklearn: log_loss([0, 0, 0], [0.1, 0.2, 0.0], labels=[0, 1]) = 0.10950135565734541.
  assertClose(logLoss([0, 0, 0], [0.1, 0.2, 0]), 0.10950135565734541, 1e-12, "one class");
  assert.equal(logLoss([1, 0], [1, 0]), -Math.log(1 - Number.EPSILON));
});

Deno.test("logLoss() rejects bad eps, non-probabilities and bad input", () => {
  for (const eps of [0, 0.5, -1, NaN]) {
    assert.throws(() => logLoss([0, 1], [0.2, 0.8], { eps }), {
      name: "RangeError",
      message: `Cannot compute log loss as eps must be in (0, 0.5): ${eps}`,
    });
  }
  assert.throws(() => logLoss([0, 1], [0.2, 0.8], { eps: "auto" as unknown as number }), {
    name: "TypeError",
    message: "Cannot compute log loss as eps is not a number: auto",
  });
  assert.throws(
    () => logLoss([0, 1], [0.2, 80]),
    (e) =>
      e instanceof RangeError && /1 score is not a probability in \[0, 1\]: row 2/.test(e.message),
  );
});
