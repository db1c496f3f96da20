import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitRobustScaler } from "./robust_scaler.ts";
import { FEATURES, newRows, sampleFrame } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/rfm_reference.py, section "scalers": scikit-learn 1.2.1
// `RobustScaler().fit(X)` (`center_`, `scale_`), `.transform(X)`, `.transform(X2)` and
// `RobustScaler(quantile_range=(10, 90)).fit(X).scale_`.
const CENTER = [14.0, 1.5, 29.6, 4.2];
const SCALE = [29.75, 1.0, 24.869999999999997, 1.0];
const SCALE_10_90 = [46.599999999999994, 2.0, 39.099999999999994, 1.0];
const TRANSFORMED: Record<string, number[]> = {
  recency_days: [
    -0.47058823529411764,
    0.4369747899159664,
    1.0084033613445378,
    0.0,
    0.0,
    1.8823529411764706,
    -0.47058823529411764,
    -0.47058823529411764,
    0.5714285714285714,
    -0.4369747899159664,
  ],
  frequency: [1.5, 0.5, -0.5, -0.5, 0.5, -0.5, -0.5, 0.5, 1.5, -0.5],
  monetary: [
    1.0615199034981906,
    0.4181745074386811,
    -0.5468435866505832,
    -0.9087253719340572,
    0.6192199437072778,
    -0.17691998391636507,
    -0.9087253719340572,
    -0.5870526739043025,
    0.4246079613992761,
    0.17691998391636507,
  ],
  constant: new Array(10).fill(0),
};
const NEW_ROWS = [
  [-0.47058823529411764, -0.5, -0.9891435464414959, 0.0],
  [2.8907563025210083, 8.5, 39.01889827100925, 1.0],
];

Deno.test("fitRobustScaler matches scikit-learn's RobustScaler parameters", () => {
  const scaler = fitRobustScaler(sampleFrame());
  assert.deepEqual(scaler.features, [...FEATURES]);
  assert.deepEqual(scaler.options, { features: [...FEATURES], quantileRange: [25, 75] });
  assert.equal(scaler.nSamples, 10);
  assertClose(FEATURES.map((f) => scaler.center[f]), CENTER, 1e-15, "center");
  assertClose(FEATURES.map((f) => scaler.scale[f]), SCALE, 1e-15, "scale");
  const wide = fitRobustScaler(sampleFrame(), { quantileRange: [10, 90] });
  assertClose(FEATURES.map((f) => wide.scale[f]), SCALE_10_90, 1e-15, "scale 10-90");
});

Deno.test("RobustScaler.transform matches scikit-learn and keeps other columns", () => {
  const df = sampleFrame();
  const out = fitRobustScaler(df).transform(df);
  assert.deepEqual(out.columns, df.columns);
  assert.deepEqual(out.getColumn("customer_id").toArray(), df.getColumn("customer_id").toArray());
  for (const f of FEATURES) assertClose(out.getColumn(f).toArray(), TRANSFORMED[f], 1e-12, f);
});

Deno.test("a RobustScaler fitted on one frame applies the same parameters to another", () => {
  const out = fitRobustScaler(sampleFrame()).transform(newRows());
  out.select(...FEATURES).rows().forEach((row, i) =>
    assertClose(row, NEW_ROWS[i], 1e-12, `row ${i}`)
  );
});

Deno.test("fitRobustScaler: odd and even counts, interpolated quartiles, inverse", () => {
  // numpy: np.median([1, 2, 4, 8, 100]) = 4, np.percentile(..., [25, 75]) = [2, 8];
  // np.median([1, 2, 4, 8]) = 3, np.percentile([1, 2, 4, 8], [25, 75]) = [1.75, 5].
  const odd = fitRobustScaler(pl.DataFrame({ x: [8, 1, 100, 4, 2] }));
  assert.deepEqual([odd.center.x, odd.scale.x], [4, 6]);
  const even = fitRobustScaler(pl.DataFrame({ x: [8, 1, 4, 2] }));
  assert.deepEqual([even.center.x, even.scale.x], [3, 3.25]);
  const df = sampleFrame();
  const scaler = fitRobustScaler(df);
  const back = scaler.inverseTransform(scaler.transform(df));
  for (const f of FEATURES) {
    assertClose(back.getColumn(f).toArray(), df.getColumn(f).toArray() as number[], 1e-13, f);
  }
});

Deno.test("RobustScaler is frozen and never modifies its inputs", () => {
  const df = sampleFrame();
  const before = df.clone();
  const range: [number, number] = [25, 75];
  const scaler = fitRobustScaler(df, { quantileRange: range });
  range[0] = 0;
  assert.deepEqual(scaler.options.quantileRange, [25, 75]);
  scaler.transform(df);
  assert.ok(df.frameEqual(before));
  for (const part of [scaler, scaler.center, scaler.scale, scaler.options]) {
    assert.ok(Object.isFrozen(part));
  }
});

Deno.test("fitRobustScaler and transform reject bad options, features and values", () => {
  const df = sampleFrame();
  for (const quantileRange of [[75, 25], [-1, 50], [50, 101], [50, 50]] as [number, number][]) {
    assert.throws(
      () => fitRobustScaler(df, { quantileRange }),
      /^RangeError: Cannot fit RobustScaler as quantileRange must be two percentiles with 0 <= low < high <= 100: /,
    );
  }
  assert.throws(
    () => fitRobustScaler(df).transform(df.drop("frequency")),
    /^TypeError: Cannot transform with RobustScaler as column "frequency" is missing/,
  );
  assert.throws(
    () => fitRobustScaler(df, { features: ["nope"] }),
    /^TypeError: Cannot fit RobustScaler as column "nope" is missing/,
  );
  assert.throws(
    () => fitRobustScaler(df.head(0)),
    /^RangeError: Cannot fit RobustScaler as the frame is empty: 0 rows$/,
  );
  assert.throws(
    () => fitRobustScaler(df.withColumns(pl.lit(Number.NaN).alias("constant"))),
    /^RangeError: Cannot fit RobustScaler as feature "constant" has 10 rows with missing, NaN or infinite values: rows 1, 2, 3, 4, 5 and 5 more$/,
  );
});
