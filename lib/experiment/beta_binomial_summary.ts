import { requireInteger, requirePositive, requireProbability } from "../core/errors.ts";
import { beta } from "../stats/beta.ts";
import { logGamma } from "../stats/_special.ts";

/** One arm of a conversion experiment. */
export interface BinomialArm {
  /** Units that converted (an integer from 0 to `trials`). */
  successes: number;
  /** Units exposed (an integer >= 1). */
  trials: number;
}

/** Options for {@linkcode betaBinomialSummary}. */
export interface BetaBinomialSummaryOptions {
  /**
   * The Beta prior of both rates (default `{ alpha: 1, beta: 1 }`, uniform). `alpha` must be a
   * whole number (the closed form sums over it); `beta` any number > 0.
   */
  prior?: { alpha: number; beta: number };
  /** Level of the credible intervals, in (0, 1) (default 0.95). */
  credibleLevel?: number;
}

/** One arm's posterior. */
export interface BetaPosterior {
  /** Posterior `alpha = prior alpha + successes`. */
  readonly alpha: number;
  /** Posterior `beta = prior beta + failures`. */
  readonly beta: number;
  /** Posterior mean rate. */
  readonly mean: number;
  /** Equal-tailed credible interval of the rate. */
  readonly credibleInterval: readonly [number, number];
}

/** What {@linkcode betaBinomialSummary} returns. */
export interface BetaBinomialSummary {
  /** Posterior probability that the treatment rate exceeds the control rate. */
  readonly probabilityTreatmentBetter: number;
  /**
   * Expected loss of each decision, in rate units: `treatment` is `E[max(pc - pt, 0)]` (what
   * shipping the treatment costs if control is better), `control` is `E[max(pt - pc, 0)]`.
   * Ship when the chosen arm's expected loss is below what you can tolerate.
   */
  readonly expectedLoss: { readonly treatment: number; readonly control: number };
  /** Control posterior. */
  readonly control: BetaPosterior;
  /** Treatment posterior. */
  readonly treatment: BetaPosterior;
}

const ACTION = "summarise a beta-binomial experiment";

/**
 * `P(pB > pA)` for `pA ~ Beta(aA, bA)`, `pB ~ Beta(aB, bB)` with a whole `aB`: Evan Miller's
 * closed form `sum_{i < aB} B(aA + i, bA + bB) / ((bB + i) B(1 + i, bB) B(aA, bA))`, terms by
 * their ratio `(aA + i)(bB + i) / ((aA + bA + bB + i)(1 + i))`, summed in log scale.
 */
function probabilityBGreater(aA: number, bA: number, aB: number, bB: number): number {
  let logTerm = logGamma(bA + bB) - logGamma(aA + bA + bB) - logGamma(bA) + logGamma(aA + bA);
  let scale = logTerm;
  let sum = 1;
  for (let i = 1; i < aB; i++) {
    const k = i - 1;
    logTerm += Math.log((aA + k) * (bB + k) / ((aA + bA + bB + k) * (1 + k)));
    if (logTerm > scale) {
      sum = sum * Math.exp(scale - logTerm) + 1;
      scale = logTerm;
    } else sum += Math.exp(logTerm - scale);
  }
  return Math.min(1, Math.exp(scale) * sum);
}

function checkArm(arm: BinomialArm | undefined, name: string): BinomialArm {
  if (arm === null || typeof arm !== "object") {
    throw new TypeError(`Cannot ${ACTION} as ${name} is not { successes, trials }: got ${arm}`);
  }
  const trials = requireInteger(arm.trials, `${name}.trials`, ACTION, 1);
  const successes = requireInteger(arm.successes, `${name}.successes`, ACTION, 0);
  if (successes > trials) {
    throw new RangeError(
      `Cannot ${ACTION} as ${name}.successes exceeds ${name}.trials: ${successes} > ${trials}`,
    );
  }
  return { successes, trials };
}

/**
 * Summarises a conversion experiment the Bayesian way: Beta posteriors of both rates, the
 * probability that the treatment is better, and the expected loss of shipping either arm
 * (as GrowthBook and VWO report them). Computed exactly, not by simulation: `P(pt > pc)` by
 * Evan Miller's closed form ("Formulas for Bayesian A/B Testing", 2015), the expected losses by
 * `E[max(pc - pt, 0)] = mc P(pc' > pt) - mt P(pc > pt')` with `pc' ~ Beta(ac + 1, bc)` and
 * `pt' ~ Beta(at + 1, bt)` (Chris Stucchio, "Bayesian A/B Testing at VWO", 2015). Cost:
 * O(successes in treatment + prior alpha).
 *
 * @param arms `control` and `treatment`, each `{ successes, trials }`.
 * @param options `prior` (default uniform) and `credibleLevel` (default 0.95).
 * @returns `probabilityTreatmentBetter`, `expectedLoss` and both posteriors.
 * @throws {RangeError} When counts are invalid (as {@linkcode twoProportionTest}), the prior
 *   `alpha` is not a whole number or the prior `beta` is not positive.
 *
 * @example 230 of 2000 against 200 of 2000, uniform prior
 * ```ts
 * import { betaBinomialSummary } from "./beta_binomial_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const summary = betaBinomialSummary({
 *   control: { successes: 200, trials: 2000 },
 *   treatment: { successes: 230, trials: 2000 },
 * });
 * assert.ok(summary.probabilityTreatmentBetter > 0.9 && summary.probabilityTreatmentBetter < 0.95);
 * assert.ok(summary.expectedLoss.treatment < summary.expectedLoss.control);
 * assert.equal(summary.treatment.alpha, 231);
 * ```
 */
export function betaBinomialSummary(
  arms: { control: BinomialArm; treatment: BinomialArm },
  options: BetaBinomialSummaryOptions = {},
): BetaBinomialSummary {
  const control = checkArm(arms?.control, "control");
  const treatment = checkArm(arms?.treatment, "treatment");
  const priorAlpha = requireInteger(options.prior?.alpha ?? 1, "prior.alpha", ACTION, 1);
  const priorBeta = requirePositive(options.prior?.beta ?? 1, "prior.beta", ACTION);
  const level = requireProbability(options.credibleLevel ?? 0.95, "credibleLevel", ACTION);
  const posterior = (arm: BinomialArm): BetaPosterior => {
    const alpha = priorAlpha + arm.successes;
    const b = priorBeta + arm.trials - arm.successes;
    return {
      alpha,
      beta: b,
      mean: alpha / (alpha + b),
      credibleInterval: [
        beta.quantile((1 - level) / 2, { alpha, beta: b }),
        beta.quantile((1 + level) / 2, { alpha, beta: b }),
      ],
    };
  };
  const c = posterior(control);
  const t = posterior(treatment);
  const better = probabilityBGreater(c.alpha, c.beta, t.alpha, t.beta);
  // P(pc' > pt) with pc' ~ Beta(ac + 1, bc), and P(pc > pt') with pt' ~ Beta(at + 1, bt).
  const controlShiftedBetter = 1 - probabilityBGreater(c.alpha + 1, c.beta, t.alpha, t.beta);
  const treatmentShiftedBetter = probabilityBGreater(c.alpha, c.beta, t.alpha + 1, t.beta);
  const lossTreatment = c.mean * controlShiftedBetter - t.mean * (1 - treatmentShiftedBetter);
  const lossControl = t.mean * treatmentShiftedBetter - c.mean * (1 - controlShiftedBetter);
  return {
    probabilityTreatmentBetter: better,
    expectedLoss: { treatment: Math.max(0, lossTreatment), control: Math.max(0, lossControl) },
    control: c,
    treatment: t,
  };
}
