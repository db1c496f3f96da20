/**
 * The row-level data-quality rules shared by {@linkcode checkTransactions} (which counts them) and
 * {@linkcode cleanTransactions} (which applies them), so the two can never disagree.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import {
  formatExamples,
  MAX_EXAMPLES,
  requireColumns,
  requireDate,
  requirePositive,
} from "../core/errors.ts";
import { isNumericColumn, requireTemporal } from "../core/dtypes.ts";
import { REQUIRED_TRANSACTION_COLUMNS } from "../io/read_transactions.ts";

/**
 * Stock codes that are not products in Online Retail: postage (`POST`, `DOT`, `C2` carriage),
 * manual adjustments (`M`, `m`), discounts (`D`), samples (`S`), bad-debt adjustments (`B`), fees
 * (`BANK CHARGES`, `AMAZONFEE`, `CRUK` commission), `PADS` (a 0.001 price filler) and gift vouchers
 * (`gift_0001_NN`). The `DCGS…` codes are real products sold through the dotcom gift shop, so they
 * are kept. Matched case-insensitively against the whole code.
 */
export const NON_PRODUCT_CODE_PATTERN =
  "^(?i)(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$";

/**
 * The default window of plausible invoice dates: from 1990-01-01 (before any e-commerce log) up to,
 * not including, 2100-01-01. Typo years such as 0201, 1011 or 2101 fall outside it; pass
 * `plausibleDates` to {@linkcode checkTransactions} for a tighter window (e.g. up to the extract
 * date).
 */
export const PLAUSIBLE_DATES: Readonly<{ from: Date; to: Date }> = {
  from: new Date("1990-01-01T00:00:00Z"),
  to: new Date("2100-01-01T00:00:00Z"),
};

/** Options shared by the quality rules. */
export interface QualityRuleOptions {
  /** Regular expression (Rust regex syntax) matching non-product codes in `product_id`. */
  nonProductPattern?: string;
  /**
   * Tukey fence multiplier for extreme quantities and prices, applied to log10 of the positive
   * values (both span orders of magnitude, so fences on the raw scale would flag ordinary
   * wholesale orders). Default 3 ("far out"): with Online Retail's quartiles of 1 and 10 units the
   * quantity fence is 10,000 units.
   */
  outlierFence?: number;
}

/** {@linkcode QualityRuleOptions} with defaults filled in. */
export interface QualityRuleSettings {
  /** The non-product pattern (default {@linkcode NON_PRODUCT_CODE_PATTERN}). */
  nonProductPattern: string;
  /** The Tukey fence multiplier (default 3). */
  outlierFence: number;
}

/**
 * Checks the transactions and the shared rule options, as both `checkTransactions` and
 * `cleanTransactions` need: the required canonical columns exist and `outlierFence` is a finite
 * number > 0.
 *
 * @param df Canonical transactions.
 * @param options The rule options.
 * @param action What the caller was doing, for the messages.
 * @returns The options with defaults filled in.
 * @throws {TypeError} When a required column is missing or `outlierFence` is not a number.
 * @throws {RangeError} When `outlierFence` is not a finite number > 0.
 */
export function resolveRuleOptions(
  df: DataFrame,
  options: QualityRuleOptions,
  action: string,
): QualityRuleSettings {
  requireColumns(df, REQUIRED_TRANSACTION_COLUMNS, action);
  for (const column of ["quantity", "unit_price"]) requireNumbers(df, column, action);
  requireTemporal(df, "invoice_date", action);
  return {
    nonProductPattern: options.nonProductPattern ?? NON_PRODUCT_CODE_PATTERN,
    outlierFence: requirePositive(options.outlierFence ?? 3, "outlierFence", action),
  };
}

/**
 * 1-based numbers of the rows identical in every column to an earlier row (the first copy is not
 * listed), ascending. Exact: candidate rows come from Polars' row-wise `isDuplicated` (every copy),
 * and only those few are ranked by position within their group of equal rows, which is far cheaper
 * than a window over all columns of every row.
 */
export function repeatedRowNumbers(df: DataFrame): Int32Array {
  const candidates = df.withRowIndex("__row", 1).filter(df.isDuplicated());
  if (candidates.height === 0) return new Int32Array(0);
  const [first, ...rest] = df.columns;
  const later = candidates
    .filter(pl.col("__row").rank("ordinal").over(first, ...rest).gt(1))
    .sort("__row");
  return Int32Array.from(later.getColumn("__row").toArray() as number[]);
}

