/**
 * Recommender benchmark: on all of cleaned Online Retail (cancelled orders removed), fit each
 * recommender on the whole catalogue and recommend 10 products to every customer; wall time
 * (median of 3) and resident-memory growth. Target (issue 6): item-item fit + recommend for all
 * customers in under 5 s. No peer: scikit-learn has no item-item recommender.
 *
 * @module
 */
import { loadOnlineRetail } from "../lib/io/datasets.ts";
import { cleanTransactions } from "../lib/quality/clean_transactions.ts";
import { fitPopularity } from "../lib/recommend/fit_popularity.ts";
import { fitItemKnn } from "../lib/recommend/fit_item_knn.ts";
import { fitContentBased } from "../lib/recommend/fit_content_based.ts";
import { fitHybrid } from "../lib/recommend/fit_hybrid.ts";
import type { DataFrame } from "../lib/core/frame.ts";

type Fit = (tx: DataFrame) => { recommend(ids: readonly string[], o: { n: number }): DataFrame };

/** Runs the benchmark; returns [model, seconds, MiB, rows]. */
export async function benchRecommend(): Promise<[string, number, number, number][]> {
  const { data: tx } = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true });
  const customers = [...new Set(tx.getColumn("customer_id").toArray() as string[])].sort();
  const fits: [string, Fit][] = [
    ["popularity", (t) => fitPopularity(t)],
    ["item-item (50 neighbours, shrinkage 10)", (t) => fitItemKnn(t)],
    ["content (TF-IDF)", (t) => fitContentBased(t)],
    ["hybrid", (t) => fitHybrid(t)],
  ];
  const rows: [string, number, number, number][] = [];
  for (const [name, fit] of fits) {
    const times: number[] = [];
    let grown = 0;
    let produced = 0;
    for (let r = 0; r < 3; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = Deno.memoryUsage().rss;
      const t0 = performance.now();
      produced = fit(tx).recommend(customers, { n: 10 }).height;
      times.push((performance.now() - t0) / 1000);
      grown = Math.max(grown, (Deno.memoryUsage().rss - before) / 2 ** 20);
    }
    times.sort((a, b) => a - b);
    rows.push([`${name}: fit + 10 for ${customers.length} customers`, times[1], grown, produced]);
  }
  return rows;
}

if (import.meta.main) {
  for (const row of await benchRecommend()) console.log(row.join(" | "));
}
