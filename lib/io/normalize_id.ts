/**
 * The one id normalisation the governance functions share, on top of `lib/io/ids.ts`.
 *
 * @module
 */
import type { DataFrame, Expr } from "../core/frame.ts";
import { idText } from "./ids.ts";
import { MISSING_VALUE_TOKENS } from "./read_transactions.ts";

/**
 * An expression giving column `column` as normalised id text: {@linkcode idText} (whole floats
 * `17850.0` become `"17850"`, missing tokens and NaN become null), then spaces trimmed and a text
 * id written from a float (`"17850.0"`) cut to its digits, so `17850`, `17850.0` and `"17850.0"`
 * are one customer.
 *
 * @param df The frame holding the column (for its dtype).
 * @param column The id column.
 * @returns A Utf8 expression named `column`.
 */
export function normalizedId(df: DataFrame, column: string): Expr {
  return idText(df, column).str.strip().str.replace("^([0-9]+)\\.0+$", "$1").alias(column);
}

/** One id value normalised the same way as {@linkcode normalizedId} (null when missing). */
export function normalizeIdValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  const text = String(value).trim();
  if (MISSING_VALUE_TOKENS.includes(text)) return null;
  const m = text.match(/^([0-9]+)\.0+$/);
  return m ? m[1] : text;
}
