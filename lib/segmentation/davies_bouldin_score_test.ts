import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { daviesBouldinScore } from "./davies_bouldin_score.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { assertMetricInputErrors, loadFrame, metricCases } from "./_test_fixtures.ts";

// Reference values: sklearn.metrics.davies_bouldin_score(X, labels) for k-means labels, the
// fixtures' true_label column and hand-made labels (see _test_fixtures.ts).

Deno.test("daviesBouldinScore() matches sklearn.metrics.davies_bouldin_score", () => {
  for (const c of metricCases("fixtures")) {
    const score = daviesBouldinScore(loadFrame(c.file), c.labels, { features: c.features });
    assertClose(score, c.davies_bouldin_score, 1e-12, c.name);
  }
});

Deno.test("daviesBouldinScore() follows scikit-learn's zero-denominator rules", () => {
  // Every cluster has zero scatter (numpy.allclose(intra_dists, 0)): 0.
  assert.equal(daviesBouldinScore(pl.DataFrame({ x: [0, 0, 5, 5] }), [0, 0, 1, 1]), 0);
  // Every centroid distance is zero (numpy.allclose(centroid_distances, 0)): 0.
  assert.equal(daviesBouldinScore(pl.DataFrame({ x: [-1, 1, -2, 2] }), [0, 0, 1, 1]), 0);
  // Scatters 1e-9 (below numpy's 1e-8 absolute tolerance) also count as zero.
  assert.equal(daviesBouldinScore(pl.DataFrame({ x: [0, 2e-9, 5, 5] }), [0, 0, 1, 1]), 0);
  // Two coinciding centroids (0 and 0) out of three: their pair's ratio counts as 0.
  // Scatters 1, 2 and 0.5; centroids 0, 0 and 10.5.
  const score = daviesBouldinScore(pl.DataFrame({ x: [-1, 1, -2, 2, 10, 11] }), [0, 0, 1, 1, 2, 2]);
  assert.ok(Math.abs(score - (1.5 + 2.5 + 2.5) / 10.5 / 3) < 1e-15, `${score}`);
});

Deno.test("daviesBouldinScore() rejects bad labels and features", () => {
  assertMetricInputErrors(daviesBouldinScore, "compute Davies-Bouldin score");
});
