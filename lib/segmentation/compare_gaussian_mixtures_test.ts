import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { join } from "node:path";
import { compareGaussianMixtures } from "./compare_gaussian_mixtures.ts";
import { fitGaussianMixture } from "./fit_gaussian_mixture.ts";
import { ROOT } from "../../tests/_helpers.ts";

const data = pl.readCSV(join(ROOT, "tests/fixtures/gmm_data.csv"));

Deno.test("compareGaussianMixtures tabulates one fit per k, as fitGaussianMixture gives it", () => {
  const t = compareGaussianMixtures(data, {
    features: ["x1", "x2"],
    ks: [1, 3],
    covariance: "diag",
    seed: 2,
  });
  assert.deepEqual(t.columns, ["k", "log_likelihood", "n_parameters", "bic", "aic", "converged"]);
  const three = fitGaussianMixture(data, {
    features: ["x1", "x2"],
    k: 3,
    covariance: "diag",
    seed: 2,
  });
  assert.deepEqual(t.getColumn("bic").toArray()[1], three.bic);
  assert.deepEqual(t.getColumn("n_parameters").toArray(), [4, 14]);
  assert.throws(
    () => compareGaussianMixtures(data, { features: ["x1"], ks: [], covariance: "full", seed: 1 }),
    RangeError,
  );
});
