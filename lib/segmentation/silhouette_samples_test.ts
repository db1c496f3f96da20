import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  encodeClusterLabels,
  silhouetteOfMatrix,
  silhouetteSamples,
} from "./silhouette_samples.ts";

// Reference values: tests/reference/cluster_metrics_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/cluster_reference_metrics.json with sklearn.metrics.silhouette_samples(X, labels)
// (euclidean) for k-means labels, the fixtures' true_label column and hand-made labels.

interface MetricCase {
  name: string;
  file: string;
  features: string[];
  labels: number[];
  silhouette_samples: number[];
}

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const cases: MetricCase[] =
  JSON.parse(Deno.readTextFileSync(root("tests/fixtures/cluster_reference_metrics.json"))).cases;
const frames = new Map<string, pl.DataFrame>();
const load = (file: string) => {
  if (!frames.has(file)) frames.set(file, pl.readCSV(root(file)));
  return frames.get(file)!;
};

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
  for (const c of cases) {
    const samples = silhouetteSamples(load(c.file), c.labels, { features: c.features });
    assert.ok(samples instanceof Float64Array);
    assert.equal(samples.length, c.silhouette_samples.length);
    samples.forEach((value, i) => {
      assert.ok(
        Math.abs(value - c.silhouette_samples[i]) <= 1e-12,
        `${c.name} row ${i}: ${value} vs ${c.silhouette_samples[i]}`,
      );
    });
  }
  // The hand-made case puts row 0 alone in cluster 42: its silhouette is exactly 0.
  const hand = cases.find((c) => c.name === "mall_income_score_hand_singleton")!;
  assert.equal(silhouetteSamples(load(hand.file), hand.labels, { features: hand.features })[0], 0);
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
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  assert.throws(
    () => silhouetteSamples(df, [0, 0, 0, 0], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot compute silhouette samples as the number of distinct labels must be from 2 to n - 1/
        .test(e.message),
  );
  assert.throws(
    () => silhouetteSamples(df, [0, 1, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /labels and rows differ in length: 3 labels, 4 rows$/.test(e.message),
  );
  assert.throws(
    () => silhouetteSamples(df, [0, 0, 1, 1], { features: ["y"] }),
    (e) => e instanceof RangeError && /feature "y" has 1 row with missing, NaN/.test(e.message),
  );
  assert.throws(
    () => silhouetteSamples(df, [0, 0, 1, 1], { features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric/.test(e.message),
  );
  assert.throws(
    () => silhouetteSamples(pl.DataFrame({ x: [] as number[] }), []),
    (e) => e instanceof RangeError && /the frame is empty: 0 rows$/.test(e.message),
  );
});
