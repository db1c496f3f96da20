/**
 * Offline evaluation of several recommenders on held-out purchases: precision, recall, MAP, NDCG
 * and catalogue coverage at several k, as one long table.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireInteger } from "../core/errors.ts";
import { precisionAtK } from "./precision_at_k.ts";
import { recallAtK } from "./recall_at_k.ts";
import { mapAtK } from "./map_at_k.ts";
import { ndcgAtK } from "./ndcg_at_k.ts";
import { catalogCoverage } from "./catalog_coverage.ts";
import { bootstrapMean } from "../evaluate/bootstrap_mean.ts";
import type { BootstrapOptions } from "../evaluate/bootstrap_metric.ts";

/**
 * What {@linkcode evaluateRecommenders} needs of a model: a `recommend` method returning one row
 * per recommendation with a customer column, `rank` (1 = best) and an item column, as the
 * models of `fitPopularity`, `fitItemKnn`, `fitContentBased` and `fitHybrid` do. When the model
 * records `options.customer` and `options.item` (theirs do), those are the column names read.
 */
export interface RankingRecommender {
  /** The model's options; `customer` and `item` name the columns of its recommendations. */
  readonly options?: { readonly customer?: string; readonly item?: string };
  /**
   * Recommends up to `n` products to each customer.
   *
   * @param customerIds The customers to recommend to.
   * @param options How many products per customer, and whether to leave out what they bought.
   * @returns A frame with at least the customer column, `rank` and the item column.
   */
  recommend(
    customerIds: readonly string[],
    options: { n: number; excludePurchased: boolean },
  ): DataFrame;
}

/** Options for {@linkcode evaluateRecommenders}. */
export interface EvaluateRecommendersOptions {
  /**
   * Held-out products per customer (required): a Map from customer id to products (e.g.
   * `timeSplit(...).relevant`), or a frame with the customer and item columns (one row per
   * purchase; duplicates ignored).
   */
  relevant: Map<string, readonly string[]> | DataFrame;
  /** The cut-offs to report, positive integers (sorted, duplicates dropped). Default `[5, 10, 20]`. */
  k?: number | readonly number[];
  /** Number of products in the catalogue, the denominator of coverage. Required. */
  catalogSize: number;
  /**
   * Customers to recommend to, e.g. everyone active in the training period. Those without a
   * relevant item still count towards coverage but not towards the accuracy metrics. Default:
   * the customers of `relevant` that have at least one relevant product, in their order there.
   */
  customers?: readonly string[];
  /**
   * Customer column of the recommendation frames and of a `relevant` frame. Default: each
   * model's `options.customer`, else `"customer_id"` (and `"customer_id"` for `relevant`).
   */
  customer?: string;
  /**
   * Item column of the recommendation frames and of a `relevant` frame. Default: each model's
   * `options.item`, else `"product_id"` (and `"product_id"` for `relevant`).
   */
  item?: string;
  /**
   * Add a percentile bootstrap confidence interval of precision@k (`precision_lower`,
   * `precision_upper`): the evaluated customers are resampled with replacement
   * (`bootstrapMean` of each customer's hit share), the same resampled customers for every model
   * and k. `{ seed, resamples?, level? }`. Default: no intervals.
   */
  confidence?: BootstrapOptions;
}

/** Relevant products per customer, from a map or a frame with the customer and item columns. */
function relevantLists(
  relevant: Map<string, readonly string[]> | DataFrame,
  columns: { customer: string; item: string },
  action: string,
) {
  const lists = new Map<string, string[]>();
  if (relevant instanceof Map) {
    for (const [customer, items] of relevant) {
      if (!Array.isArray(items)) {
        throw new TypeError(
          `Cannot ${action} as relevant must map each customer to a list of products: ` +
            `customer ${JSON.stringify(String(customer))} has ${typeof items}`,
        );
      }
      const set = lists.get(String(customer)) ?? [];
      for (const item of items) if (item != null) set.push(String(item));
      lists.set(String(customer), set);
    }
  } else if (
    relevant !== null && typeof relevant === "object" &&
    Array.isArray((relevant as DataFrame).columns)
  ) {
    requireColumns(relevant, [columns.customer, columns.item], action);
    const customers = relevant.getColumn(columns.customer).toArray();
    const items = relevant.getColumn(columns.item).toArray();
    for (let i = 0; i < customers.length; i++) {
      if (customers[i] == null || items[i] == null) continue;
      const key = String(customers[i]);
      const list = lists.get(key);
      if (list === undefined) lists.set(key, [String(items[i])]);
      else list.push(String(items[i]));
    }
  } else {
    throw new TypeError(
      `Cannot ${action} as relevant must be a Map or a DataFrame with ${columns.customer} and ${columns.item}: got ${
        relevant === null ? "null" : typeof relevant
      }`,
    );
  }
  return lists;
}