/** Rows whose invoice is a cancellation: `invoice_id` starts with `C`. */
export function isCancellation(): Expr {
  return pl.col("invoice_id").str.startsWith("C");
}

/** Rows whose `product_id` is a non-product code (postage, fees, manual adjustments...). */
export function isNonProduct(pattern: string = NON_PRODUCT_CODE_PATTERN): Expr {
  return pl.col("product_id").str.contains(pattern).fillNull(false);
}

/** Rows whose description has leading or trailing whitespace. */
export function hasPaddedDescription(): Expr {
  const d = pl.col("description");
  return d.neq(d.str.strip()).fillNull(false);
}

/**
 * Mojibake left by reading UTF-8 as Latin-1: `Â£` for `£`, `Ã©` for `é`. Fixed by
 * {@linkcode repairMojibake}.
 */
export const MOJIBAKE_PATTERN = "Â|Ã[\u0080-\u00BF]";

/** Rows whose description carries mojibake (see {@linkcode MOJIBAKE_PATTERN}). */
export function hasMojibake(): Expr {
  return pl.col("description").str.contains(MOJIBAKE_PATTERN).fillNull(false);
}

/**
 * Repairs the two-character sequences that UTF-8 text read as Latin-1 produces for the Latin-1
 * supplement (U+00A0-U+00FF), e.g. `Â£` back to `£` and `Ã©` back to `é`.
 */
export function repairMojibake(text: string): string {
  return text.replace(/([ÂÃ])([\u0080-\u00BF])/g, (_m, lead: string, trail: string) => {
    const code = ((lead === "Â" ? 0xc2 : 0xc3) & 0x1f) << 6 | (trail.charCodeAt(0) & 0x3f);
    return String.fromCharCode(code);
  });
}

/** Log10 Tukey fences for a positive, right-skewed column. */
export function logFences(
  df: DataFrame,
  column: string,
  k: number,
): Fences {
  const value = pl.col(column).cast(pl.Float64);
  const positive = df.filter(value.isFinite().and(value.gt(0)).fillNull(false)).select(
    pl.col(column).cast(pl.Float64).log(10).quantile(0.25).alias("q1"),
    pl.col(column).cast(pl.Float64).log(10).quantile(0.75).alias("q3"),
  );
  const q1 = Number(positive.getColumn("q1").get(0));
  const q3 = Number(positive.getColumn("q3").get(0));
  if (!Number.isFinite(q1) || !Number.isFinite(q3)) {
    return { lower: 0, upper: Infinity, lowerLog10: -Infinity, upperLog10: Infinity };
  }
  const iqr = q3 - q1;
  const lowerLog10 = q1 - k * iqr;
  const upperLog10 = q3 + k * iqr;
  return { lower: 10 ** lowerLog10, upper: 10 ** upperLog10, lowerLog10, upperLog10 };
}

/** Outlier fences: on the value scale for reports, on the log10 scale for the comparison. */
export interface Fences {
  lower: number;
  upper: number;
  lowerLog10: number;
  upperLog10: number;
}

/** Rows whose positive value lies outside the log10 Tukey fences of {@linkcode logFences}. */
export function isExtreme(column: string, fences: Fences): Expr {
  // Compared on the log10 scale the fences were computed on: 10 ** log10(2) is not exactly 2.
  // NaN compares greater than any number in Polars: only finite values can be extreme.
  const c = pl.col(column).cast(pl.Float64);
  const log = c.log(10);
  return c.isFinite().and(c.gt(0)).and(log.lt(fences.lowerLog10).or(log.gt(fences.upperLog10)))
    .fillNull(false);
}

/**
 * 1-based numbers of the order lines that a later cancellation reverses: for each cancellation
 * line (`invoice_id` starting with `C`, negative quantity), the latest earlier-or-same-time
 * non-cancellation line of the same customer and product with the opposite quantity. Each order
 * line is matched at most once, and each cancellation reverses at most one line (the latest
 * candidate; ties by row number). Online Retail's 80,995-unit order 581483, cancelled twelve
 * minutes later by C581484, is the example that made this rule necessary: removing only the
 * cancellation line leaves GBP 168,470 of revenue that never happened.
 *
 * Cost: a join on (customer, product, quantity) between cancellations and orders, O(n log n).
 */
