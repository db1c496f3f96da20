/**
 * Charts for evaluating and presenting recommendations: ranking metrics by k, catalogue
 * coverage, the popularity long tail, and per-customer recommendation cards.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { DataFrame } from "../core/frame.ts";
import { type Chart, makeChart } from "./chart.ts";
import { type ChartData, chartRows, requireNumericColumn } from "./chart_data.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";
import { combineCharts } from "./combine_charts.ts";
import { lineChart } from "./line_chart.ts";
import { barChart } from "./bar_chart.ts";
import { formatExamples, requireColumns, requireInteger } from "../core/errors.ts";
import { escapeXml } from "../core/xml.ts";
import { productNames } from "../core/products.ts";

/**
 * A ranking metric of the `evaluateRecommenders` table: `"precision"`, `"recall"`, `"map"` or
 * `"ndcg"` (also the default names of its columns).
 */
export type RankingMetric = "precision" | "recall" | "map" | "ndcg";

/** The ranking metrics with their readable names. */
const METRICS: Readonly<Record<RankingMetric, string>> = {
  precision: "precision@k",
  recall: "recall@k",
  map: "MAP@k",
  ndcg: "NDCG@k",
};

/**
 * Column names of an evaluation table; the defaults are those `evaluateRecommenders` writes.
 */
export interface EvaluationColumns {
  /** Model column. Default `"model"`. */
  model?: string;
  /** Cut-off column. Default `"k"`. */
  kColumn?: string;
}

/** Options for {@linkcode metricByKChart}. */
export interface MetricByKChartOptions extends ChartOptions, EvaluationColumns {
  /** The metric to draw, or `"all"` for the four in a 2 x 2 grid. Default `"all"`. */
  metric?: RankingMetric | "all";
  /**
   * The column of each metric, where it differs from the metric's name (the default, as
   * `evaluateRecommenders` writes them), e.g. `{ precision: "p_at_k" }`.
   */
  metricColumns?: Partial<Readonly<Record<RankingMetric, string>>>;
}

function isDataFrame(data: unknown): data is DataFrame {
  return typeof data === "object" && data !== null && !Array.isArray(data) &&
    Array.isArray((data as DataFrame).columns) &&
    typeof (data as DataFrame).getColumn === "function";
}

/**
 * Draws a ranking metric against k, one coloured line per model (with markers), from the table
 * of `evaluateRecommenders`. With `metric: "all"`, draws precision@k, recall@k, MAP@k and NDCG@k
 * as four small line charts in a 2 x 2 grid (each on a y axis from 0), titled with `title`.
 *
 * Cost: O(rows log rows) per panel.
 *
 * @param table A frame (or records) with the model, k and metric column(s) (by default
 * `model`, `k`, `precision`, `recall`, `map`, `ndcg`).
 * @param options The metric, column names, and the usual title and size (the size is per panel
 * for `"all"`).
 * @returns The chart.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When the table is empty or `metric` is unknown.
 *
 * @example Precision of two models
 * ```ts
 * import assert from "node:assert/strict";
 * import { metricByKChart } from "./recommendation_charts.ts";
 *
 * const table = [5, 10].flatMap((k) => [
 *   { model: "popularity", k, precision: 0.1, recall: 0.1, map: 0.05, ndcg: 0.1 },
 *   { model: "item_knn", k, precision: 0.2, recall: 0.3, map: 0.1, ndcg: 0.2 },
 * ]);
 * const one = metricByKChart(table, { metric: "precision" });
 * const lines = one.svg.slice(one.svg.indexOf('aria-label="line"'));
 * assert.equal(lines.match(/<path /g)?.length, 2);
 * assert.match(metricByKChart(table).svg, /NDCG@k/);
 * ```
 */
