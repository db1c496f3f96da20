import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { groupSummary } from "./group_summary.ts";

const df = pl.DataFrame({
  source: ["a", "a", "a", "b", "b", "c"],
  bounce: [0.1, 0.2, null, 0.4, 0.6, 0.0],
  bought: [true, false, false, true, true, false],
});

Deno.test("groupSummary: sizes, means without missing values and rates, largest first", () => {
  const t = groupSummary(df, { by: "source", means: ["bounce"], rates: ["bought"] });
  assert.deepEqual(t.columns, ["source", "rows", "share", "mean_bounce", "bought_rate"]);
  const rows = t.toRecords();
  assert.deepEqual(rows.map((r) => r.source), ["a", "b", "c"]);
  assert.deepEqual(rows.map((r) => r.rows), [3, 2, 1]);
  assert.deepEqual(rows.map((r) => r.share), [0.5, 2 / 6, 1 / 6]);
  assert.ok(Math.abs(Number(rows[0].mean_bounce) - 0.15) < 1e-15);
  assert.deepEqual(rows.map((r) => r.bought_rate), [1 / 3, 1, 0]);
});

Deno.test("groupSummary pools groups below minRows as 'other'", () => {
  const t = groupSummary(df, { by: "source", rates: ["bought"], minRows: 3 });
  assert.deepEqual(t.getColumn("source").toArray(), ["a", "other"]);
  assert.deepEqual(t.getColumn("bought_rate").toArray(), [1 / 3, 2 / 3]);
});

Deno.test("groupSummary: bad input gives clear errors", () => {
  assert.throws(
    () => groupSummary(df, { by: "source", rates: ["bounce"] }),
    /rate column "bounce" must hold only 0 and 1: 5 other values/,
  );
  assert.throws(() => groupSummary(df, { by: "nope" }), TypeError);
  assert.throws(() => groupSummary(df, { by: "source", minRows: 0 }), RangeError);
  assert.throws(() => groupSummary(df, { by: "source", means: ["source"] }), TypeError);
});
