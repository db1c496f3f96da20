import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { requireColumns, requireInteger, requireRows } from "../core/errors.ts";

/**
 * Default {@linkcode FrequentItemsetsOptions.maxItemsets}: mining stops beyond this many.
 *
 * @example One hundred thousand
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_MAX_ITEMSETS } from "./frequent_itemsets.ts";
 *
 * assert.equal(DEFAULT_MAX_ITEMSETS, 100_000);
 * ```
 */
export const DEFAULT_MAX_ITEMSETS = 100_000;

/**
 * Relative slack on the support threshold: an itemset is frequent when
 * `count >= minSupport * n * (1 - 1e-9)`, so a threshold that lands exactly on a whole count
 * (`0.07 * 100`, which is `7.000000000000001` in floating point) keeps that count.
 */
const THRESHOLD_SLACK = 1e-9;

/** How to read baskets from a long table; shared by {@linkcode frequentItemsets} and {@linkcode basketStats}. */
export interface BasketOptions {
  /** Column identifying the transaction (basket), e.g. `"invoice_id"`; text or numeric. */
  transaction: string;
  /** Column holding the item label, e.g. `"product_id"`; text or numeric. */
  item: string;
  /**
   * Drop every basket with more distinct items than this before mining (integer >= 1). Default: no
   * limit. Dropped baskets leave the analysis entirely: supports are fractions of the baskets kept.
   * {@linkcode basketStats} reports how many were dropped.
   */
  maxBasketSize?: number;
}

/** Options for {@linkcode frequentItemsets}. */
export interface FrequentItemsetsOptions extends BasketOptions {
  /**
   * Minimum support, in (0, 1]: an itemset is frequent when it occurs in at least
   * `minSupport * n` of the `n` baskets (see {@linkcode minSupportCount} for the exact rule).
   */
  minSupport: number;
  /** Longest itemset to report (integer >= 1). Default: no limit. */
  maxLen?: number;
  /**
   * Guardrail (integer >= 1, default {@linkcode DEFAULT_MAX_ITEMSETS}): mining throws a
   * `RangeError` as soon as more itemsets than this are found, instead of running away.
   */
  maxItemsets?: number;
}

/** What {@linkcode basketStats} returns. */
export interface BasketStats {
  /** Baskets mined: distinct transactions with at least one item, after `maxBasketSize`. */
  transactions: number;
  /** Distinct items in the baskets mined. */
  items: number;
  /** Baskets dropped because they held more than `maxBasketSize` distinct items. */
  droppedBaskets: number;
  /** Rows ignored because the transaction or the item is missing (null). */
  missingRows: number;
  /** Distinct items in the largest basket mined. */
  largestBasket: number;
}

/**
 * Counts the baskets {@linkcode frequentItemsets} would mine with the same options: how many
 * transactions and distinct items, how many baskets `maxBasketSize` drops and how many rows are
 * ignored for a missing transaction or item. Use it to choose `maxBasketSize` and to report what
 * the supports are fractions of.
 *
 * Cost: one `unique` and two dense ranks in Polars, O(r log r) for r rows, plus one O(r) pass.
 *
 * @param df A long table, one row per transaction and item; never modified.
 * @param options The `transaction` and `item` columns and the optional `maxBasketSize`.
 * @returns The counts, see {@linkcode BasketStats}.
 * @throws {TypeError} When a column is missing or is neither text nor numeric, or a column name
 * is not a string.
 * @throws {RangeError} When the frame is empty, every row has a missing transaction or item, or
 * `maxBasketSize` is not an integer >= 1.
 *
 * @example Two baskets, one too large for maxBasketSize
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { basketStats } from "./frequent_itemsets.ts";
 *
 * const lines = pl.DataFrame({
 *   invoice_id: ["1", "1", "2", "2", "2", "3"],
 *   product_id: ["A", "B", "A", "B", "C", null],
 * });
 * const stats = basketStats(lines, { transaction: "invoice_id", item: "product_id", maxBasketSize: 2 });
 * assert.deepEqual(stats, {
 *   transactions: 1,
 *   items: 2,
 *   droppedBaskets: 1,
 *   missingRows: 1,
 *   largestBasket: 2,
 * });
 * ```
 */
