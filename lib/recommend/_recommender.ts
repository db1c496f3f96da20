/**
 * Internals shared by the recommenders: building the coded customer x item matrix from a
 * transaction frame, checking options, selecting the best candidates on typed arrays and
 * writing the recommendation frame.
 *
 * @module
 */
import { selectTopInto } from "./_item_knn_kernels.ts";
import pl from "nodejs-polars";
import { idText } from "../io/ids.ts";
import type { DataFrame, Series } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireFrame,
  requireInteger,
  requireNumericColumns,
  requireOneOf,
} from "../core/errors.ts";
import type {
  Candidates,
  InteractionMatrix,
  InteractionWeight,
  Reason,
  ReasonKind,
  RecommendOptions,
  Scorer,
} from "./_types.ts";

/** The interaction weights a matrix can hold. */
export const INTERACTION_WEIGHTS: readonly InteractionWeight[] = ["binary", "count", "quantity"];

/** The columns of a recommendation frame after the customer, rank, item and score columns. */
export const REASON_COLUMNS = [
  "reason_kind",
  "because_product",
  "because_score",
  "reason",
] as const;

/** Allocates candidate buffers for `n` items. */
export function candidates(n: number): Candidates {
  return {
    items: new Int32Array(n),
    scores: new Float64Array(n),
    aux: new Int32Array(n),
    auxScore: new Float64Array(n),
  };
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
  return requireOneOf(value, INTERACTION_WEIGHTS, "the weight", action);
}

/**
 * Checks the customer and item column options of a recommender: strings, different, and not
 * named like the other output columns.
 */
export function requireColumnNames(
  customer: unknown,
  item: unknown,
  action: string,
): { customer: string; item: string } {
  requireName(customer, "customer", action);
  requireName(item, "item", action);
  const taken = ["rank", "score", ...REASON_COLUMNS];
  for (const name of [customer, item] as string[]) {
    if (taken.includes(name)) {
      throw new RangeError(
        `Cannot ${action} as a column is named like an output column: "${name}" is one of ${
          taken.join(", ")
        }`,
      );
    }
  }
  if (customer === item) {
    throw new RangeError(
      `Cannot ${action} as the customer and item columns are the same: "${customer}"`,
    );
  }
  return { customer: customer as string, item: item as string };
}

/**
 * The readable text of a structured reason: `"popular: bought by 12 customers"`,
 * `"because you bought X"`, `"similar to X"`.
 *
 * @param kind The reason kind.
 * @param because The name (or code) of the item behind it; unused for `"popular"`.
 * @param score The reason's score (the buyer count for `"popular"`).
 * @returns The text.
 */
