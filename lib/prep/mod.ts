/**
 * Preparing features for models: fitted scalers in the scikit-learn vocabulary (fit on one frame,
 * `transform` any frame with the same features, parameters exposed as records keyed by feature)
 * and the stateless `log1p` transform for skewed columns (each returns a new frame with the same
 * columns, the features replaced and the other columns untouched); a fitted one-hot encoder
 * (`fitOneHotEncoder`, unseen categories handled) and a seeded, optionally stratified
 * `trainTestSplit`.
 *
 * @example Log, then standardise an RFM table
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitStandardScaler, log1pTransform } from "./mod.ts";
 *
 * const rfm = pl.DataFrame({
 *   customer_id: ["a", "b", "c"],
 *   frequency: [1, 3, 40],
 *   monetary: [15, 250, 90_000],
 * });
 * const logged = log1pTransform(rfm);
 * const scaler = fitStandardScaler(logged);
 * const ready = scaler.transform(logged);
 * assert.deepEqual(ready.columns, rfm.columns);
 * assert.ok(Math.abs(Number(ready.getColumn("monetary").mean())) < 1e-12);
 * ```
 *
 * @module
 */
export * from "./standard_scaler.ts";
export * from "./robust_scaler.ts";
export * from "./log1p_transform.ts";
export * from "./train_test_split.ts";
export * from "./one_hot_encoder.ts";
