/**
 * One quantile for the whole library, numpy-compatible (numpy 1.24 `np.quantile`), so robust
 * scalers, describe tables, calibration bins and interval summaries agree with each other and
 * with pandas/scikit-learn to the last bit.
 *
 * @module
 */

/** numpy's named methods for quantiles between data points. */
export type QuantileMethod = "linear" | "lower" | "higher" | "nearest" | "midpoint";

/** Options for {@linkcode quantileSorted}. */
export interface QuantileOptions {
  /** How to pick a value between two data points; numpy's names. Default `"linear"`. */
  method?: QuantileMethod;
}

const METHODS: readonly QuantileMethod[] = ["linear", "lower", "higher", "nearest", "midpoint"];

/**
 * Quantile of sorted values, as numpy's `np.quantile(x, p, method=...)`. The default `"linear"`
 * (numpy "method 7", pandas' default) puts the virtual index at `(n - 1) p` and interpolates with
 * numpy's `_lerp`, which works from the upper neighbour when the fraction is at least 0.5, so
 * results agree with numpy to the last bit. O(1).
 *
 * @param sorted Values sorted ascending, no NaN.
 * @param p The probability, in [0, 1].
 * @param options `method` (default `"linear"`).
 * @returns The quantile, or `NaN` when `sorted` is empty.
 * @throws {RangeError} When `p` is not in [0, 1] or the method is unknown.
 *
 * @example The median and quartiles of 1..4 (numpy: 2.5, 1.75, 3.25)
 * ```ts
 * import assert from "node:assert/strict";
 * import { quantileSorted } from "./quantile.ts";
 *
 * const x = Float64Array.of(1, 2, 3, 4);
 * assert.equal(quantileSorted(x, 0.5), 2.5);
 * assert.equal(quantileSorted(x, 0.25), 1.75);
 * assert.equal(quantileSorted(x, 0.75, { method: "lower" }), 3);
 * ```
 */
export function quantileSorted(
  sorted: ArrayLike<number>,
  p: number,
  options: QuantileOptions = {},
): number {
  const method = options.method ?? "linear";
  if (!METHODS.includes(method)) {
    throw new RangeError(
      `Cannot compute a quantile as method must be one of ${METHODS.join(", ")}: got "${method}"`,
    );
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`Cannot compute a quantile as p must be in [0, 1]: got ${p}`);
  }
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  switch (method) {
    case "lower":
      return a;
    case "higher":
      return t > 0 ? b : a;
    case "nearest":
      // numpy rounds half to even on the virtual index.
      return t > 0.5 || (t === 0.5 && lo % 2 === 1) ? b : a;
    case "midpoint":
      // numpy interpolates the midpoint with _lerp too: b - (b - a) * 0.5, not (a + b) / 2.
      return t > 0 ? b - (b - a) * 0.5 : a;
    default: {
      const diff = b - a;
      return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
  }
}

/**
 * The non-missing values, sorted ascending. O(n log n).
 *
 * @param values Values with `NaN` marking missing ones.
 * @returns A new sorted array without NaN.
 */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
}
