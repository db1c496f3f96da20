import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { correlationMatrix } from "./correlation_matrix.ts";
import { assertThrows, sampleFrame } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py (pandas 1.5.3, scipy 1.10.1), section
// "correlationMatrix": df[["x", "y", "z"]].astype("float64").corr(method=...), pairwise-complete.
// Cross-checked: scipy.stats.pearsonr / scipy.stats.spearmanr on the complete (x, y) pairs give the
// same x-y cells (0.8899145117849324 and 0.9765526530826326).
const PEARSON = {
  x: [1.0, 0.8899145117849324, 0.22873675068592553],
  y: [0.8899145117849324, 1.0, 0.40960765637828916],
  z: [0.22873675068592553, 0.40960765637828916, 1.0],
};
const SPEARMAN = {
  x: [1.0, 0.9765526530826326, 0.5616753713347159],
  y: [0.9765526530826326, 1.0, 0.5470907025423086],
  z: [0.5616753713347159, 0.5470907025423086, 1.0],
};

Deno.test("correlationMatrix() matches pandas df.corr() (Pearson, pairwise-complete)", () => {
  const matrix = correlationMatrix(sampleFrame());
  assert.deepEqual(matrix.columns, ["column", "x", "y", "z"]); // only numeric columns by default
  assert.deepEqual(matrix.getColumn("column").toArray(), ["x", "y", "z"]);
  assert.deepEqual(matrix.dtypes.slice(1).map(String), Array(3).fill("DataType(Float64)"));
  for (const [name, expected] of Object.entries(PEARSON)) {
    assertClose(matrix.getColumn(name).toArray() as number[], expected);
  }
});

Deno.test('correlationMatrix() matches pandas df.corr(method="spearman") with ties and nulls', () => {
  const matrix = correlationMatrix(sampleFrame(), { method: "spearman" });
  for (const [name, expected] of Object.entries(SPEARMAN)) {
    assertClose(matrix.getColumn(name).toArray() as number[], expected);
  }
});

Deno.test("correlationMatrix() follows the requested column order", () => {
  const matrix = correlationMatrix(sampleFrame(), { columns: ["z", "x"] });
  assert.deepEqual(matrix.columns, ["column", "z", "x"]);
  assertClose(matrix.getColumn("x").toArray() as number[], [PEARSON.x[2], 1]);
});

Deno.test("correlationMatrix() gives null for constant columns and pairs with < 2 rows", () => {
  const df = pl.DataFrame([
    pl.Series("a", [1, 2, 3, 4], pl.Float64),
    pl.Series("flat", [5, 5, 5, 5], pl.Float64),
    pl.Series("sparse", [null, null, 1, null], pl.Float64),
  ]);
  const matrix = correlationMatrix(df);
  assert.deepEqual(matrix.getColumn("flat").toArray(), [null, null, null]);
  assert.deepEqual(matrix.getColumn("sparse").toArray(), [null, null, null]);
  assert.deepEqual(matrix.getColumn("a").toArray(), [1, null, null]);
});

Deno.test("correlationMatrix() rejects bad input", () => {
  const df = sampleFrame();
  assertThrows(
    () => correlationMatrix(df, { columns: ["x", "segment"] }),
    TypeError,
    /^Cannot compute a correlation matrix as column "segment" is not numeric: its dtype is String$/,
  );
  assertThrows(
    () => correlationMatrix(df, { columns: ["x", "nope"] }),
    TypeError,
    /Cannot compute a correlation matrix as column "nope" is missing/,
  );
  assertThrows(() => correlationMatrix(df.head(0)), RangeError, /the frame is empty: 0 rows/);
  assertThrows(
    // @ts-expect-error: an unknown method, as plain JavaScript could pass
    () => correlationMatrix(df, { method: "kendall" }),
    RangeError,
    /method must be one of "pearson", "spearman": got "kendall"/,
  );
  assertThrows(
    () => correlationMatrix(df.select("segment")),
    RangeError,
    /no numeric column is available: columns are segment/,
  );
  assertThrows(
    () => correlationMatrix(df.rename({ x: "column" })),
    RangeError,
    /a feature is named "column"/,
  );
});
