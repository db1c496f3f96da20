/**
 * The explorer's data layer: reads the results `deno task analyze` exported (the customer view of
 * notebook 08, the KPI table of notebook 07 when there is one) and answers the questions the pages
 * and the JSON endpoints ask. Everything is computed in memory from the files, once at start-up.
 *
 * CSV is read in plain TypeScript (no permission beyond reading the folder); Parquet with
 * nodejs-polars, imported only when a Parquet file is the only copy (that needs `--allow-ffi`,
 * `--allow-sys` and read access to Deno's npm cache, see the README).
 *
 * @module
 */
import { join, relative } from "node:path";
import { parseCsv } from "./csv.ts";

/** The notebooks that write each file, for "run this" messages. */
export const NOTEBOOK_08 = "notebooks/08_customer_view.ipynb";
export const NOTEBOOK_07 = "notebooks/07_kpis_experiments.ipynb";

/** Text columns of the customer view. */
export const TEXT_COLUMNS = [
  "customer_id",
  "rfm_segment",
  "kmeans_segment",
  "next_product",
  "next_product_reason",
  "action",
] as const;
/** Numeric columns of the customer view. */
export const NUMBER_COLUMNS = [
  "recency_days",
  "frequency",
  "monetary",
  "churn_probability",
  "probability_alive",
  "clv",
  "clv_p10",
  "clv_p90",
  "offer_budget",
  "expected_gain",
  "rank",
] as const;
/** Every column of the customer view, in the file's order. */
export const CUSTOMER_VIEW_COLUMNS = [
  "customer_id",
  "rfm_segment",
  "kmeans_segment",
  "recency_days",
  "frequency",
  "monetary",
  "churn_probability",
  "probability_alive",
  "clv",
  "clv_p10",
  "clv_p90",
  "next_product",
  "next_product_reason",
  "offer_budget",
  "expected_gain",
  "action",
  "rank",
] as const;

export type TextColumn = typeof TEXT_COLUMNS[number];
/** Each column with whether it is text, in file order. */
const COLUMN_KINDS: [string, boolean][] = CUSTOMER_VIEW_COLUMNS.map((c) => [
  c,
  (TEXT_COLUMNS as readonly string[]).includes(c),
]);
export type NumberColumn = typeof NUMBER_COLUMNS[number];
/** The segmentations a page can group by. */
export const SEGMENT_COLUMNS = ["rfm_segment", "kmeans_segment"] as const;
export type SegmentColumn = typeof SEGMENT_COLUMNS[number];

/** One customer, as the JSON endpoints return it (numbers null when the file has no value). */
export type CustomerRecord =
  & { [K in TextColumn]: string | null }
  & { [K in NumberColumn]: number | null };

/** Customers with a churn probability at or above this count as "at risk" in the KPIs. */
export const AT_RISK = 0.5;

/** The customer view held column by column. */
export class CustomerView {
  readonly size: number;
  readonly text: Record<TextColumn, (string | null)[]>;
  readonly numbers: Record<NumberColumn, Float64Array>;
  readonly source: string;
  #index = new Map<string, number>();
  #byRank: Uint32Array;
  #sorted = new Map<string, Uint32Array>();
  #segmentOrders = new Map<string, Uint32Array>();
  #churnSorted: Float64Array | undefined;