export function basketStats(df: DataFrame, options: BasketOptions): BasketStats {
  const baskets = _readBaskets(df, options, "count baskets");
  return {
    transactions: baskets.n,
    items: baskets.itemCounts.reduce((k, c) => k + (c > 0 ? 1 : 0), 0),
    droppedBaskets: baskets.droppedBaskets,
    missingRows: baskets.missingRows,
    largestBasket: baskets.largestBasket,
  };
}

/**
 * The smallest whole count that reaches `minSupport` among `n` baskets:
 * `max(1, ceil(x - x * 1e-9))` with `x = minSupport * n`. The relative slack of one part in 10^9
 * absorbs floating-point error in `x`, so `0.07 * 100 = 7.000000000000001` gives 7 (as the
 * decimal 0.07 means), not 8 as a plain `ceil` gives; it can only admit an itemset whose support
 * is below `minSupport` by less than a billionth of `minSupport`.
 *
 * @param minSupport The minimum support, in (0, 1].
 * @param n The number of baskets, >= 0.
 * @returns The minimum count, at least 1.
 *
 * @example 0.07 of 100 baskets is 7, not 8
 * ```ts
 * import assert from "node:assert/strict";
 * import { minSupportCount } from "./frequent_itemsets.ts";
 *
 * assert.equal(0.07 * 100, 7.000000000000001);
 * assert.equal(minSupportCount(0.07, 100), 7);
 * assert.equal(minSupportCount(0.02, 18_402), 369); // 368.04 rounds up
 * ```
 */
export function minSupportCount(minSupport: number, n: number): number {
  const x = minSupport * n;
  return Math.max(1, Math.ceil(x - x * THRESHOLD_SLACK));
}

