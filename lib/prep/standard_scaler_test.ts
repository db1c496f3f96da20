import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitStandardScaler } from "./standard_scaler.ts";
import { FEATURES, newRows, sampleFrame } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/rfm_reference.py, section "scalers": scikit-learn 1.2.1
// `StandardScaler().fit(X)` (`mean_`, `scale_`, `var_`), `.transform(X)` and `.transform(X2)`.
const MEAN = [20.1, 1.7, 28.536, 4.200000000000001];
const SCALE = [22.08823216103996, 0.7810249675906655, 16.12709719695395, 1.0];
const VARIANCE = [487.89000000000004, 0.6100000000000001, 260.083264, 0.0];
const TRANSFORMED: Record<string, number[]> = {
  recency_days: [
    -0.9099868134966963,
    0.31238353299140315,
    1.0820241215209472,
    -0.27616515235471883,
    -0.27616515235471883,
    2.259121492213191,
    -0.9099868134966963,
    -0.9099868134966963,
    0.49347543617482525,
    -0.8647138377008408,
  ],
  frequency: [
    1.6644794391276476,
    0.3841106397986879,
    -0.8962581595302717,
    -0.8962581595302717,
    0.3841106397986879,
    -0.8962581595302717,
    -0.8962581595302717,
    0.3841106397986879,
    1.6644794391276476,
    -0.8962581595302717,
  ],
  monetary: [
    1.7029723120405906,
    0.7108532837617728,
    -0.7773252586564539,
    -1.3353922120632888,
    1.0208904800989034,
    -0.20685681739613343,
    -1.3353922120632888,
    -0.83933269792388,
    0.7207744740445609,
    0.3388086481572162,
  ],
  constant: new Array(10).fill(-8.881784197001252e-16),
};
const NEW_ROWS = [
  [-0.9099868134966963, -0.8962581595302717, -1.459407090598141, -8.881784197001252e-16],
  [3.6173107660888575, 10.627061034430366, 60.23799498049084, 0.9999999999999991],
];

Deno.test("fitStandardScaler matches scikit-learn's StandardScaler parameters", () => {
  const scaler = fitStandardScaler(sampleFrame());
  assert.deepEqual(scaler.features, [...FEATURES]);
  assert.deepEqual(scaler.options, { features: [...FEATURES] });
  assert.equal(scaler.nSamples, 10);
  assertClose(FEATURES.map((f) => scaler.mean[f]), MEAN, 1e-14, "mean");
  assertClose(FEATURES.map((f) => scaler.scale[f]), SCALE, 1e-14, "scale");
  assertClose(FEATURES.map((f) => scaler.variance[f]), VARIANCE, 1e-14, "variance");
  // The constant column is only centred.
  assert.equal(scaler.scale.constant, 1);
});

Deno.test("StandardScaler.transform matches scikit-learn and keeps other columns", () => {
  const df = sampleFrame();
  const out = fitStandardScaler(df).transform(df);
  assert.deepEqual(out.columns, df.columns);
  assert.deepEqual(out.getColumn("customer_id").toArray(), df.getColumn("customer_id").toArray());
  for (const f of FEATURES) {
    assert.equal(out.getColumn(f).dtype.variant, "Float64");
    assertClose(out.getColumn(f).toArray(), TRANSFORMED[f], 1e-12, f);
  }
});

Deno.test("a StandardScaler fitted on one frame applies the same parameters to another", () => {
  const scaler = fitStandardScaler(sampleFrame());
  const out = scaler.transform(newRows());
  assert.deepEqual(out.getColumn("customer_id").toArray(), ["n1", "n2"]);
  out.select(...FEATURES).rows().forEach((row, i) =>
    assertClose(row, NEW_ROWS[i], 1e-12, `row ${i}`)
  );
  // Column order of the other frame is kept; extra columns pass through.
  const reordered = newRows().select(
    "monetary",
    "constant",
    "customer_id",
    "frequency",
    "recency_days",
  )
    .withColumns(pl.lit(1).alias("extra"));
  const out2 = scaler.transform(reordered);
  assert.deepEqual(out2.columns, reordered.columns);
  assertClose(out2.getColumn("monetary").toArray(), [NEW_ROWS[0][2], NEW_ROWS[1][2]], 1e-12);
});

