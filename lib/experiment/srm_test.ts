import { requireInteger, requireProbability } from "../core/errors.ts";
import { chiSquare } from "../stats/chi_square.ts";

/** Options for {@linkcode srmTest}. */
export interface SrmTestOptions {
  /** Planned share of units per arm, each in (0, 1), summing to 1 (default: equal shares). */
  expectedShares?: readonly number[];
  /** p-value below which a mismatch is flagged (default 0.001, the usual SRM threshold). */
  threshold?: number;
}

/** What {@linkcode srmTest} returns: the house shape plus `mismatch`. */
export interface SrmTestResult {
  /** Pearson's chi-square statistic `sum (observed - expected)^2 / expected`. */
  readonly statistic: number;
  /** Upper-tail chi-square probability with `degreesOfFreedom`. */
  readonly pValue: number;
  /** Number of arms minus one. */
  readonly degreesOfFreedom: number;
  /** Total units. */
  readonly n: number;
  /** True when `pValue < threshold`: the split is broken, do not trust the experiment. */
  readonly mismatch: boolean;
  /** Always null: a goodness-of-fit test has no single estimate (see `observedShares`). */
  readonly confidenceInterval: null;
  /** Always null: compare `observedShares` with `expectedShares` for the direction. */
  readonly effect: null;
  /** Observed share of units per arm. */
  readonly observedShares: readonly number[];
  /** The expected shares used. */
  readonly expectedShares: readonly number[];
}

const ACTION = "run a sample-ratio-mismatch test";

/**
 * Checks an experiment's split for a sample-ratio mismatch (SRM): whether the units counted in
 * each arm are consistent with the planned shares. A mismatch means assignment or logging is
 * broken, and the experiment's results should not be trusted (Fabijan et al., "Diagnosing
 * Sample Ratio Mismatch in Online Controlled Experiments", KDD 2019, who flag at p < 0.0005 to
 * 0.001). Pearson's chi-square goodness-of-fit test, exactly R's
 * `chisq.test(counts, p = expectedShares)`. Cost: O(arms).
 *
 * @param counts Units counted per arm (integers >= 0, at least two arms, total > 0).
 * @param options `expectedShares` (default equal) and `threshold` (default 0.001).
 * @returns The house result plus `mismatch`, `degreesOfFreedom` and the shares.
 * @throws {RangeError} When a count is not a non-negative integer, the total is 0, the shares
 *   do not match the arms, lie outside (0, 1) or do not sum to 1.
 *
 * @example A 50/50 test that logged 50,800 against 49,200 units is broken
 * ```ts
 * import { srmTest } from "./srm_test.ts";
 * import assert from "node:assert/strict";
 *
 * const result = srmTest([50_800, 49_200], { expectedShares: [0.5, 0.5] });
 * assert.equal(result.statistic, 25.6);
 * assert.equal(result.mismatch, true); // p = 4.2e-7
 * assert.equal(srmTest([50_100, 49_900]).mismatch, false);
 * ```
 */
export function srmTest(counts: readonly number[], options: SrmTestOptions = {}): SrmTestResult {
  if (!Array.isArray(counts) || counts.length < 2) {
    throw new RangeError(
      `Cannot ${ACTION} as counts must list at least 2 arms: got ${
        Array.isArray(counts) ? counts.length : String(counts)
      }`,
    );
  }
  counts.forEach((c, i) => requireInteger(c, `counts[${i}]`, ACTION, 0));
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) {
    throw new RangeError(`Cannot ${ACTION} as every count is 0: got ${counts.join(", ")}`);
  }
  const shares = options.expectedShares ?? counts.map(() => 1 / counts.length);
  if (shares.length !== counts.length) {
    throw new RangeError(
      `Cannot ${ACTION} as expectedShares must have one share per arm: got ${shares.length} shares for ${counts.length} arms`,
    );
  }
  shares.forEach((s, i) => requireProbability(s, `expectedShares[${i}]`, ACTION));
  const total = shares.reduce((s, x) => s + x, 0);
  if (Math.abs(total - 1) > 1e-9) {
    throw new RangeError(
      `Cannot ${ACTION} as expectedShares must sum to 1: they sum to ${total} (${
        shares.join(", ")
      })`,
    );
  }
  const threshold = requireProbability(options.threshold ?? 0.001, "threshold", ACTION);
  let statistic = 0;
  counts.forEach((c, i) => {
    const expected = n * shares[i];
    statistic += (c - expected) ** 2 / expected;
  });
  const degreesOfFreedom = counts.length - 1;
  const pValue = chiSquare.sf(statistic, { df: degreesOfFreedom });
  return {
    statistic,
    pValue,
    degreesOfFreedom,
    n,
    mismatch: pValue < threshold,
    confidenceInterval: null,
    effect: null,
    observedShares: counts.map((c) => c / n),
    expectedShares: [...shares],
  };
}