/**
 * Finds the frequent itemsets of a basket table with FP-growth (Han, Pei and Yin, "Mining
 * frequent patterns without candidate generation", SIGMOD 2000): every set of items that occurs
 * together in at least `minSupport` of the baskets, with its exact count. The same itemsets and
 * supports as mlxtend's `fpgrowth(df, min_support, use_colnames=True)`, read from a long table.
 *
 * Input: one row per transaction and item. Both columns may be text (Utf8 or Categorical) or
 * numeric; numbers become text labels with Polars' cast (Int64 `85123` to `"85123"`, Float64
 * `1.5` to `"1.5"` but `85123.0` to `"85123.0"`: cast whole-number float ids to Int64 first).
 * Text labels are kept exactly as given (no trimming or case folding). Rows whose transaction or item is null are
 * ignored; a repeated (transaction, item) row counts once. With `maxBasketSize`, baskets with more
 * distinct items are dropped first (see {@linkcode basketStats}).
 *
 * Output columns, one row per frequent itemset:
 * - `itemset` (List(Utf8)): the item labels, sorted (Polars' text order, i.e. by UTF-8 bytes);
 *   `String()` of a one-item list read back with `toRecords()`/`toArray()` is the label itself;
 * - `support` (Float64): `count / n`, `n` the number of baskets mined;
 * - `count` (Int64): baskets holding every item of the itemset;
 * - `length` (Int32): number of items.
 *
 * Rows are sorted by `support` descending, then `length` ascending, then `itemset` compared item by
 * item in label order (a prefix first), so the order never depends on the run.
 *
 * Threshold: frequent when `count >= minSupportCount(minSupport, n)`, i.e. `count >= minSupport * n`
 * up to one part in 10^9 of slack for floating-point error (see {@linkcode minSupportCount}).
 *
 * Cost: Polars `unique` and dense ranks, O(r log r) for r rows; then FP-growth on typed arrays:
 * one tree of at most r nodes plus one conditional tree per frequent itemset, so time grows with
 * the number of itemsets found (guarded by `maxItemsets`). On 2 cores, cleaned Online Retail
 * (391,150 lines, 18,402 invoices, 3,659 products): 0.2-0.3 s at minSupport 0.01 (1,041
 * itemsets), about 1 s at 0.002 (45,355 itemsets); node-fpgrowth took 4.5 s and 18 s.
 *
 * @param df A long table, one row per transaction and item; never modified.
 * @param options Columns, `minSupport`, and the optional `maxLen`, `maxItemsets`, `maxBasketSize`.
 * @returns A new DataFrame `itemset`, `support`, `count`, `length`; empty (with those columns)
 * when no single item reaches `minSupport`.
 * @throws {TypeError} When a column is missing or is neither text nor numeric, a column name is not
 * a string, or `minSupport` is not a number.
 * @throws {RangeError} When the frame is empty or has no row with both a transaction and an item;
 * `minSupport` is outside (0, 1]; `maxLen`, `maxItemsets` or `maxBasketSize` is not an integer
 * >= 1; or more than `maxItemsets` itemsets are frequent (the message says how many were found
 * before mining stopped and which setting to change).
 *
 * @example Three baskets, items in at least two of them
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { frequentItemsets } from "./frequent_itemsets.ts";
 *
 * const lines = pl.DataFrame({
 *   invoice_id: [1, 1, 2, 2, 2, 3, 3],
 *   product_id: ["bread", "milk", "bread", "milk", "eggs", "bread", "eggs"],
 * });
 * const itemsets = frequentItemsets(lines, {
 *   transaction: "invoice_id",
 *   item: "product_id",
 *   minSupport: 0.6,
 * });
 * assert.deepEqual(itemsets.toRecords(), [
 *   { itemset: ["bread"], support: 1, count: 3, length: 1 },
 *   { itemset: ["eggs"], support: 2 / 3, count: 2, length: 1 },
 *   { itemset: ["milk"], support: 2 / 3, count: 2, length: 1 },
 *   { itemset: ["bread", "eggs"], support: 2 / 3, count: 2, length: 2 },
 *   { itemset: ["bread", "milk"], support: 2 / 3, count: 2, length: 2 },
 * ]);
 * assert.equal(String(itemsets.getColumn("itemset").toArray()[0]), "bread");
 * ```
 */
export function frequentItemsets(df: DataFrame, options: FrequentItemsetsOptions): DataFrame {
  const action = "find frequent itemsets";
  const minSupport: unknown = options?.minSupport;
  if (typeof minSupport !== "number") {
    throw new TypeError(
      `Cannot ${action} as minSupport is not a number: ${typeof minSupport} ${String(minSupport)}`,
    );
  }
  if (!(minSupport > 0 && minSupport <= 1)) {
    throw new RangeError(`Cannot ${action} as minSupport must be in (0, 1]: ${minSupport}`);
  }
  const maxLen = _optionalCount(options.maxLen, "maxLen", Infinity, action);
  const maxItemsets = _optionalCount(
    options.maxItemsets,
    "maxItemsets",
    DEFAULT_MAX_ITEMSETS,
    action,
  );
  const baskets = _readBaskets(df, options, action);
  const minCount = minSupportCount(minSupport, baskets.n);
  const found = _fpGrowth(baskets, minCount, maxLen, maxItemsets, (count) => {
    throw new RangeError(
      `Cannot ${action} as more than maxItemsets (${maxItemsets}) itemsets are frequent: mining stopped after finding ${count} at minSupport ${minSupport} (count >= ${minCount} of ${baskets.n} transactions${
        Number.isFinite(maxLen) ? `, maxLen ${maxLen}` : ""
      }); raise minSupport above ${minSupport}, set ${
        Number.isFinite(maxLen) ? "a smaller " : ""
      }maxLen, or raise maxItemsets`,
    );
  });
  return _itemsetFrame(found, baskets.labels, baskets.n);
}

