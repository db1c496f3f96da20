import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { kmeans as mlKmeans } from "ml-kmeans";
import { fitKMeans, type KMeansModel } from "./fit_kmeans.ts";
import { loadMallCustomers } from "../io/datasets.ts";

const mall = loadMallCustomers();
const blobs = pl.readCSV(new URL("../../tests/fixtures/blobs_600.csv", import.meta.url).pathname);
const DATA: Record<string, [pl.DataFrame, string[]]> = {
  mall_income_score: [mall, ["annual_income_k", "spending_score"]],
  mall_age_income_score: [mall, ["age", "annual_income_k", "spending_score"]],
  blobs_600: [blobs, ["x1", "x2", "x3"]],
};

// tests/reference/kmeans_reference.py: scikit-learn 1.2.1 KMeans(n_clusters=k, n_init=10,
// algorithm="lloyd", random_state=s) for s = 0..9 -> [dataset, k, median inertia, max inertia].
const SKLEARN: [string, number, number, number][] = [
  ["mall_income_score", 2, 181363.59595959593, 183069.17582751298],
  ["mall_income_score", 3, 106348.37306211122, 106348.37306211122],
  ["mall_income_score", 4, 73679.78903948836, 73679.78903948836],
  ["mall_income_score", 5, 44448.4554479337, 44448.4554479337],
  ["mall_income_score", 6, 37236.82502658302, 37271.88623658949],
  ["mall_income_score", 8, 25040.042866241696, 26086.451614668855],
  ["mall_age_income_score", 4, 104366.15145556197, 104374.15985112858],
  ["mall_age_income_score", 6, 58300.44332159069, 58336.73939279637],
  ["blobs_600", 3, 8194.01751235423, 8194.01751235423],
  ["blobs_600", 5, 2578.2433080295996, 2578.7047280474267],
  ["blobs_600", 8, 1814.3591482110635, 1882.652830176348],
];

function rows(df: pl.DataFrame, features: string[]): number[][] {
  return df.select(...features).rows() as number[][];
}

function sqDist(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
}

function assertConsistent(model: KMeansModel, points: number[][]): void {
  let inertia = 0;
  points.forEach((p, i) => {
    const d = model.centroids.map((c) => sqDist(p, c));
    const nearest = Math.min(...d);
    assert.ok(
      d[model.labels[i]] <= nearest * (1 + 1e-12),
      `row ${i} is not at its nearest centroid`,
    );
    inertia += d[model.labels[i]];
  });
  assert.ok(Math.abs(inertia - model.inertia) <= 1e-9 * inertia, "inertia matches the centroids");
  const sizes = new Int32Array(model.k);
  for (const l of model.labels) sizes[l]++;
  assert.deepEqual(model.sizes, sizes);
  assert.ok([...sizes].every((s) => s > 0), "no empty cluster");
}

Deno.test("fitKMeans inertia is no worse than scikit-learn's KMeans(n_init=10), over ten seeds", () => {
  for (const [name, k, skMedian, skMax] of SKLEARN) {
    const [df, features] = DATA[name];
    const inertias = Array.from(
      { length: 10 },
      (_, seed) => fitKMeans(df, { k, seed, features }).inertia,
    )
      .sort((a, b) => a - b);
    const median = (inertias[4] + inertias[5]) / 2;
    assert.ok(
      median <= skMedian * 1.001,
      `${name} k=${k}: median ${median} vs sklearn ${skMedian}`,
    );
    // No check of the worst seed against scikit-learn's worst: on the Mall data with k = 2 only
    // ~15% of k-means++ starts reach the best optimum in either library (measured: 13% here over
    // 1,000 seeds, 17% for scikit-learn over 400), so the worst of ten restarts is luck for both.
    if (skMedian === skMax) {
      // An easy optimum: every seed must find it.
      assert.ok(inertias[9] <= skMedian * 1.001, `${name} k=${k}: a seed missed ${skMedian}`);
    }
  }
});

Deno.test("fitKMeans labels and inertia always match the returned centroids", () => {
  for (const [name, [df, features]] of Object.entries(DATA)) {
    for (const k of [1, 2, 5, 9]) {
      const model = fitKMeans(df, { k, seed: 3, features, nInit: 2 });
      assertConsistent(model, rows(df, features));
      assert.deepEqual(model.predict(df), model.labels, `${name} k=${k}: predict(train) = labels`);
    }
    // Stopped early, still consistent.
    const early = fitKMeans(df, { k: 6, seed: 1, features, maxIter: 1, nInit: 1 });
    assert.equal(early.iterations >= 1, true);
    assertConsistent(early, rows(df, features));
  }
});

