import pl from "nodejs-polars";
import type { DataFrame, Expr, Series } from "../core/frame.ts";
import {
  cancelledOrderRows,
  hasMojibake,
  hasPaddedDescription,
  isCancellation,
  isExtreme,
  isNonFinite,
  isNonProduct,
  logFences,
  type QualityRuleOptions,
  repairMojibake,
  repeatedRowNumbers,
  resolveRuleOptions,
} from "./rules.ts";

/**
 * Which cleaning rules to apply. Every rule is listed in the log, including those switched off.
 * Defaults suit customer-level analysis (RFM, churn, baskets) of a retail transaction log.
 */
export interface CleanTransactionsOptions extends QualityRuleOptions {
  /** Remove rows identical in every column to an earlier row. Default true. */
  dropDuplicates?: boolean;
  /** Remove rows without a customer id (they cannot be attributed to anyone). Default true. */
  dropMissingCustomer?: boolean;
  /**
   * Also remove the order lines that a cancellation reverses (see `cancelledOrderRows`), so that
   * revenue, product rankings, RFM and baskets exclude orders that never happened. Default true;
   * pass `false` to keep them (the cancellation lines themselves go with `dropCancellations`).
   */
  dropCancelledOrders?: boolean;
  /** Remove cancellation lines (`invoice_id` starting with `C`). Default true. */
  dropCancellations?: boolean;
  /**
   * Remove rows with `quantity <= 0` (returns and stock adjustments), and NaN or infinite
   * quantities (only possible in a frame built in code). Default true.
   */
  dropNonPositiveQuantity?: boolean;
  /**
   * Remove rows with `unit_price <= 0` (free items, bad-debt adjustments), and NaN or infinite
   * prices. Default true.
   */
  dropNonPositivePrice?: boolean;
  /** Remove postage, fees and manual adjustments (see `nonProductPattern`). Default true. */
  dropNonProductCodes?: boolean;
  /**
   * Remove positive quantities and prices outside the log10 Tukey fences (see `outlierFence`).
   * Default false: big wholesale orders are real revenue; switch on for distance-based models.
   */
  dropExtremeOutliers?: boolean;
  /** Trim leading and trailing whitespace from descriptions. Default true. */
  trimDescriptions?: boolean;
  /** Repair UTF-8-read-as-Latin-1 mojibake in descriptions (`Â£` to `£`). Default true. */
  repairEncoding?: boolean;
}

/** What {@linkcode cleanTransactions} returns. */
export interface CleanResult {
  /** The cleaned transactions (a new frame; the input is untouched). */
  data: DataFrame;
  /**
   * One row per rule, in the order applied: `step`, `rule`, `column`, `action` (`"removed"`,
   * `"changed"` or `"off"`), `rows` (rows removed or changed), `rows_after`, `detail`.
   */
  log: DataFrame;
}

interface LogEntry {
  rule: string;
  column: string;
  action: "removed" | "changed" | "off";
  rows: number;
  rowsAfter: number;
  detail: string;
}

/**
 * Cleans a canonical transaction frame by applying explicit, switchable rules and logging each
 * one: removals first (so "changed" counts only rows that are kept), then value repairs. The rules
 * are the ones {@linkcode checkTransactions} reports, defined once in `rules.ts`.
 *
 * Cost: O(n) per rule in Polars, O(n log n) for duplicates; the encoding repair runs in JS only on
 * the distinct descriptions that need it.
 *
 * @param df Canonical transactions (see {@linkcode readTransactions}); never modified.
 * @param options Which rules to apply; every rule defaults as documented on
 * {@linkcode CleanTransactionsOptions}.
 * @returns `{ data, log }`.
 * @throws {TypeError} When a required column is missing or `outlierFence` is not a number.
 * @throws {RangeError} When `outlierFence` is not a finite number > 0.
 *
 * @example Drop a cancellation and log it
 * ```ts
 * import pl from "nodejs-polars";
 * import { cleanTransactions } from "./clean_transactions.ts";
 * import assert from "node:assert/strict";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["1", "2"],
 *   invoice_id: ["100", "C101"],
 *   invoice_date: [new Date("2011-01-01"), new Date("2011-01-02")],
 *   product_id: ["A", "A"],
 *   quantity: [2, -2],
 *   unit_price: [1.5, 1.5],
 * });
 * const { data, log } = cleanTransactions(tx);
 * assert.equal(data.height, 1);
 * const cancellations = log.filter(pl.col("rule").eq(pl.lit("cancellations")));
 * assert.equal(cancellations.getColumn("rows").get(0), 1);
 * ```
 */
