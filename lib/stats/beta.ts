import { requirePositive, requireProbability } from "../core/errors.ts";
import { requireArgument } from "./_checks.ts";
import { incompleteBeta, logBetaPrefactor, logGamma, solveMonotone } from "./_special.ts";

/** Parameters of the beta distribution. */
export interface BetaParameters {
  /** The first shape parameter, > 0 (successes + prior in a beta-binomial model). */
  alpha: number;
  /** The second shape parameter, > 0. */
  beta: number;
}

/** The beta distribution's CDF, survival function and quantile (see {@linkcode beta}). */
export interface BetaDistribution {
  /**
   * The cumulative distribution function `P(X <= x)`, the regularized incomplete beta `I_x`.
   *
   * @param x Where to evaluate it (0 below 0, 1 above 1).
   * @param parameters `alpha` and `beta`.
   * @returns The probability.
   */
  cdf(x: number, parameters: BetaParameters): number;
  /**
   * The survival function `P(X > x)`, computed directly.
   *
   * @param x Where to evaluate it.
   * @param parameters `alpha` and `beta`.
   * @returns The probability.
   */
  sf(x: number, parameters: BetaParameters): number;
  /**
   * The quantile function (inverse CDF).
   *
   * @param p A probability in [0, 1].
   * @param parameters `alpha` and `beta`.
   * @returns `x` in [0, 1] with `cdf(x) = p`.
   */
  quantile(p: number, parameters: BetaParameters): number;
}

function shapes(parameters: BetaParameters, action: string): [number, number] {
  return [
    requirePositive(parameters?.alpha, "alpha", action),
    requirePositive(parameters?.beta, "beta", action),
  ];
}

function tailsOf(x: number, a: number, b: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x >= 1) return { lower: 1, upper: 0 };
  return incompleteBeta(a, b, x, 1 - x);
}

function quantileOf(p: number, a: number, b: number): number {
  const lowerTail = p <= 0.5;
  const logTarget = Math.log(lowerTail ? p : 1 - p); // 1 - p is exact for p >= 1/2
  // Work in u = logit(x): x = 1 / (1 + e^-u) and 1 - x = 1 / (1 + e^u), both accurate.
  const f = (u: number): [number, number] => {
    const x = 1 / (1 + Math.exp(-u));
    const y = 1 / (1 + Math.exp(u));
    const { lower, upper } = incompleteBeta(a, b, x, y);
    const slope = Math.exp(logBetaPrefactor(a, b, x, y)); // d/du I_x = density * x * (1 - x)
    return lowerTail
      ? [Math.log(lower) - logTarget, slope / lower]
      : [logTarget - Math.log(upper), slope / upper];
  };
  // Below the smallest double (or 1 - x below it): the quantile is 0 (or 1) in doubles.
  if (lowerTail && tailsOf(Number.MIN_VALUE, a, b).lower > p) return 0;
  if (!lowerTail && incompleteBeta(a, b, 1, Number.MIN_VALUE).upper > 1 - p) return 1;
  // Starts: the mean, and the two power-law tails I_x ~ x^a / (a B) and 1 - I_x ~ y^b / (b B).
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  const candidates = [
    Math.log(a / b),
    (logP + Math.log(a) + logBeta) / a,
    -(logQ + Math.log(b) + logBeta) / b,
  ].map((u) => Math.min(Math.max(u, -740), 740));
  let start = candidates[0];
  let best = Infinity;
  for (const u of candidates) {
    const miss = Math.abs(f(u)[0]);
    if (miss < best) [best, start] = [miss, u];
  }
  const u = solveMonotone(f, start, -745, 745);
  return 1 / (1 + Math.exp(-u));
}

/**
 * The beta distribution: CDF, survival function and quantile, accurate to about 1e-12 relative
 * against scipy for shape parameters from 0.5 to 1e5, tails included. The posterior of a
 * conversion rate under a beta prior.
 *
 * Algorithm: the regularized incomplete beta function `I_x(alpha, beta)` by Numerical Recipes'
 * continued fraction (3rd ed., 6.4; depth by modified Lentz, value evaluated backward; the
 * tail that converges is computed, the other by complement only where it is the larger), with
 * the prefactor
 * `x^a (1 - x)^b / B(a, b)` by DiDonato & Morris's Stirling forms (ACM TOMS 18, 1992,
 * `brcomp`) for parameters of 10 or more. Quantile: the best of three starts (mean, lower and
 * upper power-law tails), then safeguarded Newton steps on `log I_x` (or `log (1 - I_x)` above
 * the median) against `logit x`. Cost: O(sqrt(alpha + beta)) terms at worst.
 *
 * @example A posterior conversion rate: 30 conversions in 1000 trials with a uniform prior
 * ```ts
 * import { beta } from "./beta.ts";
 * import assert from "node:assert/strict";
 *
 * const posterior = { alpha: 31, beta: 971 };
 * assert.ok(Math.abs(beta.cdf(0.03, posterior) - 0.4538553416102505) < 1e-12);
 * const upper = beta.quantile(0.975, posterior);
 * assert.ok(Math.abs(beta.cdf(upper, posterior) - 0.975) < 1e-14);
 * ```
 */
export const beta: BetaDistribution = {
  cdf(x: number, parameters: BetaParameters): number {
    const action = "compute the beta CDF";
    requireArgument(x, "x", action);
    const [a, b] = shapes(parameters, action);
    return tailsOf(x, a, b).lower;
  },
  sf(x: number, parameters: BetaParameters): number {
    const action = "compute the beta survival function";
    requireArgument(x, "x", action);
    const [a, b] = shapes(parameters, action);
    return tailsOf(x, a, b).upper;
  },
  quantile(p: number, parameters: BetaParameters): number {
    const action = "compute the beta quantile";
    requireProbability(p, "p", action, true);
    const [a, b] = shapes(parameters, action);
    if (p === 0) return 0;
    if (p === 1) return 1;
    return quantileOf(p, a, b);
  },
};
