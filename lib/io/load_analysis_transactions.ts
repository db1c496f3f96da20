import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";
import { loadOnlineRetail } from "./datasets.ts";

/** Options for {@linkcode loadAnalysisTransactions}. */
export interface LoadAnalysisTransactionsOptions {
  /**
   * The prepared transactions: a Parquet file with the canonical columns, as
   * `deno task analyze --transactions ...` writes it (`OUT/work/transactions.parquet`). `null` or
   * absent: the bundled Online Retail.
   */
  transactions?: string | null;
  /** Folder holding the bundled files (for the bundled Online Retail). */
  dataDir?: string;
}

/** The columns every transaction table the notebooks analyse has. */
const REQUIRED = ["customer_id", "invoice_id", "invoice_date", "quantity", "unit_price"];

/**
 * The transactions a notebook analyses: the bundled Online Retail (raw, as
 * {@linkcode loadOnlineRetail} returns it), or an analyst's own data prepared by
 * `deno task analyze` (validated, mapped to the canonical columns, pseudonymised). Both have the
 * same canonical columns, so a notebook reads either through this one call; an own file may lack
 * the optional `product_id`, `description` and `country`.
 *
 * @param options `transactions` (a prepared Parquet file, or null for the bundled data) and
 * `dataDir`.
 * @returns The canonical transactions.
 * @throws {Deno.errors.NotFound} When the file does not exist.
 * @throws {TypeError} When the prepared file lacks a required canonical column (`customer_id`,
 * `invoice_id`, `invoice_date`, `quantity`, `unit_price`).
 *
 * @example The bundled data when no file is given
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadAnalysisTransactions } from "./load_analysis_transactions.ts";
 *
 * const tx = loadAnalysisTransactions({ transactions: null });
 * assert.equal(tx.height, 541_909);
 * ```
 */
export function loadAnalysisTransactions(
  options: LoadAnalysisTransactionsOptions = {},
): DataFrame {
  const path = options.transactions ?? null;
  if (path === null) return loadOnlineRetail({ dataDir: options.dataDir });
  try {
    Deno.statSync(path);
  } catch {
    throw new Deno.errors.NotFound(
      `Cannot load the transactions as the file does not exist: ${path} (run deno task analyze --transactions ... to prepare it)`,
    );
  }
  const tx = pl.readParquet(path);
  requireColumns(tx, REQUIRED, "load the transactions");
  return tx;
}
