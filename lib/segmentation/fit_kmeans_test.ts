import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitKMeans, type KMeansModel } from "./fit_kmeans.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";
import { assertConsistent, assertNoWorseThanSklearn, featureRows } from "./_test_fixtures.ts";
import { root } from "../../tests/_helpers.ts";

const blobs = pl.readCSV(root("tests/fixtures/blobs_600.csv"));
const DATA: Record<string, [pl.DataFrame, string[]]> = {
  blobs_600: [blobs, ["x1", "x2", "x3"]],
};
const rows = featureRows;

// tests/reference/kmeans_reference.py: scikit-learn 1.2.1 KMeans(n_clusters=k, n_init=10,
// algorithm="lloyd", random_state=s) for s = 0..9 -> [dataset, k, median inertia, max inertia].
// The Mall cases run in tests/datasets/segmentation_test.ts.
const SKLEARN: [string, number, number, number][] = [
  ["blobs_600", 3, 8194.01751235423, 8194.01751235423],
  ["blobs_600", 5, 2578.2433080295996, 2578.7047280474267],
  ["blobs_600", 8, 1814.3591482110635, 1882.652830176348],
];

Deno.test("fitKMeans inertia is no worse than scikit-learn's KMeans(n_init=10), over ten seeds", () => {
  for (const [name, k, skMedian, skMax] of SKLEARN) {
    const [df, features] = DATA[name];
    const inertias = Array.from({ length: 10 }, (_, seed) => fitKMeans(df, { k, seed, features }));
    assertNoWorseThanSklearn(name, k, inertias.map((m) => m.inertia), skMedian, skMax);
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

Deno.test("fitKMeans is reproducible, read-only, and reports convergence", () => {
  const [df, features] = DATA.blobs_600;
  const a = fitKMeans(df, { k: 5, seed: 42, features });
  const b = fitKMeans(df, { k: 5, seed: 42, features });
  assert.deepEqual(a.centroids, b.centroids);
  assert.deepEqual(a.labels, b.labels);
  assert.ok(a.converged);
  assert.deepEqual(a.options, {
    k: 5,
    seed: 42,
    nInit: 10,
    maxIter: 300,
    tol: 1e-4,
    features: ["x1", "x2", "x3"],
  });
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.centroids) && Object.isFrozen(a.centroids[0]));
  assert.throws(() => {
    (a as { inertia: number }).inertia = 0;
  }, TypeError);
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
  assert.throws(() => fitKMeans(df, { k: 0, seed: 0 }), /k must be an integer >= 1: got 0$/);
  assert.throws(() => fitKMeans(df, { k: 1.5, seed: 0 }), RangeError);
  assert.throws(
    () => fitKMeans(df, { k: 1, seed: 0, nInit: 0 }),
    /nInit must be an integer >= 1: got 0$/,
  );
  assert.throws(
    () => fitKMeans(df, { k: 1, seed: 0, tol: -1 }),
    /tol must be a finite number >= 0: got -1$/,
  );
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

Deno.test("fitKMeans leaves id-like columns out unless named, and refuses values near 1e200", () => {
  const df = pl.DataFrame({
    CustomerID: [1001, 1002, 1003, 1004],
    x: [0, 0.1, 10, 10.1],
  });
  assert.deepEqual(fitKMeans(df, { k: 2, seed: 1 }).features, ["x"]);
  assert.deepEqual(fitKMeans(df, { k: 2, seed: 1, features: ["CustomerID", "x"] }).features, [
    "CustomerID",
    "x",
  ]);
  assert.throws(
    () => fitKMeans(pl.DataFrame({ x: [1e200, 2e200, 1, 2] }), { k: 2, seed: 1 }),
    /^RangeError: Cannot fit k-means as feature "x" has 2 rows with magnitude above 1e100, which overflows its arithmetic: rows 1, 2 hold 1e\+200, 2e\+200/,
  );
});

Deno.test("fitKMeans gives the same bits at 1, 2 and 3 threads, parallel restarts and chunks", () => {
  const df = seededBlobs(48_000, 3, 6, 17);
  const same = (m: KMeansModel) => [m.centroids, m.labels, m.inertia, m.iterations, m.converged];
  // Six restarts as parallel tasks (one per restart, each from its own stream).
  const restarts = assertSameAtAnyThreads(
    "restarts",
    (threads) => fitKMeans(df, { k: 6, seed: 5, nInit: 6, threads }),
    same,
  );
  assert.ok(restarts.converged);
  // One restart: its passes over the rows run as chunk tasks at 2 and 3 threads, in the calling
  // thread at 1, with the same sums.
  assertSameAtAnyThreads(
    "chunks",
    (threads) => fitKMeans(df, { k: 8, seed: 3, nInit: 1, threads }),
    same,
  );
});

Deno.test("fitKMeans checks threads before anything else", () => {
  assertBadThreadsRefused(
    "fit k-means",
    (empty, threads) => fitKMeans(empty, { k: 2, seed: 0, threads: threads as number }),
  );
});
