/**
 * Types shared by the public recommender files and their private typed-array cores, declared
 * once here so that no two files of the module import each other (public files re-export the
 * public ones).
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";

/**
 * What a cell of the interaction matrix holds: `"binary"` (1 when the customer bought the item),
 * `"count"` (the number of transaction lines of that customer and item) or `"quantity"` (the
 * units bought, the sum of `quantity`).
 */
export type InteractionWeight = "binary" | "count" | "quantity";

/** Options for `interactionMatrix`. */
export interface InteractionMatrixOptions {
  /** Customer column (cast to text). Default `"customer_id"`. */
  customer?: string;
  /** Item column (cast to text). Default `"product_id"`. */
  item?: string;
  /** What a cell holds. Default `"binary"`. */
  weight?: InteractionWeight;
}

/**
 * A read-only sparse customer x item matrix in CSR form: the items of customer row `r` are
 * `colIdx[rowPtr[r]]` to `colIdx[rowPtr[r + 1] - 1]` (ascending), with their weights in
 * `values` at the same positions. The typed arrays are shared, not copied: do not modify them.
 */
export interface InteractionMatrix {
  /** Customer ids, sorted (Polars byte order); a customer's row is its position. */
  readonly customers: readonly string[];
  /** Item ids, sorted (Polars byte order); an item's column is its position. */
  readonly items: readonly string[];
  /** Row pointers, length `customers.length + 1`. */
  readonly rowPtr: Int32Array;
  /** Column (item) index of each stored cell, ascending within a row. */
  readonly colIdx: Int32Array;
  /** Weight of each stored cell (always > 0). */
  readonly values: Float64Array;
  /** What the weights are. */
  readonly weight: InteractionWeight;
  /**
   * The row of a customer id.
   *
   * @param id The customer id.
   * @returns Its row, or -1 when absent.
   */
  customerIndex(id: string): number;
  /**
   * The column of an item id.
   *
   * @param id The item id.
   * @returns Its column, or -1 when absent.
   */
  itemIndex(id: string): number;
  /**
   * The distinct items a customer bought.
   *
   * @param customer The customer id.
   * @returns The items, sorted; `[]` for an unknown customer.
   */
  itemsOf(customer: string): string[];
}

/** Options for `fitPopularity`. */
export interface FitPopularityOptions {
  /** Customer column (cast to text); the recommendations keep its name. Default `"customer_id"`. */
  customer?: string;
  /** Item column (cast to text); the recommendations keep its name. Default `"product_id"`. */
  item?: string;
  /**
   * What an item's popularity sums over its buyers: `"binary"` (distinct customers, the
   * default), `"count"` (transaction lines) or `"quantity"` (units).
   */
  weight?: InteractionWeight;
}

/** Options for `fitItemKnn`. */
export interface FitItemKnnOptions {
  /** Neighbours kept per item (k), an integer >= 1. Default 50. */
  neighbours?: number;
  /**
   * Shrinkage λ >= 0 of the similarity towards 0 for pairs bought together by few customers.
   * Default 10; 0 gives the plain cosine.
   */
  shrinkage?: number;
  /** What a matrix cell holds (see `interactionMatrix`). Default `"binary"`. */
  weight?: InteractionWeight;
  /** Customer column (cast to text); the recommendations keep its name. Default `"customer_id"`. */
  customer?: string;
  /** Item column (cast to text); the recommendations keep its name. Default `"product_id"`. */
  item?: string;
  /**
   * Threads computing the item-item similarities (default: the project-wide default,
   * `getDefaultThreads()`, the cores available; 1 runs everything in the calling thread). The
   * neighbours and similarities are the same bit for bit at every thread count.
   */
  threads?: number;
}

/** The resolved options of an item-kNN model: every option but `threads`, defaults filled in. */
export type ResolvedItemKnnOptions = Readonly<Required<Omit<FitItemKnnOptions, "threads">>>;

