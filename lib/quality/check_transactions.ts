import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import { dataNotes, formatExamples, MAX_EXAMPLES, requireRows } from "../core/errors.ts";
import {
  hasMojibake,
  hasPaddedDescription,
  isCancellation,
  isExtreme,
  isImplausibleDate,
  isNonFinite,
  isNonProduct,
  logFences,
  type QualityRuleOptions,
  repeatedRowNumbers,
  resolvePlausibleDates,
  resolveRuleOptions,
} from "./rules.ts";

/** Options for {@linkcode checkTransactions}. */
export interface CheckTransactionsOptions extends QualityRuleOptions {
  /**
   * Invoice dates outside `[from, to)` are reported as `implausible_dates`. Defaults to
   * {@linkcode PLAUSIBLE_DATES} (1990-01-01 to 2100-01-01); either end may be given alone.
   */
  plausibleDates?: { from?: Date; to?: Date };
}

/** One finding, as a row of the frame {@linkcode checkTransactions} returns. */
export interface QualityFinding {
  /** Rule name, e.g. `"cancellations"`. */
  rule: string;
  /** The column the rule looks at (`"*"` for whole rows). */
  column: string;
  /** Rows the rule matches. */
  rows: number;
  /** `rows` over all rows. */
  share: number;
  /** Up to five example values or row numbers (1-based), never customer ids. */
  examples: string;
}

/**
 * Checks a canonical transaction frame (see {@linkcode readTransactions}) and returns one finding
 * per rule that matches at least one row, as a DataFrame with columns `rule`, `column`, `rows`,
 * `share` and `examples`. Nothing is changed: {@linkcode cleanTransactions} applies the same rules.
 *
 * Rules, in order:
 * - `missing_values`: nulls, one finding per column (examples are row numbers);
 * - `duplicate_rows`: rows identical in every column to an earlier row (the extra copies);
 * - `cancellations`: `invoice_id` starting with `C`;
 * - `non_positive_quantity`: `quantity <= 0`;
 * - `zero_price` and `negative_price`: `unit_price == 0` and `unit_price < 0`;
 * - `non_finite_values`: NaN or infinite `quantity`, then `unit_price` (possible in a frame built
 *   in code; `readTransactions` refuses them);
 * - `implausible_dates`: `invoice_date` outside the plausible window (default
 *   {@linkcode PLAUSIBLE_DATES}, 1990-01-01 to 2100-01-01: typo years such as 0201 or 2101);
 * - `non_product_code`: postage, fees and adjustments ({@linkcode NON_PRODUCT_CODE_PATTERN});
 * - `extreme_quantity` and `extreme_price`: positive values outside Tukey's far-out fences on the
 *   log10 scale (see {@linkcode QualityRuleOptions.outlierFence});
 * - `padded_description`: leading or trailing whitespace;
 * - `encoding_artifacts`: mojibake such as `Â£` in descriptions;
 * - last, the notes `readTransactions` attached to this frame (see {@linkcode dataNotes}):
 *   `mixed_time_zone_offsets`, the rows whose UTC offset is not the most common one.
 *
 * Cost: one Polars pass per rule, O(n) each, plus O(n log n) for duplicates and quantiles.
 *
 * @param df Canonical transactions.
 * @param options Non-product pattern and outlier fence.
 * @returns A new DataFrame of findings, in rule order.
 * @throws {TypeError} When a required column is missing, `quantity` or `unit_price` is not
 * numeric (counting the text values that are not numbers), `invoice_date` is not a date, or
 * `outlierFence` is not a number.
 * @throws {RangeError} When the frame is empty or `outlierFence` is not a finite number > 0.
 *
 * @example Find a cancellation and a duplicate
 * ```ts
 * import pl from "nodejs-polars";
 * import { checkTransactions } from "./check_transactions.ts";
 * import assert from "node:assert/strict";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["1", "1", "2"],
 *   invoice_id: ["100", "100", "C101"],
 *   invoice_date: [new Date("2011-01-01"), new Date("2011-01-01"), new Date("2011-01-02")],
 *   product_id: ["A", "A", "A"],
 *   quantity: [2, 2, -2],
 *   unit_price: [1.5, 1.5, 1.5],
 * });
 * const findings = checkTransactions(tx);
 * assert.deepEqual(findings.getColumn("rule").toArray(), [
 *   "duplicate_rows",
 *   "cancellations",
 *   "non_positive_quantity",
 * ]);
 * ```
 */
