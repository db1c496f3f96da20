import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { nameSegments } from "./name_segments.ts";

const df = pl.DataFrame({
  spend: [10, 12, 500, 520, 100, 90, 7],
  age: [20, 30, 40, 50, 60, 70, 80],
});
const NAMES = ["High", "Middle", "Low"];

Deno.test("nameSegments follows the segments, not their label numbers", () => {
  const labels = [2, 2, 0, 0, 1, 1, -1];
  assert.deepEqual(nameSegments(df, { labels, by: "spend", names: NAMES }), {
    0: "High",
    1: "Middle",
    2: "Low",
  });
  // The same segments under other numbers (another seed) get the same names.
  const permuted = labels.map((l) => (l === -1 ? -1 : (l + 1) % 3));
  assert.deepEqual(nameSegments(df, { labels: permuted, by: "spend", names: NAMES }), {
    1: "High",
    2: "Middle",
    0: "Low",
  });
  assert.deepEqual(
    nameSegments(df, { labels, by: "spend", names: ["Low", "Middle", "High"], descending: false }),
    { 2: "Low", 1: "Middle", 0: "High" },
  );
});

Deno.test("nameSegments reports bad input", () => {
  assert.throws(
    () => nameSegments(df, { labels: [0, 0, 0, 1, 1, 1, 1], by: "spend", names: NAMES }),
    {
      name: "RangeError",
      message: "Cannot name segments as the names do not match the segments: 3 names, 2 segments",
    },
  );
  assert.throws(() => nameSegments(df, { labels: [0, 1], by: "spend", names: NAMES }), RangeError);
  assert.throws(
    () => nameSegments(df, { labels: [0, 0, 0, 1, 1, 1, 1], by: "nope", names: NAMES }),
    TypeError,
  );
  const tied = pl.DataFrame({ v: [1, 3, 2, 2] });
  assert.throws(() => nameSegments(tied, { labels: [0, 0, 1, 1], by: "v", names: ["A", "B"] }), {
    name: "RangeError",
    message: "Cannot name segments as two segments have the same mean v: labels 1 and 0 (2)",
  });
});
