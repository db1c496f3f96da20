import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { kDistance } from "./k_distance.ts";

import { kDistanceCases, loadFrame, seededRandom } from "./_test_fixtures.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: sklearn.neighbors.NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X)
// distances column k (scikit-learn counts each training row as its own neighbour 0), sorted
// descending, on moons_400 and blobs_600 (see _test_fixtures.ts; the Mall case runs in
// tests/datasets).
const cases = kDistanceCases("fixtures");

/** Brute-force oracle: sort every row's distances to the other rows. */
function naiveKDistance(rows: number[][], k: number): number[] {
  return rows.map((a, i) =>
    rows.filter((_, j) => j !== i)
      .map((b) => Math.sqrt(a.reduce((s, v, t) => s + (v - b[t]) ** 2, 0)))
      .sort((x, y) => x - y)[k - 1]
  ).sort((x, y) => y - x);
}

Deno.test("kDistance() matches scikit-learn NearestNeighbors(n_neighbors=k + 1) column k", () => {
  for (const c of cases) {
    const curve = kDistance(loadFrame(c.file), { k: c.k, features: c.features });
    assert.deepEqual(curve.columns, ["rank", "k_distance"]);
    assert.equal(curve.getColumn("rank").dtype.variant, "Int32");
    assert.equal(curve.getColumn("k_distance").dtype.variant, "Float64");
    const rank = curve.getColumn("rank").toArray();
    assert.deepEqual(rank, Array.from({ length: c.k_distance.length }, (_, i) => i + 1));
    const values = curve.getColumn("k_distance").toArray() as number[];
    assertClose(values, c.k_distance, 1e-12, c.name);
  }
});

Deno.test("kDistance() agrees with brute force on clumped data, outliers, duplicates and d > 3", () => {
  const random = seededRandom(77);
  const settings: [n: number, d: number, k: number][] = [
    [30, 2, 3], // brute force (n < 64)
    [400, 1, 5],
    [400, 2, 1],
    [400, 2, 399], // k = n - 1: the farthest row
    [400, 3, 8],
    [300, 5, 4],
  ];
  for (const [n, d, k] of settings) {
    const rows = Array.from({ length: n }, (_, i) => {
      if (i % 50 === 0) return Array.from({ length: d }, () => 100 * random()); // far outliers
      if (i % 7 === 0) return Array.from({ length: d }, () => 0.5); // duplicates
      return Array.from({ length: d }, () => random());
    });
    const df = pl.DataFrame(Object.fromEntries(
      Array.from({ length: d }, (_, j) => [`f${j}`, rows.map((r) => r[j])]),
    ));
    const actual = kDistance(df, { k }).getColumn("k_distance").toArray() as number[];
    const expected = naiveKDistance(rows, k);
    assertClose(actual, expected, 1e-12, `n=${n} d=${d} k=${k}`);
  }
  // A constant feature is skipped by the grid; all rows equal gives zeros.
  const flat = pl.DataFrame({ c: Array(80).fill(3), x: Array.from({ length: 80 }, (_, i) => i) });
  assert.deepEqual(
    (kDistance(flat, { k: 2 }).getColumn("k_distance").toArray() as number[]).slice(0, 3),
    [2, 2, 1],
  );
  const same = pl.DataFrame({ x: Array(70).fill(1) });
  assert.ok(
    (kDistance(same, { k: 3 }).getColumn("k_distance").toArray() as number[]).every((v) => v === 0),
  );
});

Deno.test("kDistance() rejects k outside 1 to n - 1 and bad features", () => {
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  for (const k of [0, 4, 1.5]) {
    assert.throws(
      () => kDistance(df, { k, features: ["x"] }),
      (e) =>
        e instanceof RangeError &&
        e.message ===
          `Cannot compute k-distance for n = 4 rows as k must be an integer from 1 to 3: got ${k}`,
    );
  }
  assert.throws(
    () => kDistance(df, { k: 1, features: ["x", "y"] }),
    (e) => e instanceof RangeError && /feature "y" has 1 row with missing, NaN/.test(e.message),
  );
  assert.throws(
    () => kDistance(df, { k: 1, features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric/.test(e.message),
  );
  assert.throws(
    () => kDistance(pl.DataFrame({ x: [] as number[] }), { k: 1 }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot compute k-distance as the frame is empty: 0 rows$/.test(e.message),
  );
});

Deno.test("kDistance gives the same curve at 1, 2 and 3 threads, and checks threads first", () => {
  const df = seededBlobs(12_000, 3, 6, 28);
  assertSameAtAnyThreads(
    "k-distance",
    (threads) => kDistance(df, { k: 5, threads }),
    (curve) => curve.getColumn("k_distance").toArray(),
  );
  assertBadThreadsRefused(
    "compute k-distance",
    (empty, threads) => kDistance(empty, { k: 1, threads: threads as number }),
  );
});
