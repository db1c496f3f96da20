import {
  requireFinite,
  requireInteger,
  requirePositive,
  requireProbability,
} from "../core/errors.ts";
import { mixtureRatio } from "./_msprt.ts";

/** Options for {@linkcode sequentialTest}. */
export interface SequentialTestOptions {
  /**
   * Standard deviation of the normal mixing distribution over the effect (required, > 0), on the
   * scale of the effect `treatment - control`: a value near the effects you expect (e.g. the
   * minimum detectable effect) gives the most power around them (Johari et al. 2017, section 4).
   */
  tau: number;
  /** Significance level in (0, 1) (default 0.05): reject when the always-valid p-value <= alpha. */
  alpha?: number;
  /**
   * Known per-unit variance `sigma^2` shared by both arms, as in the paper. When omitted, each
   * look uses the sample variances seen so far (`s_c^2 / n_c + s_t^2 / n_t`, a plug-in estimate)
   * from `minimumUnits` units per arm on.
   */
  variance?: number;
  /**
   * Units per arm before the first look that counts (an integer >= 1; default 30 when the
   * variance is estimated, 1 when it is given). Earlier looks, and looks with zero variance,
   * carry no evidence (ratio 1). A plug-in variance from 2 or 3 units can be tiny and reject at
   * once: measured here, 2 units per arm rejected a true effect of 0.3 sd at the second look.
   */
  minimumUnits?: number;
  /** The effect under the null hypothesis (default 0). */
  nullEffect?: number;
}

/** What {@linkcode sequentialTest} returns: the house shape, read at the last look. */
export interface SequentialTestResult {
  /**
   * The z statistic `(effect - nullEffect) / se` at the last look (for reading; not the test);
   * NaN when the last look has no variance (an estimated variance from fewer than 2 units).
   */
  readonly statistic: number;
  /** The always-valid p-value after the last look: `min(1, min over looks of 1 / ratio)`. */
  readonly pValue: number;
  /**
   * The always-valid confidence interval: the intersection of every look's interval (infinite
   * until a look has a variance). It can be empty (low > high) only with probability <= alpha.
   */
  readonly confidenceInterval: readonly [number, number];
  /** Treatment mean minus control mean at the last look. */
  readonly effect: number;
  /** Units in both arms. */
  readonly n: number;
  /** The mixture likelihood ratio at the last look. */
  readonly likelihoodRatio: number;
  /** The always-valid p-value after each look (non-increasing). */
  readonly pValues: Float64Array;
  /** The mixture likelihood ratio at each look. */
  readonly likelihoodRatios: Float64Array;
  /** Whether the p-value reached alpha at some look (the test may stop there). */
  readonly rejected: boolean;
  /** The first look (1-based) at which the p-value reached alpha; null if none. */
  readonly firstRejection: number | null;
  /** The mixing standard deviation used. */
  readonly tau: number;
  /** The significance level. */
  readonly alpha: number;
}

const ACTION = "run a sequential test";

function values(arm: unknown, name: string): ArrayLike<number> {
  if (
    arm === null || typeof arm !== "object" || typeof (arm as ArrayLike<number>).length !== "number"
  ) {
    throw new TypeError(
      `Cannot ${ACTION} as ${name} is not an array of numbers: got ${String(arm)}`,
    );
  }
  const xs = arm as ArrayLike<number>;
  if (xs.length < 1) throw new RangeError(`Cannot ${ACTION} as ${name} is empty: got 0 values`);
  for (let i = 0; i < xs.length; i++) requireFinite(xs[i], `${name}[${i}]`, ACTION);
  return xs;
}

