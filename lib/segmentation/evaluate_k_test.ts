import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { evaluateK, kneedle } from "./evaluate_k.ts";
import { fitKMeans } from "./fit_kmeans.ts";
import { silhouetteScore } from "./silhouette_score.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";

const blobs = pl.readCSV(new URL("../../tests/fixtures/blobs_600.csv", import.meta.url).pathname);

Deno.test("evaluateK scores every k with the same fits the metrics would give alone", () => {
  const result = evaluateK(blobs, { kMin: 2, kMax: 8, seed: 4, features: ["x1", "x2", "x3"] });
  assert.deepEqual(result.table.columns, [
    "k",
    "inertia",
    "silhouette",
    "davies_bouldin",
    "calinski_harabasz",
  ]);
  assert.deepEqual(result.table.getColumn("k").toArray(), [2, 3, 4, 5, 6, 7, 8]);
  // The fixture draws five blobs, but two overlap: scikit-learn's KMeans + silhouette_score and
  // calinski_harabasz_score also peak at k = 4 (0.7771 and 3184.9; checked with Debian's
  // scikit-learn 1.2.1), and so does every rule here.
  assert.equal(result.silhouetteK, 4);
  assert.equal(result.calinskiHarabaszK, 4);
  assert.equal(result.daviesBouldinK, 4);
  assert.equal(result.elbowK, 4);
  const row = result.table.filter(pl.col("k").eq(5)).toRecords()[0];
  const model = fitKMeans(blobs, { k: 5, seed: 4, features: ["x1", "x2", "x3"] });
  assert.equal(row.inertia, model.inertia);
  assert.equal(
    row.silhouette,
    silhouetteScore(blobs, model.labels, { features: ["x1", "x2", "x3"] }),
  );
  const inertias = result.table.getColumn("inertia").toArray() as number[];
  inertias.slice(1).forEach((v, i) => assert.ok(v <= inertias[i] * 1.001, "inertia falls with k"));
});

Deno.test("kneedle finds the knee of a decreasing convex curve and none on a line", () => {
  assert.equal(kneedle([1, 2, 3, 4, 5, 6], [100, 60, 20, 16, 13, 11]), 3);
  assert.equal(kneedle([2, 3, 4, 5, 6, 7, 8], [900, 500, 300, 250, 220, 200, 190]), 4);
  assert.equal(kneedle([1, 2, 3, 4], [4, 3, 2, 1]), null);
  assert.equal(kneedle([1, 2], [5, 1]), null);
});

Deno.test("evaluateK validates the k range", () => {
  assert.throws(
    () => evaluateK(blobs, { kMin: 1, kMax: 3, seed: 0 }),
    /Cannot evaluate k as kMin must be an integer >= 2: got 1$/,
  );
  assert.throws(
    () => evaluateK(blobs, { kMin: 4, kMax: 3, seed: 0 }),
    /Cannot evaluate k from kMin = 4 as kMax must be an integer >= 4: got 3$/,
  );
  const tiny = pl.DataFrame({ x: [1, 2, 3] });
  assert.throws(() => evaluateK(tiny, { kMin: 2, kMax: 4, seed: 0 }), RangeError);
});

Deno.test("evaluateK gives the same table at 1, 2 and 3 threads, and checks threads first", () => {
  const blobs = seededBlobs(12_000, 3, 3, 26);
  assertSameAtAnyThreads(
    "evaluate k",
    (threads) => evaluateK(blobs, { kMin: 2, kMax: 3, seed: 4, nInit: 4, threads }).table,
    (table) => table.toRecords(),
  );
  assertBadThreadsRefused(
    "evaluate k",
    (empty, threads) => evaluateK(empty, { kMin: 1, kMax: 0, seed: 0, threads: threads as number }),
  );
});