Deno.test("StandardScaler.inverseTransform undoes transform", () => {
  const df = sampleFrame();
  const scaler = fitStandardScaler(df);
  const back = scaler.inverseTransform(scaler.transform(df));
  for (const f of FEATURES) {
    assertClose(back.getColumn(f).toArray(), df.getColumn(f).toArray() as number[], 1e-13, f);
  }
});

Deno.test("fitStandardScaler scales only the chosen features; integers become Float64", () => {
  const df = sampleFrame().withColumns(pl.col("frequency").cast(pl.Int64));
  const scaler = fitStandardScaler(df, { features: ["frequency"] });
  assert.deepEqual(Object.keys(scaler.mean), ["frequency"]);
  const out = scaler.transform(df);
  assert.equal(out.getColumn("frequency").dtype.variant, "Float64");
  assertClose(out.getColumn("frequency").toArray(), TRANSFORMED.frequency, 1e-12);
  assert.ok(out.getColumn("monetary").equals(df.getColumn("monetary")));
});

Deno.test("StandardScaler is frozen and never modifies its inputs", () => {
  const df = sampleFrame();
  const before = df.clone();
  const features = ["monetary", "frequency"];
  const scaler = fitStandardScaler(df, { features });
  features.push("constant");
  assert.deepEqual(scaler.features, ["monetary", "frequency"]);
  scaler.transform(df);
  scaler.inverseTransform(df);
  assert.ok(df.frameEqual(before));
  for (const part of [scaler, scaler.mean, scaler.scale, scaler.variance, scaler.features]) {
    assert.ok(Object.isFrozen(part));
  }
  assert.throws(() => {
    (scaler.mean as Record<string, number>).monetary = 0;
  }, TypeError);
});

Deno.test("StandardScaler.transform keeps nulls as nulls", () => {
  const scaler = fitStandardScaler(sampleFrame(), { features: ["frequency"] });
  const out = scaler.transform(pl.DataFrame([pl.Series("frequency", [1.7, null], pl.Float64)]));
  assert.deepEqual(out.getColumn("frequency").toArray(), [0, null]);
});

Deno.test("fitStandardScaler and transform reject bad features and values", () => {
  const df = sampleFrame();
  const scaler = fitStandardScaler(df);
  assert.throws(
    () => scaler.transform(df.drop("monetary")),
    /^TypeError: Cannot transform with StandardScaler as column "monetary" is missing/,
  );
  assert.throws(
    () => scaler.transform(df.withColumns(pl.col("monetary").cast(pl.Utf8))),
    /^TypeError: Cannot transform with StandardScaler as feature "monetary" is not numeric: it is String$/,
  );
  assert.throws(
    () => fitStandardScaler(df, { features: ["customer_id"] }),
    /^TypeError: Cannot fit StandardScaler as feature "customer_id" is not numeric: it is String$/,
  );
  assert.throws(
    () => fitStandardScaler(df, { features: ["monetary", "monetary"] }),
    /^TypeError: Cannot fit StandardScaler as feature "monetary" is listed twice/,
  );
  assert.throws(
    () => fitStandardScaler(df.select("customer_id")),
    /^TypeError: Cannot fit StandardScaler as no feature is numeric/,
  );
  assert.throws(
    () => fitStandardScaler(df.head(0)),
    /^RangeError: Cannot fit StandardScaler as the frame is empty: 0 rows$/,
  );
  const withNull = df.withColumns(
    pl.when(pl.col("customer_id").eq(pl.lit("c03"))).then(pl.lit(null).cast(pl.Float64))
      .otherwise(pl.col("monetary")).alias("monetary"),
  );
  assert.throws(
    () => fitStandardScaler(withNull),
    /^RangeError: Cannot fit StandardScaler as feature "monetary" has 1 row with missing, NaN or infinite values: rows 3$/,
  );
});