export function metricByKChart(table: ChartData, options: MetricByKChartOptions = {}): Chart {
  const action = "draw metric by k chart";
  const {
    metric = "all",
    model = "model",
    kColumn = "k",
    metricColumns = {},
    ...chartOptions
  } = options;
  if (metric !== "all" && !Object.hasOwn(METRICS, metric)) {
    throw new RangeError(
      `Cannot ${action} as metric must be "precision", "recall", "map", "ndcg" or "all": ${
        String(metric)
      }`,
    );
  }
  const panel = (column: RankingMetric, panelOptions: ChartOptions) =>
    lineChart(table, {
      x: kColumn,
      y: metricColumns[column] ?? column,
      stroke: model,
      markers: true,
      zero: true,
      xLabel: "k (recommendations per customer)",
      yLabel: METRICS[column],
      ...panelOptions,
    });
  if (metric !== "all") return panel(metric, chartOptions);
  const columns = Object.keys(METRICS) as RankingMetric[];
  const { title, width = 360, height = 240, ...rest } = chartOptions;
  const panels = columns.map((column) =>
    panel(column, { ...rest, width, height, title: METRICS[column], yLabel: "" })
  );
  return combineCharts(panels, { columns: 2, title });
}

/** Options for {@linkcode coverageChart}. */
export interface CoverageChartOptions extends ChartOptions, EvaluationColumns {
  /** The k to show. Default: the largest k in the table. */
  k?: number;
  /** Coverage column. Default `"coverage"`. */
  coverage?: string;
}

/**
 * Draws catalogue coverage per model at one k (default: the largest) as bars, in the table's
 * model order, from the table of `evaluateRecommenders`. Coverage is the share of the catalogue
 * recommended to at least one customer: low bars mean everyone sees the same few products.
 *
 * Cost: O(rows).
 *
 * @param table A frame (or records) with the model, k and coverage columns (by default `model`,
 * `k` and `coverage`).
 * @param options The k to show, column names, title and size.
 * @returns The chart.
 * @throws {TypeError} When a column is missing or `coverage` is not numeric.
 * @throws {RangeError} When the table is empty or has no row at `k`.
 *
 * @example Two models at k = 10
 * ```ts
 * import assert from "node:assert/strict";
 * import { coverageChart } from "./recommendation_charts.ts";
 *
 * const table = [
 *   { model: "popularity", k: 5, coverage: 0.01 },
 *   { model: "popularity", k: 10, coverage: 0.02 },
 *   { model: "item_knn", k: 5, coverage: 0.2 },
 *   { model: "item_knn", k: 10, coverage: 0.3 },
 * ];
 * const chart = coverageChart(table);
 * const bars = chart.svg.slice(chart.svg.indexOf('aria-label="bar"'));
 * assert.equal(bars.match(/<rect /g)?.length, 2);
 * assert.match(chart.svg, /catalogue coverage at k = 10/);
 * ```
 */
export function coverageChart(table: ChartData, options: CoverageChartOptions = {}): Chart {
  const action = "draw coverage chart";
  const {
    k: kOption,
    model = "model",
    kColumn = "k",
    coverage = "coverage",
    ...chartOptions
  } = options;
  const rows = chartRows(table, [model, kColumn, coverage], action);
  requireNumericColumn(rows, kColumn, action);
  requireNumericColumn(rows, coverage, action);
  const ks = rows.map((row) => Number(row[kColumn])).filter((k) => Number.isFinite(k));
  const k = kOption ?? Math.max(...ks);
  const selected = rows.filter((row) => Number(row[kColumn]) === k);
  if (selected.length === 0) {
    throw new RangeError(
      `Cannot ${action} as no row has k = ${k}: k values are ${
        formatExamples([...new Set(ks)].sort((a, b) => a - b))
      }`,
    );
  }
  return barChart(selected, {
    x: model,
    y: coverage,
    xLabel: "model",
    yLabel: `catalogue coverage at k = ${k}`,
    ...chartOptions,
  });
}

/** Options for {@linkcode longTailChart}. */
export interface LongTailChartOptions extends ChartOptions {
  /** Product column. Default `"product_id"`. */
  item?: string;
  /** Customer column of transactions: buyers are distinct customers per product. Default `"customer_id"`. */
  customer?: string;
  /**
   * Column of pre-computed counts per product (one row per product), e.g. `"buyers"`. When set,
   * `data` is read as counts and `customer` is not used.
   */
  count?: string;
  /** Share of products (the most popular) marked as the head, in (0, 1). Default 0.2. */
  head?: number;
}