  constructor(
    source: string,
    text: Record<TextColumn, (string | null)[]>,
    numbers: Record<NumberColumn, Float64Array>,
  ) {
    this.source = source;
    this.text = text;
    this.numbers = numbers;
    this.size = text.customer_id.length;
    const duplicates: string[] = [];
    text.customer_id.forEach((id, row) => {
      const key = id ?? "";
      if (this.#index.has(key)) duplicates.push(key);
      else this.#index.set(key, row);
    });
    if (duplicates.length > 0) {
      throw new RangeError(
        `Cannot serve ${source} as customer_id is not unique: ${duplicates.length} duplicate(s), ` +
          `e.g. ${duplicates.slice(0, 3).map((d) => JSON.stringify(d)).join(", ")}`,
      );
    }
    this.#byRank = this.#order("rank", false);
  }

  /** The row of a customer id, or undefined. */
  rowOf(id: string): number | undefined {
    return this.#index.get(id);
  }

  /** One row as a record. */
  record(row: number): CustomerRecord {
    const out: Record<string, string | number | null> = {};
    for (const [c, isText] of COLUMN_KINDS) {
      if (isText) out[c] = this.text[c as TextColumn][row];
      else {
        const v = this.numbers[c as NumberColumn][row];
        out[c] = Number.isNaN(v) ? null : v;
      }
    }
    return out as CustomerRecord;
  }

  /**
   * Rows of one segment (or all rows when `segment` is undefined) in the order of a column,
   * cached per segmentation, segment, column and direction.
   *
   * @param by The segmentation.
   * @param segment The segment's label, or undefined for every customer.
   * @param column The column to order by (`rank` by default).
   * @param descending Largest first.
   */
  segmentOrder(
    by: SegmentColumn,
    segment: string | undefined,
    column = "rank",
    descending = false,
  ): Uint32Array {
    const order = column === "rank" && !descending
      ? this.#byRank
      : this.sortedBy(column, descending);
    if (segment === undefined) return order;
    const key = `${by}\u0000${segment}\u0000${column}\u0000${descending}`;
    let rows = this.#segmentOrders.get(key);
    if (!rows) {
      const labels = this.text[by];
      const kept: number[] = [];
      for (const r of order) if ((labels[r] ?? NO_SEGMENT) === segment) kept.push(r);
      rows = Uint32Array.from(kept);
      if (this.#segmentOrders.size > 500) this.#segmentOrders.clear();
      this.#segmentOrders.set(key, rows);
    }
    return rows;
  }

  /**
   * How many ranked customers (a `rank`, i.e. a positive expected gain) have a churn probability at
   * or above `threshold` (binary search).
   */
  countChurnAtLeast(threshold: number): number {
    if (!this.#churnSorted) {
      const rank = this.numbers.rank;
      this.#churnSorted = this.numbers.churn_probability.filter((v, i) =>
        !Number.isNaN(v) && !Number.isNaN(rank[i])
      ).sort();
    }
    const v = this.#churnSorted;
    let lo = 0, hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid] < threshold) lo = mid + 1;
      else hi = mid;
    }
    return v.length - lo;
  }

  /** Row numbers by `rank` (ties and missing ranks last, then by file order). */
  get byRank(): Uint32Array {
    return this.#byRank;
  }

  /**
   * Row numbers sorted by a column (cached per column and direction). Missing values last.
   *
   * @param column A column of the view.
   * @param descending Largest first.
   */
  sortedBy(column: string, descending: boolean): Uint32Array {
    const key = `${column}:${descending}`;
    let order = this.#sorted.get(key);
    if (!order) {
      order = this.#order(column, descending);
      this.#sorted.set(key, order);
    }
    return order;
  }

  #order(column: string, descending: boolean): Uint32Array {
    const rows = new Uint32Array(this.size);
    for (let i = 0; i < rows.length; i++) rows[i] = i;
    const sign = descending ? -1 : 1;
    if ((NUMBER_COLUMNS as readonly string[]).includes(column)) {
      const v = this.numbers[column as NumberColumn];
      return rows.sort((a, b) => {
        const x = v[a], y = v[b];
        if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : 1;
        if (Number.isNaN(y)) return -1;
        return (x - y) * sign || a - b;
      });
    }
    const t = this.text[column as TextColumn];
    return rows.sort((a, b) => {
      const x = t[a], y = t[b];
      if (x === null) return y === null ? a - b : 1;
      if (y === null) return -1;
      return (x < y ? -1 : x > y ? 1 : 0) * sign || a - b;
    });
  }
}

/** What was found in the results folder. */
export interface Results {
  /** The folder given with `--out`. */
  out: string;
  /** The customer view, or why it is not there. */
  view: CustomerView | { missing: string };
  /** Notebook 07's KPI table (`kpis.csv`) when it exports one: header and rows as text. */
  kpiTable: { source: string; header: string[]; rows: string[][] } | null;
}

