import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { fitGaussianMixture, type FitGaussianMixtureOptions } from "./fit_gaussian_mixture.ts";

/** Options for {@linkcode compareGaussianMixtures}: a mixture's options with several `ks`. */
export interface CompareGaussianMixturesOptions extends Omit<FitGaussianMixtureOptions, "k"> {
  /** The numbers of components to try, each at least 1. */
  ks: readonly number[];
}

/**
 * Fits one Gaussian mixture per number of components and tabulates how well each fits, to choose
 * k: the lowest `bic` balances fit against the parameters each component adds (`aic` penalises
 * them less and tends to pick more components).
 *
 * Cost: one {@linkcode fitGaussianMixture} per k.
 *
 * @param df Training rows; not modified.
 * @param options The mixture's options and the `ks` to try.
 * @returns One row per k: `k`, `log_likelihood`, `n_parameters`, `bic`, `aic`, `converged`.
 * @throws {RangeError} When `ks` is empty, and as {@linkcode fitGaussianMixture} throws.
 *
 * @example BIC finds two groups
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { compareGaussianMixtures } from "./compare_gaussian_mixtures.ts";
 *
 * const df = pl.DataFrame({ x: [0, 0.2, 0.4, 0.1, 0.3, 9, 9.2, 9.4, 9.1, 9.3] });
 * const t = compareGaussianMixtures(df, { features: ["x"], ks: [1, 2], covariance: "full", seed: 1 });
 * const bic = t.getColumn("bic").toArray() as number[];
 * assert.ok(bic[1] < bic[0]);
 * ```
 */
export function compareGaussianMixtures(
  df: DataFrame,
  options: CompareGaussianMixturesOptions,
): DataFrame {
  const { ks, ...rest } = options;
  if (!Array.isArray(ks) || ks.length === 0) {
    throw new RangeError(
      `Cannot compare Gaussian mixtures as ks must list at least one k: got ${JSON.stringify(ks)}`,
    );
  }
  const models = ks.map((k) => fitGaussianMixture(df, { ...rest, k }));
  return pl.DataFrame([
    pl.Series("k", [...ks], pl.Int64),
    pl.Series("log_likelihood", models.map((m) => m.logLikelihood), pl.Float64),
    pl.Series("n_parameters", models.map((m) => m.nParameters), pl.Int64),
    pl.Series("bic", models.map((m) => m.bic), pl.Float64),
    pl.Series("aic", models.map((m) => m.aic), pl.Float64),
    pl.Series("converged", models.map((m) => m.converged), pl.Bool),
  ]);
}
