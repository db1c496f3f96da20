import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { log1pTransform } from "./log1p_transform.ts";
import { fitStandardScaler } from "./standard_scaler.ts";
import { sampleFrame } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/rfm_reference.py, section "scalers": numpy 1.24
// `np.log1p(X)["monetary"]`, and scikit-learn 1.2.1 `StandardScaler().fit(np.log1p(X))` on
// recency_days, frequency and monetary (`mean_`, `scale_`).
const LOG_MONETARY = [
  4.04305126783455,
  3.713572066704308,
  2.833213344056216,
  2.0794415416798357,
  3.828641396489095,
  3.265759410767051,
  2.0794415416798357,
  2.772588722239781,
  3.717466910965849,
  3.5553480614894135,
];
const LOG_MEAN = [2.097653036255093, 0.9534161491043835, 3.1888524263905937];
const LOG_SCALE = [1.6407947307003357, 0.27869562781716556, 0.6778881136674687];

Deno.test("log1pTransform matches numpy log1p and feeds a StandardScaler", () => {
  const features = ["recency_days", "frequency", "monetary"];
  const logged = log1pTransform(sampleFrame(), { features });
  assertClose(logged.getColumn("monetary").toArray(), LOG_MONETARY, 1e-15, "log1p");
  const scaler = fitStandardScaler(logged, { features });
  assertClose(features.map((f) => scaler.mean[f]), LOG_MEAN, 1e-14, "mean");
  assertClose(features.map((f) => scaler.scale[f]), LOG_SCALE, 1e-14, "scale");
});

Deno.test("log1pTransform defaults to numeric columns, keeps others, casts to Float64", () => {
  const df = pl.DataFrame([
    pl.Series("id", ["a", "b", "c"], pl.Utf8),
    pl.Series("n", [0, 1, null], pl.Int64),
    pl.Series("tiny", [1e-18, -0.5, 0], pl.Float64),
  ]);
  const out = log1pTransform(df);
  assert.deepEqual(out.columns, ["id", "n", "tiny"]);
  assert.deepEqual(out.getColumn("id").toArray(), ["a", "b", "c"]);
  assert.equal(out.getColumn("n").dtype.variant, "Float64");
  assert.deepEqual(out.getColumn("n").toArray(), [0, Math.LN2, null]);
  // log1p keeps the precision that log(1 + x) loses.
  assert.deepEqual(out.getColumn("tiny").toArray(), [1e-18, Math.log1p(-0.5), 0]);
});

Deno.test("log1pTransform does not modify its input", () => {
  const df = sampleFrame();
  const before = df.clone();
  log1pTransform(df);
  assert.ok(df.frameEqual(before));
});

Deno.test("log1pTransform rejects values at or below -1, naming column, count and rows", () => {
  const df = pl.DataFrame({ ok: [1, 2, 3, 4], x: [0.5, -1, 2, -3.5] });
  assert.throws(
    () => log1pTransform(df),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        'Cannot apply log1p as column "x" has 2 values at or below -1: rows 2, 4 hold -1, -3.5',
  );
  assert.equal(log1pTransform(df, { features: ["ok"] }).getColumn("x").get(1), -1);
  assert.throws(
    () => log1pTransform(df, { features: ["y"] }),
    /^TypeError: Cannot apply log1p as column "y" is missing/,
  );
  assert.throws(
    () => log1pTransform(pl.DataFrame({ s: ["a"] }), { features: ["s"] }),
    /^TypeError: Cannot apply log1p as feature "s" is not numeric: it is String$/,
  );
});
