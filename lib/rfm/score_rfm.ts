import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import {
  attachNotes,
  type DataNote,
  formatExamples,
  MAX_EXAMPLES,
  requireColumns,
  requireInteger,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { RFM_SEGMENT_RULES } from "./segments.ts";

/** The RFM columns {@linkcode scoreRfm} scores. */
const SCORED = ["recency_days", "frequency", "monetary"] as const;

/** Options for {@linkcode scoreRfm}. */
export interface ScoreRfmOptions {
  /**
   * Number of score levels, an integer from 2 to 9 (so `rfm_score` stays one digit per letter).
   * Default 5 (quintiles), the scale of the segment map.
   */
  bins?: number;
}

/**
 * Scores an RFM table: adds `r_score`, `f_score` and `m_score` (Int64, 1 to `bins`, higher is
 * better: the most recent customers get the highest R), `rfm_score` (text, e.g. `"545"`) and
 * `segment` (one of {@linkcode RFM_SEGMENTS}, from {@linkcode RFM_SEGMENT_RULES}).
 *
 * Scores are quantile ranks: `score = ceil(rank * bins / n)`, where `rank` is the average rank
 * (1 to n) of the customer's value among the `n` customers, ascending for frequency and monetary,
 * descending for recency_days. In pandas: `np.ceil(x.rank(method="average") * bins / len(x))`.
 * Why average ranks: customers with the same value always get the same score, so the score
 * depends on the data only, never on row order, and two identical customers never land in
 * different segments. (`pd.qcut(x.rank(method="first"), bins)`, common in tutorials, splits ties
 * by row order instead.) The price is that heavily tied values skip levels and fill the bins
 * unevenly: in Online Retail a third of the customers ordered once, so they all get F 1 and no
 * customer gets F 2. With distinct values the bins are equal-sized quantiles, as `qcut` makes them.
 *
 * Segments are always read from 5-point scores, computed the same way with `bins = 5`, whatever
 * `bins` is: the published segment map is defined on quintiles, and recomputing quintiles from the
 * ranks is exact where rescaling 3-point scores to 5 points would not be. So `segment` does not
 * change with `bins`. FM is `floor((F + M) / 2)` (see {@linkcode RFM_SEGMENT_RULES}).
 *
 * Small populations and heavy ties: the scores stay deterministic (they depend on the values only)
 * but say little. A column whose values are all equal (including a table of one customer) gets
 * the middle score `ceil(bins / 2)` for everyone (3 of 5) rather than an arbitrary top score;
 * two customers with different values get 3 and 5 (ranks 1 and 2 of 2). Whenever a column has
 * fewer distinct values than `bins`, the quantiles cannot all exist, and a note
 * `too_few_distinct_values` (one per such column, `rows` = customers) is attached to the result:
 * read it with {@linkcode dataNotes}.
 *
 * Cost: a few ranks (three, plus three more when `bins` is not 5), each O(n log n), in Polars.
 *
 * @param rfm An RFM table with numeric `recency_days`, `frequency` and `monetary` (see
 * {@linkcode computeRfm}); never modified. Other columns are kept; existing score columns are
 * replaced.
 * @param options `bins` (default 5).
 * @returns A new DataFrame: the input columns plus the five score columns.
 * @throws {TypeError} When a column is missing or not numeric, or `bins` is not a number.
 * @throws {RangeError} When `bins` is not an integer from 2 to 9, the frame is empty, or a value
 * is missing, NaN or infinite (naming the column, the count and the first customers).
 *
 * @example Score five customers on the default 5-point scale
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { scoreRfm } from "./score_rfm.ts";
 *
 * const rfm = pl.DataFrame({
 *   customer_id: ["a", "b", "c", "d", "e"],
 *   recency_days: [3, 20, 45, 120, 300],
 *   frequency: [9, 5, 3, 2, 1],
 *   monetary: [950.5, 400, 180, 60, 15],
 * });
 * const scored = scoreRfm(rfm);
 * assert.deepEqual(scored.getColumn("rfm_score").toArray(), ["555", "444", "333", "222", "111"]);
 * assert.deepEqual(
 *   scored.getColumn("segment").toArray(),
 *   ["Champions", "Champions", "Needs attention", "Hibernating", "Lost"],
 * );
 * ```
 */
export function scoreRfm(rfm: DataFrame, options: ScoreRfmOptions = {}): DataFrame {
  const action = "score RFM";
  const bins = requireInteger(options.bins ?? 5, "bins", action, 2, 9);
  requireColumns(rfm, SCORED, action);
  requireNumericColumns(rfm, SCORED, action);
  requireRows(rfm, action);
  for (const column of SCORED) requireFiniteValues(rfm, column, action);

  const n = rfm.height;
  const distinct = rfm.select(...SCORED.map((c) => pl.col(c).nUnique().alias(c))).toRecords()[0];
  const single = new Set<string>(SCORED.filter((c) => Number(distinct[c]) === 1));
  const score = (column: string, levels: number, descending: boolean) =>
    single.has(column)
      ? pl.lit(Math.ceil(levels / 2)).cast(pl.Int64)
      : rankScore(column, levels, n, descending);
  const r = score("recency_days", bins, true);
  const f = score("frequency", bins, false);
  const m = score("monetary", bins, false);
  const r5 = score("recency_days", 5, true);
  const fm5 = score("frequency", 5, false).add(score("monetary", 5, false))
    .cast(pl.Float64).div(pl.lit(2)).floor().cast(pl.Int64);
  const notes: DataNote[] = SCORED.filter((c) => Number(distinct[c]) < bins).map((c) => ({
    rule: "too_few_distinct_values",
    column: c,
    rows: n,
    examples: [
      `${distinct[c]} distinct ${
        Number(distinct[c]) === 1 ? "value" : "values"
      } for ${bins} scores`,
    ],
  }));

  return attachNotes(
    rfm.withColumns(r.alias("r_score"), f.alias("f_score"), m.alias("m_score"))
      .withColumns(
        pl.concatString(
          [pl.col("r_score"), pl.col("f_score"), pl.col("m_score")].map((c) => c.cast(pl.Utf8)),
          "",
        ).alias("rfm_score"),
        segmentExpr(r5, fm5).alias("segment"),
      ),
    notes,
  );
}

/** `ceil(average rank * bins / n)` as Int64; ranks are multiples of 0.5: `rank * bins` is exact. */
function rankScore(column: string, bins: number, n: number, descending: boolean): Expr {
  return pl.col(column).rank("average", descending).mul(pl.lit(bins)).div(pl.lit(n)).ceil()
    .cast(pl.Int64);
}

/** The part of nodejs-polars' `Then` / `ChainedThen` that the chain below uses. */
interface WhenThenChain {
  when(predicate: Expr): { then(value: Expr): WhenThenChain };
  otherwise(value: Expr): Expr;
}

/** The segment rules as one when/then chain (12 rules, evaluated column-wise in Polars). */
function segmentExpr(r: Expr, fm: Expr): Expr {
  const cell = (rule: typeof RFM_SEGMENT_RULES[number]) =>
    r.gtEq(rule.recency[0]).and(r.ltEq(rule.recency[1]))
      .and(fm.gtEq(rule.frequencyMonetary[0])).and(fm.ltEq(rule.frequencyMonetary[1]));
  const [first, ...rest] = RFM_SEGMENT_RULES;
  let chain: WhenThenChain = pl.when(cell(first)).then(pl.lit(first.segment));
  for (const rule of rest) chain = chain.when(cell(rule)).then(pl.lit(rule.segment));
  return chain.otherwise(pl.lit(null).cast(pl.Utf8));
}

/** Throws a `RangeError` naming the customers (or rows) whose `column` is missing, NaN or infinite. */
function requireFiniteValues(df: DataFrame, column: string, action: string): void {
  const value = pl.col(column).cast(pl.Float64);
  const bad = value.isNull().or(value.isFinite().not()).fillNull(true);
  const count = Number(df.select(bad.sum().alias("n")).getColumn("n").get(0));
  if (count === 0) return;
  const rows = df.withRowIndex("__row").filter(bad).head(MAX_EXAMPLES);
  const examples = df.columns.includes("customer_id")
    ? `customers ${formatExamples(rows.getColumn("customer_id").toArray(), count)}`
    : `rows ${
      formatExamples(
        (rows.getColumn("__row").toArray() as number[]).map((i) => Number(i) + 1),
        count,
      )
    }`;
  throw new RangeError(
    `Cannot ${action} as column "${column}" has ${count} missing, NaN or infinite ${
      count === 1 ? "value" : "values"
    }: ${examples}`,
  );
}
