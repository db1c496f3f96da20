import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, requireColumns, requireInteger, requireRows } from "../core/errors.ts";
import { createRandom, MAX_SEED } from "../core/random.ts";

/** What {@linkcode crossValidatedProbabilities} needs from a fitted model. */
export interface ProbabilityModel {
  /**
   * Probability of the positive class for each row.
   *
   * @param data Rows in the form the model was fitted on.
   * @returns One probability per row.
   */
  predictProba(data: DataFrame): ArrayLike<number>;
}

/** Options for {@linkcode crossValidatedProbabilities}. */
export interface CrossValidatedProbabilitiesOptions<O> {
  /**
   * The fitting function, called as `fit(trainingRows, fitOptions)` once per fold, e.g.
   * `fitLogisticRegression` or `fitLogisticPipeline`. Whatever it learns (encoder categories,
   * scaler means, coefficients) is learned from the other folds only. Required.
   */
  fit: (data: DataFrame, options: O) => ProbabilityModel;
  /** The options passed to `fit` unchanged. Required. */
  fitOptions: O;
  /** Number of folds, an integer from 2 to the number of rows. Default 5. */
  folds?: number;
  /** Seed of the fold shuffle (required unless `foldIds` is given; an integer 0 to 2^32 - 1). */
  seed?: number;
  /**
   * Column whose classes are spread evenly over the folds (stratified k-fold, as scikit-learn's
   * `StratifiedKFold(shuffle=True)`), usually the target. Default: no stratification.
   */
  stratify?: string;
  /**
   * Predefined folds, one integer per row from 0 to `folds - 1` (scikit-learn's
   * `PredefinedSplit`); when given, `seed` and `stratify` are not used and `folds` is read from
   * the ids. Every fold must hold at least one row.
   */
  foldIds?: ArrayLike<number>;
}

/** Result of {@linkcode crossValidatedProbabilities}. */
export interface CrossValidatedProbabilities {
  /** Out-of-fold probability per row of the input, in row order. */
  readonly probabilities: Float64Array;
  /** The fold (0 to `folds - 1`) that held out each row, in row order. */
  readonly foldIds: Int32Array;
  /** Number of folds, hence of models fitted. */
  readonly folds: number;
}

const ACTION = "compute cross-validated probabilities";

/** Fold id per row: shuffled (within each class when stratified), then dealt round-robin. */
function assignFolds(
  data: DataFrame,
  folds: number,
  seed: number,
  stratify: string | undefined,
): Int32Array {
  const n = data.height;
  const random = createRandom(seed);
  const groups = new Map<string, number[]>();
  if (stratify === undefined) {
    groups.set("all", Array.from({ length: n }, (_, i) => i));
  } else {
    const values = data.getColumn(stratify).toArray();
    for (let i = 0; i < n; i++) {
      const key = String(values[i]);
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [i]);
      else list.push(i);
    }
  }
  const ids = new Int32Array(n);
  let offset = 0; // continue the deal across classes so fold sizes differ by at most one
  for (const rows of groups.values()) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    for (let r = 0; r < rows.length; r++) ids[rows[r]] = (offset + r) % folds;
    offset = (offset + rows.length) % folds;
  }
  return ids;
}

/** Validates predefined fold ids and returns them with the fold count. */
function predefinedFolds(foldIds: ArrayLike<number>, n: number): [Int32Array, number] {
  if (foldIds === null || typeof foldIds !== "object" || typeof foldIds.length !== "number") {
    throw new TypeError(`Cannot ${ACTION} as foldIds is not an array of integers`);
  }
  if (foldIds.length !== n) {
    throw new RangeError(
      `Cannot ${ACTION} as foldIds and rows differ in length: ${foldIds.length} ids, ${n} rows`,
    );
  }
  const bad: number[] = [];
  let badCount = 0;
  let folds = 0;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = foldIds[i];
    if (!Number.isInteger(v) || v < 0) {
      badCount++;
      if (bad.length < 5) bad.push(i + 1);
    } else {
      ids[i] = v;
      folds = Math.max(folds, v + 1);
    }
  }
  if (badCount > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${badCount} foldIds are not integers >= 0: rows ${
        formatExamples(bad, badCount)
      }`,
    );
  }
  const sizes = new Int32Array(folds);
  for (const v of ids) sizes[v]++;
  const empty = [...sizes.keys()].filter((f) => sizes[f] === 0);
  if (folds < 2 || empty.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as every fold from 0 to the largest id needs rows and there must be at least 2: ${
        folds < 2 ? `${folds} fold` : `fold ${formatExamples(empty)} empty`
      }`,
    );
  }
  return [ids, folds];
}

