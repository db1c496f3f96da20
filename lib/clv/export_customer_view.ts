/**
 * Writes the customer view as `customer_view.parquet` and `customer_view.csv`, both or neither.
 *
 * @module
 */
import { join } from "node:path";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireFrame } from "../core/errors.ts";
import { roundFloats } from "../core/round.ts";
import { CUSTOMER_VIEW_COLUMNS } from "./customer_view.ts";

/** Options for {@linkcode exportCustomerView}. */
export interface ExportCustomerViewOptions {
  /**
   * Folder to write to. Default: the `CUSTOMER_LENS_OUT` environment variable, which
   * `deno task analyze` sets; when neither is set nothing is written. Passing `dir: undefined`
   * explicitly writes nothing, whatever the environment says.
   */
  dir?: string;
}

/** What {@linkcode exportCustomerView} reports: the same whether or not files were written. */
export interface ExportCustomerViewSummary {
  /** The file names: `customer_view.parquet` and `customer_view.csv`. */
  readonly files: readonly string[];
  /** Rows (customers) in the table. */
  readonly rows: number;
  /** Columns of the table, in order. */
  readonly columns: readonly string[];
}

const ACTION = "export the customer view";

/** The file names written, Parquet first. */
export const CUSTOMER_VIEW_FILES = ["customer_view.parquet", "customer_view.csv"] as const;

function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch {
    // nothing to remove
  }
}

/**
 * Writes the customer view for the explorer app: `customer_view.parquet` (full precision, typed
 * columns) and `customer_view.csv` (floats to 12 significant digits), with exactly the columns of
 * `CUSTOMER_VIEW_COLUMNS` in that order (documented there). Both files are written to temporary
 * files in the target folder first and renamed only when both were written, so a failure leaves
 * neither file half-written (if the second rename fails, the first file is removed too). Like
 * `exportCsv`, it writes only when a folder is given or `CUSTOMER_LENS_OUT` is set, so notebooks
 * call it unconditionally.
 *
 * With an analyst's own data, pseudonymise `customer_id` (`pseudonymize`) before exporting.
 *
 * @param view The table from `customerView`; not modified.
 * @param options The folder `dir`.
 * @returns What is (or would be) written.
 * @throws {TypeError} When `view` is not a DataFrame or lacks a column of the view.
 * @throws {RangeError} When `view` has columns besides the view's, or in another order.
 * @throws {Deno.errors.PermissionDenied} When the folder cannot be written (naming it); other
 * failures to create the folder throw `Deno.errors.NotFound` or `Error` with the same message.
 *
 * @example Nothing is written without a folder
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { CUSTOMER_VIEW_COLUMNS } from "./customer_view.ts";
 * import { exportCustomerView } from "./export_customer_view.ts";
 *
 * const empty = pl.DataFrame(CUSTOMER_VIEW_COLUMNS.map((c) => pl.Series(c, [], pl.Float64)));
 * const summary = exportCustomerView(empty, { dir: undefined });
 * assert.deepEqual(summary.files, ["customer_view.parquet", "customer_view.csv"]);
 * assert.equal(summary.rows, 0);
 * ```
 */
export function exportCustomerView(
  view: DataFrame,
  options: ExportCustomerViewOptions = {},
): ExportCustomerViewSummary {
  requireFrame(view, "the customer view", ACTION);
  requireColumns(view, CUSTOMER_VIEW_COLUMNS, ACTION);
  if (view.columns.join(",") !== CUSTOMER_VIEW_COLUMNS.join(",")) {
    throw new RangeError(
      `Cannot ${ACTION} as its columns are not exactly the view's: got ${
        view.columns.join(", ")
      }; expected ${CUSTOMER_VIEW_COLUMNS.join(", ")}`,
    );
  }
  const dir = options !== null && typeof options === "object" && "dir" in options
    ? options.dir
    : Deno.env.get("CUSTOMER_LENS_OUT");
  if (dir) {
    const [parquetFile, csvFile] = CUSTOMER_VIEW_FILES;
    const parquetPart = join(dir, `.${parquetFile}.part`);
    const csvPart = join(dir, `.${csvFile}.part`);
    // Polars panics when it cannot create a file: create them first, for a plain error.
    try {
      Deno.mkdirSync(dir, { recursive: true });
      Deno.writeFileSync(parquetPart, new Uint8Array());
      Deno.writeFileSync(csvPart, new Uint8Array());
    } catch (error) {
      removeQuietly(parquetPart);
      removeQuietly(csvPart);
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      const message =
        `Cannot ${ACTION} as the folder cannot be written: ${dir} (${reason}); pass a writable dir or set CUSTOMER_LENS_OUT`;
      if (error instanceof Deno.errors.PermissionDenied) {
        throw new Deno.errors.PermissionDenied(message);
      }
      if (error instanceof Deno.errors.NotFound) throw new Deno.errors.NotFound(message);
      throw new Error(message);
    }
    const parquetPath = join(dir, parquetFile);
    let renamed = false;
    try {
      view.writeParquet(parquetPart);
      roundFloats(view, 12).writeCSV(csvPart);
      Deno.renameSync(parquetPart, parquetPath);
      renamed = true;
      Deno.renameSync(csvPart, join(dir, csvFile));
    } catch (error) {
      removeQuietly(parquetPart);
      removeQuietly(csvPart);
      if (renamed) removeQuietly(parquetPath);
      throw error;
    }
  }
  return Object.freeze({
    files: Object.freeze([...CUSTOMER_VIEW_FILES]),
    rows: view.height,
    columns: Object.freeze([...view.columns]),
  });
}
