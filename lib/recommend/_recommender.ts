/**
 * Internals shared by the recommenders: building the coded customer x item matrix from a
 * transaction frame, checking options, selecting the best candidates on typed arrays and
 * writing the recommendation frame.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { formatExamples, requireColumns } from "../core/errors.ts";
import type { InteractionMatrix, InteractionWeight } from "./interaction_matrix.ts";

/** The interaction weights a matrix can hold. */
export const INTERACTION_WEIGHTS: readonly InteractionWeight[] = ["binary", "count", "quantity"];

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
 * A fitted recommender: any model returned by `fitPopularity`, `fitItemKnn`, `fitContentBased`
 * or `fitHybrid`.
 */
export interface Recommender {
  /** Which model this is, e.g. `"item_knn"`. */
  readonly kind: string;
  /** The customer x item matrix of the training data the model was fitted on. */
  readonly matrix: InteractionMatrix;
  /**
   * Recommends up to `n` items to each customer.
   *
   * @param customerIds The customers, in the output order (each distinct id once, at its first
   * position; ids are compared as text).
   * @param options `n` and `excludePurchased`.
   * @returns A new frame with columns `customer_id` (Utf8), `rank` (Int64, 1..n), `product_id`
   * (Utf8), `score` (Float64) and `reason` (Utf8), sorted by customer (in the given order) then
   * rank.
   */
  recommend(customerIds: readonly string[], options?: RecommendOptions): DataFrame;
}

/** Room for one customer's best candidates, filled by {@linkcode Scorer.top}. */
export interface Candidates {
  /** Item codes, best first. */
  readonly items: Int32Array;
  /** Their scores. */
  readonly scores: Float64Array;
  /** One model-specific number per candidate, passed back to {@linkcode Scorer.reason}. */
  readonly aux: Int32Array;
}

/** The typed-array core of a recommender. */
export interface Scorer {
  /**
   * Writes the best `n` candidates of customer row `row` (-1 for a customer not in the matrix)
   * into `out`, best first (score descending, then item code ascending), and returns how many.
   */
  top(row: number, n: number, excludePurchased: boolean, out: Candidates): number;
  /**
   * The reason text of one candidate returned by the latest `top` call for the same row (a
   * scorer may read the scratch state that call left behind).
   */
  reason(row: number, item: number, aux: number): string;
}

/** Allocates candidate buffers for `n` items. */
export function candidates(n: number): Candidates {
  return { items: new Int32Array(n), scores: new Float64Array(n), aux: new Int32Array(n) };
}

/** Throws a TypeError unless `value` is a string (a column-name option). */
export function requireName(value: unknown, name: string, action: string): string {
  if (typeof value !== "string") {
    throw new TypeError(`Cannot ${action} as the ${name} option is not a string: got ${value}`);
  }
  return value;
}

/** Checks the weight option. */
export function requireWeight(value: unknown, action: string): InteractionWeight {
  if (typeof value !== "string") {
    throw new TypeError(`Cannot ${action} as the weight option is not a string: got ${value}`);
  }
  if (!(INTERACTION_WEIGHTS as readonly string[]).includes(value)) {
    throw new RangeError(
      `Cannot ${action} as the weight must be one of ${
        INTERACTION_WEIGHTS.join(", ")
      }: got "${value}"`,
    );
  }
  return value as InteractionWeight;
}

/** Checks that `value` is an integer >= `min`. */
export function requireInteger(value: unknown, name: string, min: number, action: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${action} as ${name} is not a number: got ${value}`);
  }
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Cannot ${action} as ${name} must be an integer >= ${min}: got ${value}`);
  }
  return value;
}

/** Checks that `value` is a finite number >= 0. */
export function requireNonNegative(value: unknown, name: string, action: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${action} as ${name} is not a number: got ${value}`);
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Cannot ${action} as ${name} must be a finite number >= 0: got ${value}`);
  }
  return value;
}

/** Throws a TypeError unless `df` looks like a Polars DataFrame. */
export function requireFrame(df: unknown, name: string, action: string): DataFrame {
  if (
    df === null || typeof df !== "object" || !Array.isArray((df as DataFrame).columns) ||
    typeof (df as DataFrame).height !== "number"
  ) {
    throw new TypeError(`Cannot ${action} as ${name} is not a DataFrame: got ${typeof df}`);
  }
  return df as DataFrame;
}

const NUMERIC = new Set([
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
  "Float32",
  "Float64",
]);

/** Whether a column's dtype is numeric. */
export function isNumeric(df: DataFrame, column: string): boolean {
  return NUMERIC.has(df.getColumn(column).dtype.variant);
}

/**
 * The usable interaction rows of a transaction frame as `__c` (customer, Utf8), `__i` (item,
 * Utf8) and, when the frame has a `quantity` column, `__q` (Float64): rows with a missing
 * customer or item are dropped, and so are rows whose quantity is missing or <= 0 (returns and
 * cancellations are not purchases).
 */
