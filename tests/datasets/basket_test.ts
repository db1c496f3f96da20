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
// cleanTransactions default removals written in pandas, baskets = InvoiceNo x StockCode, single
// items and pairs counted with groupby / self-merge, longer itemsets by intersecting the invoice
// sets of Apriori candidates, threshold `count >= Fraction(min_support) * n`.
Deno.test("frequentItemsets on cleaned Online Retail matches pandas' brute-force counts", () => {
  const tx = cleanTransactions(loadOnlineRetail()).data;
  const options = { transaction: "invoice_id", item: "product_id" };
  assert.deepEqual(basketStats(tx, options), {
    transactions: 18402,
    items: 3659,
    droppedBaskets: 0,
    missingRows: 0,
    largestBasket: 540,
  });
  const result = frequentItemsets(tx, { ...options, minSupport: 0.02 });
  const byLength = (df: DataFrame) =>
    df.groupBy("length").len().sort("length").getColumn("len").toArray();
  // pandas: 250 frequent itemsets, by length {1: 208, 2: 41, 3: 1}.
  assert.equal(result.height, 250);
  assert.deepEqual(byLength(result), [208, 41, 1]);
  const pairs = rows(result.filter(pl.col("length").eq(2)).head(3));
  assert.deepEqual(pairs, [
    { itemset: ["22386", "85099B"], support: 0.029670687968699056, count: 546, length: 2 },
    { itemset: ["22697", "22699"], support: 0.029398978371916094, count: 541, length: 2 },
    { itemset: ["22726", "22727"], support: 0.028801217258993587, count: 530, length: 2 },
  ]);
  assert.deepEqual(rows(result.head(1)), [
    { itemset: ["85123A"], support: 0.10748831648733834, count: 1978, length: 1 },
  ]);
  // pandas at 0.01: 1041 itemsets, by length {1: 627, 2: 336, 3: 75, 4: 3}.
  assert.deepEqual(byLength(frequentItemsets(tx, { ...options, minSupport: 0.01 })), [
    627,
    336,
    75,
    3,
  ]);
});

// Reference values: tests/reference/basket_reference.py (see frequent_itemsets_test.ts): at
// minSupport 0.02, 76 one-item-consequent rules with confidence >= 0.3 (682 at 0.01), and rule 22386 -> 85099B
// with mlxtend's formulas on the pandas counts.
Deno.test("associationRules on cleaned Online Retail matches pandas for the top pair", () => {
  const tx = cleanTransactions(loadOnlineRetail()).data;
  const itemsets = frequentItemsets(tx, { ...OPTS, minSupport: 0.02 });
  const result = associationRules(itemsets, { minConfidence: 0.3 });
  assert.equal(result.height, 76);
  const [rule] = rules(result).filter((r) =>
    String(r.antecedents) === "22386" && String(r.consequents) === "85099B"
  );
  assertClose(rule.support, 0.029670687968699056, 1e-12, "support");
  assertClose(rule.confidence, 0.6268656716417911, 1e-12, "confidence");
  assertClose(rule.lift, 7.209738805970149, 1e-12, "lift");
  assertClose(rule.leverage, 0.025555325572473312, 1e-12, "leverage");
  assertClose(rule.conviction, 2.4469818497989353, 1e-12, "conviction");
  assertClose(rule.zhangs_metric, 0.9040909844058552, 1e-12, "zhangs_metric");
  const wider = frequentItemsets(tx, { ...OPTS, minSupport: 0.01 });
  assert.equal(associationRules(wider, { minConfidence: 0.3 }).height, 682);
});
