/**
 * Whole-dataset checks of `lib/segmentation` on the bundled Mall customers against scikit-learn
 * 1.2.1 (moved here from the unit tests, which use small fixtures only).
 *
 * Reference values: tests/reference/cluster_metrics_reference.py writes the Mall cases of
 * tests/fixtures/cluster_reference_{metrics,dbscan,kdistance}.json (see
 * lib/segmentation/_test_fixtures.ts); tests/reference/kmeans_reference.py gives the k-means
 * inertias and tests/reference/pca_reference.py the PCA values below.
 *
 * @module
 */
import assert from "node:assert/strict";
import { kmeans as mlKmeans } from "ml-kmeans";
import { loadMallCustomers } from "../../lib/io/datasets.ts";
import { calinskiHarabaszScore } from "../../lib/segmentation/calinski_harabasz_score.ts";
import { daviesBouldinScore } from "../../lib/segmentation/davies_bouldin_score.ts";
import { dbscan } from "../../lib/segmentation/dbscan.ts";
import { fitKMeans } from "../../lib/segmentation/fit_kmeans.ts";
import { fitPca } from "../../lib/segmentation/fit_pca.ts";
import { kDistance } from "../../lib/segmentation/k_distance.ts";
import { silhouetteSamples } from "../../lib/segmentation/silhouette_samples.ts";
import { silhouetteScore } from "../../lib/segmentation/silhouette_score.ts";
import {
  assertConsistent,
  assertNoWorseThanSklearn,
  dbscanCases,
  featureRows,
  kDistanceCases,
  loadFrame,
  metricCases,
} from "../../lib/segmentation/_test_fixtures.ts";
import { assertClose } from "../_helpers.ts";

const mall = loadMallCustomers();
const INCOME_SCORE = ["annual_income_k", "spending_score"];
const AGE_INCOME_SCORE = ["age", "annual_income_k", "spending_score"];

Deno.test("Mall: the cluster metrics match scikit-learn", () => {
  const cases = metricCases("datasets");
  assert.equal(cases.length, 3);
  for (const c of cases) {
    const df = loadFrame(c.file);
    const options = { features: c.features };
    assertClose(silhouetteScore(df, c.labels, options), c.silhouette_score, 1e-12, c.name);
    assertClose(silhouetteSamples(df, c.labels, options), c.silhouette_samples, 1e-12, c.name);
    assertClose(
      calinskiHarabaszScore(df, c.labels, options),
      c.calinski_harabasz_score,
      1e-12,
      c.name,
    );
    // scikit-learn computes centroid distances as sqrt(|a|² - 2a·b + |b|²); with the hand-made
    // labels the centroids nearly coincide and that formula loses ~1e-12 relative to cancellation.
    const tolerance = c.name === "mall_income_score_hand_singleton" ? 1e-11 : 1e-12;
    assertClose(
      daviesBouldinScore(df, c.labels, options),
      c.davies_bouldin_score,
      tolerance,
      c.name,
    );
  }
  // The hand-made case puts row 0 alone in cluster 42: its silhouette is exactly 0.
  const hand = cases.find((c) => c.name === "mall_income_score_hand_singleton")!;
  assert.equal(silhouetteSamples(loadFrame(hand.file), hand.labels, hand)[0], 0);
});

Deno.test("Mall: dbscan() labels match sklearn.cluster.DBSCAN exactly, core rows included", () => {
  const cases = dbscanCases("datasets");
  assert.equal(cases.length, 5);
  for (const c of cases) {
    const result = dbscan(loadFrame(c.file), {
      eps: c.eps,
      minSamples: c.min_samples,
      features: c.features,
    });
    assert.deepEqual([...result.labels], c.labels, c.name);
    assert.deepEqual([...result.coreIndices], c.core_sample_indices, c.name);
    assert.equal(result.nClusters, c.n_clusters, c.name);
  }
});

Deno.test("Mall: dbscan() gives a contested border row to the cluster scikit-learn expands first", () => {
  const c = dbscanCases("datasets").find((c) => c.contested_rows !== undefined)!;
  const result = dbscan(loadFrame(c.file), {
    eps: c.eps,
    minSamples: c.min_samples,
    features: c.features,
  });
  for (const row of c.contested_rows!) {
    assert.ok(!result.coreIndices.includes(row), `row ${row} is a border row`);
    assert.equal(result.labels[row], c.labels[row]);
  }
});

Deno.test("Mall: dbscan() neighbourhoods include distance == eps, as in scikit-learn", () => {
  const cases = dbscanCases("datasets");
  const exact = cases.filter((c) => c.exact_pairs !== undefined);
  assert.equal(exact.length, 1);
  const [at] = exact;
  const below = cases.find((c) => c.eps < at.eps && c.eps > at.eps - 1e-6)!;
  const df = loadFrame(at.file);
  const inclusive = dbscan(df, { eps: at.eps, minSamples: at.min_samples, features: at.features });
  const shrunk = dbscan(df, { eps: below.eps, minSamples: at.min_samples, features: at.features });
  assert.deepEqual([...inclusive.labels], at.labels);
  assert.deepEqual([...shrunk.labels], below.labels);
  assert.ok(inclusive.coreIndices.length > shrunk.coreIndices.length);
});

