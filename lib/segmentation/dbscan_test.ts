import pl from "nodejs-polars";
import assert from "node:assert/strict";
import clustering from "density-clustering";
import { dbscan } from "./dbscan.ts";

import { dbscanCases, loadFrame, seededRandom } from "./_test_fixtures.ts";
import { createGridIndex } from "../core/grid_index.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";

// Reference values: sklearn.cluster.DBSCAN(eps=..., min_samples=...).fit(X) `labels_` and
// `core_sample_indices_` on moons_400 and blobs_600 (see _test_fixtures.ts); the cases on the
// Mall data (a contested border row, eps equal to exact distances) run in tests/datasets.
const cases = dbscanCases("fixtures");

/**
 * density-clustering's DBSCAN as an oracle: its clusters are numbered and its border rows assigned
 * the way scikit-learn does, but its neighbourhoods are strict (distance < eps) and its `noise` list
 * keeps border rows later claimed by a cluster, so it is only used on random data (no distance
 * equals eps) and noise is taken as "in no cluster". O(n²): small inputs only.
 */
function oracle(rows: number[][], eps: number, minSamples: number): number[] {
  const clusters: number[][] = new clustering.DBSCAN().run(rows, eps, minSamples);
  const labels = rows.map(() => -1);
  clusters.forEach((members, c) => members.forEach((row) => (labels[row] = c)));
  return labels;
}

Deno.test("dbscan() labels match sklearn.cluster.DBSCAN exactly, core rows included", () => {
  assert.equal(cases.length, 3);
  for (const c of cases) {
    const result = dbscan(loadFrame(c.file), {
      eps: c.eps,
      minSamples: c.min_samples,
      features: c.features,
    });
    assert.ok(result.labels instanceof Int32Array && result.coreIndices instanceof Int32Array);
    assert.deepEqual([...result.labels], c.labels, c.name);
    assert.deepEqual([...result.coreIndices], c.core_sample_indices, c.name);
    assert.equal(result.nClusters, c.n_clusters, c.name);
  }
});

Deno.test("dbscan() neighbourhoods include distance == eps, as in scikit-learn", () => {
  // The smallest case: two points exactly eps apart are neighbours.
  const pair = dbscan(pl.DataFrame({ x: [0, 3], y: [0, 4] }), { eps: 5, minSamples: 2 });
  assert.deepEqual([...pair.labels], [0, 0]);
});

Deno.test("dbscan() agrees with density-clustering on random data (grid and brute force)", () => {
  const random = seededRandom(2024);
  const settings: [n: number, d: number, eps: number, minSamples: number][] = [
    [40, 2, 0.15, 3], // brute force (n < 64)
    [700, 1, 0.004, 4], // 1-D grid
    [700, 2, 0.05, 5], // 2-D grid
    [700, 3, 0.12, 5], // 3-D grid
    [500, 5, 0.35, 4], // grid over the first 3 of 5 features
  ];
  for (const [n, d, eps, minSamples] of settings) {
    // Clumps around 6 centres plus uniform background noise.
    const centres = Array.from({ length: 6 }, () => Array.from({ length: d }, random));
    const rows = Array.from(
      { length: n },
      (_, i) =>
        i % 5 === 0
          ? Array.from({ length: d }, random)
          : centres[i % 6].map((v) => v + (random() - 0.5) * 0.2),
    );
    const df = pl.DataFrame(Object.fromEntries(
      Array.from({ length: d }, (_, j) => [`f${j}`, rows.map((r) => r[j])]),
    ));
    const result = dbscan(df, { eps, minSamples });
    const expected = oracle(rows, eps, minSamples);
    assert.deepEqual([...result.labels], expected, `n=${n} d=${d}`);
    assert.ok(result.nClusters > 1 && expected.includes(-1), `n=${n} d=${d} is not trivial`);
  }
});

Deno.test("dbscan() widens grid cells when eps is tiny against the range", () => {
  // 200 rows in [0, 1] and one at 1e12: 1e14 cells of width eps would be needed.
  const random = seededRandom(9);
  const xs = Array.from({ length: 200 }, random).concat([1e12]);
  const ys = xs.map(() => random());
  const rows = xs.map((x, i) => [x, ys[i]]);
  const result = dbscan(pl.DataFrame({ x: xs, y: ys }), { eps: 0.05, minSamples: 3 });
  assert.deepEqual([...result.labels], oracle(rows, 0.05, 3));
  assert.equal(result.labels[200], -1);
});