export function checkTransactions(
  df: DataFrame,
  options: CheckTransactionsOptions = {},
): DataFrame {
  const action = "check transactions";
  const { nonProductPattern, outlierFence: k } = resolveRuleOptions(df, options, action);
  const plausible = resolvePlausibleDates(options.plausibleDates, action);
  requireRows(df, action);
  const n = df.height;
  const numbered = df.withRowIndex("__row", 1);
  const q = pl.col("quantity");
  const p = pl.col("unit_price");
  const firstRows = (mask: Expr) =>
    rowNumbers(numbered.filter(mask).getColumn("__row").head(MAX_EXAMPLES).toArray());
  const firstValues = (mask: Expr, column: string) =>
    numbered.filter(mask).getColumn(column).head(MAX_EXAMPLES).toArray();
  const distinctValues = (mask: Expr, column: string) =>
    numbered.filter(mask).select(pl.col(column)).unique({ maintainOrder: true }).head(MAX_EXAMPLES)
      .getColumn(column).toArray();
  const largest = (mask: Expr, column: string) =>
    numbered.filter(mask).select(pl.col(column)).sort(column, true).head(MAX_EXAMPLES).getColumn(
      column,
    )
      .toArray();

  // Every mask-based rule: [rule, column, mask, examples]. All are counted in one Polars pass;
  // examples are looked up only for rules that match.
  const rules: [string, string, Expr, (mask: Expr) => unknown[]][] = df.columns.map((
    column,
  ) => ["missing_values", column, pl.col(column).isNull(), firstRows]);
  const duplicates = repeatedRowNumbers(df);
  rules.push(
    ["cancellations", "invoice_id", isCancellation(), (m) => distinctValues(m, "invoice_id")],
    ["non_positive_quantity", "quantity", q.ltEq(0), (m) => firstValues(m, "quantity")],
    ["zero_price", "unit_price", p.eq(0), (m) => distinctValues(m, "product_id")],
    ["negative_price", "unit_price", p.lt(0), (m) => firstValues(m, "unit_price")],
    ["non_finite_values", "quantity", isNonFinite("quantity"), (m) => firstValues(m, "quantity")],
    [
      "non_finite_values",
      "unit_price",
      isNonFinite("unit_price"),
      (m) => firstValues(m, "unit_price"),
    ],
    [
      "implausible_dates",
      "invoice_date",
      isImplausibleDate(plausible),
      (m) => firstValues(m, "invoice_date"),
    ],
    [
      "non_product_code",
      "product_id",
      isNonProduct(nonProductPattern),
      (m) => distinctValues(m, "product_id"),
    ],
    [
      "extreme_quantity",
      "quantity",
      isExtreme("quantity", logFences(df, "quantity", k)),
      (m) => largest(m, "quantity"),
    ],
    [
      "extreme_price",
      "unit_price",
      isExtreme("unit_price", logFences(df, "unit_price", k)),
      (m) => largest(m, "unit_price"),
    ],
  );
  if (df.columns.includes("description")) {
    rules.push(
      [
        "padded_description",
        "description",
        hasPaddedDescription(),
        (m) => distinctValues(m, "description"),
      ],
      ["encoding_artifacts", "description", hasMojibake(), (m) => distinctValues(m, "description")],
    );
  }
  const counts = df.select(
    ...rules.map(([, , mask], i) => mask.fillNull(false).cast(pl.Int64).sum().alias(`r${i}`)),
  ).toRecords()[0];
  const findings: QualityFinding[] = [];
  const add = (rule: string, column: string, rows: number, examples: () => unknown[]) => {
    if (rows > 0) {
      findings.push({
        rule,
        column,
        rows,
        share: rows / n,
        examples: formatExamples(examples(), rows),
      });
    }
  };
  rules.forEach(([rule, column, mask, examples], i) => {
    add(rule, column, Number(counts[`r${i}`]), () => examples(mask));
    if (i === df.columns.length - 1) {
      // Duplicates come right after the missing values, as documented.
      add(
        "duplicate_rows",
        "*",
        duplicates.length,
        () => rowNumbers([...duplicates.subarray(0, MAX_EXAMPLES)]),
      );
    }
  });
  for (const note of dataNotes(df)) {
    findings.push({
      rule: note.rule,
      column: note.column,
      rows: note.rows,
      share: note.rows / n,
      examples: note.examples.join(", "),
    });
  }
  return findingsFrame(findings);
}

function rowNumbers(rows: unknown[]): string[] {
  return rows.map((r) => `row ${r}`);
}

function findingsFrame(findings: QualityFinding[]): DataFrame {
  return pl.DataFrame({
    rule: pl.Series("rule", findings.map((f) => f.rule), pl.Utf8),
    column: pl.Series("column", findings.map((f) => f.column), pl.Utf8),
    rows: pl.Series("rows", findings.map((f) => f.rows), pl.Int64),
    share: pl.Series("share", findings.map((f) => f.share), pl.Float64),
    examples: pl.Series("examples", findings.map((f) => f.examples), pl.Utf8),
  });
}