export function cleanTransactions(
  df: DataFrame,
  options: CleanTransactionsOptions = {},
): CleanResult {
  const { nonProductPattern, outlierFence: k } = resolveRuleOptions(
    df,
    options,
    "clean transactions",
  );
  const log: LogEntry[] = [];
  let data = df;

  const removal = (
    rule: string,
    column: string,
    enabled: boolean,
    remove: () => Expr | Series,
    detail: string,
  ) => {
    if (!enabled) {
      log.push({ rule, column, action: "off", rows: 0, rowsAfter: data.height, detail });
      return;
    }
    const before = data.height;
    const mask = remove();
    data = data.withColumns(mask.alias("__remove"))
      .filter(pl.col("__remove").fillNull(false).not())
      .drop("__remove");
    log.push({
      rule,
      column,
      action: "removed",
      rows: before - data.height,
      rowsAfter: data.height,
      detail,
    });
  };

  removal(
    "duplicate_rows",
    "*",
    options.dropDuplicates ?? true,
    () => {
      const drop = new Array<boolean>(data.height).fill(false);
      for (const row of repeatedRowNumbers(data)) drop[row - 1] = true;
      return pl.Series("__remove", drop, pl.Bool);
    },
    "exact copies of an earlier row (the first is kept)",
  );
  removal(
    "missing_customer",
    "customer_id",
    options.dropMissingCustomer ?? true,
    () => pl.col("customer_id").isNull().or(pl.col("customer_id").eq(pl.lit(""))),
    "lines without a customer id cannot be attributed",
  );
  removal(
    "cancelled_orders",
    "invoice_id",
    options.dropCancelledOrders ?? true,
    () => {
      const drop = new Array<boolean>(data.height).fill(false);
      for (const row of cancelledOrderRows(data)) drop[row - 1] = true;
      return pl.Series("__remove", drop, pl.Bool);
    },
    "order lines reversed by a later cancellation (same customer, product and quantity)",
  );
  removal(
    "cancellations",
    "invoice_id",
    options.dropCancellations ?? true,
    isCancellation,
    "invoice_id starts with C",
  );
  removal(
    "non_positive_quantity",
    "quantity",
    options.dropNonPositiveQuantity ?? true,
    // NaN and infinite values (a frame built in code) go too: they are no quantity at all.
    () => pl.col("quantity").ltEq(0).or(isNonFinite("quantity")),
    "quantity <= 0: returns and stock adjustments",
  );
  removal(
    "non_positive_price",
    "unit_price",
    options.dropNonPositivePrice ?? true,
    () => pl.col("unit_price").ltEq(0).or(isNonFinite("unit_price")),
    "unit_price <= 0: free items and bad-debt adjustments",
  );
  removal(
    "non_product_code",
    "product_id",
    options.dropNonProductCodes ?? true,
    () => isNonProduct(nonProductPattern),
    "postage, fees, discounts and manual adjustments",
  );
  const dropExtreme = options.dropExtremeOutliers ?? false;
  for (const column of ["quantity", "unit_price"]) {
    // Fences come from the data as it stands at this step, and are written to the log.
    const fences = logFences(data, column, k);
    removal(
      `extreme_${column === "quantity" ? "quantity" : "price"}`,
      column,
      dropExtreme,
      () => isExtreme(column, fences),
      `outside [${round(fences.lower)}, ${round(fences.upper)}] (log10 Tukey fence k=${k})`,
    );
  }

  const hasDescription = data.columns.includes("description");
  const trim = (options.trimDescriptions ?? true) && hasDescription;
  const trimmed = trim ? count(data, hasPaddedDescription()) : 0;
  if (trim) data = data.withColumns(pl.col("description").str.strip());
  log.push({
    rule: "padded_description",
    column: "description",
    action: trim ? "changed" : "off",
    rows: trimmed,
    rowsAfter: data.height,
    detail: "leading and trailing whitespace trimmed",
  });

  const repair = (options.repairEncoding ?? true) && hasDescription;
  let repaired = 0;
  if (repair) {
    repaired = count(data, hasMojibake());
    if (repaired > 0) data = repairDescriptions(data);
  }
  log.push({
    rule: "encoding_artifacts",
    column: "description",
    action: repair ? "changed" : "off",
    rows: repaired,
    rowsAfter: data.height,
    detail: "UTF-8 read as Latin-1 repaired (Â£ to £)",
  });

  return { data, log: logFrame(log) };
}

/** Repairs mojibake through a small lookup of the distinct broken descriptions. */
function repairDescriptions(df: DataFrame): DataFrame {
  const broken = df.filter(hasMojibake()).select(pl.col("description")).unique()
    .getColumn("description").toArray() as string[];
  const lookup = pl.DataFrame({
    description: broken,
    __fixed: broken.map(repairMojibake),
  });
  return df.join(lookup, { on: "description", how: "left" })
    .withColumns(
      pl.when(pl.col("__fixed").isNotNull()).then(pl.col("__fixed"))
        .otherwise(pl.col("description")).alias("description"),
    )
    .drop("__fixed");
}

function count(df: DataFrame, mask: Expr): number {
  return Number(df.select(mask.fillNull(false).sum().alias("n")).getColumn("n").get(0));
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

function logFrame(log: LogEntry[]): DataFrame {
  return pl.DataFrame({
    step: pl.Series("step", log.map((_, i) => i + 1), pl.Int64),
    rule: pl.Series("rule", log.map((e) => e.rule), pl.Utf8),
    column: pl.Series("column", log.map((e) => e.column), pl.Utf8),
    action: pl.Series("action", log.map((e) => e.action), pl.Utf8),
    rows: pl.Series("rows", log.map((e) => e.rows), pl.Int64),
    rows_after: pl.Series("rows_after", log.map((e) => e.rowsAfter), pl.Int64),
    detail: pl.Series("detail", log.map((e) => e.detail), pl.Utf8),
  });
}
