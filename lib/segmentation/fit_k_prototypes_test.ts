import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitKPrototypes } from "./fit_k_prototypes.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Hand-computed from Huang's (1998) definition: cost = sum of squared numeric distances to the
// cluster mean + gamma x categorical mismatches with the cluster mode. x = 0, 2, 10, 12 and
// c = a, b, a, b; the seven 2-cluster partitions cost:
//   {0,2}{10,12}: 4 x 1^2 = 4, one mismatch each             -> 4 + 2 gamma
//   {0,10}{2,12}: 4 x 5^2 = 100, no mismatch                  -> 100
//   {0}{2,10,12} and {12}{0,2,10}: 36 + 4 + 16 = 56, one      -> 56 + gamma
//   {2}{0,10,12} and {10}{0,2,12}: 248/3 = 82.67, one         -> 82.67 + gamma
//   {0,12}{2,10}: 2 x 36 + 2 x 16 = 104, two                   -> 104 + 2 gamma
// gamma = 60 -> {0,10}{2,12} at 100; gamma = 1 -> {0,2}{10,12} at 6. Default gamma: population
// SD of x is sqrt(26) (mean 6; deviations 6, 4, 4, 6), half of it 2.5495, cost 4 + sqrt(26).
const df = pl.DataFrame({ x: [0, 2, 10, 12], c: ["a", "b", "a", "b"] });
const features = { numeric: ["x"], categorical: ["c"] };

function samePartition(labels: Int32Array, groups: number[][]) {
  for (const g of groups) for (const i of g) assert.equal(labels[i], labels[g[0]]);
  assert.notEqual(labels[groups[0][0]], labels[groups[1][0]]);
}

Deno.test("fitKPrototypes: hand-computed costs decide between partitions by gamma", () => {
  const heavy = fitKPrototypes(df, { ...features, k: 2, gamma: 60, seed: 3 });
  samePartition(heavy.labels, [[0, 2], [1, 3]]);
  assert.equal(heavy.cost, 100);
  const light = fitKPrototypes(df, { ...features, k: 2, gamma: 1, seed: 3 });
  samePartition(light.labels, [[0, 1], [2, 3]]);
  assert.equal(light.cost, 6);
  const byDefault = fitKPrototypes(df, { ...features, k: 2, seed: 3 });
  assertClose(byDefault.gamma, Math.sqrt(26) / 2, 1e-15);
  assertClose(byDefault.cost, 4 + Math.sqrt(26), 1e-12);
  assert.equal(byDefault.options.gamma, byDefault.gamma);
  // Prototypes: cluster of row 0 has mean 1 and (tied a/b) mode "a", first in sort order.
  const c0 = byDefault.labels[0];
  assert.deepEqual(byDefault.centroids[c0], [1]);
  assert.deepEqual(byDefault.modes[c0], ["a"]);
  assert.deepEqual([...byDefault.sizes], [2, 2]);
});

/** The definition's cost of one partition, computed directly. */
function partitionCost(
  x: number[],
  c: string[][],
  labels: number[],
  k: number,
  gamma: number,
): number {
  let cost = 0;
  for (let g = 0; g < k; g++) {
    const rows = labels.flatMap((l, i) => (l === g ? [i] : []));
    if (rows.length === 0) return Infinity;
    const mean = rows.reduce((s, i) => s + x[i], 0) / rows.length;
    cost += rows.reduce((s, i) => s + (x[i] - mean) ** 2, 0);
    for (let j = 0; j < c.length; j++) {
      const counts = new Map<string, number>();
      for (const i of rows) counts.set(c[j][i], (counts.get(c[j][i]) ?? 0) + 1);
      cost += gamma * (rows.length - Math.max(...counts.values()));
    }
  }
  return cost;
}

Deno.test("fitKPrototypes finds the best partition of a small table (brute force over all)", () => {
  const x = [1, 1.5, 2, 6, 6.5, 7, 3.5, 4];
  const c = [["u", "u", "v", "v", "v", "u", "u", "v"], ["p", "q", "p", "q", "q", "p", "q", "p"]];
  const table = pl.DataFrame({ x, c1: c[0], c2: c[1] });
  const k = 3;
  const gamma = 0.8;
  let best = Infinity;
  const labels = new Array(x.length).fill(0);
  const total = k ** x.length;
  for (let code = 0; code < total; code++) {
    let r = code;
    for (let i = 0; i < x.length; i++) {
      labels[i] = r % k;
      r = Math.floor(r / k);
    }
    best = Math.min(best, partitionCost(x, c, labels, k, gamma));
  }
  const model = fitKPrototypes(table, {
    numeric: ["x"],
    categorical: ["c1", "c2"],
    k,
    gamma,
    seed: 11,
    nInit: 20,
  });
  assertClose(model.cost, best, 1e-12);
  assertClose(partitionCost(x, c, [...model.labels], k, gamma), model.cost, 1e-12);
  assert.deepEqual([...model.predict(table)], [...model.labels]);
});

Deno.test("fitKPrototypes is reproducible from its seed and leaves the input alone", () => {
  const a = fitKPrototypes(df, { ...features, k: 2, seed: 5, nInit: 3 });
  const b = fitKPrototypes(df, { ...features, k: 2, seed: 5, nInit: 3 });
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(df.getColumn("x").toArray(), [0, 2, 10, 12]);
});

Deno.test("fitKPrototypes: bad input gives clear errors", () => {
  const oneLevel = pl.DataFrame({ x: [1, 2, 3], c: ["a", "a", "a"] });
  assert.throws(
    () => fitKPrototypes(oneLevel, { ...features, k: 2, seed: 1 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        'Cannot fit k-prototypes as categorical feature "c" has one level, so it cannot separate segments: "a" in all 3 rows',
  );
  const allMissing = pl.DataFrame({
    x: pl.Series("x", [null, null, null], pl.Float64),
    c: ["a", "b", "a"],
  });
  assert.throws(
    () => fitKPrototypes(allMissing, { ...features, k: 2, seed: 1 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message === 'Cannot fit k-prototypes as numeric feature "x" is all missing: 3 of 3 rows',
  );
  const someMissing = pl.DataFrame({ x: [1, null, 3], c: ["a", "b", "a"] });
  assert.throws(
    () => fitKPrototypes(someMissing, { ...features, k: 2, seed: 1 }),
    /numeric feature "x" has 1 missing or non-finite values \(impute or drop them first\): rows 2/,
  );
  const dupes = pl.DataFrame({ x: [1, 1, 2, 2], c: ["a", "a", "b", "b"] });
  assert.throws(
    () => fitKPrototypes(dupes, { ...features, k: 3, seed: 1 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot fit k-prototypes as k is larger than the number of distinct rows: k = 3, 2 distinct of 4 rows",
  );
  assert.throws(
    () => fitKPrototypes(df, { numeric: ["x"], categorical: ["nope"], k: 2, seed: 1 }),
    TypeError,
  );
  assert.throws(
    () => fitKPrototypes(df, { numeric: ["c"], categorical: [], k: 2, seed: 1 }),
    /column "c" is not numeric/,
  );
  assert.throws(() => fitKPrototypes(df, { ...features, k: 2, gamma: -1, seed: 1 }), RangeError);
});