/**
 * Cross-validated (out-of-fold) probabilities: the rows are split into k folds, a model is
 * fitted on k - 1 folds and scores the fold it did not see, k times, so every row gets a
 * probability from a model that never saw it. This is scikit-learn's
 * `cross_val_predict(model, X, y, cv, method="predict_proba")[:, 1]`: the honest way to score the
 * customers you also learn from (a contact list of current customers), and to choose a threshold
 * without touching a test set. In-sample scores of a model's own training rows are optimistic.
 *
 * Folds: the rows (within each class of `stratify`, classes in order of first appearance) are
 * shuffled by a Fisher-Yates shuffle driven by `createRandom(seed)` and dealt to the folds in
 * turn, so fold sizes differ by at most one and each class is spread as evenly as possible.
 * scikit-learn shuffles with numpy, so its folds differ; with the same `foldIds`
 * (`PredefinedSplit`) the probabilities are the same (`tests/reference/cross_validation_reference.py`).
 *
 * Cost: k model fits on about (k - 1)/k of the rows and k predictions; O(n) extra memory.
 * Reference: Hastie, Tibshirani and Friedman (2009), *The Elements of Statistical Learning*,
 * section 7.10; <https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.cross_val_predict.html>.
 *
 * @param data The rows, with whatever columns `fit` and `predictProba` read; not modified.
 * @param options `fit` and `fitOptions` (required), `folds` (default 5), `seed` (required unless
 * `foldIds`), `stratify`, `foldIds`.
 * @returns The out-of-fold probabilities, the fold of each row and the fold count.
 * @throws {TypeError} When `fit` is not a function, `seed` is missing, the stratify column is
 * missing, or `foldIds` is not an array.
 * @throws {RangeError} When the frame is empty, `folds` is not an integer from 2 to the row count,
 * `foldIds` is malformed, a model returns the wrong number of probabilities or a value outside
 * [0, 1] (and whatever `fit` throws, e.g. one class in a training part).
 *
 * @example Each row scored by the mean of the other folds
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { crossValidatedProbabilities } from "./cross_validated_probabilities.ts";
 *
 * const data = pl.DataFrame({ y: [1, 0, 1, 1] });
 * // A "model" that predicts the churn rate of its training rows for everybody.
 * const fitRate = (rows: pl.DataFrame, _options: Record<string, never>) => {
 *   const rate = Number(rows.getColumn("y").mean());
 *   return { predictProba: (df: pl.DataFrame) => new Float64Array(df.height).fill(rate) };
 * };
 * const cv = crossValidatedProbabilities(data, {
 *   fit: fitRate,
 *   fitOptions: {},
 *   foldIds: [0, 0, 1, 1],
 * });
 * assert.deepEqual(Array.from(cv.probabilities), [1, 1, 0.5, 0.5]);
 * ```
 */
export function crossValidatedProbabilities<O>(
  data: DataFrame,
  options: CrossValidatedProbabilitiesOptions<O>,
): CrossValidatedProbabilities {
  if (typeof options !== "object" || options === null || typeof options.fit !== "function") {
    throw new TypeError(
      `Cannot ${ACTION} as fit is not a function: pass { fit: fitLogisticRegression, fitOptions }`,
    );
  }
  requireRows(data, ACTION);
  const n = data.height;
  let ids: Int32Array;
  let folds: number;
  if (options.foldIds !== undefined) {
    [ids, folds] = predefinedFolds(options.foldIds, n);
  } else {
    if (options.seed === undefined) {
      throw new TypeError(`Cannot ${ACTION} as seed is missing: pass an integer 0 to ${MAX_SEED}`);
    }
    folds = requireInteger(options.folds ?? 5, "folds", ACTION, 2);
    if (folds > n) {
      throw new RangeError(`Cannot ${ACTION} as folds exceeds the rows: ${folds} folds, ${n} rows`);
    }
    const seed = requireInteger(options.seed, "seed", ACTION, 0, MAX_SEED);
    if (options.stratify !== undefined) requireColumns(data, [options.stratify], ACTION);
    ids = assignFolds(data, folds, seed, options.stratify);
  }
  const probabilities = new Float64Array(n);
  const foldSeries = pl.Series("__fold", ids, pl.Int32);
  const indexed = data.withColumns(foldSeries);
  for (let f = 0; f < folds; f++) {
    const train = indexed.filter(pl.col("__fold").neq(f)).drop("__fold");
    const test = indexed.filter(pl.col("__fold").eq(f)).drop("__fold");
    const model = options.fit(train, options.fitOptions);
    const p = model.predictProba(test);
    if (p.length !== test.height) {
      throw new RangeError(
        `Cannot ${ACTION} as the model of fold ${f} returned ${p.length} probabilities for ${test.height} rows`,
      );
    }
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (ids[i] !== f) continue;
      const v = p[r++];
      if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
        throw new RangeError(
          `Cannot ${ACTION} as the model of fold ${f} returned a value that is not a probability: row ${
            i + 1
          } (value ${v})`,
        );
      }
      probabilities[i] = v;
    }
  }
  return { probabilities, foldIds: ids, folds };
}
