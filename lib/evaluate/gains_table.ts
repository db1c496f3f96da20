import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireInteger } from "../core/errors.ts";
import { binaryInput } from "./_binary.ts";

/** Options for {@linkcode gainsTable}. */
export interface GainsTableOptions {
  /** Number of equal-count bins, an integer from 1 to the row count. Default 10 (deciles). */
  bins?: number;
}

/**
 * Gains and lift table (decile analysis): customers sorted from the highest score down, cut into
 * `bins` groups of equal size, with each group's positives (e.g. churners), positive rate, lift
 * and the cumulative gain, the share of all positives reached by contacting the top groups.
 * It answers "if we contact the top 20% by score, what share of churners do we reach, and how
 * many times better than random is that?".
 *
 * Per bin b (1 = highest scores), with n customers, P positives and overall rate P / n:
 * - `positive_rate` = positives_b / customers_b;
 * - `cumulative_customers_share` = customers in bins 1..b / n;
 * - `cumulative_positives_share` = positives in bins 1..b / P (the cumulative gain);
 * - `lift` = positive_rate / (P / n);
 * - `cumulative_lift` = (positives in 1..b / customers in 1..b) / (P / n), equal to
 *   `cumulative_positives_share / cumulative_customers_share`.
 *
 * Ordering and ties: rows are sorted by score descending, ties kept in row order (a stable
 * sort), and the order is cut by position, so tied scores can straddle a bin boundary and the
 * earlier rows land in the higher bin. Sizes: with n = q × bins + r, the first r bins hold q + 1
 * rows and the rest q (as `numpy.array_split`), so sizes differ by at most one and the larger
 * bins are at the top.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: Linoff, G. S. and Berry, M. J. A. (2011), "Data Mining Techniques", 3rd ed., Wiley,
 * ch. 5 (lift and cumulative gains charts);
 * <https://en.wikipedia.org/wiki/Lift_(data_mining)>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One finite score per row; higher means more likely positive.
 * @param options The number of `bins` (default 10).
 * @returns One row per bin, top scores first: `bin` (Int32, from 1), `customers`, `positives`
 * (Int32), `positive_rate`, `cumulative_customers_share`, `cumulative_positives_share`, `lift`,
 * `cumulative_lift` (Float64).
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, `bins` is not an integer from 1 to the row count, or
 * there is no positive (lift is undefined).
 *
 * @example Halves of four customers
 * ```ts
 * import assert from "node:assert/strict";
 * import { gainsTable } from "./gains_table.ts";
 *
 * const table = gainsTable([0, 1, 1, 0], [0.2, 0.9, 0.7, 0.4], { bins: 2 });
 * // Top half: both positives (rate 1, twice the overall 0.5).
 * assert.deepEqual(table.getColumn("positives").toArray(), [2, 0]);
 * assert.deepEqual(table.getColumn("lift").toArray(), [2, 0]);
 * assert.deepEqual(table.getColumn("cumulative_positives_share").toArray(), [1, 1]);
 * ```
 */
export function gainsTable(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: GainsTableOptions = {},
): DataFrame {
  const action = "compute gains table";
  const { bins = 10 } = options;
  const { y, scores: s, n, positives } = binaryInput(yTrue, scores, action);
  requireInteger(bins, "bins (at most the row count)", action, 1, n);
  if (positives === 0) {
    throw new RangeError(
      `Cannot ${action} as there is no positive in yTrue, so lift is undefined: ${n} ${
        n === 1 ? "row" : "rows"
      }, all 0`,
    );
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => s[b] - s[a] || a - b);

  const rate = positives / n;
  const base = Math.floor(n / bins);
  const extra = n % bins;
  const columns = {
    bin: new Int32Array(bins),
    customers: new Int32Array(bins),
    positives: new Int32Array(bins),
    positive_rate: new Float64Array(bins),
    cumulative_customers_share: new Float64Array(bins),
    cumulative_positives_share: new Float64Array(bins),
    lift: new Float64Array(bins),
    cumulative_lift: new Float64Array(bins),
  };
  let start = 0;
  let cumulativeCustomers = 0;
  let cumulativePositives = 0;
  for (let b = 0; b < bins; b++) {
    const size = base + (b < extra ? 1 : 0);
    let hits = 0;
    for (let r = start; r < start + size; r++) hits += y[order[r]];
    start += size;
    cumulativeCustomers += size;
    cumulativePositives += hits;
    columns.bin[b] = b + 1;
    columns.customers[b] = size;
    columns.positives[b] = hits;
    columns.positive_rate[b] = hits / size;
    columns.cumulative_customers_share[b] = cumulativeCustomers / n;
    columns.cumulative_positives_share[b] = cumulativePositives / positives;
    columns.lift[b] = hits / size / rate;
    columns.cumulative_lift[b] = cumulativePositives / cumulativeCustomers / rate;
  }
  return pl.DataFrame(columns);
}