/** One product's popularity, in rank order. */
interface Popularity {
  readonly item: string;
  readonly count: number;
}

function popularity(data: ChartData, options: LongTailChartOptions, action: string) {
  const { item = "product_id", customer = "customer_id", count } = options;
  const counts = new Map<string, number>();
  if (count !== undefined) {
    const rows = chartRows(data, [item, count], action);
    requireNumericColumn(rows, count, action);
    for (const row of rows) {
      const value = row[count];
      if (row[item] == null || typeof value !== "number" || !(value >= 0)) continue;
      const key = String(row[item]);
      counts.set(key, (counts.get(key) ?? 0) + value);
    }
  } else {
    let items: unknown[];
    let customers: unknown[];
    if (isDataFrame(data)) {
      requireColumns(data, [item, customer], action);
      if (data.height === 0) throw new RangeError(`Cannot ${action} as the data is empty: 0 rows`);
      items = data.getColumn(item).toArray();
      customers = data.getColumn(customer).toArray();
    } else {
      const rows = chartRows(data, [item, customer], action);
      items = rows.map((row) => row[item]);
      customers = rows.map((row) => row[customer]);
    }
    const buyers = new Map<string, Set<string>>();
    for (let i = 0; i < items.length; i++) {
      if (items[i] == null || customers[i] == null) continue;
      const key = String(items[i]);
      let set = buyers.get(key);
      if (set === undefined) buyers.set(key, set = new Set());
      set.add(String(customers[i]));
    }
    for (const [key, set] of buyers) counts.set(key, set.size);
  }
  const ranked: Popularity[] = [...counts.entries()]
    .map(([item, count]) => ({ item, count }))
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  if (ranked.length === 0) {
    throw new RangeError(`Cannot ${action} as no product has a buyer: 0 products`);
  }
  return ranked;
}

/** The most points a long-tail curve keeps: about one per pixel column of a 640-pixel chart. */
const MAX_CURVE_POINTS = 640;

/**
 * Thins a ranked, non-increasing curve for drawing: keeps the first and last rank of every run of
 * equal counts (so flat stretches are exact), then, if still more than {@linkcode MAX_CURVE_POINTS},
 * every k-th of those, always keeping both ends and the head boundary. 3,600 products drew a
 * 152 KB SVG before; the drawing is the same to a pixel.
 */
function thinCurve(
  rows: readonly { rank: number; count: number }[],
  keepRank: number,
): { rank: number; count: number }[] {
  const boundaries = rows.filter((row, i) =>
    i === 0 || i === rows.length - 1 || row.rank === keepRank ||
    rows[i - 1].count !== row.count || rows[i + 1].count !== row.count
  );
  if (boundaries.length <= MAX_CURVE_POINTS) return boundaries;
  const step = Math.ceil(boundaries.length / MAX_CURVE_POINTS);
  return boundaries.filter((row, i) =>
    i % step === 0 || i === boundaries.length - 1 || row.rank === keepRank
  );
}