/** Baskets as compressed rows of item codes, codes numbering the labels in Polars' text order. */
interface _Baskets {
  /** Baskets kept. */
  n: number;
  /** Label of each item code. */
  labels: string[];
  /** Baskets kept: items of basket b are `items[start[b]]` to `items[start[b + 1] - 1]`. */
  start: Int32Array;
  items: Int32Array;
  /** Kept baskets holding each item code. */
  itemCounts: Int32Array;
  droppedBaskets: number;
  missingRows: number;
  largestBasket: number;
}

/** Reads and validates the long table into {@linkcode _Baskets}. */
function _readBaskets(df: DataFrame, options: BasketOptions, action: string): _Baskets {
  const transaction: unknown = options?.transaction;
  const item: unknown = options?.item;
  for (const [name, value] of [["transaction", transaction], ["item", item]] as const) {
    if (typeof value !== "string") {
      throw new TypeError(
        `Cannot ${action} as the ${name} column name is not a string: ${typeof value} ${
          String(value)
        }`,
      );
    }
  }
  const tCol = transaction as string;
  const iCol = item as string;
  const maxBasketSize = _optionalCount(options.maxBasketSize, "maxBasketSize", Infinity, action);
  requireColumns(df, [tCol, iCol], action);
  for (const column of [tCol, iCol]) {
    const series = df.getColumn(column);
    const variant = series.dtype.variant;
    if (!(series.isNumeric() || variant === "String" || variant === "Categorical")) {
      throw new TypeError(
        `Cannot ${action} as column "${column}" is neither text nor numeric: it is ${variant}`,
      );
    }
  }
  requireRows(df, action);

  // Categorical physical codes group the rows quickly; a small dictionary maps each item's
  // physical code to its rank in text order (Polars' sort), which is the item code used below.
  const lines = df.lazy()
    .select(
      pl.col(tCol).cast(pl.Utf8).cast(pl.Categorical).alias("t"),
      pl.col(iCol).cast(pl.Utf8).cast(pl.Categorical).alias("i"),
    )
    .dropNulls()
    .collectSync();
  if (lines.height === 0) {
    throw new RangeError(
      `Cannot ${action} as no row has both a transaction and an item: all ${df.height} rows have a missing "${tCol}" or "${iCol}"`,
    );
  }
  const dictionary = lines.lazy()
    .select(pl.col("i").unique())
    .select(pl.col("i").cast(pl.Utf8).alias("label"), pl.col("i").toPhysical().alias("physical"))
    .sort("label")
    .collectSync();
  const labels = dictionary.getColumn("label").toArray() as string[];
  for (let code = 1; code < labels.length; code++) {
    // One physical code per label is what makes the grouping below correct; fail loudly if a
    // Polars version ever breaks it.
    if (labels[code] === labels[code - 1]) {
      throw new Error(
        `Cannot ${action} as Polars gave one item two categorical codes: ${
          JSON.stringify(labels[code])
        }`,
      );
    }
  }
  const physical = dictionary.getColumn("physical").toTypedArray() as Uint32Array;
  const codeOf = new Int32Array(physical.reduce((m, p) => Math.max(m, p), 0) + 1);
  physical.forEach((p, code) => codeOf[p] = code);
  const pairs = lines.lazy()
    .select(pl.col("t").toPhysical().alias("t"), pl.col("i").toPhysical().alias("i"))
    .sort(["t", "i"])
    .collectSync();
  const tc = pairs.getColumn("t").toTypedArray() as Uint32Array;
  const ic = pairs.getColumn("i").toTypedArray() as Uint32Array;

  // Compress rows into baskets (repeated lines are adjacent), dropping oversized baskets.
  const start: number[] = [0];
  const items = new Int32Array(ic.length);
  const itemCounts = new Int32Array(labels.length);
  let kept = 0;
  let droppedBaskets = 0;
  let largestBasket = 0;
  for (let row = 0; row < tc.length;) {
    let end = row + 1;
    let size = 1;
    while (end < tc.length && tc[end] === tc[row]) {
      if (ic[end] !== ic[end - 1]) size++;
      end++;
    }
    if (size > maxBasketSize) {
      droppedBaskets++;
    } else {
      for (let k = row; k < end; k++) {
        if (k > row && ic[k] === ic[k - 1]) continue;
        const code = codeOf[ic[k]];
        items[kept++] = code;
        itemCounts[code]++;
      }
      start.push(kept);
      if (size > largestBasket) largestBasket = size;
    }
    row = end;
  }
  if (start.length === 1) {
    throw new RangeError(
      `Cannot ${action} as every basket has more than maxBasketSize (${maxBasketSize}) items: ${droppedBaskets} baskets dropped`,
    );
  }
  return {
    n: start.length - 1,
    labels,
    start: Int32Array.from(start),
    items: items.subarray(0, kept),
    itemCounts,
    droppedBaskets,
    missingRows: df.height - lines.height,
    largestBasket,
  };
}

