import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { flagOutliers } from "./flag_outliers.ts";
import { assertThrows, sampleFrame } from "./_test_fixtures.ts";

// Reference rows: tests/reference/eda_reference.py, section "flagOutliers / outlierSummary on x":
// iqr: x.quantile(0.25/0.75) fences; zscore: scipy.stats.zscore(x, ddof=1, nan_policy="omit");
// mad: 0.6745 * |x - median| / scipy.stats.median_abs_deviation(x, scale=1.0).
const flaggedRows = (df: pl.DataFrame, column: string): number[] =>
  (df.getColumn(column).toArray() as boolean[]).flatMap((flag, i) => flag ? [i] : []);

Deno.test("flagOutliers() iqr flags values outside Tukey's fences, as pandas quantiles give", () => {
  const df = sampleFrame();
  const flagged = flagOutliers(df, { column: "x" });
  assert.deepEqual(flagged.columns, [...df.columns, "x_outlier"]);
  assert.equal(flagged.getColumn("x_outlier").dtype.variant, "Bool");
  assert.deepEqual(flaggedRows(flagged, "x_outlier"), [5, 8]); // fences 1.3 and 6.1
  // null x (rows 2 and 10) is never flagged
  assert.equal(flagged.getColumn("x_outlier").toArray()[2], false);
  assert.deepEqual(flaggedRows(flagOutliers(df, { column: "x", threshold: 3 }), "x_outlier"), [8]);
  assert.equal(df.width, 6); // input untouched
});

Deno.test("flagOutliers() zscore uses the sample standard deviation (scipy zscore ddof=1)", () => {
  const df = sampleFrame();
  assert.deepEqual(flaggedRows(flagOutliers(df, { column: "x", method: "zscore" }), "x_outlier"), [
    8,
  ]);
  assert.deepEqual(
    flaggedRows(flagOutliers(df, { column: "x", method: "zscore", threshold: 2 }), "x_outlier"),
    [8],
  );
});

Deno.test("flagOutliers() mad uses the modified z-score of Iglewicz & Hoaglin", () => {
  const df = sampleFrame();
  assert.deepEqual(flaggedRows(flagOutliers(df, { column: "x", method: "mad" }), "x_outlier"), [8]);
  assert.deepEqual(
    flaggedRows(flagOutliers(df, { column: "x", method: "mad", threshold: 2 }), "x_outlier"),
    [5, 8],
  );
  // Integer column: y = 30 lies far out
  assert.deepEqual(flaggedRows(flagOutliers(df, { column: "y", method: "mad" }), "y_outlier"), [8]);
});

Deno.test("flagOutliers() flags nothing when std or MAD is zero, and replaces an old flag", () => {
  const df = pl.DataFrame({ v: [1, 1, 1, 1, 5], flat: [2, 2, 2, 2, 2] });
  const none = [false, false, false, false, false];
  assert.deepEqual(
    flagOutliers(df, { column: "v", method: "mad" }).getColumn("v_outlier").toArray(),
    none,
  );
  assert.deepEqual(
    flagOutliers(df, { column: "flat", method: "zscore" }).getColumn("flat_outlier").toArray(),
    none,
  );
  // IQR = 0: Tukey's rule flags every value off the quartile
  const iqr = flagOutliers(df, { column: "v" });
  assert.deepEqual(iqr.getColumn("v_outlier").toArray(), [false, false, false, false, true]);
  const again = flagOutliers(iqr, { column: "v", method: "mad" });
  assert.deepEqual(again.columns, ["v", "flat", "v_outlier"]);
  assert.deepEqual(again.getColumn("v_outlier").toArray(), none);
});

Deno.test("flagOutliers() rejects bad input", () => {
  const df = sampleFrame();
  assertThrows(
    () => flagOutliers(df, { column: "nope" }),
    TypeError,
    /^Cannot flag outliers as column "nope" is missing: available columns are x, y, z/,
  );
  assertThrows(
    () => flagOutliers(df, { column: "seen_at" }),
    TypeError,
    /^Cannot flag outliers as column "seen_at" is not numeric: its dtype is Datetime\(ms\)$/,
  );
  assertThrows(
    () => flagOutliers(df.head(0), { column: "x" }),
    RangeError,
    /^Cannot flag outliers as the frame is empty: 0 rows$/,
  );
  assertThrows(
    // @ts-expect-error: an unknown method, as plain JavaScript could pass
    () => flagOutliers(df, { column: "x", method: "grubbs" }),
    RangeError,
    /^Cannot flag outliers as method must be one of "iqr", "zscore", "mad": got "grubbs"$/,
  );
  for (const threshold of [0, -1, NaN, Infinity]) {
    assertThrows(
      () => flagOutliers(df, { column: "x", threshold }),
      RangeError,
      new RegExp(
        `^Cannot flag outliers as the threshold must be a finite number( > 0)?: got ${threshold}$`,
      ),
    );
  }
  assertThrows(
    // @ts-expect-error: the column option is required
    () => flagOutliers(df, {}),
    TypeError,
    /the column option is not a string: got undefined/,
  );
});
