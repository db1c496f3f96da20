import pl from "nodejs-polars";
import { calinskiHarabaszScore } from "./calinski_harabasz_score.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { assertMetricInputErrors, loadFrame, metricCases } from "./_test_fixtures.ts";
import assert from "node:assert/strict";

// Reference values: sklearn.metrics.calinski_harabasz_score(X, labels) for k-means labels, the
// fixtures' true_label column and hand-made labels (see _test_fixtures.ts).

Deno.test("calinskiHarabaszScore() matches sklearn.metrics.calinski_harabasz_score to 1e-12", () => {
  for (const c of metricCases("fixtures")) {
    const score = calinskiHarabaszScore(loadFrame(c.file), c.labels, { features: c.features });
    assertClose(score, c.calinski_harabasz_score, 1e-12, c.name);
  }
});

Deno.test("calinskiHarabaszScore() is 1 when the within-cluster dispersion is 0, as in scikit-learn", () => {
  assert.equal(calinskiHarabaszScore(pl.DataFrame({ x: [0, 0, 5, 5] }), [0, 0, 1, 1]), 1);
});

Deno.test("calinskiHarabaszScore() rejects bad labels and features", () => {
  assertMetricInputErrors(calinskiHarabaszScore, "compute Calinski-Harabasz score");
});