/** Validates an optional whole-number setting >= 1, returning `fallback` when absent. */
export function _optionalCount(
  value: unknown,
  name: string,
  fallback: number,
  action: string,
): number {
  return value === undefined ? fallback : requireInteger(value, name, action);
}

/** Itemsets found by {@linkcode _fpGrowth}: item codes of set s are `items[start[s]..start[s+1])`. */
interface _Itemsets {
  items: number[];
  start: number[];
  counts: number[];
}

/**
 * An FP-tree on typed arrays. Node 0 is the root. Items are local indices 0..k-1 ordered so that
 * every node's ancestors have smaller indices (the order paths are inserted in).
 */
interface _FpTree {
  /** Global item code of each local item. */
  itemCode: Int32Array;
  /** Total count of each local item in the tree. */
  itemCount: Int32Array;
  /** First node of each local item (-1: none); nodes of an item are chained through `next`. */
  head: Int32Array;
  nodeItem: Int32Array;
  nodeCount: Int32Array;
  parent: Int32Array;
  next: Int32Array;
  /** First child of each node and next sibling (-1: none), for the child lookup. */
  firstChild: Int32Array;
  sibling: Int32Array;
  size: number;
}

function _newTree(itemCode: Int32Array, itemCount: Int32Array, capacity: number): _FpTree {
  const k = itemCode.length;
  return {
    itemCode,
    itemCount,
    head: new Int32Array(k).fill(-1),
    nodeItem: new Int32Array(capacity + 1),
    nodeCount: new Int32Array(capacity + 1),
    parent: new Int32Array(capacity + 1),
    next: new Int32Array(capacity + 1),
    firstChild: new Int32Array(capacity + 1).fill(-1),
    sibling: new Int32Array(capacity + 1),
    size: 1,
  };
}

/** Inserts `path[0..length)` (increasing local items) with weight `weight`. */
function _insert(tree: _FpTree, path: Int32Array, length: number, weight: number): void {
  let node = 0;
  for (let p = 0; p < length; p++) {
    const item = path[p];
    let child = tree.firstChild[node];
    while (child !== -1 && tree.nodeItem[child] !== item) child = tree.sibling[child];
    if (child === -1) {
      child = tree.size++;
      tree.nodeItem[child] = item;
      tree.parent[child] = node;
      tree.next[child] = tree.head[item];
      tree.head[item] = child;
      tree.sibling[child] = tree.firstChild[node];
      tree.firstChild[node] = child;
    }
    tree.nodeCount[child] += weight;
    node = child;
  }
}

/**
 * FP-growth (Han, Pei and Yin 2000): builds the FP-tree of the frequent items, then for each item
 * (least frequent first) reports `suffix + item` and recurses on the conditional tree built from
 * the item's prefix paths. Calls `onOverflow` (which throws) as soon as more than `maxItemsets`
 * itemsets are found.
 */