Deno.test("Mall: kDistance() matches scikit-learn NearestNeighbors(n_neighbors=k + 1) column k", () => {
  const cases = kDistanceCases("datasets");
  assert.equal(cases.length, 1);
  for (const c of cases) {
    const curve = kDistance(loadFrame(c.file), { k: c.k, features: c.features });
    assertClose(curve.getColumn("k_distance").toArray(), c.k_distance, 1e-12, c.name);
  }
});

// tests/reference/kmeans_reference.py: scikit-learn 1.2.1 KMeans(n_clusters=k, n_init=10,
// algorithm="lloyd", random_state=s) for s = 0..9 -> [features, k, median inertia, max inertia].
const KMEANS: [string[], number, number, number][] = [
  [INCOME_SCORE, 2, 181363.59595959593, 183069.17582751298],
  [INCOME_SCORE, 3, 106348.37306211122, 106348.37306211122],
  [INCOME_SCORE, 4, 73679.78903948836, 73679.78903948836],
  [INCOME_SCORE, 5, 44448.4554479337, 44448.4554479337],
  [INCOME_SCORE, 6, 37236.82502658302, 37271.88623658949],
  [INCOME_SCORE, 8, 25040.042866241696, 26086.451614668855],
  [AGE_INCOME_SCORE, 4, 104366.15145556197, 104374.15985112858],
  [AGE_INCOME_SCORE, 6, 58300.44332159069, 58336.73939279637],
];

Deno.test("Mall: fitKMeans inertia is no worse than scikit-learn's, over ten seeds", () => {
  for (const [features, k, skMedian, skMax] of KMEANS) {
    const inertias = Array.from(
      { length: 10 },
      (_, seed) => fitKMeans(mall, { k, seed, features }).inertia,
    );
    assertNoWorseThanSklearn(features.join("+"), k, inertias, skMedian, skMax);
  }
});

Deno.test("Mall: fitKMeans labels and inertia match the returned centroids", () => {
  for (const features of [INCOME_SCORE, AGE_INCOME_SCORE]) {
    const points = featureRows(mall, features);
    for (const k of [1, 2, 5, 9]) {
      const model = fitKMeans(mall, { k, seed: 3, features, nInit: 2 });
      assertConsistent(model, points);
      assert.deepEqual(model.predict(mall), model.labels, `k=${k}: predict(train) = labels`);
    }
    // Stopped early, still consistent.
    const early = fitKMeans(mall, { k: 6, seed: 1, features, maxIter: 1, nInit: 1 });
    assert.equal(early.iterations >= 1, true);
    assertConsistent(early, points);
  }
  const stopped = fitKMeans(mall, {
    k: 8,
    seed: 5,
    features: INCOME_SCORE,
    maxIter: 1,
    nInit: 1,
  });
  assert.equal(stopped.converged, false);
});

Deno.test("Mall: fitKMeans returns a Lloyd fixed point, as checked by ml-kmeans", () => {
  // Oracle: ml-kmeans started from our centroids must not move them.
  const model = fitKMeans(mall, { k: 5, seed: 11, features: INCOME_SCORE });
  const oracle = mlKmeans(featureRows(mall, INCOME_SCORE), 5, {
    initialization: model.centroids.map((c) => [...c]),
    maxIterations: 100,
  });
  oracle.centroids.forEach((c, i) => assertClose(c, model.centroids[i], 1e-9, `centroid ${i}`));
  assert.deepEqual([...oracle.clusters], [...model.labels]);
});

// tests/reference/pca_reference.py: scikit-learn 1.2.1 PCA(n_components=2) on the Mall
// customers' age, income and score. Signs of components are arbitrary: compare |values|.
const RATIO = [0.4512527189125917, 0.4409846546380996];
const LOADINGS = [
  [-0.1889741999225602, 0.5886410193430777, 0.7859965026069586],
  [0.13096520288320954, 0.8083757274411805, -0.573913581402028],
];
const FIRST_ROWS = [
  [-31.87050780200574, -33.00142530774918],
  [0.7633969076414021, -56.843865320867934],
  [-57.408725568614855, -13.122936191157864],
];

Deno.test("Mall: fitPca matches scikit-learn's PCA up to component signs", () => {
  const model = fitPca(mall, { features: AGE_INCOME_SCORE });
  assertClose(model.explainedVarianceRatio, RATIO, 1e-9, "explained variance ratio");
  const abs = (values: readonly number[]) => values.map(Math.abs);
  model.loadings.forEach((row, c) => assertClose(abs(row), abs(LOADINGS[c]), 1e-9, `pc${c + 1}`));
  const projected = model.transform(mall).head(3).rows() as number[][];
  projected.forEach((row, i) => assertClose(abs(row), abs(FIRST_ROWS[i]), 1e-9, `row ${i}`));
});
