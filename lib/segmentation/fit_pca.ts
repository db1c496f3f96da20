import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { PCA } from "ml-pca";
import { featureMatrix } from "../core/feature_matrix.ts";
import { requireInteger } from "../core/errors.ts";

/** Options for {@linkcode fitPca}. */
export interface FitPcaOptions {
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /** Number of components kept. Default 2. */
  components?: number;
}

/** A fitted principal component analysis (read-only). */
export interface PcaModel {
  /** The options the model was fitted with, defaults filled in (`features` resolved). */
  readonly options: Readonly<Required<FitPcaOptions>>;
  /** Feature columns, in loading order. */
  readonly features: readonly string[];
  /** Number of components kept. */
  readonly components: number;
  /** Share of the total variance each kept component explains. */
  readonly explainedVarianceRatio: readonly number[];
  /** Loadings: one array per component, one weight per feature. */
  readonly loadings: readonly (readonly number[])[];
  /**
   * Projects rows onto the components.
   *
   * @param data A frame with the model's features.
   * @returns A new frame with columns `pc1`, `pc2`, ...
   */
  transform(data: DataFrame): DataFrame;
}

/**
 * Fits a principal component analysis (centred, not scaled: scale features first if they have
 * different units) with `ml-pca`'s SVD method, which matches scikit-learn's `PCA` up to the sign
 * of each component (FIELD_NOTES; its NIPALS option does not and is not used). For plotting
 * segments of more than two features in two dimensions.
 *
 * Cost: O(n·d² + d³) for the SVD.
 *
 * @param df Training rows.
 * @param options Features and number of components.
 * @returns The fitted model.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When `components` is not in [1, features], or values are missing.
 *
 * @example Points on a line need one component
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitPca } from "./fit_pca.ts";
 *
 * const model = fitPca(pl.DataFrame({ a: [1, 2, 3, 4], b: [2, 4, 6, 8] }));
 * assert.ok(Math.abs(model.explainedVarianceRatio[0] - 1) < 1e-12);
 * assert.deepEqual(model.transform(pl.DataFrame({ a: [1], b: [2] })).columns, ["pc1", "pc2"]);
 * ```
 */
export function fitPca(df: DataFrame, options: FitPcaOptions = {}): PcaModel {
  const action = "fit PCA";
  const m = featureMatrix(df, { features: options.features, action: action });
  const components = requireInteger(options.components ?? 2, "components", action, 1, m.d);
  const rows = toRows(m.data, m.n, m.d);
  const pca = new PCA(rows, { method: "SVD", center: true, scale: false });
  const ratio = pca.getExplainedVariance().slice(0, components);
  const vectors = pca.getEigenvectors().transpose().to2DArray().slice(0, components);
  const features = Object.freeze([...m.features]);
  return Object.freeze({
    options: Object.freeze({ features, components }),
    features,
    components,
    explainedVarianceRatio: Object.freeze(ratio),
    loadings: Object.freeze(vectors.map((v) => Object.freeze(v))),
    transform(data: DataFrame): DataFrame {
      const x = featureMatrix(data, { features: features, action: "transform with PCA" });
      const projected = pca.predict(toRows(x.data, x.n, x.d), { nComponents: components })
        .to2DArray();
      const columns: Record<string, number[]> = {};
      for (let c = 0; c < components; c++) columns[`pc${c + 1}`] = projected.map((r) => r[c]);
      return pl.DataFrame(columns);
    },
  });
}

function toRows(data: Float64Array, n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
}