export function usableRows(
  tx: DataFrame,
  customer: string,
  item: string,
  needQuantity: boolean,
  action: string,
): DataFrame {
  requireFrame(tx, "the transactions", action);
  requireColumns(tx, needQuantity ? [customer, item, "quantity"] : [customer, item], action);
  if (customer === item) {
    throw new RangeError(
      `Cannot ${action} as the customer and item columns are the same: "${customer}"`,
    );
  }
  const hasQuantity = tx.columns.includes("quantity");
  if (hasQuantity && !isNumeric(tx, "quantity")) {
    throw new TypeError(
      `Cannot ${action} as column "quantity" is not numeric: its dtype is ${
        tx.getColumn("quantity").dtype.variant
      }`,
    );
  }
  const keep = pl.col("__c").isNotNull().and(pl.col("__i").isNotNull());
  return tx
    .select(
      pl.col(customer).cast(pl.Utf8).alias("__c"),
      pl.col(item).cast(pl.Utf8).alias("__i"),
      ...(hasQuantity ? [pl.col("quantity").cast(pl.Float64).alias("__q")] : []),
    )
    .filter(hasQuantity ? keep.and(pl.col("__q").gt(0)) : keep);
}

/**
 * Builds the CSR customer x item matrix (see `interactionMatrix` for the contract).
 *
 * @throws {RangeError} When no row is usable.
 */
export function buildMatrix(
  tx: DataFrame,
  customer: string,
  item: string,
  weight: InteractionWeight,
  action: string,
): InteractionMatrix {
  const lines = usableRows(tx, customer, item, weight === "quantity", action);
  if (lines.height === 0) {
    throw new RangeError(
      `Cannot ${action} as no row has a customer, an item and a positive quantity: 0 of ${tx.height} rows usable`,
    );
  }
  const hasQuantity = lines.columns.includes("__q");
  const pairs = lines.groupBy(["__c", "__i"]).agg(
    pl.len().alias("__n"),
    ...(hasQuantity ? [pl.col("__q").sum().alias("__s")] : []),
  );
  // Integer codes in sorted order, so the hot loops run on typed arrays; groupBy order is not
  // deterministic, hence the sort after the joins.
  const customerTable = pairs.select("__c").unique().sort("__c").withRowIndex("__cc");
  const itemTable = pairs.select("__i").unique().sort("__i").withRowIndex("__ic");
  const coded = pairs.join(customerTable, { on: "__c" }).join(itemTable, { on: "__i" })
    .sort(["__cc", "__ic"]);
  const customers = customerTable.getColumn("__c").toArray() as string[];
  const items = itemTable.getColumn("__i").toArray() as string[];
  const rowCodes = coded.getColumn("__cc").toTypedArray() as Uint32Array;
  const colIdx = Int32Array.from(coded.getColumn("__ic").toTypedArray() as Uint32Array);
  const values = weight === "binary" ? new Float64Array(colIdx.length).fill(1) : Float64Array.from(
    coded.getColumn(weight === "count" ? "__n" : "__s").cast(pl.Float64)
      .toTypedArray() as Float64Array,
  );
  const rowPtr = new Int32Array(customers.length + 1);
  for (let k = 0; k < rowCodes.length; k++) rowPtr[rowCodes[k] + 1]++;
  for (let r = 0; r < customers.length; r++) rowPtr[r + 1] += rowPtr[r];
  return makeMatrix(customers, items, rowPtr, colIdx, values, weight);
}

/** Wraps the arrays in a frozen {@linkcode InteractionMatrix}. */
function makeMatrix(
  customers: string[],
  items: string[],
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  weight: InteractionWeight,
): InteractionMatrix {
  const customerCodes = new Map(customers.map((id, k) => [id, k]));
  const itemCodes = new Map(items.map((id, k) => [id, k]));
  const customerIndex = (id: string) => customerCodes.get(id) ?? -1;
  return Object.freeze({
    customers: Object.freeze(customers),
    items: Object.freeze(items),
    rowPtr,
    colIdx,
    values,
    weight,
    customerIndex,
    itemIndex: (id: string) => itemCodes.get(id) ?? -1,
    itemsOf: (id: string) => {
      const row = customerIndex(id);
      if (row < 0) return [];
      const out: string[] = [];
      for (let k = rowPtr[row]; k < rowPtr[row + 1]; k++) out.push(items[colIdx[k]]);
      return out;
    },
  });
}

