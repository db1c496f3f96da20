/**
 * The shared body of the fitted scalers in `lib/prep` (internal): choose the features, copy them
 * into typed arrays, fit a centre and a divisor per feature, and build the `transform` and
 * `inverseTransform` closures. `fitStandardScaler` and `fitRobustScaler` differ only in the per-feature statistics.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { featureMatrix, resolveFeatures } from "../core/feature_matrix.ts";

/** What a scaler fits on one feature: its centre, its divisor, and any other statistic to report. */
export interface AffineColumnFit {
  /** Subtracted from the feature. */
  readonly center: number;
  /** The divisor (never 0). */
  readonly scale: number;
  /** Further statistics (e.g. the variance), reported as records keyed by feature. */
  readonly [statistic: string]: number;
}

/** Options of {@linkcode fitAffineScaler}. */
export interface FitAffineScalerOptions {
  /** Columns to scale. Default: every numeric column. */
  features?: readonly string[];
  /** The scaler's name for messages, e.g. `"StandardScaler"`. */
  name: string;
  /** Fits one feature from its values (a copy it may sort in place; no NaN). */
  fitColumn: (values: Float64Array) => AffineColumnFit;
}

/** A fitted affine scaler: `(x - center) / scale` per feature. */
export interface AffineScalerModel {
  /** The scaled columns, in order (frozen). */
  readonly features: readonly string[];
  /** Rows of the fitting frame. */
  readonly nSamples: number;
  /** Each statistic of {@linkcode AffineColumnFit} (`center`, `scale`, ...) keyed by feature. */
  readonly statistics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** `(f - center[f]) / scale[f]` for each feature, other columns untouched. */
  transform(df: DataFrame): DataFrame;
  /** `f * scale[f] + center[f]` for each feature, other columns untouched. */
  inverseTransform(df: DataFrame): DataFrame;
}

/**
 * Fits an affine scaler: resolves the features (see `resolveFeatures`), copies them into typed
 * arrays (refusing missing, NaN and infinite values), fits each with `fitColumn`, and returns the
 * statistics as frozen records with the two transforms. O(n d) plus the cost of `fitColumn`.
 *
 * @param df The frame to fit on; never modified.
 * @param options `features`, the scaler's `name` and `fitColumn`.
 * @returns The fitted parts every scaler model exposes.
 * @throws {TypeError} When a feature is missing, not numeric or listed twice, or none is numeric.
 * @throws {RangeError} When the frame is empty or a feature has a missing, NaN or infinite value.
 */
export function fitAffineScaler(
  df: DataFrame,
  options: FitAffineScalerOptions,
): AffineScalerModel {
  const { name, fitColumn } = options;
  const action = `fit ${name}`;
  const { features, columns, n } = featureMatrix(df, { features: options.features, action });
  const fits = columns.map((values) => fitColumn(values));
  const statistics: Record<string, Readonly<Record<string, number>>> = {};
  for (const key of Object.keys(fits[0])) {
    statistics[key] = Object.freeze(
      Object.fromEntries(features.map((f, j) => [f, fits[j][key]])),
    );
  }
  const frozenFeatures = Object.freeze([...features]);
  const { center, scale } = statistics;
  const apply = (other: DataFrame, inverse: boolean): DataFrame => {
    resolveFeatures(other, {
      features: frozenFeatures,
      action: `${inverse ? "inverse-transform" : "transform"} with ${name}`,
    });
    return other.withColumns(
      ...frozenFeatures.map((f) => {
        const x = pl.col(f).cast(pl.Float64);
        const y = inverse
          ? x.mul(pl.lit(scale[f])).add(pl.lit(center[f]))
          : x.sub(pl.lit(center[f])).div(pl.lit(scale[f]));
        return y.alias(f);
      }),
    );
  };
  return Object.freeze({
    features: frozenFeatures,
    nSamples: n,
    statistics: Object.freeze(statistics),
    transform: (other: DataFrame) => apply(other, false),
    inverseTransform: (other: DataFrame) => apply(other, true),
  });
}
