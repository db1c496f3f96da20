import pl from "nodejs-polars";
import assert from "node:assert/strict";
import {
  encodeClusterLabels,
  silhouetteOfMatrix,
  silhouetteSamples,
} from "./silhouette_samples.ts";

import { assertClose } from "../../tests/_helpers.ts";
import { assertMetricInputErrors, loadFrame, metricCases } from "./_test_fixtures.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";

// Reference values: sklearn.metrics.silhouette_samples(X, labels) (euclidean) for k-means labels,
// the fixtures' true_label column and hand-made labels (see _test_fixtures.ts).

/** The textbook O(n²) definition, straight from Rousseeuw (1987), as an independent oracle. */
function naiveSilhouette(x: number[][], labels: number[]): number[] {
  const distance = (a: number[], b: number[]) =>
    Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0));
  const clusters = [...new Set(labels)];
  return x.map((row, i) => {
    const meanTo = (c: number) => {
      const members = x.filter((_, j) => labels[j] === c && j !== i);
      return members.reduce((s, m) => s + distance(row, m), 0) / members.length;
    };
    const own = labels[i];
    if (labels.filter((l) => l === own).length === 1) return 0;
    const a = meanTo(own);
    const b = Math.min(...clusters.filter((c) => c !== own).map(meanTo));
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

Deno.test("silhouetteSamples() matches sklearn.metrics.silhouette_samples element-wise", () => {
  for (const c of metricCases("fixtures")) {
    const samples = silhouetteSamples(loadFrame(c.file), c.labels, { features: c.features });
    assert.ok(samples instanceof Float64Array);
    // Absolute 1e-12: silhouettes lie in [-1, 1].
    assertClose(samples, c.silhouette_samples, 1e-12, c.name);
  }
});

Deno.test("silhouetteSamples() gives 0 where a = b = 0 (duplicate points), as scikit-learn does", () => {
  const df = pl.DataFrame({ x: [0, 0, 0, 0, 5] });
  assert.deepEqual([...silhouetteSamples(df, [0, 0, 1, 1, 2])], [0, 0, 0, 0, 0]);
});

Deno.test("silhouetteOfMatrix() agrees with the textbook definition on both kernels", () => {
  // Small k: per-cluster sums for every row (symmetric kernel). Large n·k (> 2^22): row by row.
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (const [n, k] of [[300, 7], [2100, 2000]]) {
    const x = Array.from({ length: n }, () => [random() * 10, random() * 10, random()]);
    const labels = Array.from({ length: n }, (_, i) => (i < k ? i : Math.floor(random() * k)));
    const matrix = { features: ["a", "b", "c"], data: new Float64Array(x.flat()), n, d: 3 };
    const actual = silhouetteOfMatrix(matrix, encodeClusterLabels(labels, n, "test"));
    const expected = n <= 300 ? naiveSilhouette(x, labels) : null;
    if (expected) {
      actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-12, `row ${i}`));
    } else {
      // Spot-check 40 rows of the large case against the definition.
      for (let i = 0; i < n; i += 53) {
        const own = labels[i];
        const others = new Map<number, [number, number]>();
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const dist = Math.hypot(x[i][0] - x[j][0], x[i][1] - x[j][1], x[i][2] - x[j][2]);
          const [s, m] = others.get(labels[j]) ?? [0, 0];
          others.set(labels[j], [s + dist, m + 1]);
        }
        const [ownSum, ownCount] = others.get(own) ?? [0, 0];
        others.delete(own);
        const b = Math.min(...[...others.values()].map(([s, m]) => s / m));
        const a = ownSum / ownCount;
        const expectedValue = ownCount === 0 ? 0 : (b - a) / Math.max(a, b);
        assert.ok(Math.abs(actual[i] - expectedValue) <= 1e-12, `row ${i}`);
      }
    }
  }
});

Deno.test("encodeClusterLabels() recodes in ascending label order and checks the count", () => {
  const encoded = encodeClusterLabels(Int32Array.from([3, -1, 3, 100]), 4, "test");
  assert.deepEqual([...encoded.codes], [1, 0, 1, 2]);
  assert.deepEqual([...encoded.classes], [-1, 3, 100]);
  assert.throws(
    () => encodeClusterLabels([1, 2, 3, 4, 5, 6, 7], 7, "test"),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot test as the number of distinct labels must be from 2 to n - 1 (inclusive): 7 distinct labels for n = 7 rows",
  );
});

Deno.test("silhouetteSamples() rejects bad labels and features", () => {
  assertMetricInputErrors(silhouetteSamples, "compute silhouette samples");
});

Deno.test("silhouetteSamples gives the same bits at 1, 2 and 3 threads, on both kernels", () => {
  // Block pairs: 6,000 rows in 5 clusters (about 16 blocks, 136 pair tasks).
  const df = seededBlobs(6_000, 3, 5, 21);
  const labels = Int32Array.from({ length: df.height }, (_, i) => i % 5);
  assertSameAtAnyThreads("pairs", (threads) => silhouetteSamples(df, labels, { threads }));
  // Row by row: more than 128 clusters (12 tasks of 256 rows).
  const small = seededBlobs(3_000, 2, 150, 22);
  const many = Int32Array.from({ length: small.height }, (_, i) => i % 150);
  assertSameAtAnyThreads("rows", (threads) => silhouetteSamples(small, many, { threads }));
});

Deno.test("silhouetteSamples checks threads before anything else", () => {
  assertBadThreadsRefused(
    "compute silhouette samples",
    (empty, threads) => silhouetteSamples(empty, [], { threads: threads as number }),
  );
});
