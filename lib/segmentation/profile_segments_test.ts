import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { profileSegments } from "./profile_segments.ts";
import { labelSegments } from "./label_segments.ts";

const df = pl.DataFrame({
  id: ["a", "b", "c", "d", "e", "f"],
  income: [20, 30, 40, 100, 120, 50],
  score: [80, 90, 70, 20, 10, 30],
});
const labels = [0, 0, 0, 1, 1, -1];

Deno.test("profileSegments computes sizes, means, medians and indexes by hand", () => {
  const p = profileSegments(df, { labels, names: { 0: "Young spenders" } });
  assert.deepEqual(p.getColumn("segment").toArray(), ["Noise", "Young spenders", "Segment 2"]);
  assert.deepEqual(p.getColumn("label").toArray(), [-1, 0, 1]);
  assert.deepEqual(p.getColumn("size").toArray(), [1, 3, 2]);
  assert.deepEqual(p.getColumn("share").toArray(), [1 / 6, 3 / 6, 2 / 6]);
  // income mean 60, score mean 50
  assert.deepEqual(p.getColumn("income_mean").toArray(), [50, 30, 110]);
  assert.deepEqual(p.getColumn("income_median").toArray(), [50, 30, 110]);
  assert.deepEqual(p.getColumn("score_index").toArray(), [60, 160, 30]);
  assert.deepEqual((p.getColumn("income_index").toArray() as number[]).map(Math.round), [
    83,
    50,
    183,
  ]);
  assert.deepEqual(p.getColumn("description").toArray(), [
    "low score (60)",
    "low income (50), high score (160)",
    "high income (183), low score (30)",
  ]);
});

Deno.test("profileSegments leaves indexes empty when the overall mean is not positive", () => {
  const z = pl.DataFrame({ z: [-1, 1, -2, 2] });
  const p = profileSegments(z, { labels: [0, 0, 1, 1] });
  assert.deepEqual(p.getColumn("z_index").toArray(), [null, null]);
  assert.deepEqual(p.getColumn("description").toArray(), [
    "close to average on every feature",
    "close to average on every feature",
  ]);
});

Deno.test("profileSegments and labelSegments reject mismatched labels", () => {
  assert.throws(() => profileSegments(df, { labels: [0, 1] }), /2 labels, 6 rows/);
  assert.throws(() => labelSegments(df, { labels: [0, 1] }), /2 labels, 6 rows/);
  assert.throws(() => profileSegments(df, { labels, features: ["id"] }), TypeError);
});

Deno.test("labelSegments adds names without touching the input", () => {
  const out = labelSegments(df, { labels, column: "group", names: { 1: "Affluent" } });
  assert.deepEqual(out.getColumn("group").toArray(), [
    "Segment 1",
    "Segment 1",
    "Segment 1",
    "Affluent",
    "Affluent",
    "Noise",
  ]);
  assert.equal(df.width, 3);
});

Deno.test("labelSegments takes a prefix for default names", () => {
  const out = labelSegments(df, { labels, prefix: "DBSCAN" });
  assert.deepEqual(out.getColumn("segment").toArray().slice(3), ["DBSCAN 2", "DBSCAN 2", "Noise"]);
});
