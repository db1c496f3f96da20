import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { silhouetteScore } from "./silhouette_score.ts";

import { assertClose } from "../../tests/_helpers.ts";
import { loadFrame, metricCases } from "./_test_fixtures.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";

// Reference values: sklearn.metrics.silhouette_score(X, labels) (euclidean) for k-means labels
// (KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict), the fixtures' true_label column
// and hand-made labels, including -1 and a singleton cluster (see _test_fixtures.ts).
const cases = metricCases("fixtures");

Deno.test("silhouetteScore() matches sklearn.metrics.silhouette_score to 1e-12", () => {
  assert.equal(cases.length, 3);
  for (const c of cases) {
    const score = silhouetteScore(loadFrame(c.file), c.labels, { features: c.features });
    assertClose(score, c.silhouette_score, 1e-12, c.name);
  }
});

Deno.test("silhouetteScore() accepts any ArrayLike of labels and defaults to numeric columns", () => {
  const c = cases.find((c) => c.name === "blobs_true_label")!;
  const blobs = loadFrame(c.file).select("x1", "x2", "x3");
  for (const labels of [c.labels, Int32Array.from(c.labels), Float64Array.from(c.labels)]) {
    assertClose(silhouetteScore(blobs, labels), c.silhouette_score, 1e-12, "ArrayLike");
  }
});

Deno.test("silhouetteScore() samples a seeded subset without replacement", () => {
  const c = cases.find((c) => c.name === "blobs_true_label")!;
  const df = loadFrame(c.file);
  const options = { features: c.features, sampleSize: 300, seed: 7 };
  const a = silhouetteScore(df, c.labels, options);
  assert.equal(silhouetteScore(df, c.labels, options), a, "same seed, same score");
  assert.notEqual(silhouetteScore(df, c.labels, { ...options, seed: 8 }), a);
  // A 300-row sample of well-mixed labels lands near the full score (0.543).
  assert.ok(Math.abs(a - c.silhouette_score) < 0.05, `sampled ${a}`);
  // sampleSize >= n scores every row (as scikit-learn does).
  const full = silhouetteScore(df, c.labels, { features: c.features, sampleSize: 600 });
  assert.equal(full, silhouetteScore(df, c.labels, { features: c.features }));
  assert.equal(silhouetteScore(df, c.labels, { features: c.features, sampleSize: 10_000 }), full);
});

Deno.test("silhouetteScore() rejects label counts outside 2 to n - 1, as scikit-learn does", () => {
  const df = pl.DataFrame({ x: [0, 1, 2, 3] });
  assert.throws(
    () => silhouetteScore(df, [5, 5, 5, 5]),
    {
      name: "RangeError",
      message:
        "Cannot compute silhouette score as the number of distinct labels must be from 2 to n - 1 (inclusive): 1 distinct label (5) for n = 4 rows",
    },
  );
  assert.throws(
    () => silhouetteScore(df, [0, 1, 2, 3]),
    (e) =>
      e instanceof RangeError && /4 distinct labels \(0, 1, 2, 3\) for n = 4 rows$/.test(e.message),
  );
  // In a sample: 99 rows labelled 0 and one labelled 1; a 2-row sample misses row 100 here.
  const many = pl.DataFrame({ x: Array.from({ length: 100 }, (_, i) => i) });
  const labels = Array.from({ length: 100 }, (_, i) => (i === 99 ? 1 : 0));
  assert.throws(
    () => silhouetteScore(many, labels, { sampleSize: 2, seed: 0 }),
    (e) =>
      e instanceof RangeError && /1 distinct label \(0\) for n = 2 sampled rows$/.test(e.message),
  );
});

Deno.test("silhouetteScore() rejects bad labels, features and options", () => {
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  const labels = [0, 0, 1, 1];
  assert.throws(() => silhouetteScore(df, [0, 1], { features: ["x"] }), {
    name: "RangeError",
    message:
      "Cannot compute silhouette score as labels and rows differ in length: 2 labels, 4 rows",
  });
  assert.throws(
    () => silhouetteScore(df, [0, 0.5, 1, 1], { features: ["x"] }),
    (e) => e instanceof RangeError && /label 2 is not an integer: 0.5$/.test(e.message),
  );
  assert.throws(
    () => silhouetteScore(df, labels, { features: ["x", "y"] }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot compute silhouette score as feature "y" has 1 row with missing, NaN or infinite values: rows 3$/
        .test(e.message),
  );
  assert.throws(
    () => silhouetteScore(df, labels, { features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric: it is String$/.test(e.message),
  );
  assert.throws(
    () => silhouetteScore(df, labels, { features: ["income"] }),
    (e) => e instanceof TypeError && /column "income" is missing/.test(e.message),
  );
  assert.throws(
    () => silhouetteScore(pl.DataFrame({ x: [] as number[] }), []),
    (e) => e instanceof RangeError && /as the frame is empty: 0 rows$/.test(e.message),
  );
  for (const sampleSize of [1, 2.5, NaN]) {
    assert.throws(
      () => silhouetteScore(df, labels, { features: ["x"], sampleSize }),
      (e) => e instanceof RangeError && /sampleSize must be an integer >= 2: /.test(e.message),
    );
  }
  assert.throws(
    () => silhouetteScore(df, labels, { features: ["x"], sampleSize: 3, seed: Infinity }),
    (e) =>
      e instanceof RangeError &&
      /seed must be an integer from 0 to 4294967295: got Infinity$/.test(e.message),
  );
});

Deno.test("silhouetteScore gives the same bits at 1, 2 and 3 threads", () => {
  const df = seededBlobs(6_000, 4, 4, 23);
  const labels = Int32Array.from({ length: df.height }, (_, i) => i % 4);
  assertSameAtAnyThreads("score", (threads) => silhouetteScore(df, labels, { threads }));
  assertBadThreadsRefused(
    "compute silhouette score",
    (empty, threads) => silhouetteScore(empty, [], { threads: threads as number }),
  );
});