/** Each customer's recommended products in rank order (ties keep row order). */
function rankedLists(
  frame: DataFrame,
  customers: readonly string[],
  columns: { customer: string; item: string },
  model: string,
  action: string,
): string[][] {
  if (frame === null || typeof frame !== "object" || !Array.isArray(frame.columns)) {
    throw new TypeError(
      `Cannot ${action} as model ${JSON.stringify(model)} did not return a DataFrame: got ${
        frame === null ? "null" : typeof frame
      }`,
    );
  }
  requireColumns(
    frame,
    [columns.customer, "rank", columns.item],
    `${action} (model "${model}")`,
  );
  const ids = frame.getColumn(columns.customer).toArray();
  const ranks = frame.getColumn("rank").toArray();
  const items = frame.getColumn(columns.item).toArray();
  const byCustomer = new Map<string, { rank: number; row: number; item: string }[]>(
    customers.map((c) => [c, []]),
  );
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] == null || items[i] == null) continue;
    const rows = byCustomer.get(String(ids[i]));
    if (rows !== undefined) rows.push({ rank: Number(ranks[i]), row: i, item: String(items[i]) });
  }
  return customers.map((c) =>
    byCustomer.get(c)!.sort((a, b) => a.rank - b.rank || a.row - b.row).map((r) => r.item)
  );
}

/**
 * Evaluates several recommenders on held-out purchases and returns one row per model and k
 * with precision@k, recall@k, MAP@k, NDCG@k ({@linkcode precisionAtK}, {@linkcode recallAtK},
 * {@linkcode mapAtK}, {@linkcode ndcgAtK}: means over customers with at least one relevant
 * product) and catalogue coverage of the top k ({@linkcode catalogCoverage}, over every customer
 * recommended to).
 *
 * Method: each model's `recommend(customers, { n: max k, excludePurchased: true })` is called
 * once; its rows are grouped per customer and ordered by `rank` (ties keep row order), and each
 * k cuts the same lists. Customer and product ids are compared as text. The usual protocol is a
 * time split: fit on purchases before a cutoff, take each customer's purchases after it as
 * `relevant`. With `excludePurchased: true` a product bought both before and after the cutoff
 * can never be a hit, so leave repeat purchases out of `relevant` (or expect lower scores) when
 * comparing with recommenders that re-recommend.
 *
 * Rows come in model order as given, then k ascending. `users` is the number of customers the
 * accuracy metrics average over (those with a relevant product); a customer the model returns
 * nothing for still counts, as 0.
 *
 * Cost: one `recommend` call per model, plus O(R log R) to order its R rows and
 * O(|k| · Σ (max k + |relevant(u)|)) for the metrics.
 *
 * @param models Named models, e.g. `{ popularity, itemKnn }`; the names become the `model` column.
 * @param options The held-out purchases `relevant`, cut-offs, catalogue size, the customers to
 * recommend to and column names.
 * @returns A frame with `model`, `k`, `precision`, `recall`, `map`, `ndcg`, `coverage`, `users`,
 * then `precision_lower` and `precision_upper` with `confidence`.
 * @throws {TypeError} When a model has no `recommend` method or returns something without the
 * customer column, `rank` and the item column, `relevant` is neither a Map nor a frame with the
 * customer and item columns, or `catalogSize` or a k is not a number.
 * @throws {RangeError} When there are no models, a k is not a positive integer, `catalogSize` is
 * not a positive integer (or smaller than the distinct products recommended), or no customer has
 * a relevant product.
 *
 * @example A model that finds one of two purchases
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { evaluateRecommenders } from "./evaluate_recommenders.ts";
 *
 * const model = {
 *   // Everyone gets a, then b.
 *   recommend: (customerIds: readonly string[]) =>
 *     pl.DataFrame({
 *       customer_id: customerIds.flatMap((c) => [c, c]),
 *       rank: customerIds.flatMap(() => [1, 2]),
 *       product_id: customerIds.flatMap(() => ["a", "b"]),
 *     }),
 * };
 * const relevant = new Map([["c1", ["a", "z"]]]);
 * const table = evaluateRecommenders({ model }, { relevant, k: [1, 2], catalogSize: 4 });
 * // k = 1: top [a] -> precision 1, recall 1/2. k = 2: top [a, b] -> precision 1/2.
 * assert.deepEqual(table.getColumn("precision").toArray(), [1, 0.5]);
 * assert.deepEqual(table.getColumn("recall").toArray(), [0.5, 0.5]);
 * assert.deepEqual(table.getColumn("coverage").toArray(), [0.25, 0.5]);
 * ```
 */
