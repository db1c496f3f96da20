import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { SEGMENT_ACTIONS } from "./segments.ts";
import { formatExamples, MAX_EXAMPLES, requireColumns, requireRows } from "../core/errors.ts";

/**
 * Summarises a scored RFM table per segment: how many customers each segment holds and how much
 * of the revenue, the table a marketing team reads first ("Champions are 22% of customers and 67%
 * of revenue").
 *
 * Output columns: `segment`, `customers` (Int64), `customer_share` (of all customers),
 * `recency_days_mean`, `frequency_mean`, `monetary_mean`, `monetary_total`, `monetary_share` and
 * `action` (the marketing action of {@linkcode SEGMENT_ACTIONS})
 * (of the total monetary; NaN when that total is 0). Only segments that have customers appear.
 * Rows are sorted by `monetary_total`, largest first, ties by segment name.
 *
 * Cost: one grouped aggregation in Polars, O(n).
 *
 * @param scored A table with `segment`, `recency_days`, `frequency` and `monetary` (see
 * {@linkcode scoreRfm}); never modified.
 * @returns A new DataFrame with one row per segment.
 * @throws {TypeError} When a column is missing.
 * @throws {RangeError} When the frame is empty or a customer has no segment.
 *
 * @example Two segments
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { rfmSegmentSummary } from "./rfm_segment_summary.ts";
 *
 * const scored = pl.DataFrame({
 *   segment: ["Lost", "Champions", "Champions"],
 *   recency_days: [300, 2, 6],
 *   frequency: [1, 12, 8],
 *   monetary: [20, 500, 480],
 * });
 * const summary = rfmSegmentSummary(scored);
 * assert.deepEqual(summary.getColumn("segment").toArray(), ["Champions", "Lost"]);
 * assert.deepEqual(summary.getColumn("customers").toArray(), [2, 1]);
 * assert.deepEqual(summary.getColumn("monetary_share").toArray(), [0.98, 0.02]);
 * ```
 */
export function rfmSegmentSummary(scored: DataFrame): DataFrame {
  const action = "summarise RFM segments";
  requireColumns(scored, ["segment", "recency_days", "frequency", "monetary"], action);
  requireRows(scored, action);
  const missing = scored.getColumn("segment").nullCount();
  if (missing > 0) {
    const rows = scored.withRowIndex("__row").filter(pl.col("segment").isNull()).head(MAX_EXAMPLES)
      .getColumn("__row").toArray().map((i) => Number(i) + 1);
    throw new RangeError(
      `Cannot ${action} as ${missing} ${
        missing === 1 ? "customer has" : "customers have"
      } no segment: rows ${formatExamples(rows, missing)}`,
    );
  }
  const n = scored.height;
  // Group, then sort BEFORE summing across segments: group-by output order varies from run to
  // run, and a float total summed in a different order differs in its last bits (seen as a
  // notebook that did not reproduce).
  const grouped = scored.lazy()
    .groupBy("segment")
    .agg(
      pl.len().cast(pl.Int64).alias("customers"),
      pl.col("recency_days").cast(pl.Float64).mean().alias("recency_days_mean"),
      pl.col("frequency").cast(pl.Float64).mean().alias("frequency_mean"),
      pl.col("monetary").cast(pl.Float64).mean().alias("monetary_mean"),
      pl.col("monetary").cast(pl.Float64).sum().alias("monetary_total"),
    )
    .sort(["monetary_total", "segment"], [true, false])
    .collectSync();
  const total = Number(grouped.getColumn("monetary_total").sum());
  const summary = grouped.select(
    pl.col("segment"),
    pl.col("customers"),
    pl.col("customers").cast(pl.Float64).div(pl.lit(n)).alias("customer_share"),
    pl.col("recency_days_mean"),
    pl.col("frequency_mean"),
    pl.col("monetary_mean"),
    pl.col("monetary_total"),
    pl.col("monetary_total").div(pl.lit(total)).alias("monetary_share"),
  );
  // The marketing action each segment calls for, from the documented map (unknown names: null).
  const actions = (summary.getColumn("segment").toArray() as string[]).map((s) =>
    (SEGMENT_ACTIONS as Record<string, { action: string } | undefined>)[s]?.action ?? null
  );
  return summary.withColumns(pl.Series("action", actions, pl.Utf8));
}