/** Where a results file may be: `OUT/exports/NAME` (what `deno task analyze` writes), `OUT/NAME`. */
function candidates(out: string, name: string): string[] {
  return [join(out, "exports", name), join(out, name)];
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Builds a customer view from columns of text (as read from CSV or Parquet).
 *
 * @param source The file name, for messages.
 * @param columns Each column's values, text or number or null.
 * @returns The view.
 * @throws {TypeError} When a column is missing, naming it and the notebook to re-run.
 * @throws {RangeError} When a numeric column has text that is not a number, or ids repeat.
 */
export function viewFromColumns(
  source: string,
  columns: Record<string, ArrayLike<string | number | null | undefined>>,
): CustomerView {
  const missing = CUSTOMER_VIEW_COLUMNS.filter((c) => !(c in columns));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot serve ${source} as it lacks column(s) ${missing.join(", ")}: ` +
        `re-run ${NOTEBOOK_08} (deno task analyze)`,
    );
  }
  const n = columns.customer_id.length;
  const text = {} as Record<TextColumn, (string | null)[]>;
  for (const c of TEXT_COLUMNS) {
    const col = columns[c];
    const values: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      values[i] = v === null || v === undefined || (v === "" && c !== "customer_id")
        ? null
        : String(v);
    }
    text[c] = values;
  }
  const numbers = {} as Record<NumberColumn, Float64Array>;
  for (const c of NUMBER_COLUMNS) {
    const col = columns[c];
    const values = new Float64Array(n);
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null || v === undefined || v === "") values[i] = NaN;
      else {
        const x = typeof v === "number" ? v : Number(v);
        if (Number.isNaN(x) && v !== "NaN") bad.push(String(v));
        values[i] = x;
      }
    }
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot serve ${source} as column ${c} has ${bad.length} value(s) that are not numbers, ` +
          `e.g. ${bad.slice(0, 3).map((b) => JSON.stringify(b)).join(", ")}`,
      );
    }
    numbers[c] = values;
  }
  return new CustomerView(source, text, numbers);
}

/** Reads a customer view CSV file. */
export function readViewCsv(path: string, label = path): CustomerView {
  const { header, rows } = parseCsv(Deno.readTextFileSync(path));
  const columns: Record<string, string[]> = {};
  header.forEach((name, j) => columns[name] = rows.map((r) => r[j]));
  return viewFromColumns(label, columns);
}

/** Reads a customer view Parquet file with nodejs-polars (imported only here). */
export async function readViewParquet(path: string, label = path): Promise<CustomerView> {
  let pl;
  try {
    pl = (await import("nodejs-polars")).default;
  } catch (error) {
    throw new Error(
      `Cannot read ${path} as Polars (needed for Parquet) did not load: ` +
        `${(error as Error).message.split("\n")[0]}. Export the view as CSV, or run the server ` +
        "with --allow-ffi, --allow-sys and read access to Deno's npm cache (README)",
    );
  }
  const df = pl.readParquet(path);
  const columns: Record<string, (string | number | null)[]> = {};
  for (const name of df.columns) {
    const series = df.getColumn(name);
    const isText = (TEXT_COLUMNS as readonly string[]).includes(name);
    columns[name] = (isText ? series.cast(pl.Utf8) : series.cast(pl.Float64)).toArray();
  }
  return viewFromColumns(label, columns);
}

/**
 * Loads what the explorer shows from a results folder. A missing file is not an error: its page
 * says which notebook to run. Neither is a customer view without one of its columns, or with text
 * in a number column: the pages show that message, naming the column and the notebook to re-run.
 * A file that cannot be read at all (permissions) is an error.
 *
 * @param out The results folder (`out/` by default: `deno task analyze` writes `out/exports/`).
 * @returns The results.
 * @throws {Error} When a file is there but cannot be read.
 */
export async function loadResults(out: string): Promise<Results> {
  let view: Results["view"] = {
    missing:
      `customer_view.csv (or .parquet) is not in ${join(out, "exports")}: run ${NOTEBOOK_08} ` +
      "with `deno task analyze`, then restart the explorer",
  };
  const csv = candidates(out, "customer_view.csv").find(exists);
  const parquet = candidates(out, "customer_view.parquet").find(exists);
  try {
    if (csv) view = readViewCsv(csv, relative(out, csv));
    else if (parquet) view = await readViewParquet(parquet, relative(out, parquet));
  } catch (error) {
    // A file that is there but not a customer view (a column missing, text in a number column):
    // the pages say why, as for a missing file, instead of the server not starting.
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    view = { missing: error.message };
  }
  const kpiPath = candidates(out, "kpis.csv").find(exists);
  let kpiTable: Results["kpiTable"] = null;
  if (kpiPath) {
    const { header, rows } = parseCsv(Deno.readTextFileSync(kpiPath));
    kpiTable = { source: relative(out, kpiPath), header, rows };
  }
  return { out, view, kpiTable };
}

// ---------------------------------------------------------------------------------------------
// Questions the pages ask

/** One KPI. */
export interface Kpi {
  key: string;
  label: string;
  value: number;
  unit: "count" | "money" | "share" | "days";
}

