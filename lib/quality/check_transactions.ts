import pl from "nodejs-polars";
import type { DataFrame, Expr } from "nodejs-polars";
import { formatExamples, requireColumns, requireRows } from "../util/errors.ts";
import { REQUIRED_TRANSACTION_COLUMNS } from "../io/read_transactions.ts";
import {
  hasMojibake,
  hasPaddedDescription,
  isCancellation,
  isExtreme,
  isNonProduct,
  logFences,
  type QualityRuleOptions,
  repeatedRowNumbers,
} from "./rules.ts";

/** Options for {@linkcode checkTransactions}. */
export type CheckTransactionsOptions = QualityRuleOptions;

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
 * - `non_product_code`: postage, fees and adjustments ({@linkcode NON_PRODUCT_CODE_PATTERN});
 * - `extreme_quantity` and `extreme_price`: positive values outside Tukey's far-out fences on the
 *   log10 scale (see {@linkcode QualityRuleOptions.outlierFence});
 * - `padded_description`: leading or trailing whitespace;
 * - `encoding_artifacts`: mojibake such as `Â£` in descriptions.
 *
 * Cost: one Polars pass per rule, O(n) each, plus O(n log n) for duplicates and quantiles.
 *
 * @param df Canonical transactions.
 * @param options Non-product pattern and outlier fence.
 * @returns A new DataFrame of findings, in rule order.
 * @throws {TypeError} When a required column is missing.
 * @throws {RangeError} When the frame is empty.
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
  requireColumns(df, REQUIRED_TRANSACTION_COLUMNS, "check transactions");
  requireRows(df, "check transactions");
  const n = df.height;
  const numbered = df.withRowIndex("__row", 1);
  const findings: QualityFinding[] = [];
  const add = (rule: string, column: string, rows: number, examples: unknown[]) => {
    if (rows > 0) {
      findings.push({
        rule,
        column,
        rows,
        share: rows / n,
        examples: formatExamples(examples, rows),
      });
    }
  };
  const examplesOf = (mask: Expr, column: string) =>
    numbered.filter(mask).select(pl.col(column)).head(5).getColumn(column).toArray();

  for (const column of df.columns) {
    const nulls = df.getColumn(column).nullCount();
    add("missing_values", column, nulls, rowNumbers(examplesOf(pl.col(column).isNull(), "__row")));
  }

  const repeated = repeatedRowNumbers(df);
  add("duplicate_rows", "*", repeated.length, rowNumbers([...repeated.subarray(0, 5)]));
  add(
    "cancellations",
    "invoice_id",
    count(df, isCancellation()),
    distinctHead(numbered.filter(isCancellation()), "invoice_id"),
  );
  const q = pl.col("quantity");
  const p = pl.col("unit_price");
  add("non_positive_quantity", "quantity", count(df, q.ltEq(0)), examplesOf(q.ltEq(0), "quantity"));
  add("zero_price", "unit_price", count(df, p.eq(0)), examplesOf(p.eq(0), "product_id"));
  add("negative_price", "unit_price", count(df, p.lt(0)), examplesOf(p.lt(0), "unit_price"));
  const nonProduct = isNonProduct(options.nonProductPattern);
  add(
    "non_product_code",
    "product_id",
    count(df, nonProduct),
    distinctHead(numbered.filter(nonProduct), "product_id"),
  );
  const k = options.outlierFence ?? 3;
  for (
    const [rule, column] of [["extreme_quantity", "quantity"], ["extreme_price", "unit_price"]]
  ) {
    const extreme = isExtreme(column, logFences(df, column, k));
    const values = numbered.filter(extreme).select(pl.col(column)).sort(column, true).head(5);
    add(rule, column, count(df, extreme), values.getColumn(column).toArray());
  }
  if (df.columns.includes("description")) {
    add(
      "padded_description",
      "description",
      count(df, hasPaddedDescription()),
      distinctHead(numbered.filter(hasPaddedDescription()), "description"),
    );
    add(
      "encoding_artifacts",
      "description",
      count(df, hasMojibake()),
      distinctHead(numbered.filter(hasMojibake()), "description"),
    );
  }
  return findingsFrame(findings);
}

function count(df: DataFrame, mask: Expr): number {
  return Number(df.select(mask.fillNull(false).sum().alias("n")).getColumn("n").get(0));
}

function rowNumbers(rows: unknown[]): string[] {
  return rows.map((r) => `row ${r}`);
}

function distinctHead(df: DataFrame, column: string): unknown[] {
  return df.select(pl.col(column)).unique({ maintainOrder: true }).head(5).getColumn(column)
    .toArray();
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
