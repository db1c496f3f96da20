import { requireFinite, requireInteger, requireProbability } from "../core/errors.ts";
import { normal } from "../stats/normal.ts";

/** Options for {@linkcode npsScore}. */
export interface NpsScoreOptions {
  /** Significance level in (0, 1) (default 0.05): the interval has coverage `1 - alpha`. */
  alpha?: number;
  /**
   * `"wald"` (default): the trinomial Wald interval; `"adjusted-wald"`: the same after adding
   * one pseudo-answer to each of promoters, passives and detractors (n + 3), which keeps the
   * interval from collapsing to a point when every answer falls in one group.
   */
  method?: "wald" | "adjusted-wald";
  /** The NPS under the null hypothesis for `pValue`, in [-100, 100] (default 0). */
  nullValue?: number;
}

/** What {@linkcode npsScore} returns: the house shape of an estimate with its test. */
export interface NpsScoreResult {
  /** The z statistic `(nps - nullValue) / se`. */
  readonly statistic: number;
  /** Two-sided Wald p-value of the NPS being `nullValue` (NaN when se is 0). */
  readonly pValue: number;
  /** Interval for the NPS, clipped to [-100, 100]. */
  readonly confidenceInterval: readonly [number, number];
  /** The Net Promoter Score, `100 (promoters - detractors) / n`, from -100 to 100. */
  readonly effect: number;
  /** Number of answers. */
  readonly n: number;
  /** Answers of 9 or 10. */
  readonly promoters: number;
  /** Answers of 7 or 8. */
  readonly passives: number;
  /** Answers of 0 to 6. */
  readonly detractors: number;
  /** Standard error of the NPS (points) used for the interval. */
  readonly standardError: number;
}

const ACTION = "compute the NPS";

/**
 * The Net Promoter Score of 0-10 "how likely are you to recommend us" answers, with a confidence
 * interval.
 *
 * Formula (Reichheld, "The One Number You Need to Grow", Harvard Business Review, 2003):
 * promoters answer 9-10, passives 7-8, detractors 0-6; `NPS = 100 (p_P - p_D)` with
 * `p_P = promoters / n`, `p_D = detractors / n`, from -100 to 100. The counts are trinomial, so
 * `Var(p_P - p_D) = (p_P + p_D - (p_P - p_D)^2) / n` and the Wald interval is
 * `NPS -/+ 100 z_(1 - alpha/2) sqrt(Var)` (Rocks, "Interval Estimation for the 'Net Promoter
 * Score'", The American Statistician 70(4), 2016, compares it with adjusted intervals). Wald
 * undercovers for small samples and collapses to a point when all answers agree;
 * `method: "adjusted-wald"` computes `p_P`, `p_D` and the variance from counts with one added to
 * each group (n + 3) and centres the interval there. The reported `effect` is always the plain
 * NPS. Cost: O(n).
 *
 * @param scores Answers, integers from 0 to 10.
 * @param options `alpha` (default 0.05), `method` (default `"wald"`) and `nullValue` (default 0).
 * @returns The house result: `effect` is the NPS, `confidenceInterval` its interval, `statistic`
 *   and `pValue` test it against `nullValue`; plus the group counts and the standard error.
 * @throws {RangeError} When there are no answers, an answer is not an integer from 0 to 10,
 *   `alpha` is outside (0, 1) or `nullValue` outside [-100, 100].
 * @throws {TypeError} When `scores` is not an array or `method` is unknown.
 *
 * @example Ten answers: 5 promoters, 2 passives, 3 detractors
 * ```ts
 * import { npsScore } from "./nps_score.ts";
 * import assert from "node:assert/strict";
 *
 * const result = npsScore([10, 9, 9, 10, 9, 8, 7, 6, 3, 0]);
 * assert.equal(result.effect, 20);
 * assert.deepEqual([result.promoters, result.passives, result.detractors], [5, 2, 3]);
 * // se = 100 sqrt((0.5 + 0.3 - 0.2^2) / 10) = 27.57 points.
 * assert.ok(Math.abs(result.standardError - 100 * Math.sqrt(0.076)) < 1e-12);
 * ```
 */
export function npsScore(
  scores: readonly number[] | ArrayLike<number>,
  options: NpsScoreOptions = {},
): NpsScoreResult {
  const alpha = requireProbability(options?.alpha ?? 0.05, "alpha", ACTION);
  const method = options?.method ?? "wald";
  if (method !== "wald" && method !== "adjusted-wald") {
    throw new TypeError(
      `Cannot ${ACTION} as method must be "wald" or "adjusted-wald": got ${String(method)}`,
    );
  }
  const nullValue = requireFinite(options?.nullValue ?? 0, "nullValue", ACTION);
  if (nullValue < -100 || nullValue > 100) {
    throw new RangeError(`Cannot ${ACTION} as nullValue must be in [-100, 100]: got ${nullValue}`);
  }
  if (scores === null || typeof scores !== "object" || typeof scores.length !== "number") {
    throw new TypeError(`Cannot ${ACTION} as scores is not an array of numbers: got ${scores}`);
  }
  const n = scores.length;
  if (n === 0) throw new RangeError(`Cannot ${ACTION} as there are no scores: got 0 answers`);
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < n; i++) {
    const s = requireInteger(scores[i], `scores[${i}]`, ACTION, 0, 10);
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  const passives = n - promoters - detractors;
  const effect = 100 * (promoters - detractors) / n;
  const add = method === "adjusted-wald" ? 1 : 0;
  const m = n + 3 * add;
  const pP = (promoters + add) / m;
  const pD = (detractors + add) / m;
  const centre = 100 * (pP - pD);
  const standardError = 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / m);
  const critical = normal.quantile(1 - alpha / 2);
  const statistic = (effect - nullValue) / standardError;
  return {
    statistic,
    pValue: standardError > 0 ? Math.min(1, 2 * normal.sf(Math.abs(statistic))) : NaN,
    confidenceInterval: [
      Math.max(-100, centre - critical * standardError),
      Math.min(100, centre + critical * standardError),
    ],
    effect,
    n,
    promoters,
    passives,
    detractors,
    standardError,
  };
}
