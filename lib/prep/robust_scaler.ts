import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";
import { affine, column, frozenRecord, resolveFeatures } from "./_features.ts";

/** Options for {@linkcode fitRobustScaler}. */
export interface FitRobustScalerOptions {
  /** Columns to scale. Default: every numeric column of the frame the scaler is fitted on. */
  features?: readonly string[];
  /**
   * Percentiles whose difference is the scale, as scikit-learn's `quantile_range`. Default
   * `[25, 75]` (the interquartile range). Both from 0 to 100, the first below the second.
   */
  quantileRange?: readonly [number, number];
}

/**
 * A fitted robust scaler (read-only): the parameters of scikit-learn's `RobustScaler` with
 * `center_` and `scale_` as records keyed by feature name.
 */
export interface RobustScaler {
  /** The options it was fitted with, defaults resolved. */
  readonly options: Readonly<
    { features: readonly string[]; quantileRange: readonly [number, number] }
  >;
  /** The scaled columns, in order. */
  readonly features: readonly string[];
  /** Median of each feature on the fitting frame. */
  readonly center: Readonly<Record<string, number>>;
  /** Divisor of each feature: the quantile range (IQR by default), or 1 when it is 0. */
  readonly scale: Readonly<Record<string, number>>;
  /** Rows of the fitting frame. */
  readonly nSamples: number;
  /**
   * Returns a new frame with the same columns in which each feature `f` is replaced by
   * `(f - center[f]) / scale[f]` (Float64; nulls stay null); other columns are untouched. Works on
   * any frame holding the features. Cost: O(n d) in Polars.
   * @throws {TypeError} When a feature is missing or not numeric.
   */
  transform(df: DataFrame): DataFrame;
  /**
   * The inverse: `f * scale[f] + center[f]`.
   * @throws {TypeError} When a feature is missing or not numeric.
   */
  inverseTransform(df: DataFrame): DataFrame;
}

const EPS = 2 ** -52;

/**
 * Fits a robust scaler: centres each feature on its median and divides by its interquartile range
 * (75th minus 25th percentile), as scikit-learn's `RobustScaler()` does. Medians and quartiles
 * ignore how far the extreme values lie, so a few huge wholesale customers do not squash everyone
 * else towards 0 as they do with {@linkcode fitStandardScaler}. Percentiles use linear
 * interpolation between order statistics (numpy's default `percentile`, R's type 7); the median of
 * an even count is the mean of the two middle values (numpy `median`). A feature whose range is
 * below `10 * eps` gets scale 1, as in scikit-learn.
 *
 * Cost: O(n log n) per feature (a sort of each column in a typed array).
 *
 * @param df The frame to fit on; never modified.
 * @param options `features` (default: every numeric column) and `quantileRange` (default
 * `[25, 75]`).
 * @returns A frozen {@linkcode RobustScaler}.
 * @throws {TypeError} When a feature is missing, not numeric or listed twice, or no column is
 * numeric.
 * @throws {RangeError} When `quantileRange` is not two percentiles from 0 to 100 in increasing
 * order, the frame is empty, or a feature has a missing, NaN or infinite value.
 *
 * @example Median and IQR, unmoved by an outlier
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitRobustScaler } from "./robust_scaler.ts";
 *
 * const df = pl.DataFrame({ monetary: [10, 20, 30, 40, 10_000] });
 * const scaler = fitRobustScaler(df);
 * assert.deepEqual([scaler.center.monetary, scaler.scale.monetary], [30, 20]);
 * const scaled = scaler.transform(df).getColumn("monetary").toArray();
 * assert.deepEqual(scaled, [-1, -0.5, 0, 0.5, 498.5]);
 * ```
 */
export function fitRobustScaler(
  df: DataFrame,
  options: FitRobustScalerOptions = {},
): RobustScaler {
  const action = "fit RobustScaler";
  const range = options.quantileRange ?? [25, 75];
  const [low, high] = range;
  if (
    range.length !== 2 || !(low >= 0 && low < high && high <= 100)
  ) {
    throw new RangeError(
      `Cannot ${action} as quantileRange must be two percentiles with 0 <= low < high <= 100: [${
        range.join(", ")
      }]`,
    );
  }
  const features = resolveFeatures(df, options.features, action);
  const { data, n, d } = featureMatrix(df, { features: features, action: action });
  const center: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < d; j++) {
    const sorted = column(data, n, d, j).sort();
    center.push(median(sorted));
    const spread = percentile(sorted, high) - percentile(sorted, low);
    scale.push(spread < 10 * EPS ? 1 : spread);
  }
  const centerRecord = frozenRecord(features, center);
  const scaleRecord = frozenRecord(features, scale);
  const frozenFeatures = Object.freeze([...features]);
  return Object.freeze({
    options: Object.freeze({
      features: frozenFeatures,
      quantileRange: Object.freeze([low, high] as [number, number]),
    }),
    features: frozenFeatures,
    center: centerRecord,
    scale: scaleRecord,
    nSamples: n,
    transform: (other: DataFrame) =>
      affine(
        other,
        frozenFeatures,
        centerRecord,
        scaleRecord,
        false,
        "transform with RobustScaler",
      ),
    inverseTransform: (other: DataFrame) =>
      affine(
        other,
        frozenFeatures,
        centerRecord,
        scaleRecord,
        true,
        "inverse-transform with RobustScaler",
      ),
  });
}

/** numpy's `median` of sorted values: the middle one, or the mean of the two middle ones. */
function median(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * numpy 1.24's `percentile(x, p)` with the default linear method, step for step: the virtual
 * index `n q + (1 - q) - 1` with `q = p / 100`, then `_lerp`, which interpolates from the upper
 * neighbour when the fraction is at least 0.5.
 */
function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const q = p / 100;
  const index = n * q + (1 + q * -1) - 1;
  const below = Math.min(Math.max(Math.floor(index), 0), n - 1);
  const above = Math.min(below + 1, n - 1);
  const t = index - Math.floor(index);
  const a = sorted[below];
  const b = sorted[above];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
