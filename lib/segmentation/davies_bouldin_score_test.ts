import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { daviesBouldinScore } from "./davies_bouldin_score.ts";

// Reference values: tests/reference/cluster_metrics_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/cluster_reference_metrics.json with sklearn.metrics.davies_bouldin_score(X, labels)
// for k-means labels, the fixtures' true_label column and hand-made labels.

interface MetricCase {
  name: string;
  file: string;
  features: string[];
  labels: number[];
  davies_bouldin_score: number;
}

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const cases: MetricCase[] =
  JSON.parse(Deno.readTextFileSync(root("tests/fixtures/cluster_reference_metrics.json"))).cases;
const frames = new Map<string, pl.DataFrame>();
const load = (file: string) => {
  if (!frames.has(file)) frames.set(file, pl.readCSV(root(file)));
  return frames.get(file)!;
};

Deno.test("daviesBouldinScore() matches sklearn.metrics.davies_bouldin_score", () => {
  for (const c of cases) {
    const score = daviesBouldinScore(load(c.file), c.labels, { features: c.features });
    // scikit-learn computes centroid distances as sqrt(|a|² - 2a·b + |b|²); with the hand-made
    // labels the centroids nearly coincide and that formula loses ~1e-12 relative to cancellation.
    const tolerance = c.name === "mall_income_score_hand_singleton" ? 1e-11 : 1e-12;
    assert.ok(
      Math.abs(score - c.davies_bouldin_score) <= tolerance * c.davies_bouldin_score,
      `${c.name}: ${score} vs ${c.davies_bouldin_score}`,
    );
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
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  assert.throws(
    () => daviesBouldinScore(df, [1, 1, 1, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot compute Davies-Bouldin score as the number of distinct labels must be from 2 to n - 1 \(inclusive\): 1 distinct label \(1\) for n = 4 rows$/
        .test(e.message),
  );
  assert.throws(
    () => daviesBouldinScore(df, [0, 1, 2, 3], { features: ["x"] }),
    (e) =>
      e instanceof RangeError && /4 distinct labels \(0, 1, 2, 3\) for n = 4 rows$/.test(e.message),
  );
  assert.throws(
    () => daviesBouldinScore(df, [0, 1, 1, 0, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /labels and rows differ in length: 5 labels, 4 rows$/.test(e.message),
  );
  assert.throws(
    () => daviesBouldinScore(df, [0, 0, 1, 1], { features: ["x", "y"] }),
    (e) => e instanceof RangeError && /feature "y" has 1 row with missing, NaN/.test(e.message),
  );
  assert.throws(
    () => daviesBouldinScore(df, [0, 0, 1, 1], { features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric/.test(e.message),
  );
  assert.throws(
    () => daviesBouldinScore(pl.DataFrame({ x: [] as number[] }), []),
    (e) => e instanceof RangeError && /the frame is empty: 0 rows$/.test(e.message),
  );
});