/**
 * Draws the popularity long tail: products ranked by their number of buyers (distinct customers;
 * or a given count), most popular first, as an area. The head (the top `head` share of products,
 * rounded up, at least one) is shaded blue and the tail grey, with a rule at the boundary
 * labelled with the share of purchases the head covers (purchases = the sum of the counts, i.e.
 * customer-product pairs for transactions). A steep head and a long flat tail is the usual
 * shape: a popularity recommender only ever shows the head.
 *
 * Ties in the count are ordered by product id (as text), so the chart is deterministic.
 *
 * Cost: O(n) to count distinct buyers, O(P log P) to rank P products.
 *
 * @param data Transactions (one row per line, with product and customer columns) or counts per
 * product (with `count`): a DataFrame or an array of records.
 * @param options Columns, the head share, title and size.
 * @returns The chart.
 * @throws {TypeError} When a column is missing or `count` is not numeric.
 * @throws {RangeError} When the data is empty, no product has a buyer, or `head` is not in (0, 1).
 *
 * @example Ten products, the top two form the head
 * ```ts
 * import assert from "node:assert/strict";
 * import { longTailChart } from "./recommendation_charts.ts";
 *
 * const counts = [40, 20, 10, 8, 6, 5, 4, 3, 2, 2].map((buyers, i) => ({
 *   product_id: `p${i}`,
 *   buyers,
 * }));
 * const chart = longTailChart(counts, { count: "buyers" });
 * // Head: 40 + 20 = 60 of 100 purchases.
 * assert.match(chart.svg, /top 20% of products \(2 of 10\): 60\.0% of purchases/);
 * ```
 */
export function longTailChart(data: ChartData, options: LongTailChartOptions = {}): Chart {
  const action = "draw long tail chart";
  const { head = 0.2, item: _item, customer: _customer, count, ...chartOptions } = options;
  if (typeof head !== "number" || !(head > 0 && head < 1)) {
    throw new RangeError(`Cannot ${action} as head must be a share in (0, 1): ${String(head)}`);
  }
  const ranked = popularity(data, options, action);
  const headCount = Math.max(1, Math.ceil(head * ranked.length - 1e-9));
  const total = ranked.reduce((sum, p) => sum + p.count, 0);
  const headTotal = ranked.slice(0, headCount).reduce((sum, p) => sum + p.count, 0);
  const rows = thinCurve(ranked.map((p, i) => ({ rank: i + 1, count: p.count })), headCount);
  const boundary = rows.findIndex((row) => row.rank === headCount);
  const headRows = rows.slice(0, boundary + 1);
  const tailRows = rows.slice(boundary); // share the boundary point so the areas touch
  const label = `top ${Math.round(head * 100)}% of products (${headCount} of ${ranked.length}): ${
    (100 * headTotal / total).toFixed(1)
  }% of purchases`;
  return renderChart(
    {
      marks: [
        Plot.areaY(tailRows, { x: "rank", y: "count", fill: "#bbbbbb" }),
        Plot.areaY(headRows, { x: "rank", y: "count", fill: DEFAULT_COLOR }),
        Plot.lineY(rows, { x: "rank", y: "count", stroke: "#333333", strokeWidth: 1 }),
        Plot.ruleX([headCount], { stroke: "#333333", strokeDasharray: "4,3" }),
        Plot.text([label], {
          x: headCount,
          frameAnchor: "top",
          textAnchor: "start",
          dx: 6,
          dy: 8,
          fontSize: 11,
        }),
        Plot.ruleY([0]),
      ],
      x: { label: "product rank (most popular first)" },
      y: { label: count === undefined ? "buyers" : count, grid: true },
      marginLeft: 50,
    },
    chartOptions,
  );
}

/** Options for {@linkcode recommendationCards}. */
export interface RecommendationCardsOptions {
  /** The customers to show, one card each, in this order. */
  customers: readonly string[];
  /**
   * Product names: a frame with the `item` and `label` columns (e.g. the transactions: each
   * product's most frequent trimmed name, as `productNames` in `core/products.ts`), or a map from
   * product id to name.
   */
  labels?: DataFrame | ReadonlyMap<string, string>;
  /** Name column of a `labels` frame. Default `"description"`. */
  label?: string;
  /**
   * Past purchases: a frame with the customer and product columns, in time order (sort it by
   * date first). A card lists the customer's last `historyCount` distinct products.
   */
  history?: DataFrame;
  /** Customer column of `recommendations` and `history`. Default `"customer_id"`. */
  customer?: string;
  /** Product column of `recommendations`, `history` and `labels`. Default `"product_id"`. */
  item?: string;
  /** Rank column of `recommendations` (1 = best). Default `"rank"`. */
  rank?: string;
  /**
   * Readable reason column of `recommendations`, shown under each product when present.
   * Default `"reason"`.
   */
  reason?: string;
  /** Recommendations per card at most. Default 5. */
  n?: number;
  /** Past purchases per card at most. Default 3. */
  historyCount?: number;
  /** Cards per row. Default 2. */
  columns?: number;
  /** Width of one card in pixels. Default 320. */
  cardWidth?: number;
  /** Bold heading above the cards. */
  title?: string;
}

