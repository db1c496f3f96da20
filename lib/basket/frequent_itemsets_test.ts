import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { createRandom } from "../core/random.ts";
import {
  basketStats,
  DEFAULT_MAX_ITEMSETS,
  frequentItemsets,
  minSupportCount,
} from "./frequent_itemsets.ts";

const OPTS = { transaction: "invoice_id", item: "product_id" };

/** A long table from baskets written out as arrays. */
function lines(baskets: (string | null)[][], ids?: (string | number | null)[]): DataFrame {
  const invoice: (string | number | null)[] = [];
  const product: (string | null)[] = [];
  baskets.forEach((basket, b) => {
    for (const item of basket) {
      invoice.push(ids ? ids[b] : String(b + 1));
      product.push(item);
    }
  });
  return pl.DataFrame([
    pl.Series("invoice_id", invoice, typeof invoice[0] === "number" ? pl.Int64 : pl.Utf8),
    pl.Series("product_id", product, pl.Utf8),
  ]);
}

const DTYPES = [
  "DataType(List(DataType(String)))",
  "DataType(Float64)",
  "DataType(Int64)",
  "DataType(Int32)",
];

type Row = { itemset: string[]; support: number; count: number; length: number };
const rows = (df: DataFrame) => df.toRecords() as unknown as Row[];

/**
 * Brute force: every subset of the item universe counted against every basket (bitmasks), kept
 * when `count * 100 >= percent * n` exactly in integers.
 */
function bruteForce(
  baskets: string[][],
  universe: string[],
  percent: number,
  maxLen: number,
): Map<string, number> {
  const masks = baskets.map((b) => b.reduce((m, item) => m | (1 << universe.indexOf(item)), 0))
    .filter((m) => m !== 0);
  const n = masks.length;
  const out = new Map<string, number>();
  for (let subset = 1; subset < 1 << universe.length; subset++) {
    const members = universe.filter((_, k) => subset & (1 << k));
    if (members.length > maxLen) continue;
    let count = 0;
    for (const m of masks) if ((m & subset) === subset) count++;
    if (count * 100 >= percent * n) out.set([...members].sort().join("|"), count);
  }
  return out;
}

Deno.test("frequentItemsets matches a brute-force count on 30 seeded random datasets", () => {
  const random = createRandom(20240611);
  const percents = [5, 7, 10, 12, 15, 20, 25, 30, 35, 40];
  let exactHits = 0;
  for (let c = 0; c < 30; c++) {
    // Even cases use 20, 40 or 60 baskets so that most thresholds land on a whole count.
    const nBaskets = c % 2 === 0 ? 20 * (1 + random.int(3)) : 20 + random.int(41);
    const nItems = 6 + random.int(5);
    const universe = Array.from({ length: nItems }, (_, k) => `item ${k}`);
    const density = 0.2 + 0.4 * random.next();
    const baskets: string[][] = [];
    for (let b = 0; b < nBaskets; b++) {
      const basket = universe.filter(() => random.next() < density);
      if (basket.length === 0) basket.push(universe[random.int(nItems)]);
      // Repeated lines of the same item must count once.
      if (random.next() < 0.3) basket.push(basket[random.int(basket.length)]);
      baskets.push(basket);
    }
    const percent = percents[c % percents.length];
    const maxLen = c % 4 === 3 ? 2 + random.int(2) : Infinity;
    const expected = bruteForce(baskets, universe, percent, maxLen);
    const n = baskets.length;
    for (const count of expected.values()) if (count * 100 === percent * n) exactHits++;

    const result = frequentItemsets(lines(baskets), {
      ...OPTS,
      minSupport: percent / 100,
      ...(Number.isFinite(maxLen) ? { maxLen } : {}),
    });
    const got = new Map(rows(result).map((r) => [r.itemset.join("|"), r.count]));
    assert.deepEqual(got, expected, `case ${c}: n ${n}, minSupport ${percent / 100}`);
    for (const r of rows(result)) {
      assert.equal(r.support, r.count / n);
      assert.equal(r.length, r.itemset.length);
      assert.deepEqual(r.itemset, [...r.itemset].sort());
    }
  }
  // The property test must exercise itemsets exactly at the threshold.
  assert.ok(exactHits >= 10, `only ${exactHits} itemsets exactly at the threshold`);
});