/** The matrix transposed (item x customer), as column pointers, rows and values. */
export function transpose(
  matrix: InteractionMatrix,
): { colPtr: Int32Array; rowIdx: Int32Array; values: Float64Array } {
  const nItems = matrix.items.length;
  const nCustomers = matrix.customers.length;
  const { rowPtr, colIdx, values } = matrix;
  const colPtr = new Int32Array(nItems + 1);
  for (let k = 0; k < colIdx.length; k++) colPtr[colIdx[k] + 1]++;
  for (let j = 0; j < nItems; j++) colPtr[j + 1] += colPtr[j];
  const cursor = colPtr.slice(0, nItems);
  const rowIdx = new Int32Array(colIdx.length);
  const out = new Float64Array(colIdx.length);
  for (let r = 0; r < nCustomers; r++) {
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
      const at = cursor[colIdx[k]]++;
      rowIdx[at] = r;
      out[at] = values[k];
    }
  }
  return { colPtr, rowIdx, values: out };
}

/**
 * Keeps the best `n` of the `count` item codes in `codes` by `score[code]` (descending, then code
 * ascending) in `outItems`/`outScores`, best first, and returns how many were kept. An insertion
 * buffer: O(count + accepted · n), where few candidates are accepted once the buffer is full.
 */
export function selectTop(
  codes: Int32Array,
  count: number,
  score: Float64Array,
  n: number,
  outItems: Int32Array,
  outScores: Float64Array,
): number {
  let size = 0;
  for (let k = 0; k < count; k++) {
    const j = codes[k];
    const s = score[j];
    if (size === n) {
      const lastScore = outScores[n - 1];
      if (s < lastScore || (s === lastScore && j > outItems[n - 1])) continue;
      size--;
    }
    let p = size;
    while (p > 0 && (outScores[p - 1] < s || (outScores[p - 1] === s && outItems[p - 1] > j))) {
      outScores[p] = outScores[p - 1];
      outItems[p] = outItems[p - 1];
      p--;
    }
    outScores[p] = s;
    outItems[p] = j;
    size++;
  }
  return size;
}

/** Checks `recommend`'s arguments and returns the distinct ids and resolved options. */
function recommendArguments(
  customerIds: unknown,
  options: RecommendOptions | undefined,
  action: string,
): { ids: string[]; n: number; excludePurchased: boolean } {
  if (!Array.isArray(customerIds)) {
    throw new TypeError(
      `Cannot ${action} as customerIds is not an array of strings: got ${typeof customerIds}`,
    );
  }
  const bad = customerIds.filter((id) => typeof id !== "string");
  if (bad.length > 0) {
    throw new TypeError(
      `Cannot ${action} as ${bad.length} customer id${
        bad.length > 1 ? "s are" : " is"
      } not a string: ${formatExamples(bad)}`,
    );
  }
  const { n = 10, excludePurchased = true } = options ?? {};
  if (typeof n !== "number") {
    throw new TypeError(`Cannot ${action} as n is not a number: got ${n}`);
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`Cannot ${action} as n must be an integer >= 1: got ${n}`);
  }
  if (typeof excludePurchased !== "boolean") {
    throw new TypeError(
      `Cannot ${action} as excludePurchased is not a boolean: got ${excludePurchased}`,
    );
  }
  return { ids: [...new Set(customerIds as string[])], n, excludePurchased };
}

/**
 * Runs a scorer for each customer and writes the recommendation frame (`customer_id`, `rank`,
 * `product_id`, `score`, `reason`).
 */
export function recommendFrame(
  matrix: InteractionMatrix,
  scorer: Scorer,
  customerIds: readonly string[],
  options: RecommendOptions | undefined,
  action: string,
): DataFrame {
  const { ids, n, excludePurchased } = recommendArguments(customerIds, options, action);
  const buffer = candidates(n);
  const customer: string[] = [];
  const rank: number[] = [];
  const product: string[] = [];
  const score: number[] = [];
  const reason: string[] = [];
  for (const id of ids) {
    const row = matrix.customerIndex(id);
    const count = scorer.top(row, n, excludePurchased, buffer);
    for (let k = 0; k < count; k++) {
      const item = buffer.items[k];
      customer.push(id);
      rank.push(k + 1);
      product.push(matrix.items[item]);
      score.push(buffer.scores[k]);
      reason.push(scorer.reason(row, item, buffer.aux[k]));
    }
  }
  const columns: Series[] = [
    pl.Series("customer_id", customer, pl.Utf8),
    pl.Series("rank", rank, pl.Int64),
    pl.Series("product_id", product, pl.Utf8),
    pl.Series("score", score, pl.Float64),
    pl.Series("reason", reason, pl.Utf8),
  ];
  return pl.DataFrame(columns);
}

/**
 * Marks the items of customer row `row` in `mark` with `stamp` (no-op for `row < 0`), so that
 * `mark[j] === stamp` tests "bought" in O(1) without clearing between customers.
 */
export function markBought(
  matrix: InteractionMatrix,
  row: number,
  mark: Int32Array,
  stamp: number,
): void {
  if (row < 0) return;
  for (let k = matrix.rowPtr[row]; k < matrix.rowPtr[row + 1]; k++) mark[matrix.colIdx[k]] = stamp;
}
