import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  coverageChart,
  longTailChart,
  metricByKChart,
  recommendationCards,
} from "./recommendation_charts.ts";
import { countMarks, parseSvg, texts } from "./_test_utils.ts";

/** A table shaped like evaluateRecommenders' output: 2 models x 3 k. */
const table = pl.DataFrame({
  model: ["popularity", "popularity", "popularity", "item_knn", "item_knn", "item_knn"],
  k: [5, 10, 20, 5, 10, 20],
  precision: [0.08, 0.06, 0.05, 0.12, 0.1, 0.07],
  recall: [0.05, 0.08, 0.12, 0.09, 0.15, 0.22],
  map: [0.03, 0.035, 0.04, 0.06, 0.07, 0.075],
  ndcg: [0.07, 0.08, 0.1, 0.11, 0.13, 0.16],
  coverage: [0.005, 0.01, 0.02, 0.1, 0.18, 0.3],
  users: [100, 100, 100, 100, 100, 100],
});

Deno.test("metricByKChart() draws one line per model, or four panels for all", () => {
  const one = parseSvg(metricByKChart(table, { metric: "recall", title: "Recall" }).svg);
  assert.equal(countMarks(one, "line", "path"), 2);
  assert.equal(countMarks(one, "dot", "circle"), 6);
  assert.ok(texts(one).includes("Recall"));
  assert.ok(texts(one).includes("item_knn"));
  const all = metricByKChart(table, { title: "Ranking metrics" });
  const root = parseSvg(all.svg);
  assert.equal(countMarks(root, "line", "path"), 8);
  for (const name of ["precision@k", "recall@k", "MAP@k", "NDCG@k", "Ranking metrics"]) {
    assert.ok(texts(root).includes(name), name);
  }
  // 2 x 2 panels of 360 x (240 + title) with a 16px gap.
  assert.equal(all.width, 2 * 360 + 16);
  assert.equal(all.svg, metricByKChart(table, { title: "Ranking metrics" }).svg);
  assert.throws(() => metricByKChart(table, { metric: "auc" as "map" }), {
    name: "RangeError",
    message:
      'Cannot draw metric by k chart as metric must be "precision", "recall", "map", "ndcg" or "all": auc',
  });
  assert.throws(() => metricByKChart(table.drop("ndcg")), TypeError);
  // Other column names, given as options, draw the same chart.
  const renamed = table.rename({ model: "recommender", k: "cutoff", recall: "r_at_k" });
  assert.equal(
    metricByKChart(renamed, {
      metric: "recall",
      title: "Recall",
      model: "recommender",
      kColumn: "cutoff",
      metricColumns: { recall: "r_at_k" },
    }).svg.replace(/<title>[^<]*<\/title>/g, ""),
    metricByKChart(table, { metric: "recall", title: "Recall" }).svg.replaceAll(
      ">model<",
      ">recommender<",
    ).replace(/<title>[^<]*<\/title>/g, ""),
  );
});

Deno.test("coverageChart() draws one bar per model at the largest k", () => {
  const chart = coverageChart(table);
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "bar", "rect"), 2);
  assert.ok(texts(root).some((t) => t.includes("catalogue coverage at k = 20")));
  assert.equal(chart.svg, coverageChart(table).svg);
  assert.ok(coverageChart(table, { k: 5 }).svg.includes("catalogue coverage at k = 5"));
  const renamed = table.rename({ k: "cutoff", coverage: "reach" });
  // The same chart but for the hover titles, which name the caller's columns.
  const untitled = (svg: string) => svg.replace(/<title>[^<]*<\/title>/g, "");
  assert.equal(
    untitled(coverageChart(renamed, { kColumn: "cutoff", coverage: "reach" }).svg),
    untitled(chart.svg),
  );
  assert.throws(() => coverageChart(table, { k: 7 }), {
    name: "RangeError",
    message: "Cannot draw coverage chart as no row has k = 7: k values are 5, 10, 20",
  });
});

Deno.test("longTailChart() counts distinct buyers from transactions and marks the head", () => {
  // Buyers: a {1, 2, 3, 4} = 4, b {1, 2} = 2 (customer 1 twice), c {3} = 1, d {4} = 1, e {5} = 1.
  const tx = pl.DataFrame({
    product_id: ["a", "a", "a", "a", "b", "b", "b", "c", "d", "e"],
    customer_id: ["1", "2", "3", "4", "1", "1", "2", "3", "4", "5"],
  });
  const chart = longTailChart(tx, { title: "Long tail" });
  const root = parseSvg(chart.svg);
  // Head: ceil(0.2 x 5) = 1 product (a) with 4 of 9 purchases = 44.4%.
  assert.ok(texts(root).includes("top 20% of products (1 of 5): 44.4% of purchases"));
  assert.equal(countMarks(root, "area", "path"), 2);
  assert.equal(countMarks(root, "line", "path"), 1);
  // Same result from records and from shuffled rows; the same chart twice is byte-identical.
  const records = tx.toRecords().reverse();
  assert.equal(longTailChart(records, { title: "Long tail" }).svg, chart.svg);
  assert.equal(longTailChart(tx, { title: "Long tail" }).svg, chart.svg);
  // Pre-computed counts and a wider head: ceil(0.5 x 4) = 2 products, (5 + 3) / 10 = 80%.
  const counts = [{ sku: "x", n: 5 }, { sku: "y", n: 3 }, { sku: "z", n: 1 }, { sku: "w", n: 1 }];
  const svg = longTailChart(counts, { item: "sku", count: "n", head: 0.5 }).svg;
  assert.match(svg, /top 50% of products \(2 of 4\): 80\.0% of purchases/);
  assert.throws(() => longTailChart(tx, { head: 1 }), {
    name: "RangeError",
    message: "Cannot draw long tail chart as head must be a share in (0, 1): 1",
  });
  assert.throws(() => longTailChart(tx, { customer: "buyer" }), TypeError);
  assert.throws(() => longTailChart(tx.head(0)), RangeError);
});