Deno.test("dbscan() with minSamples 1 makes every row core and labels no noise", () => {
  const result = dbscan(pl.DataFrame({ x: [0, 10, 0.5, 20] }), { eps: 1, minSamples: 1 });
  assert.deepEqual([...result.labels], [0, 1, 0, 2]);
  assert.deepEqual([...result.coreIndices], [0, 1, 2, 3]);
});

Deno.test("dbscan() rejects bad eps, minSamples and features", () => {
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  for (const eps of [0, -1]) {
    assert.throws(
      () => dbscan(df, { eps, minSamples: 2, features: ["x"] }),
      (e) =>
        e instanceof RangeError &&
        e.message === `Cannot run DBSCAN as eps must be a finite number > 0: got ${eps}`,
    );
  }
  for (const eps of [NaN, Infinity]) {
    assert.throws(
      () => dbscan(df, { eps, minSamples: 2, features: ["x"] }),
      (e) =>
        e instanceof RangeError &&
        e.message === `Cannot run DBSCAN as eps must be a finite number: got ${eps}`,
    );
  }
  for (const minSamples of [0, -2, 1.5]) {
    assert.throws(
      () => dbscan(df, { eps: 1, minSamples, features: ["x"] }),
      (e) =>
        e instanceof RangeError &&
        e.message === `Cannot run DBSCAN as minSamples must be an integer >= 1: got ${minSamples}`,
    );
  }
  assert.throws(
    () => dbscan(df, { eps: 1, minSamples: 2, features: ["x", "y"] }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot run DBSCAN as feature "y" has 1 row with missing, NaN or infinite values: rows 3$/
        .test(e.message),
  );
  assert.throws(
    () => dbscan(df, { eps: 1, minSamples: 2, features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric: it is String$/.test(e.message),
  );
  assert.throws(
    () => dbscan(df, { eps: 1, minSamples: 2, features: ["income"] }),
    (e) => e instanceof TypeError && /column "income" is missing/.test(e.message),
  );
  assert.throws(
    () => dbscan(pl.DataFrame({ x: [] as number[] }), { eps: 1, minSamples: 2 }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot run DBSCAN as the frame is empty: 0 rows$/.test(e.message),
  );
});

Deno.test("dbscan gives the same labels at 1, 2 and 3 threads as a sequential expansion", () => {
  // 12,000 rows rounded to a grid (ties at exactly eps, duplicates): 12 tasks per pass.
  const blobs = seededBlobs(12_000, 2, 8, 27);
  const df = blobs.select(...blobs.columns.map((c) => pl.col(c).round(1)));
  const result = assertSameAtAnyThreads(
    "dbscan",
    (threads) => dbscan(df, { eps: 0.3, minSamples: 6, threads }),
  );
  // Oracle: scikit-learn's _dbscan_inner order (scan rows, expand each new core row's cluster
  // breadth-first), over neighbourhoods from the grid index with one thread.
  const x = df.getColumn("f1").toArray() as number[];
  const y = df.getColumn("f2").toArray() as number[];
  const index = createGridIndex(
    { data: Float64Array.from(x.flatMap((v, i) => [v, y[i]])), n: x.length, d: 2 },
    { cellSize: 0.3 * (1 + 1e-6) },
  );
  const found = new Int32Array(x.length);
  const neighbours = (
    i: number,
  ) => [...found.subarray(0, index.withinRadius(i, 0.3, x.length, found))];
  const core = x.map((_, i) => neighbours(i).length >= 6);
  const labels = new Array<number>(x.length).fill(-1);
  let next = 0;
  for (let i = 0; i < x.length; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const queue = [i];
    labels[i] = next;
    while (queue.length > 0) {
      const row = queue.shift()!;
      for (const j of neighbours(row)) {
        if (labels[j] !== -1) continue;
        labels[j] = next;
        if (core[j]) queue.push(j);
      }
    }
    next++;
  }
  assert.equal(result.nClusters, next);
  assert.ok(next > 1);
  assert.deepEqual([...result.labels], labels);
});

Deno.test("dbscan checks threads before anything else", () => {
  assertBadThreadsRefused(
    "run DBSCAN",
    (empty, threads) => dbscan(empty, { eps: 1, minSamples: 2, threads: threads as number }),
  );
});
