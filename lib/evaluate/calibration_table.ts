import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireInteger, requireOneOf } from "../core/errors.ts";
import { quantileSorted } from "../core/quantile.ts";
import { binaryInput } from "./_binary.ts";

const STRATEGIES = ["uniform", "quantile"] as const;

/** Options for {@linkcode calibrationTable}. */
export interface CalibrationTableOptions {
  /** Number of bins, an integer >= 1. Default 10. */
  bins?: number;
  /**
   * `"uniform"` (default): bins of equal width over [0, 1]. `"quantile"`: edges at the
   * quantiles of the scores, so bins hold about the same number of rows (tied scores can merge
   * or empty some).
   */
  strategy?: "uniform" | "quantile";
}

/**
 * The bin edges numpy computes inside `calibration_curve`: `np.linspace(0, 1, bins + 1)` or
 * `np.percentile(scores, np.linspace(0, 1, bins + 1) * 100)` (linear interpolation, the core
 * {@linkcode quantileSorted}), repeating numpy's floating-point steps so that scores equal to an
 * edge fall in the same bin.
 */
function binEdges(scores: Float64Array, bins: number, strategy: "uniform" | "quantile") {
  // np.linspace(0, 1, bins + 1): i * step, the last set to exactly 1.
  const step = 1 / bins;
  const grid = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) grid[i] = i * step;
  grid[bins] = 1;
  if (strategy === "uniform") return grid;
  const sorted = Float64Array.from(scores).sort();
  // np.percentile divides q * 100 by 100 again before taking the quantile.
  return grid.map((q) => quantileSorted(sorted, (q * 100) / 100));
}

/**
 * Calibration table (reliability diagram data): scores grouped into bins, with each bin's mean
 * predicted probability next to the observed positive rate. A calibrated churn model has them
 * close in every bin (of customers scored about 0.3, about 30% churn); it is the check to run
 * before using scores as probabilities, e.g. in {@linkcode expectedValueThreshold}.
 *
 * Same bins as `sklearn.calibration.calibration_curve(yTrue, scores, n_bins=bins,
 * strategy=strategy)` (scikit-learn 1.2.1): `mean_predicted` is its `prob_pred` and
 * `observed_rate` its `prob_true`, and, as there, empty bins are left out. A score is assigned
 * to bin b when it lies in (lower, upper], the first bin also taking a score equal to its lower
 * edge (numpy's `searchsorted` over the interior edges). Edges are numpy's to the last bit:
 * `uniform` edges are `i × (1 / bins)` (so 3 × 0.1 = 0.30000000000000004, and a score of 0.3 is
 * in the bin below it); `quantile` edges are numpy's linear-interpolation percentiles.
 *
 * Cost: O(n log bins) for uniform bins, O(n log n) for quantile bins (one sort); O(n) memory.
 * Reference: Niculescu-Mizil, A. and Caruana, R. (2005), "Predicting good probabilities with
 * supervised learning", ICML '05, <https://doi.org/10.1145/1102351.1102430>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.calibration.calibration_curve.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One predicted probability per row, in [0, 1].
 * @param options The number of `bins` (default 10) and the `strategy` (default `"uniform"`).
 * @returns One row per non-empty bin, in increasing order: `bin` (Int32, from 1, numbering
 * every bin so gaps show empty ones), `lower`, `upper` (its edges), `count` (Int32),
 * `mean_predicted`, `observed_rate` (Float64).
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is not a probability in [0, 1], `bins` is not an integer >= 1, or `strategy` is neither
 * `"uniform"` nor `"quantile"`. One class only is allowed (as in scikit-learn).
 *
 * @example Two bins
 * ```ts
 * import assert from "node:assert/strict";
 * import { calibrationTable } from "./calibration_table.ts";
 *
 * const table = calibrationTable([0, 0, 1, 0, 1, 1], [0.1, 0.2, 0.3, 0.6, 0.8, 0.9], {
 *   bins: 2,
 * });
 * assert.deepEqual(table.getColumn("count").toArray(), [3, 3]);
 * assert.deepEqual(table.getColumn("observed_rate").toArray(), [1 / 3, 2 / 3]);
 * const meanPredicted = table.getColumn("mean_predicted").toArray() as number[];
 * assert.ok(Math.abs(meanPredicted[0] - 0.2) < 1e-15);
 * ```
 */
export function calibrationTable(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: CalibrationTableOptions = {},
): DataFrame {
  const action = "compute calibration table";
  const bins = requireInteger(options.bins ?? 10, "bins", action);
  const strategy = requireOneOf(options.strategy ?? "uniform", STRATEGIES, "strategy", action);
  const { y, scores: s, n } = binaryInput(yTrue, scores, action, { probabilities: true });
  const edges = binEdges(s, bins, strategy);
  const counts = new Int32Array(bins);
  const hits = new Float64Array(bins);
  const sums = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    // Number of interior edges (edges[1..bins-1]) strictly below the score.
    const v = s[i];
    let lo = 1;
    let hi = bins;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    const b = lo - 1;
    counts[b]++;
    hits[b] += y[i];
    sums[b] += v;
  }
  const rows = [...counts.keys()].filter((b) => counts[b] > 0);
  return pl.DataFrame({
    bin: Int32Array.from(rows, (b) => b + 1),
    lower: Float64Array.from(rows, (b) => edges[b]),
    upper: Float64Array.from(rows, (b) => edges[b + 1]),
    count: Int32Array.from(rows, (b) => counts[b]),
    mean_predicted: Float64Array.from(rows, (b) => sums[b] / counts[b]),
    observed_rate: Float64Array.from(rows, (b) => hits[b] / counts[b]),
  });
}
