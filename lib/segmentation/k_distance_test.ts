import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { kDistance } from "./k_distance.ts";

// Reference values: tests/reference/cluster_metrics_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/cluster_reference_kdistance.json with, for each case,
// sklearn.neighbors.NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X) distances column k
// (scikit-learn counts each training row as its own neighbour 0), sorted descending.

interface KDistanceCase {
  name: string;
  file: string;
  features: string[];
  k: number;
  k_distance: number[];
}

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const cases: KDistanceCase[] =
  JSON.parse(Deno.readTextFileSync(root("tests/fixtures/cluster_reference_kdistance.json"))).cases;
const frames = new Map<string, pl.DataFrame>();
const load = (file: string) => {
  if (!frames.has(file)) frames.set(file, pl.readCSV(root(file)));
  return frames.get(file)!;
};

/** Brute-force oracle: sort every row's distances to the other rows. */
function naiveKDistance(rows: number[][], k: number): number[] {
  return rows.map((a, i) =>
    rows.filter((_, j) => j !== i)
      .map((b) => Math.sqrt(a.reduce((s, v, t) => s + (v - b[t]) ** 2, 0)))
      .sort((x, y) => x - y)[k - 1]
  ).sort((x, y) => y - x);
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

Deno.test("kDistance() matches scikit-learn NearestNeighbors(n_neighbors=k + 1) column k", () => {
  for (const c of cases) {
    const curve = kDistance(load(c.file), { k: c.k, features: c.features });
    assert.deepEqual(curve.columns, ["rank", "k_distance"]);
    assert.equal(curve.getColumn("rank").dtype.variant, "Int32");
    assert.equal(curve.getColumn("k_distance").dtype.variant, "Float64");
    const rank = curve.getColumn("rank").toArray();
    assert.deepEqual(rank, Array.from({ length: c.k_distance.length }, (_, i) => i + 1));
    const values = curve.getColumn("k_distance").toArray() as number[];
    values.forEach((v, i) =>
      assert.ok(Math.abs(v - c.k_distance[i]) <= 1e-12 * c.k_distance[i], `${c.name} ${i}`)
    );
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
    actual.forEach((v, i) =>
      assert.ok(Math.abs(v - expected[i]) <= 1e-12 * expected[i], `n=${n} d=${d} k=${k} ${i}`)
    );
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
          `Cannot compute k-distance as k must be an integer from 1 to n - 1: k = ${k} for n = 4 rows`,
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
