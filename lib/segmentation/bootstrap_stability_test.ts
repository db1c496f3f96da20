import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { bootstrapStability } from "./bootstrap_stability.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";
import { fitKMeans } from "./fit_kmeans.ts";
import { fitKPrototypes } from "./fit_k_prototypes.ts";
import { createRandom } from "../core/random.ts";

const kmeans = (features: string[]) => (d: pl.DataFrame, o: { k: number; seed: number }) =>
  fitKMeans(d, { ...o, features, nInit: 3 });

Deno.test("bootstrapStability: separated groups score 1 on every resample", () => {
  // 10 rows per group: a resample misses a whole group with probability about 3 x (2/3)^30.
  const df = pl.DataFrame({
    x: [0, 50, 100].flatMap((c) => Array.from({ length: 10 }, (_, i) => c + i / 10)),
  });
  const r = bootstrapStability(df, { fit: kmeans(["x"]), k: 3, resamples: 20, seed: 4 });
  assert.deepEqual(r.scores.columns, ["resample", "adjusted_rand_index"]);
  assert.equal(r.mean, 1);
  assert.equal(r.min, 1);
  assert.equal(new Set(r.labels).size, 3);
});

Deno.test("bootstrapStability: k-means on structureless noise with k = 6 is unstable", () => {
  const random = createRandom(9);
  const n = 200;
  const df = pl.DataFrame({
    x: Array.from({ length: n }, () => random.next()),
    y: Array.from({ length: n }, () => random.next()),
  });
  const r = bootstrapStability(df, { fit: kmeans(["x", "y"]), k: 6, resamples: 10, seed: 2 });
  assert.ok(r.mean < 0.9, `mean ARI ${r.mean}`);
  assert.ok(r.min < r.mean);
});

Deno.test("bootstrapStability compares each resample's labels with the reference rows' labels", () => {
  // A fit that labels by a fixed threshold reproduces the reference exactly (ARI 1), and one
  // that labels at random does not: the comparison is over the resampled rows.
  const df = pl.DataFrame({ x: Array.from({ length: 40 }, (_, i) => i) });
  const threshold = (d: pl.DataFrame) => ({
    labels: (d.getColumn("x").toArray() as number[]).map((v) => (v < 20 ? 0 : 1)),
  });
  assert.equal(bootstrapStability(df, { fit: threshold, k: 2, resamples: 5, seed: 1 }).min, 1);
  const noise = (d: pl.DataFrame, o: { seed: number }) => {
    const rnd = createRandom(o.seed);
    return { labels: Array.from({ length: d.height }, () => rnd.int(2)) };
  };
  const r = bootstrapStability(df, { fit: noise, k: 2, resamples: 5, seed: 1 });
  assert.ok(r.mean < 0.3);
  // Same seed, same scores.
  const again = bootstrapStability(df, { fit: noise, k: 2, resamples: 5, seed: 1 });
  assert.deepEqual(again.scores.toRecords(), r.scores.toRecords());
  assert.equal(adjustedRandIndex(r.labels, again.labels), 1);
});

Deno.test("bootstrapStability works with k-prototypes on mixed features", () => {
  const df = pl.DataFrame({
    spend: [1, 1.2, 0.9, 1.1, 8, 8.3, 7.9, 8.1],
    channel: ["web", "web", "web", "web", "store", "store", "store", "store"],
  });
  const r = bootstrapStability(df, {
    fit: (d, o) => fitKPrototypes(d, { ...o, numeric: ["spend"], categorical: ["channel"] }),
    k: 2,
    resamples: 8,
    seed: 3,
  });
  assert.equal(r.min, 1);
});

Deno.test("bootstrapStability: bad input gives clear errors", () => {
  const df = pl.DataFrame({ x: [1, 2, 3, 4] });
  assert.throws(
    () => bootstrapStability(df, { fit: () => ({ labels: [0, 1] }), k: 2, resamples: 2, seed: 1 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot check bootstrap stability (reference fit) as labels and rows differ in length: 2 labels, 4 rows",
  );
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => bootstrapStability(df, { fit: "kmeans" as any, k: 2, resamples: 2, seed: 1 }),
    TypeError,
  );
  assert.throws(
    () => bootstrapStability(df, { fit: kmeans(["x"]), k: 2, resamples: 0, seed: 1 }),
    RangeError,
  );
  assert.throws(
    () => bootstrapStability(df, { fit: kmeans(["x"]), k: 5, resamples: 2, seed: 1 }),
    /k is larger than the number of distinct points/,
  );
});
