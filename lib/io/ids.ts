/**
 * Ids as text, the same way everywhere: the readers, RFM and the recommenders all turn an id
 * column into the same strings, so a customer is one customer whichever function saw it first.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import { MISSING_VALUE_TOKENS } from "./read_transactions.ts";

/**
 * An expression giving column `column` of `df` as id text: whole Float64 ids (`17850.0`, pandas'
 * way of storing an id column with gaps) become `"17850"`; NaN, null, infinite values and the
 * missing-value tokens (`"NA"`, `"NULL"`, `""`, ...) become null, i.e. no id, never one pooled id;
 * integers become their digits; other text is kept as it is.
 *
 * @param df The frame holding the column (for its dtype).
 * @param column The id column.
 * @returns A Utf8 expression named `column`.
 */
export function idText(df: DataFrame, column: string): Expr {
  const col = pl.col(column);
  const variant = df.getColumn(column).dtype.variant;
  if (variant.startsWith("Float")) {
    const finite = col.isFinite().fillNull(false);
    return pl.when(finite.and(col.eq(col.floor())).and(col.abs().lt(2 ** 53)))
      .then(col.cast(pl.Int64).cast(pl.Utf8))
      .when(finite).then(col.cast(pl.Utf8))
      .otherwise(pl.lit(null).cast(pl.Utf8)).alias(column);
  }
  if (variant === "String" || variant === "Utf8") {
    return pl.when(col.str.strip().isIn([...MISSING_VALUE_TOKENS])).then(
      pl.lit(null).cast(pl.Utf8),
    ).otherwise(col).alias(column);
  }
  return col.cast(pl.Utf8).alias(column);
}