Deno.test("frequentItemsets keeps an itemset exactly at 0.07 of 100 baskets", () => {
  assert.equal(0.07 * 100, 7.000000000000001);
  assert.equal(Math.ceil(0.07 * 100), 8); // what a plain ceil (node-fpgrowth) would require
  assert.equal(minSupportCount(0.07, 100), 7);
  // "a" in 7 of 100 baskets, "b" in 6: only "a" reaches 0.07.
  const baskets = Array.from(
    { length: 100 },
    (_, b) => b < 7 ? ["a", "x"] : b < 13 ? ["b", "x"] : ["x"],
  );
  const result = frequentItemsets(lines(baskets), { ...OPTS, minSupport: 0.07 });
  assert.deepEqual(rows(result).map((r) => [r.itemset, r.count]), [
    [["x"], 100],
    [["a"], 7],
    [["a", "x"], 7],
  ]);
  // Other products that land exactly on a whole count.
  assert.equal(minSupportCount(0.1, 30), 3); // 0.1 * 30 = 3.0000000000000004
  assert.equal(minSupportCount(0.35, 20), 7); // 0.35 * 20 = 7
  assert.equal(minSupportCount(546 / 18402, 18402), 546); // a support read back from a result
  assert.equal(minSupportCount(0.0701, 100), 8);
  assert.equal(minSupportCount(1e-9, 10), 1);
});

Deno.test("frequentItemsets returns the documented columns, types and order", () => {
  const baskets = [["b", "a"], ["a", "b", "c"], ["c"], ["a"], ["b", "c"]];
  const result = frequentItemsets(lines(baskets), { ...OPTS, minSupport: 0.2 });
  assert.deepEqual(result.columns, ["itemset", "support", "count", "length"]);
  assert.deepEqual(result.dtypes.map(String), DTYPES);
  // support desc, then length, then item by item.
  assert.deepEqual(rows(result).map((r) => [r.itemset.join(","), r.count]), [
    ["a", 3],
    ["b", 3],
    ["c", 3],
    ["a,b", 2],
    ["b,c", 2],
    ["a,c", 1],
    ["a,b,c", 1],
  ]);
  // A one-item list read back stringifies to the label.
  assert.equal(String(result.getColumn("itemset").toArray()[0]), "a");
  assert.equal(String(result.toRecords()[1].itemset), "b");
});

Deno.test("frequentItemsets keeps labels exactly and casts numeric columns to text", () => {
  const exact = lines([[" a", "a", "A"], ["a", "A"], ["85123A", "a "]]);
  const labels = rows(frequentItemsets(exact, { ...OPTS, minSupport: 0.3 }))
    .filter((r) => r.length === 1).map((r) => String(r.itemset));
  // Ties in support are broken in text order by UTF-8 bytes: " " < "8" < "A" < "a".
  assert.deepEqual(labels, ["A", "a", " a", "85123A", "a "]);

  const numeric = pl.DataFrame([
    pl.Series("invoice_id", [536365, 536365, 536366, 536366], pl.Int64),
    pl.Series("product_id", [85123, 71053, 85123, 71053], pl.Int64),
  ]);
  const result = frequentItemsets(numeric, { ...OPTS, minSupport: 1 });
  assert.deepEqual(rows(result).map((r) => r.itemset), [["71053"], ["85123"], ["71053", "85123"]]);
  // Floats keep Polars' text form: 85123.0 stays "85123.0" (cast whole ids to Int64 first).
  const floats = numeric.withColumns(pl.col("product_id").cast(pl.Float64));
  assert.deepEqual(
    rows(frequentItemsets(floats, { ...OPTS, minSupport: 1, maxLen: 1 })).map((r) => r.itemset),
    [["71053.0"], ["85123.0"]],
  );
  const categorical = numeric.withColumns(pl.col("product_id").cast(pl.Utf8).cast(pl.Categorical));
  assert.ok(frequentItemsets(categorical, { ...OPTS, minSupport: 1 }).frameEqual(result));
});

