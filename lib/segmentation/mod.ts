/**
 * Segmentation: k-means (with restarts and a relative tolerance), k-prototypes for mixed numeric
 * and categorical features, Gaussian mixtures with BIC, DBSCAN, the internal cluster metrics,
 * choosing k, seed and bootstrap stability, a 2-D PCA projection for plots, segment profiles
 * and segment cards. Every kernel runs
 * on typed arrays taken from Polars columns and matches scikit-learn's definitions.
 *
 * @example Segment and profile
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitKMeans, profileSegments, silhouetteScore } from "./mod.ts";
 *
 * const df = pl.DataFrame({ spend: [1, 2, 3, 50, 52, 55] });
 * const model = fitKMeans(df, { k: 2, seed: 7 });
 * assert.ok(silhouetteScore(df, model.labels) > 0.9);
 * assert.equal(profileSegments(df, { labels: model.labels }).height, 2);
 * ```
 *
 * @module
 */

export { fitKMeans, type FitKMeansOptions, type KMeansModel } from "./fit_kmeans.ts";
export { evaluateK, type EvaluateKOptions, type KEvaluation, kneedle } from "./evaluate_k.ts";
export { silhouetteScore, type SilhouetteScoreOptions } from "./silhouette_score.ts";
export { silhouetteSamples, type SilhouetteSamplesOptions } from "./silhouette_samples.ts";
export * from "./silhouette_by_segment.ts";
export { daviesBouldinScore, type DaviesBouldinScoreOptions } from "./davies_bouldin_score.ts";
export {
  calinskiHarabaszScore,
  type CalinskiHarabaszScoreOptions,
} from "./calinski_harabasz_score.ts";
export { dbscan, type DbscanOptions, type DbscanResult } from "./dbscan.ts";
export { kDistance, type KDistanceOptions } from "./k_distance.ts";
export { fitPca, type FitPcaOptions, type PcaModel } from "./fit_pca.ts";
export { profileSegments, type ProfileSegmentsOptions } from "./profile_segments.ts";
export { labelSegments, type LabelSegmentsOptions } from "./label_segments.ts";
export { adjustedRandIndex } from "./adjusted_rand_index.ts";
export { nameSegments, type NameSegmentsOptions } from "./name_segments.ts";
export { seedStability, type SeedStabilityOptions } from "./seed_stability.ts";
export {
  fitKPrototypes,
  type FitKPrototypesOptions,
  type KPrototypesModel,
} from "./fit_k_prototypes.ts";
export {
  fitGaussianMixture,
  type FitGaussianMixtureOptions,
  type GaussianMixtureModel,
} from "./fit_gaussian_mixture.ts";
export {
  type BootstrapStability,
  bootstrapStability,
  type BootstrapStabilityOptions,
} from "./bootstrap_stability.ts";
export { segmentCards, type SegmentCardsOptions } from "./segment_cards.ts";
export {
  compareGaussianMixtures,
  type CompareGaussianMixturesOptions,
} from "./compare_gaussian_mixtures.ts";