export function reasonText(kind: ReasonKind, because: string | null, score: number): string {
  if (kind === "popular") return `popular: bought by ${score} customer${score === 1 ? "" : "s"}`;
  return kind === "bought_together" ? `because you bought ${because}` : `similar to ${because}`;
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
  if (hasQuantity) requireNumericColumns(tx, ["quantity"], action);
  const keep = pl.col("__c").isNotNull().and(pl.col("__i").isNotNull());
  return tx
    .select(
      // Ids as text the way readTransactions and computeRfm give them: 17850.0 is "17850", and
      // NaN or "NA" ids are no customer at all (dropped below), never one pooled customer.
      idText(tx, customer).alias("__c"),
      idText(tx, item).alias("__i"),
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
 * Sums terms per code (item or term) for one customer at a time, in typed arrays of a fixed
 * size that are never cleared: `reset` starts a new customer in O(1) by bumping a stamp. Also
 * keeps each code's largest term (the first one on ties), so scorers can name the main
 * contributor. Shared by the item-kNN, content and hybrid scorers.
 */
export class ScoreAccumulator {
  /** The running sum of each touched code. */
  readonly sum: Float64Array;
  /** The largest single term of each touched code. */
  readonly best: Float64Array;
  /** The codes touched since `reset`, in first-touch order: the first `count` entries. */
  readonly touched: Int32Array;
  /** How many codes were touched since `reset`. */
  count = 0;
  readonly #seen: Int32Array;
  #stamp = 0;

  /** Room for codes 0 to `size - 1`. */
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.best = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.#seen = new Int32Array(size);
  }

  /** Starts a new customer: no code is touched. */
  reset(): void {
    this.#stamp++;
    this.count = 0;
  }

  /** Whether `code` was touched since `reset`. */
  has(code: number): boolean {
    return this.#seen[code] === this.#stamp;
  }

  /**
   * Adds `term` to the sum of `code`.
   *
   * @returns True when `term` is the code's largest term so far (always for its first term).
   */
  add(code: number, term: number): boolean {
    if (this.#seen[code] !== this.#stamp) {
      this.#seen[code] = this.#stamp;
      this.touched[this.count++] = code;
      this.sum[code] = term;
      this.best[code] = term;
      return true;
    }
    this.sum[code] += term;
    if (term > this.best[code]) {
      this.best[code] = term;
      return true;
    }
    return false;
  }

  /** Keeps the best `n` touched codes by sum in `out` (see {@linkcode selectTop}). */
  top(n: number, out: Candidates): number {
    return selectTop(this.touched, this.count, this.sum, n, out.items, out.scores);
  }
}

/**
 * Keeps the best `n` of the `count` item codes in `codes` by `score[code]` (descending, then code
 * ascending) in `outItems`/`outScores`, best first, and returns how many were kept. An insertion
 * buffer: O(count + accepted · n), where few candidates are accepted once the buffer is full. The
 * buffer lives in the item-kNN kernel module (import-free, so its workers can load it).
 */
export function selectTop(
  codes: Int32Array,
  count: number,
  score: Float64Array,
  n: number,
  outItems: Int32Array,
  outScores: Float64Array,
): number {
  return selectTopInto(codes, count, score, n, outItems, outScores, 0);
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
  requireInteger(n, "n", action);
  if (typeof excludePurchased !== "boolean") {
    throw new TypeError(
      `Cannot ${action} as excludePurchased is not a boolean: got ${excludePurchased}`,
    );
  }
  return { ids: [...new Set(customerIds as string[])], n, excludePurchased };
}

/**
 * Runs a scorer for each customer and writes the recommendation frame: the customer column,
 * `rank`, the item column, `score` and the {@linkcode REASON_COLUMNS}.
 */
export function recommendFrame(
  matrix: InteractionMatrix,
  scorer: Scorer,
  customerIds: readonly string[],
  options: RecommendOptions | undefined,
  columns: { readonly customer: string; readonly item: string },
  action: string,
): DataFrame {
  const { ids, n, excludePurchased } = recommendArguments(customerIds, options, action);
  const buffer = candidates(n);
  const customer: string[] = [];
  const rank: number[] = [];
  const product: string[] = [];
  const score: number[] = [];
  const reasons: Reason[] = [];
  for (const id of ids) {
    const row = matrix.customerIndex(id);
    const count = scorer.top(row, n, excludePurchased, buffer);
    for (let k = 0; k < count; k++) {
      const item = buffer.items[k];
      customer.push(id);
      rank.push(k + 1);
      product.push(matrix.items[item]);
      score.push(buffer.scores[k]);
      reasons.push(scorer.reason(row, item, buffer.aux[k], buffer.auxScore[k]));
    }
  }
  const because = reasons.map((r) => (r.because < 0 ? null : matrix.items[r.because]));
  const frame: Series[] = [
    pl.Series(columns.customer, customer, pl.Utf8),
    pl.Series("rank", rank, pl.Int64),
    pl.Series(columns.item, product, pl.Utf8),
    pl.Series("score", score, pl.Float64),
    pl.Series("reason_kind", reasons.map((r) => r.kind), pl.Utf8),
    pl.Series("because_product", because, pl.Utf8),
    pl.Series("because_score", reasons.map((r) => r.score), pl.Float64),
    pl.Series(
      "reason",
      reasons.map((r, k) => reasonText(r.kind, because[k], r.score)),
      pl.Utf8,
    ),
  ];
  return pl.DataFrame(frame);
}

/**
 * The `recommend` method of a fitted model: {@linkcode recommendFrame} bound to its matrix,
 * scorer, column names and action.
 */
export function recommendMethod(
  matrix: InteractionMatrix,
  scorer: Scorer,
  columns: { readonly customer: string; readonly item: string },
  action: string,
): (customerIds: readonly string[], options?: RecommendOptions) => DataFrame {
  return (customerIds, options) =>
    recommendFrame(matrix, scorer, customerIds, options, columns, action);
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