/** Options for `fitContentBased`. */
export interface FitContentBasedOptions {
  /** Text column describing the item. Default `"description"`. */
  text?: string;
  /** Keep only terms found in at least this many items, an integer >= 1. Default 2. */
  minDf?: number;
  /** Customer column (cast to text); the recommendations keep its name. Default `"customer_id"`. */
  customer?: string;
  /** Item column (cast to text); the recommendations keep its name. Default `"product_id"`. */
  item?: string;
}

/** Options of the ranking metrics `precisionAtK`, `recallAtK`, `mapAtK` and `ndcgAtK`. */
export interface RankingMetricOptions {
  /** The cut-off: how many recommendations per user count, a positive integer. Required. */
  k: number;
}

/** Options every recommender's `recommend` method accepts. */
export interface RecommendOptions {
  /** How many items to recommend per customer at most, an integer >= 1. Default 10. */
  n?: number;
  /**
   * Leave out the items the customer bought in the training data. Default true (the usual
   * "what else might they buy" question).
   */
  excludePurchased?: boolean;
}

/**
 * Why an item was recommended, the `reason_kind` column of a recommendation frame:
 * - `"popular"`: one of the most bought items (`because_product` null, `because_score` the
 *   number of distinct customers who bought it);
 * - `"bought_together"`: item-kNN, bought by the same customers as `because_product`
 *   (`because_score` their shrunk cosine similarity);
 * - `"similar_text"`: content-based, described like `because_product` (`because_score` the
 *   cosine of their TF-IDF vectors).
 */
export type ReasonKind = "popular" | "bought_together" | "similar_text";

/**
 * A fitted recommender: any model returned by `fitPopularity`, `fitItemKnn`, `fitContentBased`
 * or `fitHybrid`.
 */
export interface RecommenderModel {
  /** Which model this is, e.g. `"item_knn"`. */
  readonly kind: string;
  /** The customer x item matrix of the training data the model was fitted on. */
  readonly matrix: InteractionMatrix;
  /** The options used, defaults filled in (at least the customer and item column names). */
  readonly options: { readonly customer: string; readonly item: string };
  /**
   * Recommends up to `n` items to each customer.
   *
   * @param customerIds The customers, in the output order (each distinct id once, at its first
   * position; ids are compared as text).
   * @param options `n` and `excludePurchased`.
   * @returns A new frame sorted by customer (in the given order) then rank, with columns: the
   * model's customer column (Utf8), `rank` (Int64, 1..n), the model's item column (Utf8),
   * `score` (Float64), then the structured reason `reason_kind` (Utf8, a {@linkcode ReasonKind}),
   * `because_product` (Utf8, null for `"popular"`), `because_score` (Float64) and `reason`
   * (Utf8, the same as readable text, e.g. "because you bought 85123A").
   */
  recommend(customerIds: readonly string[], options?: RecommendOptions): DataFrame;
}

/** The structured reason of one recommendation (internal form of the reason columns). */
export interface Reason {
  /** The kind of reason. */
  readonly kind: ReasonKind;
  /** The item code behind it, or -1 (popular). */
  readonly because: number;
  /** The strength of the evidence (see {@linkcode ReasonKind}). */
  readonly score: number;
}

/** Room for one customer's best candidates, filled by {@linkcode Scorer.top}. */
export interface Candidates {
  /** Item codes, best first. */
  readonly items: Int32Array;
  /** Their scores. */
  readonly scores: Float64Array;
  /** One model-specific code per candidate, passed back to {@linkcode Scorer.reason}. */
  readonly aux: Int32Array;
  /** One model-specific number per candidate, passed back to {@linkcode Scorer.reason}. */
  readonly auxScore: Float64Array;
}

/** The typed-array core of a recommender. */
export interface Scorer {
  /**
   * Writes the best `n` candidates of customer row `row` (-1 for a customer not in the matrix)
   * into `out`, best first (score descending, then item code ascending).
   *
   * @returns How many candidates were written.
   */
  top(row: number, n: number, excludePurchased: boolean, out: Candidates): number;
  /**
   * The reason of one candidate returned by the latest `top` call for the same row (a scorer
   * may read the scratch state that call left behind).
   */
  reason(row: number, item: number, aux: number, auxScore: number): Reason;
}
