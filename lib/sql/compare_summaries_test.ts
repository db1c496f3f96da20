import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { compareSummaries } from "./compare_summaries.ts";

Deno.test("compareSummaries matches rows by key, dates by instant, and flags differences", () => {
  const expected = pl.DataFrame([
    pl.Series("period", [14944, 14975], pl.Int32).cast(pl.Date),
    pl.Series("complete", [true, false]),
    pl.Series("active", [10, 20], pl.Int64),
    pl.Series("rate", [null, 0.5]),
    pl.Series("label", ["x", "y"]),
  ]);
  const actual = pl.DataFrame([
    pl.Series("period", [14975 * 86_400_000, 14944 * 86_400_000], pl.Float64).cast(pl.Int64)
      .cast(pl.Datetime("ms")),
    pl.Series("complete", [false, true]),
    pl.Series("active", [20, 10], pl.Int64),
    pl.Series("rate", [0.5 + 1e-12, null]),
    pl.Series("label", ["y", "x"]),
  ]);
  const same = compareSummaries(actual, expected, { key: "period" });
  assert.deepEqual(same.getColumn("equal").toArray(), [true, true, true, true, true]);
  assert.deepEqual(same.getColumn("rows_compared").toArray(), [2, 2, 2, 2, 2]);
  const worst = same.getColumn("max_relative_difference").toArray();
  assert.deepEqual([worst[0], worst[1], worst[2], worst[4]], [null, 0, 0, null]);
  assert.ok(Number(same.getColumn("max_relative_difference").get(3)) < 1e-11);

  const changed = actual.withColumns(pl.Series("label", ["y", "z"]), pl.Series("rate", [0.5, 0.1]));
  const diff = compareSummaries(changed, expected, { key: "period" });
  assert.deepEqual(diff.getColumn("equal").toArray(), [true, true, true, false, false]);

  const fewer = compareSummaries(actual.head(1), expected, { key: "period" });
  assert.deepEqual(fewer.getColumn("rows_unmatched").toArray(), [1, 1, 1, 1, 1]);
  assert.deepEqual(fewer.getColumn("equal").toArray(), [false, false, false, false, false]);
});

Deno.test("compareSummaries refuses repeated keys, missing columns and a bad tolerance", () => {
  const df = pl.DataFrame({ id: ["a", "a"], v: [1, 2] });
  assert.throws(
    () => compareSummaries(df, df, { key: "id" }),
    (e: Error) => e instanceof RangeError && e.message.includes('key "id" repeats in actual: a'),
  );
  assert.throws(
    () => compareSummaries(df.select("id"), pl.DataFrame({ id: ["a"], v: [1] }), { key: "id" }),
    (e: Error) => e instanceof TypeError && e.message.includes('"v"'),
  );
  assert.throws(
    () => compareSummaries(df, df, { key: "id", tolerance: -1 }),
    (e: Error) => e instanceof RangeError && e.message.includes("tolerance"),
  );
});
