import { requireFinite, requireProbability } from "../core/errors.ts";
import { normal } from "../stats/normal.ts";

/** Options for {@linkcode csatScore}. */
export interface CsatScoreOptions {
  /** The lowest answer counted as satisfied (required), e.g. 4 on a 1-5 scale. */
  satisfied: number;
  /** Significance level in (0, 1) (default 0.05): the interval has coverage `1 - alpha`. */
  alpha?: number;
  /** The CSAT (percent) under the null hypothesis for `pValue`, in (0, 100) (default 50). */
  nullValue?: number;
}

/** What {@linkcode csatScore} returns: the house shape of an estimate with its test. */
export interface CsatScoreResult {
  /** The score-test statistic `(p - p0) / sqrt(p0 (1 - p0) / n)`. */
  readonly statistic: number;
  /** Two-sided score-test p-value of the CSAT being `nullValue`. */
  readonly pValue: number;
  /** Wilson score interval for the CSAT, in percent. */
  readonly confidenceInterval: readonly [number, number];
  /** The CSAT: `100 satisfied / n`, in percent. */
  readonly effect: number;
  /** Number of answers. */
  readonly n: number;
  /** Answers at or above `satisfied`. */
  readonly satisfiedCount: number;
}

const ACTION = "compute the CSAT";

/**
 * The customer satisfaction score (CSAT): the percentage of answers at or above a "satisfied"
 * level (e.g. 4 or 5 on a 1-5 scale, the American Customer Satisfaction Index convention of
 * "top-two box"), with a Wilson score interval.
 *
 * Formula: `CSAT = 100 k / n` for `k` satisfied answers of `n`. Interval (Wilson, "Probable
 * Inference", JASA 22, 1927; recommended over Wald by Brown, Cai and DasGupta, Statistical
 * Science 16, 2001): with `z = z_(1 - alpha/2)` and `p = k / n`,
 * `(p + z^2 / 2n -/+ z sqrt(p (1 - p) / n + z^2 / 4n^2)) / (1 + z^2 / n)`, times 100; it stays
 * inside [0, 100] and is not a point when all answers agree. `statistic` and `pValue` are the
 * score test of `p = nullValue / 100`, the test that the Wilson interval inverts (as R's
 * `prop.test(k, n, correct = FALSE)`). Cost: O(n).
 *
 * @param scores Answers (finite numbers on any scale).
 * @param options `satisfied` (required), `alpha` (default 0.05) and `nullValue` (default 50).
 * @returns The house result: `effect` is the CSAT in percent, `confidenceInterval` its Wilson
 *   interval; plus `satisfiedCount`.
 * @throws {RangeError} When there are no answers, an answer or `satisfied` is not finite, `alpha`
 *   is outside (0, 1) or `nullValue` outside (0, 100).
 * @throws {TypeError} When `scores` is not an array or `satisfied` is missing.
 *
 * @example Eight answers on a 1-5 scale, 4 and 5 satisfied
 * ```ts
 * import { csatScore } from "./csat_score.ts";
 * import assert from "node:assert/strict";
 *
 * const result = csatScore([5, 4, 4, 3, 5, 2, 4, 5], { satisfied: 4 });
 * assert.equal(result.effect, 75);
 * assert.equal(result.satisfiedCount, 6);
 * const [low, high] = result.confidenceInterval;
 * assert.ok(low > 40 && low < 75 && high > 75 && high < 95);
 * ```
 */
export function csatScore(
  scores: readonly number[] | ArrayLike<number>,
  options: CsatScoreOptions,
): CsatScoreResult {
  const satisfied = requireFinite(options?.satisfied, "satisfied", ACTION);
  const alpha = requireProbability(options?.alpha ?? 0.05, "alpha", ACTION);
  const nullValue = requireFinite(options?.nullValue ?? 50, "nullValue", ACTION);
  if (nullValue <= 0 || nullValue >= 100) {
    throw new RangeError(`Cannot ${ACTION} as nullValue must be in (0, 100): got ${nullValue}`);
  }
  if (scores === null || typeof scores !== "object" || typeof scores.length !== "number") {
    throw new TypeError(`Cannot ${ACTION} as scores is not an array of numbers: got ${scores}`);
  }
  const n = scores.length;
  if (n === 0) throw new RangeError(`Cannot ${ACTION} as there are no scores: got 0 answers`);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (requireFinite(scores[i], `scores[${i}]`, ACTION) >= satisfied) k++;
  }
  const p = k / n;
  const z = normal.quantile(1 - alpha / 2);
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  const p0 = nullValue / 100;
  const statistic = (p - p0) / Math.sqrt(p0 * (1 - p0) / n);
  return {
    statistic,
    pValue: Math.min(1, 2 * normal.sf(Math.abs(statistic))),
    confidenceInterval: [100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)],
    effect: 100 * p,
    n,
    satisfiedCount: k,
  };
}