function _fpGrowth(
  baskets: _Baskets,
  minCount: number,
  maxLen: number,
  maxItemsets: number,
  onOverflow: (found: number) => never,
): _Itemsets {
  const out: _Itemsets = { items: [], start: [0], counts: [] };
  // Frequent items ordered by count descending, then code: local index = rank.
  const frequent: number[] = [];
  for (let code = 0; code < baskets.itemCounts.length; code++) {
    if (baskets.itemCounts[code] >= minCount) frequent.push(code);
  }
  frequent.sort((a, b) => baskets.itemCounts[b] - baskets.itemCounts[a] || a - b);
  if (frequent.length === 0) return out;
  const rank = new Int32Array(baskets.itemCounts.length).fill(-1);
  frequent.forEach((code, r) => rank[code] = r);

  const tree = _newTree(
    Int32Array.from(frequent),
    Int32Array.from(frequent, (code) => baskets.itemCounts[code]),
    baskets.items.length,
  );
  const path = new Int32Array(Math.max(1, baskets.largestBasket));
  for (let b = 0; b < baskets.n; b++) {
    let length = 0;
    for (let k = baskets.start[b]; k < baskets.start[b + 1]; k++) {
      const r = rank[baskets.items[k]];
      if (r >= 0) path[length++] = r;
    }
    if (length === 0) continue;
    path.subarray(0, length).sort();
    _insert(tree, path, length, 1);
  }

  const scratch: _Scratch = {
    counts: new Int32Array(frequent.length),
    local: new Int32Array(frequent.length).fill(-1),
    touched: new Int32Array(frequent.length),
  };
  const suffix: number[] = [];
  const mine = (t: _FpTree): void => {
    for (let item = t.itemCode.length - 1; item >= 0; item--) {
      // Conditional trees hold only frequent items, so every item here is frequent.
      suffix.push(t.itemCode[item]);
      for (const code of suffix) out.items.push(code);
      out.start.push(out.items.length);
      out.counts.push(t.itemCount[item]);
      if (out.counts.length > maxItemsets) onOverflow(out.counts.length);
      if (suffix.length < maxLen && item > 0) {
        const conditional = _conditionalTree(t, item, minCount, scratch);
        if (conditional !== undefined) mine(conditional);
      }
      suffix.pop();
    }
  };
  mine(tree);
  return out;
}

/** Scratch space reused by every {@linkcode _conditionalTree} call (all -1 / 0 between calls). */
interface _Scratch {
  counts: Int32Array;
  local: Int32Array;
  touched: Int32Array;
}

/**
 * The conditional FP-tree of `item`'s prefix paths, keeping items with count >= minCount. Local
 * indices never exceed the number of frequent items, so the scratch arrays have that length.
 */
function _conditionalTree(
  t: _FpTree,
  item: number,
  minCount: number,
  scratch: _Scratch,
): _FpTree | undefined {
  const { counts, local, touched } = scratch;
  let touchedCount = 0;
  let pathItems = 0;
  for (let node = t.head[item]; node !== -1; node = t.next[node]) {
    const weight = t.nodeCount[node];
    for (let p = t.parent[node]; p !== 0; p = t.parent[p]) {
      const j = t.nodeItem[p];
      if (counts[j] === 0) touched[touchedCount++] = j;
      counts[j] += weight;
      pathItems++;
    }
  }
  const seen = touched.subarray(0, touchedCount).sort();
  let k = 0;
  for (const j of seen) if (counts[j] >= minCount) local[j] = k++;
  let tree: _FpTree | undefined;
  if (k > 0) {
    const itemCode = new Int32Array(k);
    const itemCount = new Int32Array(k);
    for (const j of seen) {
      if (local[j] >= 0) {
        itemCode[local[j]] = t.itemCode[j];
        itemCount[local[j]] = counts[j];
      }
    }
    tree = _newTree(itemCode, itemCount, pathItems);
    const path = new Int32Array(k);
    for (let node = t.head[item]; node !== -1; node = t.next[node]) {
      let length = 0;
      for (let p = t.parent[node]; p !== 0; p = t.parent[p]) {
        const j = local[t.nodeItem[p]];
        if (j >= 0) path[length++] = j;
      }
      if (length === 0) continue;
      path.subarray(0, length).reverse();
      _insert(tree, path, length, t.nodeCount[node]);
    }
  }
  for (const j of seen) {
    counts[j] = 0;
    local[j] = -1;
  }
  return tree;
}

