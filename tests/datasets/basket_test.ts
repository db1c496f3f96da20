/**
 * Whole-dataset checks of the market-basket functions on the bundled Online Retail log (moved
 * out of `lib/basket/`, whose unit tests use small fixtures), against reference values from
 * pandas. Speed is measured in `bench/basket.ts`, not asserted here.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { assertClose } from "../_helpers.ts";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { basketStats, frequentItemsets } from "../../lib/basket/frequent_itemsets.ts";
import { associationRules } from "../../lib/basket/association_rules.ts";

const OPTS = { transaction: "invoice_id", item: "product_id" };
const rows = (df: DataFrame) => df.toRecords() as Record<string, unknown>[];
const rules = rows;

// Reference values: tests/reference/basket_reference.py on the CSV export of the bundled file
// (`/usr/bin/python3 tests/reference/basket_reference.py /tmp/online_retail.csv`): the
// cleanTransactions default removals written in pandas (tests/reference/online_retail_clean.py), baskets = InvoiceNo x StockCode, single
// items and pairs counted with groupby / self-merge, longer itemsets by intersecting the invoice
// sets of Apriori candidates, threshold `count >= Fraction(min_support) * n`.
Deno.test("frequentItemsets on cleaned Online Retail matches pandas' brute-force counts", () => {
  const tx = cleanTransactions(loadOnlineRetail()).data;
  const options = { transaction: "invoice_id", item: "product_id" };
  assert.deepEqual(basketStats(tx, options), {
    transactions: 18276,
    items: 3645,
    droppedBaskets: 0,
    missingRows: 0,
    largestBasket: 540,
  });
  const result = frequentItemsets(tx, { ...options, minSupport: 0.02 });
  const byLength = (df: DataFrame) =>
    df.groupBy("length").len().sort("length").getColumn("len").toArray();
  // pandas: 251 frequent itemsets, by length {1: 209, 2: 41, 3: 1}.
  assert.equal(result.height, 251);
  assert.deepEqual(byLength(result), [209, 41, 1]);
  const pairs = rows(result.filter(pl.col("length").eq(2)).head(3));
  assert.deepEqual(pairs, [
    { itemset: ["22386", "85099B"], support: 0.029437513679142043, count: 538, length: 2 },
    { itemset: ["22697", "22699"], support: 0.029218647406434668, count: 534, length: 2 },
    { itemset: ["22726", "22727"], support: 0.028780914861019916, count: 526, length: 2 },
  ]);
  assert.deepEqual(rows(result.head(1)), [
    { itemset: ["85123A"], support: 0.10757277303567521, count: 1966, length: 1 },
  ]);
  // pandas at 0.01: 1044 itemsets, by length {1: 628, 2: 336, 3: 76, 4: 4}.
  assert.deepEqual(byLength(frequentItemsets(tx, { ...options, minSupport: 0.01 })), [
    628,
    336,
    76,
    4,
  ]);
});

// Reference values: tests/reference/basket_reference.py (see frequent_itemsets_test.ts): at
// minSupport 0.02, 76 one-item-consequent rules with confidence >= 0.3 (686 at 0.01), and rule 22386 -> 85099B
// with mlxtend's formulas on the pandas counts.
Deno.test("associationRules on cleaned Online Retail matches pandas for the top pair", () => {
  const tx = cleanTransactions(loadOnlineRetail()).data;
  const itemsets = frequentItemsets(tx, { ...OPTS, minSupport: 0.02 });
  const result = associationRules(itemsets, { minConfidence: 0.3 });
  assert.equal(result.height, 76);
  const [rule] = rules(result).filter((r) =>
    String(r.antecedents) === "22386" && String(r.consequents) === "85099B"
  );
  assertClose(rule.support, 0.029437513679142043, 1e-12, "support");
  assertClose(rule.confidence, 0.6241299303944315, 1e-12, "confidence");
  assertClose(rule.lift, 7.178476153485607, 1e-12, "lift");
  assertClose(rule.leverage, 0.0253367110784608, 1e-12, "leverage");
  assertClose(rule.conviction, 2.429178184166511, 1e-12, "conviction");
  assertClose(rule.zhangs_metric, 0.903299400601917, 1e-12, "zhangs_metric");
  const wider = frequentItemsets(tx, { ...OPTS, minSupport: 0.01 });
  assert.equal(associationRules(wider, { minConfidence: 0.3 }).height, 686);
});
