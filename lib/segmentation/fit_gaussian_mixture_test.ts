import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { join } from "node:path";
import { fitGaussianMixture } from "./fit_gaussian_mixture.ts";
import { assertClose, ROOT as root } from "../../tests/_helpers.ts";

// Reference: scikit-learn 1.2.1 GaussianMixture fitted to convergence (tol 1e-10, 20 restarts)
// on tests/fixtures/gmm_data.csv; script tests/reference/gaussian_mixture_reference.py.
const data = pl.readCSV(join(root, "tests/fixtures/gmm_data.csv"));
const reference = JSON.parse(
  Deno.readTextFileSync(join(root, "tests/fixtures/gmm_reference.json")),
) as {
  n: number;
  cases: {
    k: number;
    covariance: "full" | "diag";
    log_likelihood: number;
    bic: number;
    aic: number;
    weights: number[];
    means: number[][];
  }[];
};

for (const ref of reference.cases) {
  Deno.test(`fitGaussianMixture matches scikit-learn: k = ${ref.k}, ${ref.covariance}`, () => {
    const model = fitGaussianMixture(data, {
      features: ["x1", "x2"],
      k: ref.k,
      covariance: ref.covariance,
      seed: 7,
      nInit: 5,
      tol: 1e-12,
      maxIter: 5000,
    });
    assert.ok(model.converged);
    // Relative 1e-9: within about 1e-6 of scikit-learn's total log-likelihood.
    assertClose(model.logLikelihood, ref.log_likelihood, 1e-9, "log-likelihood");
    assertClose(model.bic, ref.bic, 1e-9, "bic");
    assertClose(model.aic, ref.aic, 1e-9, "aic");
    // EM converges linearly and the likelihood is flat at its maximum: both fits stop with
    // parameters about 1e-5 apart while their likelihoods agree to 1e-9. Compare those to 1e-4.
    const order = model.means.map((_, c) => c).sort((a, b) =>
      model.means[a][0] - model.means[b][0]
    );
    assertClose(order.map((c) => model.weights[c]), ref.weights, 1e-4, "weights");
    assertClose(order.flatMap((c) => model.means[c]), ref.means.flat(), 1e-4, "means");
  });
}

Deno.test("fitGaussianMixture: BIC picks three components on the three-group fixture", () => {
  const bic = [1, 2, 3, 4].map((k) =>
    fitGaussianMixture(data, { features: ["x1", "x2"], k, covariance: "full", seed: 3 }).bic
  );
  assert.equal(bic.indexOf(Math.min(...bic)), 2);
});

Deno.test("fitGaussianMixture: probabilities sum to one and predict agrees with labels", () => {
  const model = fitGaussianMixture(data, {
    features: ["x1", "x2"],
    k: 3,
    covariance: "diag",
    seed: 1,
  });
  const p = model.predictProba(data);
  assert.deepEqual(p.columns, ["p0", "p1", "p2"]);
  const sums = p.select(pl.col("p0").add(pl.col("p1")).add(pl.col("p2")).alias("s"))
    .getColumn("s").toArray() as number[];
  assert.ok(sums.every((s) => Math.abs(s - 1) < 1e-12));
  assert.deepEqual([...model.predict(data)], [...model.labels]);
  // diag covariances have zero off-diagonal entries.
  assert.equal(model.covariances[0][0][1], 0);
  assert.equal(model.nParameters, 3 * 2 + 3 * 2 + 2);
});

Deno.test("fitGaussianMixture: bad input gives clear errors", () => {
  const two = pl.DataFrame({ x: [1, 1, 2, 2] });
  assert.throws(
    () => fitGaussianMixture(two, { features: ["x"], k: 3, covariance: "full", seed: 1 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot fit Gaussian mixture as k is larger than the number of distinct rows: k = 3, 2 distinct of 4 rows",
  );
  assert.throws(
    () =>
      fitGaussianMixture(two, {
        features: ["x"],
        k: 1,
        covariance: "spherical" as unknown as "full",
        seed: 1,
      }),
    /covariance must be one of "full", "diag": got "spherical"/,
  );
  const missing = pl.DataFrame({ x: pl.Series("x", [null, null], pl.Float64) });
  assert.throws(
    () => fitGaussianMixture(missing, { features: ["x"], k: 1, covariance: "full", seed: 1 }),
    RangeError,
  );
  assert.throws(
    () => fitGaussianMixture(two, { features: ["y"], k: 1, covariance: "full", seed: 1 }),
    TypeError,
  );
});
