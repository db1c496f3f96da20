/**
 * Personalisation: an implicit-feedback interaction matrix and an honest time split, five
 * recommenders (popularity baseline, item-item collaborative filtering, content-based TF-IDF, a
 * hybrid, and association rules as notebook 04 uses them), the ranking metrics to compare them
 * (with bootstrap intervals of precision@k), and per-segment and per-customer offers.
 *
 * @example Precision of a ranked list
 * ```ts
 * import assert from "node:assert/strict";
 * import { precisionAtK } from "./mod.ts";
 *
 * assert.equal(precisionAtK([["a", "b"]], [["b"]], { k: 2 }), 0.5);
 * ```
 *
 * @module
 */
export * from "./interaction_matrix.ts";
export * from "./time_split.ts";
export * from "./fit_popularity.ts";
export * from "./fit_item_knn.ts";
export * from "./fit_content_based.ts";
export * from "./fit_hybrid.ts";
export type {
  RankingMetricOptions,
  ReasonKind,
  RecommenderModel,
  RecommendOptions,
} from "./_types.ts";
export * from "./precision_at_k.ts";
export * from "./recall_at_k.ts";
export * from "./map_at_k.ts";
export * from "./ndcg_at_k.ts";
export * from "./catalog_coverage.ts";
export * from "./evaluate_recommenders.ts";
export * from "./personalized_offers.ts";
export * from "./describe_recommendations.ts";
export * from "./fit_rule_recommender.ts";
export * from "./offer_budget.ts";