export function evaluateRecommenders(
  models: Readonly<Record<string, RankingRecommender>>,
  options: EvaluateRecommendersOptions,
): DataFrame {
  const action = "evaluate recommenders";
  if (models === null || typeof models !== "object") {
    throw new TypeError(
      `Cannot ${action} as models must be an object of named models: got ${
        models === null ? "null" : typeof models
      }`,
    );
  }
  const names = Object.keys(models);
  if (names.length === 0) {
    throw new RangeError(`Cannot ${action} as no models were given: 0 models`);
  }
  for (const name of names) {
    if (typeof models[name]?.recommend !== "function") {
      throw new TypeError(
        `Cannot ${action} as model ${JSON.stringify(name)} has no recommend method: got ${
          models[name] === null ? "null" : typeof models[name]
        }`,
      );
    }
  }
  const {
    relevant,
    k: kOption = [5, 10, 20],
    catalogSize,
    customers: customerOption,
    customer,
    item,
    confidence,
  } = options ?? ({} as EvaluateRecommendersOptions);
  const kRaw = typeof kOption === "number" ? [kOption] : [...kOption];
  if (kRaw.length === 0) throw new RangeError(`Cannot ${action} as k is empty: 0 cut-offs`);
  for (const k of kRaw) requireInteger(k, "k", action);
  const ks = [...new Set(kRaw)].sort((a, b) => a - b);
  if (typeof catalogSize !== "number") {
    throw new TypeError(
      `Cannot ${action} as option catalogSize must be the number of products: got ${typeof catalogSize}`,
    );
  }
  if (!Number.isInteger(catalogSize) || catalogSize <= 0) {
    throw new RangeError(
      `Cannot ${action} as catalogSize must be a positive integer: ${catalogSize}`,
    );
  }
  const relevantBy = relevantLists(
    relevant,
    { customer: customer ?? "customer_id", item: item ?? "product_id" },
    action,
  );
  const customers = customerOption === undefined
    ? [...relevantBy.keys()].filter((c) => relevantBy.get(c)!.length > 0)
    : [...new Set(customerOption.map(String))];
  const relevantPerCustomer = customers.map((c) => relevantBy.get(c) ?? []);
  const users = relevantPerCustomer.filter((r) => r.length > 0).length;
  if (users === 0) {
    throw new RangeError(
      `Cannot ${action} as no customer has a relevant product: ${customers.length} customer${
        customers.length === 1 ? "" : "s"
      }`,
    );
  }
  const maxK = ks[ks.length - 1];
  const out = {
    model: [] as string[],
    k: [] as number[],
    precision: [] as number[],
    recall: [] as number[],
    map: [] as number[],
    ndcg: [] as number[],
    coverage: [] as number[],
    precisionLower: [] as number[],
    precisionUpper: [] as number[],
  };
  for (const name of names) {
    const model = models[name];
    const columns = {
      customer: customer ?? model.options?.customer ?? "customer_id",
      item: item ?? model.options?.item ?? "product_id",
    };
    const frame = model.recommend(customers, { n: maxK, excludePurchased: true });
    const lists = rankedLists(frame, customers, columns, name, action);
    for (const k of ks) {
      out.model.push(name);
      out.k.push(k);
      out.precision.push(precisionAtK(lists, relevantPerCustomer, { k }));
      out.recall.push(recallAtK(lists, relevantPerCustomer, { k }));
      out.map.push(mapAtK(lists, relevantPerCustomer, { k }));
      out.ndcg.push(ndcgAtK(lists, relevantPerCustomer, { k }));
      out.coverage.push(catalogCoverage(lists, catalogSize, { k }));
      if (confidence !== undefined) {
        const perUser: number[] = [];
        for (let u = 0; u < lists.length; u++) {
          if (relevantPerCustomer[u].length === 0) continue;
          perUser.push(precisionAtK([lists[u]], [relevantPerCustomer[u]], { k }));
        }
        const interval = bootstrapMean(perUser, confidence);
        out.precisionLower.push(interval.lower);
        out.precisionUpper.push(interval.upper);
      }
    }
  }
  const table = pl.DataFrame([
    pl.Series("model", out.model, pl.Utf8),
    pl.Series("k", out.k, pl.Int64),
    pl.Series("precision", out.precision, pl.Float64),
    pl.Series("recall", out.recall, pl.Float64),
    pl.Series("map", out.map, pl.Float64),
    pl.Series("ndcg", out.ndcg, pl.Float64),
    pl.Series("coverage", out.coverage, pl.Float64),
    pl.Series("users", out.model.map(() => users), pl.Int64),
  ]);
  if (confidence === undefined) return table;
  return table.withColumns(
    pl.Series("precision_lower", out.precisionLower, pl.Float64),
    pl.Series("precision_upper", out.precisionUpper, pl.Float64),
  );
}
