import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import type { BinaryClassifier } from "../core/classifier.ts";
import { requireColumns, requireInteger, requireRows } from "../core/errors.ts";
import { createRandom, MAX_SEED } from "../core/random.ts";
import { binaryInput } from "./_binary.ts";
import { rocAuc } from "./roc_auc.ts";

/** Options for {@linkcode permutationImportance}. */
export interface PermutationImportanceOptions {
  /**
   * The fitted binary classifier to explain (e.g. from `fitGradientBoosting`); only its
   * `features`, `target` and `predictProba` are used. Required.
   */
  model: BinaryClassifier;
  /** Seed of the generator that draws the permutations (required; an integer 0 to 2^32 - 1). */
  seed: number;
  /** Permutations per feature, an integer >= 1. Default 5 (scikit-learn's `n_repeats`). */
  repeats?: number;
  /**
   * Score to compare, higher is better, called as `metric(yTrue, scores)` with the 0/1 target
   * and the model's probabilities. Default {@linkcode rocAuc}.
   */
  metric?: (yTrue: ArrayLike<number>, scores: ArrayLike<number>) => number;
}

/**
 * Permutation importance: how much a fitted model's score drops when one feature's values are
 * shuffled across rows, breaking its link with the target while keeping its distribution. A
 * model-agnostic answer to "which inputs does this churn model rely on?"; a feature the model
 * ignores scores exactly 0, and a negative value means shuffling happened to help.
 *
 * For each feature of `model.features` and each of `repeats` permutations:
 *
 *     importance = metric(y, model(df)) − metric(y, model(df with the feature permuted))
 *
 * reported as the mean and the population standard deviation (ddof = 0, as numpy's default and
 * `sklearn.inspection.permutation_importance`'s `importances_std`) over the repeats, sorted by
 * mean importance, highest first (ties keep the model's feature order). The target is the
 * model's `target` column (0/1 numbers, or booleans read as 0/1).
 *
 * Randomness: each permutation is a Fisher-Yates shuffle driven by the library's seeded
 * generator (`createRandom(seed)`, no global state); as in scikit-learn, every feature restarts
 * the generator from the same seed, so repeat r applies the same row permutation to each feature
 * and a feature's importance does not depend on which other features the model has. scikit-learn
 * draws with numpy's generator, so values match it statistically, not bit for bit.
 *
 * Cost: features × repeats model predictions and metric evaluations (O(n log n) each for ROC
 * AUC), plus the baseline; O(n) extra memory per permuted frame.
 * Reference: Breiman, L. (2001), "Random forests", Machine Learning 45, 5-32,
 * <https://doi.org/10.1023/A:1010933404324>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.inspection.permutation_importance.html>.
 *
 * @param df Evaluation rows (ideally held out) with the model's features and target; not modified.
 * @param options The `model` and `seed` (required), `repeats` (default 5) and `metric` (default
 * ROC AUC).
 * @returns A frame with `feature` (String), `importance_mean` and `importance_std` (Float64), one
 * row per model feature.
 * @throws {TypeError} When `model` is not a classifier, a feature or the target column is
 * missing, `seed` is missing, or `metric` is not a function.
 * @throws {RangeError} When the frame is empty, a target value is not 0 or 1, `seed` is not an
 * integer from 0 to 2^32 - 1, `repeats` is not an integer >= 1, the model returns the wrong number of scores, or the
 * metric returns a non-finite value (and whatever the metric throws, e.g. ROC AUC on one class).
 *
 * @example A model that reads x1 only
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { permutationImportance } from "./permutation_importance.ts";
 *
 * const df = pl.DataFrame({
 *   x1: [0.1, 0.9, 0.2, 0.8, 0.3, 0.7],
 *   x2: [5, 1, 4, 2, 6, 3],
 *   churned: [0, 1, 0, 1, 0, 1],
 * });
 * const model = {
 *   features: ["x1", "x2"],
 *   target: "churned",
 *   predictProba: (rows: pl.DataFrame) => rows.getColumn("x1").cast(pl.Float64).toTypedArray(),
 * };
 * const importance = permutationImportance(df, { model, seed: 1 });
 * assert.deepEqual(importance.getColumn("feature").toArray(), ["x1", "x2"]);
 * const [x1, x2] = importance.getColumn("importance_mean").toArray() as number[];
 * assert.ok(x1 > 0);
 * assert.equal(x2, 0);
 * ```
 */
export function permutationImportance(
  df: DataFrame,
  options: PermutationImportanceOptions,
): DataFrame {
  const action = "compute permutation importance";
  const { model, seed, repeats = 5, metric = rocAuc } = options ?? {};
  if (typeof model?.predictProba !== "function" || !Array.isArray(model.features)) {
    throw new TypeError(
      `Cannot ${action} as model is not a fitted classifier (features, target, predictProba): got ${
        model === null ? "null" : typeof model
      }`,
    );
  }
  if (seed === undefined || seed === null) {
    throw new TypeError(`Cannot ${action} as seed is missing: pass an explicit seed`);
  }
  requireInteger(seed, "seed", action, 0, MAX_SEED);
  requireInteger(repeats, "repeats", action);
  if (typeof metric !== "function") {
    throw new TypeError(`Cannot ${action} as metric is not a function: ${typeof metric}`);
  }
  const features = [...model.features];
  requireColumns(df, [...features, model.target], action);
  requireRows(df, action);
  const n = df.height;

  let target = df.getColumn(model.target);
  if (target.dtype.variant === "Bool") target = target.cast(pl.UInt8);
  const raw = target.toArray() as unknown as ArrayLike<number>;
  const y = binaryInput(raw, new Float64Array(n), action, {
    labelName: `target "${model.target}"`,
  }).y;

  const score = (frame: DataFrame): number => {
    const scores = model.predictProba(frame);
    if (scores.length !== n) {
      throw new RangeError(
        `Cannot ${action} as the model returned ${scores.length} scores for ${n} rows`,
      );
    }
    const value = metric(y, scores);
    if (!Number.isFinite(value)) {
      throw new RangeError(`Cannot ${action} as the metric returned a non-finite value: ${value}`);
    }
    return value;
  };

  const baseline = score(df);
  const order = new Array<number>(n);
  const results = features.map((feature, position) => {
    const column = df.getColumn(feature);
    const random = createRandom(seed); // same permutations for every feature, as scikit-learn
    const drops = new Float64Array(repeats);
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = random.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      const permuted = column.gather(order).alias(feature);
      drops[r] = baseline - score(df.withColumn(permuted));
    }
    let mean = 0;
    for (const d of drops) mean += d;
    mean /= repeats;
    let variance = 0;
    for (const d of drops) variance += (d - mean) ** 2;
    return { feature, position, mean, std: Math.sqrt(variance / repeats) };
  });
  results.sort((a, b) => b.mean - a.mean || a.position - b.position);
  return pl.DataFrame([
    pl.Series("feature", results.map((r) => r.feature), pl.Utf8),
    pl.Series("importance_mean", Float64Array.from(results, (r) => r.mean)),
    pl.Series("importance_std", Float64Array.from(results, (r) => r.std)),
  ]);
}