Deno.test("frequentItemsets drops nulls, counts repeated lines once, and respects maxLen", () => {
  const df = lines(
    [["a", "b", "a", null], ["a", "b"], [null], ["a", "c"]],
    ["1", "2", "3", null],
  );
  // Basket 3 has only a null item and basket 4 a null transaction: n = 2.
  const result = frequentItemsets(df, { ...OPTS, minSupport: 1 });
  assert.deepEqual(rows(result), [
    { itemset: ["a"], support: 1, count: 2, length: 1 },
    { itemset: ["b"], support: 1, count: 2, length: 1 },
    { itemset: ["a", "b"], support: 1, count: 2, length: 2 },
  ]);
  assert.deepEqual(basketStats(df, OPTS), {
    transactions: 2,
    items: 2,
    droppedBaskets: 0,
    missingRows: 4,
    largestBasket: 2,
  });
  const short = frequentItemsets(df, { ...OPTS, minSupport: 1, maxLen: 1 });
  assert.deepEqual(rows(short).map((r) => r.itemset), [["a"], ["b"]]);
});

Deno.test("frequentItemsets drops baskets larger than maxBasketSize before mining", () => {
  const big = Array.from({ length: 12 }, (_, k) => `x${k}`);
  const df = lines([["a", "b"], ["a", "b"], ["a"], ["a", ...big]]);
  const result = frequentItemsets(df, { ...OPTS, minSupport: 0.5, maxBasketSize: 5 });
  // n = 3 kept baskets: a in 3, b in 2.
  assert.deepEqual(rows(result).map((r) => [r.itemset.join(","), r.count, r.support]), [
    ["a", 3, 1],
    ["b", 2, 2 / 3],
    ["a,b", 2, 2 / 3],
  ]);
  assert.deepEqual(basketStats(df, { ...OPTS, maxBasketSize: 5 }), {
    transactions: 3,
    items: 2,
    droppedBaskets: 1,
    missingRows: 0,
    largestBasket: 2,
  });
  assert.equal(basketStats(df, OPTS).largestBasket, 13);
  assert.throws(
    () =>
      frequentItemsets(lines([["a", "b"], ["a", "c"], ["c", "d", "e"], ["f", "g"]]), {
        ...OPTS,
        minSupport: 0.5,
        maxBasketSize: 1,
      }),
    /^RangeError: Cannot find frequent itemsets as every basket has more than maxBasketSize \(1\) items: 4 baskets dropped$/,
  );
});

Deno.test("frequentItemsets returns an empty frame with the columns when nothing is frequent", () => {
  const result = frequentItemsets(lines([["a"], ["b"], ["c"]]), { ...OPTS, minSupport: 0.5 });
  assert.equal(result.height, 0);
  assert.deepEqual(result.columns, ["itemset", "support", "count", "length"]);
  assert.deepEqual(result.dtypes.map(String), DTYPES);
});

