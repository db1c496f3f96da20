import { requireFinite, requirePositive, requireProbability } from "../core/errors.ts";
import { requireArgument } from "./_checks.ts";
import { incompleteGamma, solveMonotone } from "./_special.ts";

/** Parameters of the normal distribution; the standard normal when omitted. */
export interface NormalParameters {
  /** The mean (default 0). */
  mean?: number;
  /** The standard deviation, > 0 (default 1). */
  sd?: number;
}

/** The normal distribution's CDF, survival function and quantile (see {@linkcode normal}). */
export interface NormalDistribution {
  /**
   * The cumulative distribution function `P(X <= x)`.
   *
   * @param x Where to evaluate it (infinities allowed).
   * @param parameters `mean` and `sd`.
   * @returns The probability.
   */
  cdf(x: number, parameters?: NormalParameters): number;
  /**
   * The survival function `P(X > x)`, computed directly (accurate in the far upper tail).
   *
   * @param x Where to evaluate it (infinities allowed).
   * @param parameters `mean` and `sd`.
   * @returns The probability.
   */
  sf(x: number, parameters?: NormalParameters): number;
  /**
   * The quantile function (inverse CDF).
   *
   * @param p A probability in [0, 1].
   * @param parameters `mean` and `sd`.
   * @returns `x` with `cdf(x) = p` (`-Infinity` at 0, `Infinity` at 1).
   */
  quantile(p: number, parameters?: NormalParameters): number;
}

const SQRT_TWO_PI = 2.5066282746310005024;

function standardize(x: number, parameters: NormalParameters, action: string): number {
  requireArgument(x, "x", action);
  const mean = requireFinite(parameters.mean ?? 0, "mean", action);
  const sd = requirePositive(parameters.sd ?? 1, "sd", action);
  return (x - mean) / sd;
}

/**
 * `Phi(-|z|)`, the lower tail at minus the absolute value, and `Phi(|z|) - 1/2`, both with full
 * relative accuracy, as `{ tail, central }`, through `erfc(|z| / sqrt 2) = Q(1/2, z^2 / 2)`.
 * `exp(-z^2 / 2)` is split as in Cody's CALERF (z rounded to 1/16 plus a remainder) so that the
 * rounding of `z^2` does not cost digits in the far tail.
 */
function standardTails(z: number): { tail: number; central: number } {
  const x = Math.abs(z);
  if (x === Infinity) return { tail: 0, central: 0.5 };
  if (x === 0) return { tail: 0.5, central: 0 };
  const rounded = Math.trunc(x * 16) / 16;
  const prefactor = x / SQRT_TWO_PI * Math.exp(-rounded * rounded / 2) *
    Math.exp(-(x - rounded) * (x + rounded) / 2);
  const { lower, upper } = incompleteGamma(0.5, x * x / 2, prefactor);
  return { tail: 0.5 * upper, central: 0.5 * lower };
}

function standardCdf(z: number): number {
  const { tail, central } = standardTails(z);
  return z < 0 ? tail : 0.5 + central;
}

function standardPdf(z: number): number {
  return Math.exp(-z * z / 2) / SQRT_TWO_PI;
}

/** The standard normal quantile, `p` in (0, 1). */
export function standardNormalQuantile(p: number): number {
  if (p === 0.5) return 0;
  if (p > 0.5) return -standardNormalQuantile(1 - p); // 1 - p is exact for p >= 1/2
  // Initial guess: Abramowitz & Stegun 26.2.23 (error < 4.5e-4).
  const t = Math.sqrt(-2 * Math.log(p));
  const guess = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
      (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  if (p > 0.075) {
    // Central region: solve Phi(x) - 1/2 = p - 1/2 (exact), so that x near 0 keeps its digits.
    const target = p - 0.5;
    return solveMonotone(
      (x) => {
        const { central } = standardTails(x);
        return [(x < 0 ? -central : central) - target, standardPdf(x)];
      },
      guess,
      -2,
      0,
    );
  }
  // Tail: solve log Phi(x) = log p, slope phi(x) / Phi(x).
  const logP = Math.log(p);
  return solveMonotone(
    (x) => {
      const cdf = standardTails(x).tail;
      return [Math.log(cdf) - logP, standardPdf(x) / cdf];
    },
    guess,
    -40,
    0,
  );
}

/**
 * The normal (Gaussian) distribution: CDF, survival function and quantile, accurate to about
 * 1e-15 relative against scipy over the whole range, far tails included
 * (`normal.cdf(-8) = 6.22096057427178e-16`; jstat 1.9.6 gives 6.106e-16).
 *
 * Algorithm: `Phi(-|z|) = erfc(|z| / sqrt 2) / 2 = Q(1/2, z^2 / 2) / 2`, the regularized upper
 * incomplete gamma function, by its series below `z^2 / 2 = 1.5` and its Legendre continued
 * fraction above (Numerical Recipes, 3rd ed., 6.2, modified Lentz), with `exp(-z^2 / 2)` split
 * as in W. J. Cody's CALERF ("Rational Chebyshev approximations for the error function", Math.
 * Comp. 23, 1969) so that the far tail keeps its relative accuracy. The upper tail is computed
 * directly, never as `1 - cdf`. The quantile starts from Abramowitz & Stegun 26.2.23 and is
 * refined by safeguarded Newton steps on `log Phi` in the tails and on `Phi - 1/2` in the
 * centre. Cost: O(1) (a few dozen terms); the quantile about five CDF evaluations.
 *
 * Measured against scipy 1.10 (`tests/reference/stats_reference.py`): see
 * `normal_test.ts` for the worst relative error on the grid.
 *
 * @example Far-tail probabilities and the 97.5% quantile
 * ```ts
 * import { normal } from "./normal.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(Math.abs(normal.cdf(-8) / 6.220960574271784e-16 - 1) < 1e-13);
 * assert.equal(normal.sf(8), normal.cdf(-8));
 * assert.ok(Math.abs(normal.quantile(0.975) - 1.959963984540054) < 1e-14);
 * assert.ok(Math.abs(normal.cdf(110, { mean: 100, sd: 10 }) - 0.8413447460685429) < 1e-15);
 * ```
 */
export const normal: NormalDistribution = {
  cdf(x: number, parameters: NormalParameters = {}): number {
    return standardCdf(standardize(x, parameters, "compute the normal CDF"));
  },
  sf(x: number, parameters: NormalParameters = {}): number {
    return standardCdf(-standardize(x, parameters, "compute the normal survival function"));
  },
  quantile(p: number, parameters: NormalParameters = {}): number {
    const action = "compute the normal quantile";
    requireProbability(p, "p", action, true);
    const mean = requireFinite(parameters.mean ?? 0, "mean", action);
    const sd = requirePositive(parameters.sd ?? 1, "sd", action);
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return mean + sd * standardNormalQuantile(p);
  },
};
