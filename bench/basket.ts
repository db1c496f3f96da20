/**
 * Market-basket benchmark: frequent itemsets (maxLen 3) and association rules (minConfidence 0.3)
 * on the cleaned Online Retail baskets (invoices x stock codes, cancelled orders removed) at
 * minSupport 0.01, 0.005 and 0.002: wall time and the growth of resident memory. No peer runs here:
 * mlxtend is not installable (no PyPI), so its figure is quoted from the issue, not measured.
 *
 * @module
 */
import { loadOnlineRetail } from "../lib/io/datasets.ts";
import { cleanTransactions } from "../lib/quality/clean_transactions.ts";
import { frequentItemsets } from "../lib/basket/frequent_itemsets.ts";
import { associationRules } from "../lib/basket/association_rules.ts";

/** Runs the benchmark; returns [minSupport, itemsets, rules, seconds, MiB]. */
export async function benchBasket(): Promise<[number, number, number, number, number][]> {
  const { data: tx } = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true });
  const rows: [number, number, number, number, number][] = [];
  for (const minSupport of [0.01, 0.005, 0.002]) {
    const times: number[] = [];
    let itemsets = 0;
    let rules = 0;
    let grown = 0;
    for (let r = 0; r < 3; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = Deno.memoryUsage().rss;
      const t0 = performance.now();
      const sets = frequentItemsets(tx, {
        transaction: "invoice_id",
        item: "product_id",
        minSupport,
        maxLen: 3,
        maxItemsets: 10_000_000,
      });
      const found = associationRules(sets, { minConfidence: 0.3, maxRules: 10_000_000 });
      times.push((performance.now() - t0) / 1000);
      grown = Math.max(grown, (Deno.memoryUsage().rss - before) / 2 ** 20);
      itemsets = sets.height;
      rules = found.height;
    }
    times.sort((a, b) => a - b);
    rows.push([minSupport, itemsets, rules, times[1], grown]);
  }
  return rows;
}

if (import.meta.main) {
  for (const row of await benchBasket()) console.log(row.join(" | "));
}