function sum(values: Float64Array, rows?: ArrayLike<number>): number {
  let s = 0;
  if (rows) {
    for (let i = 0; i < rows.length; i++) {
      const v = values[rows[i]];
      if (!Number.isNaN(v)) s += v;
    }
  } else for (const v of values) if (!Number.isNaN(v)) s += v;
  return s;
}

function mean(values: Float64Array, rows?: ArrayLike<number>): number | null {
  let s = 0, n = 0;
  const count = rows ? rows.length : values.length;
  for (let i = 0; i < count; i++) {
    const v = values[rows ? rows[i] : i];
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? null : s / n;
}

/** Median (average of the two middle values), ignoring missing values. */
function median(values: Float64Array): number | null {
  const v = values.filter((x) => !Number.isNaN(x)).sort();
  if (v.length === 0) return null;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/**
 * The headline KPIs of the customer view.
 *
 * @param view The customer view.
 * @returns The KPIs, in display order.
 */
export function computeKpis(view: CustomerView): Kpi[] {
  const { numbers: x, size } = view;
  let atRisk = 0, clvAtRisk = 0;
  for (let i = 0; i < size; i++) {
    if (x.churn_probability[i] >= AT_RISK) {
      atRisk++;
      if (!Number.isNaN(x.clv[i])) clvAtRisk += x.clv[i];
    }
  }
  return [
    { key: "customers", label: "Customers", value: size, unit: "count" },
    { key: "clv_total", label: "Expected CLV, all customers", value: sum(x.clv), unit: "money" },
    { key: "clv_mean", label: "Mean CLV per customer", value: mean(x.clv) ?? NaN, unit: "money" },
    { key: "clv_median", label: "Median CLV", value: median(x.clv) ?? NaN, unit: "money" },
    {
      key: "churn_probability_mean",
      label: "Mean churn probability",
      value: mean(x.churn_probability) ?? NaN,
      unit: "share",
    },
    {
      key: "at_risk_customers",
      label: `Customers at risk (churn probability >= ${AT_RISK * 100}%)`,
      value: atRisk,
      unit: "count",
    },
    { key: "clv_at_risk", label: "CLV of the customers at risk", value: clvAtRisk, unit: "money" },
    {
      key: "probability_alive_mean",
      label: "Mean P(alive)",
      value: mean(x.probability_alive) ?? NaN,
      unit: "share",
    },
    {
      key: "monetary_total",
      label: "Historical revenue (sum of monetary)",
      value: sum(x.monetary),
      unit: "money",
    },
    {
      key: "offer_budget_total",
      label: "Offer budget, all recommended offers",
      value: sum(x.offer_budget),
      unit: "money",
    },
    {
      key: "expected_gain_total",
      label: "Expected gain, all recommended offers",
      value: sum(x.expected_gain),
      unit: "money",
    },
  ];
}

/** One segment's summary. */
export interface SegmentSummary {
  segment: string;
  customers: number;
  share: number;
  clv_total: number;
  clv_mean: number | null;
  churn_probability_mean: number | null;
  at_risk_share: number;
  probability_alive_mean: number | null;
  recency_days_mean: number | null;
  frequency_mean: number | null;
  monetary_mean: number | null;
  expected_gain_total: number;
  offer_budget_total: number;
  /** The most common action of its customers (ties: alphabetical first). */
  action: string | null;
  /** The share of its customers with that action. */
  action_share: number;
}

/** The label of a missing segment value. */
export const NO_SEGMENT = "(none)";

/** The rows of each segment, in file order. */
export function segmentRows(view: CustomerView, by: SegmentColumn): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const labels = view.text[by];
  for (let i = 0; i < view.size; i++) {
    const key = labels[i] ?? NO_SEGMENT;
    let rows = groups.get(key);
    if (!rows) groups.set(key, rows = []);
    rows.push(i);
  }
  return groups;
}

/**
 * Size, value, churn risk, profile and the most common action of each segment, largest CLV total
 * first.
 *
 * @param view The customer view.
 * @param by Which segmentation.
 * @returns One summary per segment.
 */
export function summariseSegments(view: CustomerView, by: SegmentColumn): SegmentSummary[] {
  const x = view.numbers;
  const out: SegmentSummary[] = [];
  for (const [segment, rows] of segmentRows(view, by)) {
    let atRisk = 0;
    const actions = new Map<string, number>();
    for (const r of rows) {
      if (x.churn_probability[r] >= AT_RISK) atRisk++;
      const a = view.text.action[r];
      if (a !== null) actions.set(a, (actions.get(a) ?? 0) + 1);
    }
    let action: string | null = null, actionCount = 0;
    for (const [a, count] of [...actions].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
      if (count > actionCount) [action, actionCount] = [a, count];
    }
    out.push({
      segment,
      customers: rows.length,
      share: rows.length / view.size,
      clv_total: sum(x.clv, rows),
      clv_mean: mean(x.clv, rows),
      churn_probability_mean: mean(x.churn_probability, rows),
      at_risk_share: atRisk / rows.length,
      probability_alive_mean: mean(x.probability_alive, rows),
      recency_days_mean: mean(x.recency_days, rows),
      frequency_mean: mean(x.frequency, rows),
      monetary_mean: mean(x.monetary, rows),
      expected_gain_total: sum(x.expected_gain, rows),
      offer_budget_total: sum(x.offer_budget, rows),
      action,
      action_share: actionCount / rows.length,
    });
  }
  return out.sort((a, b) => b.clv_total - a.clv_total || (a.segment < b.segment ? -1 : 1));
}

/** Options of {@linkcode queryCustomers}. */
export interface CustomerQuery {
  segment?: string;
  by?: SegmentColumn;
  /** Case-insensitive text found in the id, product, reason or action. */
  q?: string;
  sort?: string;
  descending?: boolean;
  offset?: number;
  limit?: number;
}

/** The most customers one request returns (the CSV export has no limit). */
export const MAX_LIMIT = 10_000;

/**
 * Customers of a segment (or all), filtered, sorted (by `rank` unless told), one page of them.
 *
 * @param view The customer view.
 * @param query Segment, filter, sort and page.
 * @returns How many match and the rows of the page.
 */
export function queryCustomers(
  view: CustomerView,
  query: CustomerQuery,
): { total: number; rows: number[] } {
  const order = view.segmentOrder(
    query.by ?? "rfm_segment",
    query.segment,
    query.sort ?? "rank",
    query.descending ?? false,
  );
  const q = query.q?.trim().toLowerCase() ?? "";
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  const rows: number[] = [];
  if (!q) {
    for (let k = offset; k < order.length && rows.length < limit; k++) rows.push(order[k]);
    return { total: order.length, rows };
  }
  let total = 0;
  const t = view.text;
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    if (
      ![t.customer_id[r], t.next_product[r], t.next_product_reason[r], t.action[r]].some((s) =>
        s !== null && s.toLowerCase().includes(q)
      )
    ) continue;
    if (total >= offset && rows.length < limit) rows.push(r);
    total++;
  }
  return { total, rows };
}

