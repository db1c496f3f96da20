import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";

/** Options for {@linkcode groupSummary}. */
export interface GroupSummaryOptions {
  /** The grouping column (any type; missing values form the group `null`). */
  by: string;
  /** Numeric columns summarised by their mean as `mean_<col>`. Default none. */
  means?: readonly string[];
  /** 0/1 or boolean columns summarised by their mean as `<col>_rate`. Default none. */
  rates?: readonly string[];
  /** Keep only groups with at least this many rows; the others are pooled as `"other"`. Default 1. */
  minRows?: number;
}

/**
 * One row per group with its size and the means and rates asked for: `<by>`, `rows`, `share`
 * (of all rows), `mean_<col>` for each of `means` and `<col>_rate` for each of `rates`, ordered by
 * `rows` (largest first, then by group). With `minRows`, groups smaller than it are pooled into
 * one `"other"` row (the grouping column is then text), so that a rate is never quoted for a
 * handful of rows. Missing values are left out of each mean.
 *
 * Cost: one Polars group-by, O(n).
 *
 * @param df The rows; not modified.
 * @param options The grouping column, the `means` and `rates` columns and `minRows`.
 * @returns A new frame, one row per group.
 * @throws {TypeError} When a column is missing or a `means`/`rates` column is not numeric or boolean.
 * @throws {RangeError} When the frame is empty, `minRows` is not a positive integer, or a rate
 * column holds values other than 0 and 1.
 *
 * @example Purchase rate by visitor type
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { groupSummary } from "./group_summary.ts";
 *
 * const sessions = pl.DataFrame({
 *   visitor: ["new", "new", "returning", "returning", "returning"],
 *   bounce: [0.2, 0.0, 0.1, 0.1, 0.4],
 *   bought: [1, 0, 0, 0, 1],
 * });
 * const t = groupSummary(sessions, { by: "visitor", means: ["bounce"], rates: ["bought"] });
 * assert.deepEqual(t.getColumn("visitor").toArray(), ["returning", "new"]);
 * assert.deepEqual(t.getColumn("bought_rate").toArray(), [1 / 3, 0.5]);
 * ```
 */
export function groupSummary(df: DataFrame, options: GroupSummaryOptions): DataFrame {
  const action = "summarise groups";
  const { by } = options;
  const means = [...(options.means ?? [])];
  const rates = [...(options.rates ?? [])];
  const minRows = options.minRows ?? 1;
  if (!Number.isInteger(minRows) || minRows < 1) {
    throw new RangeError(
      `Cannot ${action} as minRows must be a positive integer: got ${minRows}`,
    );
  }
  requireColumns(df, [by, ...means, ...rates], action);
  requireRows(df, action);
  requireNumericColumns(df, means, action);
  for (const name of rates) {
    if (df.getColumn(name).dtype.variant !== "Bool") requireNumericColumns(df, [name], action);
    const values = df.getColumn(name).cast(pl.Float64).toArray() as (number | null)[];
    const bad = values.filter((v) => v !== 0 && v !== 1);
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${action} as rate column "${name}" must hold only 0 and 1: ${bad.length} other values, e.g. ${
          formatExamples([...new Set(bad.map(String))], bad.length)
        }`,
      );
    }
  }
  let work = df;
  if (minRows > 1) {
    const counts = df.groupBy(by).agg(pl.len().alias("__n"));
    work = df.join(counts, { on: by, how: "left" }).withColumns(
      pl.when(pl.col("__n").gtEq(pl.lit(minRows))).then(pl.col(by).cast(pl.Utf8))
        .otherwise(pl.lit("other")).alias(by),
    );
  }
  return work.groupBy(by).agg(
    pl.len().cast(pl.Int64).alias("rows"),
    ...means.map((c) => pl.col(c).cast(pl.Float64).mean().alias(`mean_${c}`)),
    ...rates.map((c) => pl.col(c).cast(pl.Float64).mean().alias(`${c}_rate`)),
  ).withColumns(pl.col("rows").cast(pl.Float64).div(pl.lit(df.height)).alias("share"))
    .sort(["rows", by], [true, false])
    .select(
      by,
      "rows",
      "share",
      ...means.map((c) => `mean_${c}`),
      ...rates.map((c) => `${c}_rate`),
    );
}