Deno.test("fitKMeans returns a Lloyd fixed point, as checked by ml-kmeans", () => {
  // Oracle: ml-kmeans started from our centroids must not move them.
  const [df, features] = DATA.mall_income_score;
  const model = fitKMeans(df, { k: 5, seed: 11, features });
  const oracle = mlKmeans(rows(df, features), 5, {
    initialization: model.centroids.map((c) => [...c]),
    maxIterations: 100,
  });
  oracle.centroids.forEach((c, i) =>
    c.forEach((v, j) => assert.ok(Math.abs(v - model.centroids[i][j]) < 1e-9))
  );
  assert.deepEqual([...oracle.clusters], [...model.labels]);
});

Deno.test("fitKMeans is reproducible, read-only, and reports convergence", () => {
  const [df, features] = DATA.blobs_600;
  const a = fitKMeans(df, { k: 5, seed: 42, features });
  const b = fitKMeans(df, { k: 5, seed: 42, features });
  assert.deepEqual(a.centroids, b.centroids);
  assert.deepEqual(a.labels, b.labels);
  assert.ok(a.converged);
  assert.deepEqual(a.options, { k: 5, seed: 42, nInit: 10, maxIter: 300, tol: 1e-4 });
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.centroids) && Object.isFrozen(a.centroids[0]));
  assert.throws(() => {
    (a as { inertia: number }).inertia = 0;
  }, TypeError);
  const stopped = fitKMeans(DATA.mall_income_score[0], {
    k: 8,
    seed: 5,
    features: DATA.mall_income_score[1],
    maxIter: 1,
    nInit: 1,
  });
  assert.equal(stopped.converged, false);
});

Deno.test("fitKMeans uses every numeric column by default and predicts new rows", () => {
  const df = pl.DataFrame({ id: ["a", "b", "c", "d"], x: [0, 0.2, 9.8, 10], y: [0, 0.1, 10, 9.9] });
  const model = fitKMeans(df, { k: 2, seed: 0 });
  assert.deepEqual(model.features, ["x", "y"]);
  const fresh = model.predict(pl.DataFrame({ x: [0.1, 9.9], y: [0, 10] }));
  assert.equal(fresh[0], model.labels[0]);
  assert.equal(fresh[1], model.labels[3]);
});

Deno.test("fitKMeans keeps every cluster filled on duplicated points", () => {
  const df = pl.DataFrame({ x: [...Array(50).fill(0), ...Array(30).fill(1), 2, 3] });
  const model = fitKMeans(df, { k: 4, seed: 9 });
  assert.deepEqual([...model.sizes].sort((a, b) => a - b), [1, 1, 30, 50]);
  assert.equal(model.inertia, 0);
});

Deno.test("fitKMeans gives clear errors for bad input", () => {
  const df = pl.DataFrame({ x: [1, 1, 2, 2], y: [5, 5, 6, 6] });
  assert.throws(
    () => fitKMeans(df, { k: 3, seed: 0 }),
    (e: unknown) =>
      e instanceof RangeError &&
      /k is larger than the number of distinct points: k = 3, 2 distinct of 4 rows/.test(e.message),
  );
  assert.throws(() => fitKMeans(df, { k: 0, seed: 0 }), /k must be a positive integer: 0/);
  assert.throws(() => fitKMeans(df, { k: 1.5, seed: 0 }), RangeError);
  assert.throws(() => fitKMeans(df, { k: 1, seed: 0, nInit: 0 }), /nInit must be a positive/);
  assert.throws(() => fitKMeans(df, { k: 1, seed: 0, tol: -1 }), /tol must be >= 0/);
  assert.throws(
    () => fitKMeans(pl.DataFrame({ x: [1, Number.NaN, 3] }), { k: 2, seed: 0 }),
    (e: unknown) =>
      e instanceof RangeError &&
      /feature "x" has 1 row with missing, NaN or infinite values: rows 2/.test(e.message),
  );
  assert.throws(
    () => fitKMeans(pl.DataFrame({ x: [1, null, 3] }), { k: 2, seed: 0 }),
    /feature "x" has 1 row with missing/,
  );
  assert.throws(
    () => fitKMeans(pl.DataFrame({ x: ["a", "b"] }), { k: 1, seed: 0, features: ["x"] }),
    (e: unknown) =>
      e instanceof TypeError && /feature "x" is not numeric: it is String/.test(e.message),
  );
  assert.throws(
    () => fitKMeans(pl.DataFrame({ x: ["a", "b"] }), { k: 1, seed: 0 }),
    (e: unknown) => e instanceof TypeError && /no feature is numeric/.test(e.message),
  );
  assert.throws(
    () => fitKMeans(df.head(0), { k: 1, seed: 0 }),
    (e: unknown) => e instanceof RangeError && /the frame is empty/.test(e.message),
  );
  assert.throws(() => fitKMeans(df, { k: 1, seed: 0, features: ["z"] }), /column "z" is missing/);
});