/** Approximate advance of one character of 11px text. */
const CHAR_WIDTH_11PX = 6.3;

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

function labelLookup(
  labels: RecommendationCardsOptions["labels"],
  item: string,
  label: string,
  action: string,
): (product: string) => string {
  if (labels === undefined) return (product) => product;
  let names = new Map<string, string>();
  if (labels instanceof Map) {
    for (const [key, value] of labels) names.set(String(key), String(value));
  } else if (isDataFrame(labels)) {
    names = productNames(labels, { item, label, action: `${action} with labels` });
  } else {
    throw new TypeError(
      `Cannot ${action} as labels must be a DataFrame or a Map: got ${typeof labels}`,
    );
  }
  return (product) => names.get(product) ?? product;
}

/** Draws one card as a standalone SVG chart. */
function card(
  customer: string,
  recs: readonly { item: string; reason: string | null }[],
  past: readonly string[] | undefined,
  name: (product: string) => string,
  width: number,
): Chart {
  const pad = 12;
  const maxChars = Math.floor((width - 2 * pad) / CHAR_WIDTH_11PX);
  const parts: string[] = [];
  let y = pad + 14;
  const text = (content: string, x: number, size: number, extra = "") => {
    parts.push(
      `<text x="${x}" y="${y}" font-size="${size}"${extra}>${escapeXml(content)}</text>`,
    );
  };
  text(
    truncate(`Customer ${customer}`, Math.floor((width - 2 * pad) / 8)),
    pad,
    14,
    ` font-weight="bold"`,
  );
  y += 22;
  text("Recommended for you", pad, 11, ` font-weight="bold" fill="${DEFAULT_COLOR}"`);
  y += 17;
  if (recs.length === 0) {
    text("No recommendations", pad, 11, ` fill="#666666"`);
    y += 16;
  }
  recs.forEach((rec, i) => {
    text(truncate(`${i + 1}. ${name(rec.item)}`, maxChars), pad, 11);
    y += 14;
    if (rec.reason !== null && rec.reason !== "") {
      text(truncate(rec.reason, maxChars + 2), pad + 14, 10, ` fill="#666666"`);
      y += 16;
    } else {
      y += 2;
    }
  });
  if (past !== undefined) {
    y += 6;
    text("Recently bought", pad, 11, ` font-weight="bold" fill="#444444"`);
    y += 17;
    if (past.length === 0) {
      text("No purchases on record", pad, 11, ` fill="#666666"`);
      y += 16;
    }
    for (const product of past) {
      text(truncate(`• ${name(product)}`, maxChars), pad, 11);
      y += 16;
    }
  }
  const height = y + pad - 10;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"` +
    ` width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="system-ui, sans-serif" font-size="11">` +
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="8" fill="white"` +
    ` stroke="#cccccc" />${parts.join("")}</svg>`;
  return makeChart(svg, { width, height, alt: "Recommendation card" });
}

/**
 * Draws a small card per customer: their top recommendations in rank order with the reason for
 * each, and, when `history` is given, a few of their past purchases, so a reader can judge
 * whether the recommendations make sense. Cards are plain SVG text (no Plot marks), laid out in
 * a grid with {@linkcode combineCharts}; long lines are cut with "…".
 *
 * Cost: O(R + H) for R recommendation rows and H history rows, after moving the columns to JS.
 *
 * @param recommendations One row per recommendation with the customer, rank, product and
 * optionally reason columns, as returned by the recommenders' `recommend` (or passed through
 * `describeRecommendations` for named reasons).
 * @param options The customers, column names, product names, history and layout.
 * @returns The chart.
 * @throws {TypeError} When a column is missing, `customers` is not an array, or `n`,
 * `historyCount`, `columns` or `cardWidth` is not a number.
 * @throws {RangeError} When `customers` is empty or `n`, `historyCount`, `columns` or
 * `cardWidth` is not an integer >= 1.
 *
 * @example Cards for two customers
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { recommendationCards } from "./recommendation_charts.ts";
 *
 * const recommendations = pl.DataFrame({
 *   customer_id: ["c1", "c1", "c2"],
 *   rank: [1, 2, 1],
 *   product_id: ["mug", "tea", "pot"],
 *   reason: ["because you bought cups", "popular", "popular"],
 * });
 * const labels = new Map([["mug", "Blue mug"]]);
 * const chart = recommendationCards(recommendations, { customers: ["c1", "c2"], labels });
 * assert.match(chart.svg, />1\. Blue mug<\/text>/);
 * assert.match(chart.svg, />because you bought cups<\/text>/);
 * ```
 */
export function recommendationCards(
  recommendations: DataFrame,
  options: RecommendationCardsOptions,
): Chart {
  const action = "draw recommendation cards";
  const {
    customers,
    labels,
    history,
    customer = "customer_id",
    item = "product_id",
    rank = "rank",
    reason = "reason",
    label = "description",
    n = 5,
    historyCount = 3,
    columns = 2,
    cardWidth = 320,
    title,
  } = options ?? {};
  if (!Array.isArray(customers)) {
    throw new TypeError(
      `Cannot ${action} as option customers must be an array of customer ids: got ${typeof customers}`,
    );
  }
  if (customers.length === 0) {
    throw new RangeError(`Cannot ${action} as no customers were given: 0 customers`);
  }
  requireInteger(n, "n", action);
  requireInteger(historyCount, "historyCount", action);
  requireInteger(columns, "columns", action);
  requireInteger(cardWidth, "cardWidth", action);
  requireColumns(recommendations, [customer, rank, item], action);
  const wanted = new Set(customers.map(String));
  const ids = recommendations.getColumn(customer).toArray();
  const ranks = recommendations.getColumn(rank).toArray();
  const items = recommendations.getColumn(item).toArray();
  const reasons = recommendations.columns.includes(reason)
    ? recommendations.getColumn(reason).toArray()
    : undefined;
  const recs = new Map<
    string,
    { rank: number; row: number; item: string; reason: string | null }[]
  >();
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] == null || items[i] == null || !wanted.has(String(ids[i]))) continue;
    const key = String(ids[i]);
    let list = recs.get(key);
    if (list === undefined) recs.set(key, list = []);
    const reason = reasons?.[i];
    list.push({
      rank: Number(ranks[i]),
      row: i,
      item: String(items[i]),
      reason: reason == null ? null : String(reason),
    });
  }
  let past: Map<string, string[]> | undefined;
  if (history !== undefined) {
    requireColumns(history, [customer, item], `${action} with history`);
    past = new Map();
    const hIds = history.getColumn(customer).toArray();
    const hItems = history.getColumn(item).toArray();
    // Walk backwards: the last rows are the most recent purchases.
    for (let i = hIds.length - 1; i >= 0; i--) {
      if (hIds[i] == null || hItems[i] == null || !wanted.has(String(hIds[i]))) continue;
      const key = String(hIds[i]);
      let list = past.get(key);
      if (list === undefined) past.set(key, list = []);
      const product = String(hItems[i]);
      if (list.length < historyCount && !list.includes(product)) list.push(product);
    }
  }
  const name = labelLookup(labels, item, label, action);
  const cards = customers.map((id) => {
    const key = String(id);
    const list = (recs.get(key) ?? [])
      .sort((a, b) => a.rank - b.rank || a.row - b.row)
      .slice(0, n);
    return card(key, list, past === undefined ? undefined : past.get(key) ?? [], name, cardWidth);
  });
  return combineCharts(cards, { columns: Math.min(columns, cards.length), gap: 12, title });
}