/** What the what-if page shows. */
export interface WhatIf {
  budget: number;
  threshold: number;
  /** Customers in the contact list. */
  contacted: number;
  /** Sum of their offer budgets. */
  cost: number;
  /** Sum of their expected gains. */
  expected_gain: number;
  /** Sum of their CLVs. */
  clv: number;
  /** Ranked customers with churn probability at or above the threshold (before the budget). */
  eligible: number;
  /** Rows in the list, in rank order. */
  rows: number[];
}

/**
 * Who is contacted for a budget and a churn threshold: the ranked customers (notebook 08 ranks
 * those with a positive expected gain) whose churn probability is at or above `threshold`, taken
 * in `rank` order while the sum of their `offer_budget` stays within `budget` (the list stops at
 * the first customer who does not fit).
 *
 * @param view The customer view.
 * @param options The total budget (money) and the churn probability threshold (0 to 1).
 * @returns The list and its totals.
 */
export function whatIf(view: CustomerView, options: { budget: number; threshold: number }): WhatIf {
  const { budget, threshold } = options;
  const x = view.numbers;
  const rows: number[] = [];
  let cost = 0, gain = 0, clv = 0;
  for (const r of view.byRank) {
    if (Number.isNaN(x.rank[r])) break; // unranked: no positive expected gain (ranks sort first)
    if (!(x.churn_probability[r] >= threshold)) continue;
    const c = Number.isNaN(x.offer_budget[r]) ? 0 : x.offer_budget[r];
    if (cost + c > budget) break;
    cost += c;
    if (!Number.isNaN(x.expected_gain[r])) gain += x.expected_gain[r];
    if (!Number.isNaN(x.clv[r])) clv += x.clv[r];
    rows.push(r);
  }
  const eligible = view.countChurnAtLeast(threshold);
  return {
    budget,
    threshold,
    contacted: rows.length,
    cost,
    expected_gain: gain,
    clv,
    eligible,
    rows,
  };
}