/**
 * A sequential A/B test on means with always-valid p-values: the mixture sequential probability
 * ratio test (mSPRT) with a normal mixture, so a team may look at the result after every unit
 * and stop as soon as it is significant while the false-positive rate stays at most `alpha`
 * (peeking at a fixed-horizon z test at every look inflates it several-fold).
 *
 * Formula (Robbins 1970; Johari, Koomen, Pekelis and Walsh, "Peeking at A/B Tests", KDD 2017,
 * section 4): at a look with effect estimate `d = mean_t - mean_c` of variance
 * `V = sigma^2 (1 / n_t + 1 / n_c)`, mixing the alternative `theta ~ N(theta0, tau^2)` gives the
 * likelihood ratio `L = sqrt(V / (V + tau^2)) exp(tau^2 (d - theta0)^2 / (2 V (V + tau^2)))`
 * (with `n_t = n_c = n` this is the paper's
 * `sqrt(2 sigma^2 / (2 sigma^2 + n tau^2)) exp(n^2 tau^2 d^2 / (4 sigma^2 (2 sigma^2 + n tau^2)))`).
 * The always-valid p-value is `p_k = min(p_(k-1), 1 / L_k)`, `p_0 = 1`; the always-valid
 * interval is the running intersection of `{theta0 : L_k(theta0) < 1 / alpha}`, i.e.
 * `d -/+ sqrt(2 V (V + tau^2) / tau^2 (ln(1 / alpha) + ln((V + tau^2) / V) / 2))`. Two-sided only.
 *
 * Looks: units arrive in array order, one per arm per look (look `k` uses the first `k` units of
 * each arm, or all of a shorter arm). Cost: O(max(n_c, n_t)).
 *
 * @param arms `control` and `treatment`: per-unit values in arrival order.
 * @param options `tau` (required), `alpha`, `variance` (known sigma^2), `minimumUnits` and
 *   `nullEffect`.
 * @returns The house result at the last look plus `likelihoodRatio`, the per-look `pValues` and
 *   `likelihoodRatios`, `rejected` and `firstRejection`.
 * @throws {RangeError} When `tau` or `variance` is not > 0, `alpha` is outside (0, 1),
 *   `minimumUnits` is not an integer >= 1 (>= 2 with an estimated variance), an arm is empty or
 *   holds a non-finite value.
 * @throws {TypeError} When an arm is not an array or `tau` is missing.
 *
 * @example One unit per arm: the paper's formula by hand
 * ```ts
 * import { sequentialTest } from "./sequential_test.ts";
 * import assert from "node:assert/strict";
 *
 * // sigma^2 = 1, n = 1, tau = 1, d = 1: L = sqrt(2 / 3) exp(1 / 12).
 * const result = sequentialTest({ control: [0], treatment: [1] }, { tau: 1, variance: 1 });
 * assert.ok(Math.abs(result.likelihoodRatio - Math.sqrt(2 / 3) * Math.exp(1 / 12)) < 1e-15);
 * assert.equal(result.pValue, 1); // L < 1: no evidence yet
 * ```
 */
export function sequentialTest(
  arms: {
    control: readonly number[] | ArrayLike<number>;
    treatment: readonly number[] | ArrayLike<number>;
  },
  options: SequentialTestOptions,
): SequentialTestResult {
  const tau = requirePositive(options?.tau, "tau", ACTION);
  const alpha = requireProbability(options?.alpha ?? 0.05, "alpha", ACTION);
  const known = options?.variance === undefined
    ? undefined
    : requirePositive(options.variance, "variance", ACTION);
  const minimumUnits = requireInteger(
    options?.minimumUnits ?? (known === undefined ? 30 : 1),
    "minimumUnits",
    ACTION,
    known === undefined ? 2 : 1,
  );
  const theta0 = requireFinite(options?.nullEffect ?? 0, "nullEffect", ACTION);
  const control = values(arms?.control, "control");
  const treatment = values(arms?.treatment, "treatment");
  const tau2 = tau * tau;
  const logBound = Math.log(1 / alpha);
  const looks = Math.max(control.length, treatment.length);
  const pValues = new Float64Array(looks);
  const likelihoodRatios = new Float64Array(looks);
  // Welford running means and sums of squared deviations.
  let nc = 0, mc = 0, sc = 0, nt = 0, mt = 0, st = 0;
  let p = 1;
  let low = -Infinity;
  let high = Infinity;
  let firstRejection: number | null = null;
  let effect = NaN;
  let v = NaN;
  for (let k = 0; k < looks; k++) {
    if (k < control.length) {
      nc++;
      const delta = control[k] - mc;
      mc += delta / nc;
      sc += delta * (control[k] - mc);
    }
    if (k < treatment.length) {
      nt++;
      const delta = treatment[k] - mt;
      mt += delta / nt;
      st += delta * (treatment[k] - mt);
    }
    effect = mt - mc;
    v = known !== undefined
      ? known * (1 / nc + 1 / nt)
      : nc >= 2 && nt >= 2
      ? sc / (nc - 1) / nc + st / (nt - 1) / nt
      : NaN;
    let ratio = 1;
    if (v > 0 && Math.min(nc, nt) >= minimumUnits) {
      ratio = mixtureRatio(effect - theta0, v, tau2);
      const half = Math.sqrt(
        2 * v * (v + tau2) / tau2 * (logBound + 0.5 * Math.log((v + tau2) / v)),
      );
      low = Math.max(low, effect - half);
      high = Math.min(high, effect + half);
    }
    likelihoodRatios[k] = ratio;
    p = Math.min(p, 1 / ratio);
    pValues[k] = p;
    if (firstRejection === null && p <= alpha) firstRejection = k + 1;
  }
  const z = v > 0 ? (effect - theta0) / Math.sqrt(v) : NaN;
  return {
    statistic: z,
    pValue: p,
    confidenceInterval: [low, high],
    effect,
    n: control.length + treatment.length,
    likelihoodRatio: likelihoodRatios[looks - 1],
    pValues,
    likelihoodRatios,
    rejected: firstRejection !== null,
    firstRejection,
    tau,
    alpha,
  };
}
