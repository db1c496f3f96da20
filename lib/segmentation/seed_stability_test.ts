import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { seedStability } from "./seed_stability.ts";
import { fitKMeans } from "./fit_kmeans.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";

const df = pl.DataFrame({
  x: [1, 2, 1.5, 10, 11, 10.5, 20, 21, 20.5, 5.5, 15.5],
  y: [1, 1.5, 2, 10, 10.5, 11, 1, 2, 1.5, 6, 6],
});

Deno.test("seedStability compares each seed's fit with the reference seed's", () => {
  const table = seedStability(df, { k: 3, seed: 42, seeds: [1, 2, 7], nInit: 1 });
  assert.deepEqual(table.columns, ["seed", "adjusted_rand_index", "inertia", "same_labels"]);
  assert.deepEqual(table.getColumn("seed").toArray(), [1, 2, 7]);
  const reference = fitKMeans(df, { k: 3, seed: 42, nInit: 1 }).labels;
  table.toRecords().forEach((row) => {
    const other = fitKMeans(df, { k: 3, seed: Number(row.seed), nInit: 1 });
    assert.equal(row.adjusted_rand_index, adjustedRandIndex(reference, other.labels));
    assert.equal(row.inertia, other.inertia);
    assert.equal(row.same_labels, other.labels.every((l, i) => l === reference[i]));
  });
});

Deno.test("seedStability needs at least one other seed", () => {
  assert.throws(() => seedStability(df, { k: 2, seed: 1, seeds: [] }), {
    name: "RangeError",
    message: "Cannot check seed stability as seeds must list at least one seed: got []",
  });
});

Deno.test("seedStability gives the same table at 1, 2 and 3 threads, and checks threads first", () => {
  const blobs = seededBlobs(12_000, 2, 4, 25);
  assertSameAtAnyThreads(
    "seed stability",
    (threads) => seedStability(blobs, { k: 4, seed: 1, seeds: [2, 3], nInit: 4, threads }),
    (table) => table.toRecords(),
  );
  assertBadThreadsRefused(
    "check seed stability",
    (empty, threads) =>
      seedStability(empty, { k: 2, seed: 1, seeds: [], threads: threads as number }),
  );
});