Deno.test("frequentItemsets stops early when more than maxItemsets itemsets are frequent", () => {
  assert.equal(DEFAULT_MAX_ITEMSETS, 100_000);
  // Three identical baskets of 30 items: 2^30 - 1 frequent itemsets; mining stops as soon as the
  // count passes the limit (the test would not finish otherwise; speed lives in bench/).
  const basket = Array.from({ length: 30 }, (_, k) => `p${String(k).padStart(2, "0")}`);
  const df = lines([basket, basket, basket]);
  assert.throws(
    () => frequentItemsets(df, { ...OPTS, minSupport: 0.5, maxItemsets: 1000 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot find frequent itemsets as more than maxItemsets (1000) itemsets are frequent: mining stopped after finding 1001 at minSupport 0.5 (count >= 2 of 3 transactions); raise minSupport above 0.5, set maxLen, or raise maxItemsets",
  );
  assert.throws(
    () => frequentItemsets(df, { ...OPTS, minSupport: 0.5, maxLen: 5 }),
    /^RangeError: Cannot find frequent itemsets as more than maxItemsets \(100000\) itemsets are frequent: mining stopped after finding 100001 at minSupport 0\.5 \(count >= 2 of 3 transactions, maxLen 5\); raise minSupport above 0\.5, set a smaller maxLen, or raise maxItemsets$/,
  );
  // With maxLen 2 the 30 + 435 itemsets fit.
  assert.equal(frequentItemsets(df, { ...OPTS, minSupport: 0.5, maxLen: 2 }).height, 465);
});

Deno.test("frequentItemsets rejects bad arguments and unusable frames", () => {
  const df = lines([["a", "b"], ["a"]]);
  const check = (options: Record<string, unknown>, pattern: RegExp, frame = df) =>
    assert.throws(
      () =>
        frequentItemsets(
          frame,
          { ...OPTS, ...options } as unknown as Parameters<typeof frequentItemsets>[1],
        ),
      pattern,
    );
  for (const minSupport of [0, -0.1, 1.5, Number.NaN, Infinity]) {
    check(
      { minSupport },
      /^RangeError: Cannot find frequent itemsets as minSupport must be in \(0, 1\]: /,
    );
  }
  check(
    { minSupport: "0.1" },
    /^TypeError: Cannot find frequent itemsets as minSupport is not a number: string 0.1$/,
  );
  check({}, /^TypeError: Cannot find frequent itemsets as minSupport is not a number: undefined/);
  check(
    { minSupport: 0.1, maxLen: 0 },
    /^RangeError: Cannot find frequent itemsets as maxLen must be an integer >= 1: got 0$/,
  );
  check(
    { minSupport: 0.1, maxLen: 1.5 },
    /^RangeError: Cannot find frequent itemsets as maxLen must be an integer >= 1: got 1.5$/,
  );
  check(
    { minSupport: 0.1, maxItemsets: 0 },
    /^RangeError: Cannot find frequent itemsets as maxItemsets must be an integer >= 1: got 0$/,
  );
  check(
    { minSupport: 0.1, maxBasketSize: -2 },
    /^RangeError: Cannot find frequent itemsets as maxBasketSize must be an integer >= 1: got -2$/,
  );
  check(
    { minSupport: 0.1, item: "sku" },
    /^TypeError: Cannot find frequent itemsets as column "sku" is missing: available columns are invoice_id, product_id$/,
  );
  check(
    { minSupport: 0.1, item: 3 },
    /^TypeError: Cannot find frequent itemsets as the item column name is not a string: number 3$/,
  );
  check(
    { minSupport: 0.1 },
    /^RangeError: Cannot find frequent itemsets as the frame is empty: 0 rows$/,
    df.head(0),
  );
  check(
    { minSupport: 0.1 },
    /^RangeError: Cannot find frequent itemsets as no row has both a transaction and an item: all 2 rows have a missing "invoice_id" or "product_id"$/,
    lines([[null, null]]),
  );
  check(
    { minSupport: 0.1 },
    /^TypeError: Cannot find frequent itemsets as column "product_id" is neither text nor numeric: it is Bool/,
    pl.DataFrame({ invoice_id: ["1"], product_id: [true] }),
  );
  assert.throws(
    () => basketStats(df, { ...OPTS, maxBasketSize: 0 }),
    /^RangeError: Cannot count baskets as maxBasketSize must be an integer >= 1: got 0$/,
  );
});

Deno.test("frequentItemsets does not modify its input", () => {
  const df = lines([["b", "a", "a"], ["a", null]]);
  const before = df.clone();
  frequentItemsets(df, { ...OPTS, minSupport: 0.5 });
  basketStats(df, OPTS);
  assert.ok(df.frameEqual(before, true));
  assert.deepEqual(df.dtypes.map(String), before.dtypes.map(String));
});
