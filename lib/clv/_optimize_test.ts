import assert from "node:assert/strict";
import { assertClose } from "../../tests/_helpers.ts";
import { invertSymmetric, minimize, numericGradient } from "./_optimize.ts";

Deno.test("minimize finds the minimum of Rosenbrock's function and reports convergence", () => {
  const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const result = minimize(rosenbrock, [-1.2, 1], { maxIter: 500, tol: 1e-6 });
  assert.equal(result.converged, true);
  assertClose(result.x, [1, 1], 1e-5);
  // Hessian at (1, 1): [[802, -400], [-400, 200]].
  assertClose(result.hessian.flat(), [802, -400, -400, 200], 1e-4);
});

Deno.test("minimize says it did not converge when out of iterations", () => {
  const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const result = minimize(rosenbrock, [-1.2, 1], { maxIter: 2, tol: 1e-12 });
  assert.equal(result.converged, false);
});

Deno.test("invertSymmetric inverts a positive-definite matrix and refuses an indefinite one", () => {
  const inv = invertSymmetric([[4, 2], [2, 3]]);
  assertClose(inv!.flat(), [0.375, -0.25, -0.25, 0.5], 1e-15);
  assert.equal(invertSymmetric([[1, 2], [2, 1]]), null);
});

Deno.test("minimize with an exact gradient reaches the same minimum in fewer evaluations", () => {
  const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const gradient = (x: Float64Array) =>
    Float64Array.of(-400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]), 200 * (x[1] - x[0] ** 2));
  assertClose(
    gradient(Float64Array.of(0.3, 0.7)),
    numericGradient(rosenbrock, Float64Array.of(0.3, 0.7)),
    1e-7,
  );
  const numeric = minimize(rosenbrock, [-1.2, 1], { maxIter: 500, tol: 1e-6 });
  const exact = minimize(rosenbrock, [-1.2, 1], { maxIter: 500, tol: 1e-6 }, gradient);
  assert.equal(exact.converged, true);
  assertClose(exact.x, [1, 1], 1e-6);
  assertClose(exact.hessian.flat(), [802, -400, -400, 200], 1e-6);
  assert.ok(
    exact.evaluations < numeric.evaluations,
    `${exact.evaluations} vs ${numeric.evaluations}`,
  );
});