export function cancelledOrderRows(df: DataFrame): Int32Array {
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const numbered = df.withRowIndex("__row", 1);
  const cancels = numbered
    .filter(isCancellation().and(pl.col("quantity").lt(0)).and(pl.col("customer_id").isNotNull()))
    .select(
      pl.col("__row").alias("__cancel"),
      pl.col("customer_id"),
      pl.col("product_id"),
      pl.col("quantity").mul(-1).cast(pl.Float64).alias("__q"),
      ms.alias("__cancel_ms"),
    );
  if (cancels.height === 0) return new Int32Array(0);
  const orders = numbered
    .filter(isCancellation().not().and(pl.col("quantity").gt(0)))
    .select(
      pl.col("__row"),
      pl.col("customer_id"),
      pl.col("product_id"),
      pl.col("quantity").cast(pl.Float64).alias("__q"),
      ms.alias("__ms"),
    );
  const pairs = cancels.join(orders, { on: ["customer_id", "product_id", "__q"], how: "inner" })
    .filter(pl.col("__ms").ltEq(pl.col("__cancel_ms")))
    .sort(["__cancel", "__ms", "__row"], [false, true, true])
    .toRecords();
  // Greedy in cancellation order: each cancellation takes its latest unmatched order line.
  const used = new Set<number>();
  const taken = new Set<number>();
  for (const pair of pairs) {
    const cancel = Number(pair.__cancel);
    const row = Number(pair.__row);
    if (taken.has(cancel) || used.has(row)) continue;
    taken.add(cancel);
    used.add(row);
  }
  return Int32Array.from([...used].sort((a, b) => a - b));
}

/**
 * Refuses a quantity or price column that is not numeric, counting the values that would not
 * parse as numbers when it is text (a frame built from strings, not through `readTransactions`).
 */
function requireNumbers(df: DataFrame, column: string, action: string): void {
  if (isNumericColumn(df, column)) return;
  const series = df.getColumn(column);
  const variant = series.dtype.variant;
  if (variant !== "String" && variant !== "Utf8") {
    throw new TypeError(
      `Cannot ${action} as column "${column}" is not numeric: its dtype is ${variant}`,
    );
  }
  const text = pl.col(column).str.strip();
  const bad = df.filter(text.cast(pl.Float64, false).isNull().and(pl.col(column).isNotNull()));
  throw new TypeError(
    `Cannot ${action} as column "${column}" holds text, not numbers: ${bad.height} of ${df.height} ${
      df.height === 1 ? "row does" : "rows do"
    } not even parse as a number${
      bad.height > 0
        ? ` (e.g. ${
          formatExamples(bad.getColumn(column).head(MAX_EXAMPLES).toArray(), bad.height)
        })`
        : ""
    }; cast it to a number or read the file with readTransactions, which converts and reports bad values`,
  );
}

/** The plausible-date window from options, defaulting to {@linkcode PLAUSIBLE_DATES}. */
export function resolvePlausibleDates(
  range: { from?: Date; to?: Date } | undefined,
  action: string,
): { from: Date; to: Date } {
  const from = range?.from === undefined
    ? PLAUSIBLE_DATES.from
    : requireDate(range.from, "plausibleDates.from", action);
  const to = range?.to === undefined
    ? PLAUSIBLE_DATES.to
    : requireDate(range.to, "plausibleDates.to", action);
  if (from.getTime() >= to.getTime()) {
    throw new RangeError(
      `Cannot ${action} as plausibleDates.from is not before plausibleDates.to: ${from.toISOString()} >= ${to.toISOString()}`,
    );
  }
  return { from, to };
}

/** Rows whose invoice date lies outside `[from, to)`. */
export function isImplausibleDate(range: { from: Date; to: Date }): Expr {
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  return ms.lt(range.from.getTime()).or(ms.gtEq(range.to.getTime())).fillNull(false);
}

/** Rows whose number is NaN or infinite (a frame built in code; `readTransactions` refuses them). */
export function isNonFinite(column: string): Expr {
  return pl.col(column).cast(pl.Float64).isFinite().not().fillNull(false);
}
