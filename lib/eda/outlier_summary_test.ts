import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { outlierSummary } from "./outlier_summary.ts";
import { flagOutliers } from "./flag_outliers.ts";
import { assertThrows, sampleFrame } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py, section "flagOutliers / outlierSummary on x":
// iqr fences from Series.quantile(0.25 / 0.75); zscore bounds mean ± t * Series.std();
// mad bounds median ± t * scipy.stats.median_abs_deviation(scale=1.0) / 0.6745.

Deno.test("outlierSummary() iqr fences and counts match pandas for every numeric column", () => {
  const summary = outlierSummary(sampleFrame());
  assert.deepEqual(summary.columns, [
    "column",
    "method",
    "threshold",
    "lower",
    "upper",
    "outliers",
    "share",
  ]);
  assert.deepEqual(summary.getColumn("column").toArray(), ["x", "y", "z"]);
  assert.deepEqual(summary.getColumn("method").toArray(), ["iqr", "iqr", "iqr"]);
  assert.deepEqual(summary.getColumn("threshold").toArray(), [1.5, 1.5, 1.5]);
  assertClose(summary.getColumn("lower").toArray() as number[], [1.2999999999999992, 5.5, -2.625]);
  assertClose(summary.getColumn("upper").toArray() as number[], [6.100000000000001, 21.5, 4.875]);
  assert.deepEqual(summary.getColumn("outliers").toArray(), [2, 1, 0]);
  assert.equal(summary.getColumn("outliers").dtype.variant, "Int64");
  assert.deepEqual(summary.getColumn("share").toArray(), [2 / 16, 1 / 16, 0]);
});

Deno.test("outlierSummary() zscore and mad bounds match pandas/scipy", () => {
  const df = sampleFrame();
  const z = outlierSummary(df, { columns: ["x"], method: "zscore" });
  assertClose(z.getColumn("lower").toArray()[0] as number, -22.95493451357913);
  assertClose(z.getColumn("upper").toArray()[0] as number, 35.58350594215056);
  assert.deepEqual(z.getColumn("outliers").toArray(), [1]);
  const z2 = outlierSummary(df, { columns: ["x"], method: "zscore", threshold: 2 });
  assertClose(z2.getColumn("lower").toArray()[0] as number, -13.198527770957515);
  assertClose(z2.getColumn("upper").toArray()[0] as number, 25.82709919952894);
  const mad = outlierSummary(df, { columns: ["x"], method: "mad" });
  assertClose(mad.getColumn("lower").toArray()[0] as number, 0.327131208302446);
  assertClose(mad.getColumn("upper").toArray()[0] as number, 7.072868791697554);
  assert.deepEqual(mad.getColumn("threshold").toArray(), [3.5]);
  const mad2 = outlierSummary(df, { columns: ["x"], method: "mad", threshold: 2 });
  assertClose(mad2.getColumn("lower").toArray()[0] as number, 1.7726464047442547);
  assertClose(mad2.getColumn("upper").toArray()[0] as number, 5.627353595255745);
  assert.deepEqual(mad2.getColumn("outliers").toArray(), [2]);
});

Deno.test("outlierSummary() counts agree with flagOutliers()", () => {
  const df = sampleFrame();
  for (const method of ["iqr", "zscore", "mad"] as const) {
    const summary = outlierSummary(df, { method, threshold: 1 });
    for (const [i, column] of ["x", "y", "z"].entries()) {
      const flags = flagOutliers(df, { column, method, threshold: 1 })
        .getColumn(`${column}_outlier`).toArray().filter(Boolean).length;
      assert.equal(summary.getColumn("outliers").toArray()[i], flags, `${method} ${column}`);
    }
  }
});

Deno.test("outlierSummary() gives null bounds when the spread is zero", () => {
  const df = pl.DataFrame({ v: [1, 1, 1, 1, 5] });
  const mad = outlierSummary(df, { method: "mad" });
  assert.deepEqual(mad.toRecords()[0], {
    column: "v",
    method: "mad",
    threshold: 3.5,
    lower: null,
    upper: null,
    outliers: 0,
    share: 0,
  });
});

Deno.test("outlierSummary() rejects bad input", () => {
  const df = sampleFrame();
  assertThrows(
    () => outlierSummary(df, { columns: ["segment"] }),
    TypeError,
    /^Cannot summarise outliers as column "segment" is not numeric: its dtype is String$/,
  );
  assertThrows(
    () => outlierSummary(df, { columns: ["nope"] }),
    TypeError,
    /^Cannot summarise outliers as column "nope" is missing/,
  );
  assertThrows(() => outlierSummary(df.head(0)), RangeError, /the frame is empty: 0 rows/);
  assertThrows(
    () => outlierSummary(df.select("segment", "seen_at")),
    RangeError,
    /no numeric column is available: columns are segment, seen_at/,
  );
  assertThrows(
    () => outlierSummary(df, { threshold: -2 }),
    RangeError,
    /threshold must be a finite number > 0: got -2/,
  );
  assertThrows(
    // @ts-expect-error: an unknown method
    () => outlierSummary(df, { method: "IQR" }),
    RangeError,
    /method must be one of "iqr", "zscore", "mad": got "IQR"/,
  );
});