/**
 * Compares two code sequences item by item (a prefix first): the "itemset text" tie-break, since
 * codes number the labels in text order.
 */
export function _compareCodes(
  a: ArrayLike<number>,
  aFrom: number,
  aTo: number,
  b: ArrayLike<number>,
  bFrom: number,
  bTo: number,
): number {
  const n = Math.min(aTo - aFrom, bTo - bFrom);
  for (let k = 0; k < n; k++) {
    const d = a[aFrom + k] - b[bFrom + k];
    if (d !== 0) return d;
  }
  return (aTo - aFrom) - (bTo - bFrom);
}

/** Sorts itemsets (support desc, length, items) and builds the output frame. */
function _itemsetFrame(found: _Itemsets, labels: string[], n: number): DataFrame {
  const m = found.counts.length;
  const { items, start, counts } = found;
  for (let s = 0; s < m; s++) {
    const sorted = items.slice(start[s], start[s + 1]).sort((a, b) => a - b);
    for (let k = 0; k < sorted.length; k++) items[start[s] + k] = sorted[k];
  }
  const order = Array.from({ length: m }, (_, s) => s);
  order.sort((x, y) =>
    counts[y] - counts[x] ||
    (start[x + 1] - start[x]) - (start[y + 1] - start[y]) ||
    _compareCodes(items, start[x], start[x + 1], items, start[y], start[y + 1])
  );
  const flat: number[] = [];
  const offsets: number[] = [0];
  const support = new Float64Array(m);
  const count = new Float64Array(m);
  const length = new Int32Array(m);
  order.forEach((s, row) => {
    for (let k = start[s]; k < start[s + 1]; k++) flat.push(items[k]);
    offsets.push(flat.length);
    count[row] = counts[s];
    support[row] = counts[s] / n;
    length[row] = start[s + 1] - start[s];
  });
  return pl.DataFrame([
    _listColumn("itemset", flat, offsets, labels),
    pl.Series("support", support, pl.Float64),
    pl.Series("count", count, pl.Float64).cast(pl.Int64),
    pl.Series("length", length, pl.Int32),
  ]);
}

/**
 * A List(Utf8) column whose row r holds `labels[codes[k]]` for k in `offsets[r]..offsets[r+1]`
 * (every row non-empty). Built in Polars (gather, then an order-keeping group-by): about 10x
 * faster than constructing a Series from JS arrays of strings.
 */
export function _listColumn(
  name: string,
  codes: ArrayLike<number>,
  offsets: ArrayLike<number>,
  labels: readonly string[],
): Series {
  const rows = offsets.length - 1;
  const row = new Uint32Array(codes.length);
  for (let r = 0; r < rows; r++) row.fill(r, offsets[r], offsets[r + 1]);
  const values = labels.length === 0
    ? pl.Series(name, [], pl.Utf8)
    : pl.Series(name, labels as string[], pl.Utf8).gather(Array.from(codes));
  const grouped = pl.DataFrame([pl.Series("__row", row), values.alias(name)])
    .lazy()
    .groupBy("__row", true)
    .agg(pl.col(name))
    .sort("__row")
    .collectSync();
  if (grouped.height !== rows) {
    throw new Error(
      `Cannot build list column ${name} as a row is empty: ${grouped.height} of ${rows}`,
    );
  }
  return grouped.getColumn(name);
}
