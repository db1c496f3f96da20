/**
 * Recommender benchmark: on all of cleaned Online Retail (cancelled orders removed), fit each
 * recommender on the whole catalogue and recommend 10 products to every customer; wall time
 * (median of 3) and resident-memory growth. Target (issue 6): item-item fit + recommend for all
 * customers in under 5 s. Item-item and the hybrid run on one thread and on every core (issue 17:
 * the item-item similarities in fixed blocks of 64 items on the worker pool, identical at any
 * thread count). No peer for whole recommenders: scikit-learn has no item-item recommender.
 *
 * {@linkcode benchItemSimilarity}: the item-item similarity step alone (each item's 50 most
 * similar items, plain cosine) against scikit-learn's `NearestNeighbors(metric="cosine",
 * algorithm="brute", n_jobs=-1)` on the same matrix (bench/item_knn_sklearn.py, both cores), in
 * the same run, ours on one thread and on every core, interleaved round by round.
 *
 * Run alone: `deno run --allow-read --allow-write --allow-env --allow-run --allow-ffi
 * --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/recommend.ts`.
 *
 * @module
 */
import { loadOnlineRetail } from "../lib/io/datasets.ts";
import { cleanTransactions } from "../lib/quality/clean_transactions.ts";
import { fitPopularity } from "../lib/recommend/fit_popularity.ts";
import { fitItemKnn } from "../lib/recommend/fit_item_knn.ts";
import { fitContentBased } from "../lib/recommend/fit_content_based.ts";
import { fitHybrid } from "../lib/recommend/fit_hybrid.ts";
import { buildMatrix } from "../lib/recommend/_recommender.ts";
import { itemNeighbours } from "../lib/recommend/_item_knn_scorer.ts";
import { availableCores } from "../lib/core/worker_pool.ts";
import type { DataFrame } from "../lib/core/frame.ts";

type Fit = (tx: DataFrame) => { recommend(ids: readonly string[], o: { n: number }): DataFrame };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The thread counts measured: 1 and every core. */
function threadCounts(): number[] {
  const all = availableCores();
  return all > 1 ? [1, all] : [1];
}

const threadLabel = (t: number) => `${t} thread${t === 1 ? "" : "s"}`;

/** Runs the benchmark; returns [model, seconds, MiB, rows]. */
export async function benchRecommend(): Promise<[string, number, number, number][]> {
  const { data: tx } = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true });
  const customers = [...new Set(tx.getColumn("customer_id").toArray() as string[])].sort();
  const fits: [string, Fit][] = [
    ["popularity", (t) => fitPopularity(t)],
    ...threadCounts().map((threads): [string, Fit] => [
      `item-item (50 neighbours, shrinkage 10), ${threadLabel(threads)}`,
      (t) => fitItemKnn(t, { threads }),
    ]),
    ["content (TF-IDF)", (t) => fitContentBased(t)],
    ...threadCounts().map((threads): [string, Fit] => [
      `hybrid, ${threadLabel(threads)}`,
      (t) => fitHybrid(t, { threads }),
    ]),
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

/** One row: benchmark, ours (s), scikit-learn (s), note. */
export type ItemSimilarityBenchRow = [string, number, number, string];

/**
 * The item-item similarity step alone on cleaned Online Retail (binary matrix, 50 neighbours,
 * shrinkage 0 = plain cosine, as scikit-learn's): ours at 1 thread and every core against
 * scikit-learn's brute-force cosine NearestNeighbors on both cores, 3 rounds, medians.
 */
export function benchItemSimilarity(): ItemSimilarityBenchRow[] {
  const { data: tx } = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true });
  const matrix = buildMatrix(tx, "customer_id", "product_id", "binary", "bench item-item");
  const k = 50;
  const counts = threadCounts();
  const ours = new Map<number, number[]>(counts.map((t) => [t, []]));
  let neighbours = itemNeighbours(matrix, k, 0, 1, "bench item-item"); // warm-up
  for (const t of counts) itemNeighbours(matrix, k, 0, t, "bench item-item");
  const dir = Deno.makeTempDirSync({ prefix: "item_knn_bench_" });
  try {
    Deno.writeFileSync(`${dir}/row_ptr.i32`, new Uint8Array(matrix.rowPtr.slice().buffer));
    Deno.writeFileSync(`${dir}/col_idx.i32`, new Uint8Array(matrix.colIdx.slice().buffer));
    Deno.writeFileSync(`${dir}/values.f64`, new Uint8Array(matrix.values.slice().buffer));
    const lists: number[] = [];
    for (let i = 0; i < matrix.items.length; i++) {
      lists.push(neighbours.ptr[i + 1] - neighbours.ptr[i]);
      for (let p = neighbours.ptr[i]; p < neighbours.ptr[i + 1]; p++) lists.push(neighbours.idx[p]);
    }
    Deno.writeFileSync(`${dir}/ours.i32`, new Uint8Array(Int32Array.from(lists).buffer));
    const peers: { seconds: number; agreement: number }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const t of counts) {
        const t0 = performance.now();
        neighbours = itemNeighbours(matrix, k, 0, t, "bench item-item");
        ours.get(t)!.push((performance.now() - t0) / 1000);
      }
      const out = new Deno.Command("/usr/bin/python3", {
        args: [new URL("./item_knn_sklearn.py", import.meta.url).pathname, dir, String(k), "1"],
        stdout: "piped",
        stderr: "piped",
      }).outputSync();
      if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
      peers.push(JSON.parse(new TextDecoder().decode(out.stdout)));
    }
    const peerSeconds = median(peers.map((p) => p.seconds));
    return counts.map((t) => {
      const seconds = median(ours.get(t)!);
      return [
        `item-item similarity, ${matrix.items.length} items x ${matrix.customers.length} ` +
        `customers, top ${k} (cosine), ${threadLabel(t)}`,
        seconds,
        peerSeconds,
        `${(seconds / peerSeconds).toFixed(2)}x scikit-learn (NearestNeighbors brute cosine, ` +
        `n_jobs=-1: both cores); top-10 neighbour sets equal for ` +
        `${(100 * peers[0].agreement).toFixed(1)}% of items (ties ordered differently)`,
      ];
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  for (const row of await benchRecommend()) console.log(row.join(" | "));
  for (const row of benchItemSimilarity()) {
    console.log(`| ${row[0]} | ${row[1].toFixed(3)} | ${row[2].toFixed(3)} | ${row[3]} |`);
  }
}