Deno.test("recommendationCards() lists top recommendations, reasons and history per customer", () => {
  const recommendations = pl.DataFrame({
    customer_id: ["c1", "c1", "c1", "c2", "c3"],
    rank: [2, 1, 3, 1, 1],
    product_id: ["tea", "mug", "pot", "pot", "spoon"],
    reason: ["popular", "because you bought cups", "popular", "similar to kettle", "x"],
  });
  const history = pl.DataFrame({
    customer_id: ["c1", "c1", "c1", "c2", "c1"],
    product_id: ["cups", "saucer", "cups", "kettle", "plate"],
  });
  const labels = pl.DataFrame({ product_id: ["mug", "cups"], description: ["Blue mug", "Cups"] });
  const options = {
    customers: ["c1", "c2", "c9"],
    labels,
    history,
    n: 2,
    historyCount: 2,
    title: "Sample customers",
  };
  const chart = recommendationCards(recommendations, options);
  const root = parseSvg(chart.svg);
  const lines = texts(root);
  // c1: ranks 1, 2 (n = 2): Blue mug then tea; history newest first, distinct: plate, Cups.
  const c1 = lines.indexOf("Customer c1");
  assert.deepEqual(lines.slice(c1, c1 + 9), [
    "Customer c1",
    "Recommended for you",
    "1. Blue mug",
    "because you bought cups",
    "2. tea",
    "popular",
    "Recently bought",
    "• plate",
    "• Cups",
  ]);
  assert.ok(!lines.includes("3. pot"));
  // c9 has neither recommendations nor history; c3 is not asked for.
  const c9 = lines.indexOf("Customer c9");
  assert.deepEqual(lines.slice(c9, c9 + 5), [
    "Customer c9",
    "Recommended for you",
    "No recommendations",
    "Recently bought",
    "No purchases on record",
  ]);
  assert.ok(!lines.includes("Customer c3"));
  assert.equal(lines[0], "Sample customers");
  // Two cards per row: width 2 x 320 + 12.
  assert.equal(chart.width, 652);
  assert.equal(chart.svg, recommendationCards(recommendations, options).svg);
  // Other column names give the same cards.
  const renamed = recommendationCards(
    recommendations.rename({
      customer_id: "client",
      product_id: "sku",
      rank: "pos",
      reason: "why",
    }),
    {
      ...options,
      labels: labels.rename({ product_id: "sku", description: "name" }),
      history: history.rename({ customer_id: "client", product_id: "sku" }),
      customer: "client",
      item: "sku",
      rank: "pos",
      reason: "why",
      label: "name",
    },
  );
  assert.equal(renamed.svg, chart.svg);
  // Long text is cut to fit the card; XML characters are escaped.
  const long = pl.DataFrame({
    customer_id: ["c<1>"],
    rank: [1],
    product_id: ["p".repeat(200)],
  });
  const cut = recommendationCards(long, { customers: ["c<1>"], cardWidth: 200 });
  const cutLines = texts(parseSvg(cut.svg));
  assert.ok(cutLines.includes("Customer c<1>"));
  assert.ok(cutLines.some((t) => t.startsWith("1. ppp") && t.endsWith("…") && t.length < 40));
  assert.throws(() => recommendationCards(long, { customers: [] }), {
    name: "RangeError",
    message: "Cannot draw recommendation cards as no customers were given: 0 customers",
  });
  assert.throws(() => recommendationCards(long, { customers: ["a"], n: 0 }), RangeError);
  assert.throws(
    () => recommendationCards(long.drop("rank"), { customers: ["a"] }),
    /column "rank" is missing/,
  );
});

Deno.test("longTailChart() thins a long curve to about one point per pixel, keeping its shape", () => {
  // 5,000 products, buyers falling from 5,000 to 1 (distinct counts at the head, long flat tail).
  const counts = Array.from({ length: 5_000 }, (_, i) => ({
    product_id: `p${String(i).padStart(4, "0")}`,
    buyers: Math.max(1, Math.round(5_000 / (i + 1))),
  }));
  const chart = longTailChart(counts, { count: "buyers" });
  const line = parseSvg(chart.svg).querySelector('g[aria-label="line"] path');
  const points = (line?.getAttribute("d") ?? "").split(/[ML]/).filter((p) => p !== "").length;
  assert.ok(points > 100 && points <= 641, `${points} points`);
  assert.ok(chart.svg.length < 60_000, `${chart.svg.length} bytes of SVG`);
  // The head boundary and its share are computed from every product, not the thinned curve.
  assert.match(chart.svg, /top 20% of products \(1000 of 5000\)/);
});
