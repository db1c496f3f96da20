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

Deno.test("minimize stops at a known boundary once steps gain less than 1e-7, and only there", () => {
  // Infimum 1 as x[0] -> -infinity (x[1] = 2): no interior minimum, like a fit running to a
  // no-dropout limit.
  const f = (x: Float64Array) => 1 + Math.exp(x[0]) + (x[1] - 2) ** 2;
  const stopped = minimize(f, [0, 0], { maxIter: 500, tol: 1e-6, atBoundary: (x) => x[0] < -5 });
  assert.equal(stopped.atBoundary, true);
  assert.ok(stopped.x[0] < -5);
  assert.ok(stopped.value - 1 < 1e-6, `value ${stopped.value}`);
  const onward = minimize(f, [0, 0], { maxIter: 500, tol: 1e-6 });
  assert.equal(onward.atBoundary, false);
  assert.ok(onward.value < stopped.value);
  // A boundary never reached does not stop the search.
  const away = minimize(f, [0, 0], { maxIter: 500, tol: 1e-6, atBoundary: (x) => x[0] < -1e3 });
  assert.equal(away.atBoundary, false);
});
