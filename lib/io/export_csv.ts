import pl from "nodejs-polars";
import { roundFloats } from "../core/round.ts";
import type { DataFrame } from "../core/frame.ts";
import { join } from "node:path";

/** Options for {@linkcode exportCsv}. */
export interface ExportCsvOptions {
  /** File name, e.g. `"mall_segments.csv"`: a plain `*.csv` name, no folders. */
  file: string;
  /**
   * Folder to write to. Default: the `CUSTOMER_LENS_OUT` environment variable, which
   * `deno task analyze` sets; when neither is set nothing is written. Passing `dir: undefined`
   * explicitly writes nothing, whatever the environment says.
   */
  dir?: string;
}

/** What {@linkcode exportCsv} reports: the same whether or not a file was written. */
export interface ExportSummary {
  /** The file name. */
  readonly file: string;
  /** Rows in the table. */
  readonly rows: number;
  /** Columns in the table. */
  readonly columns: readonly string[];
}

/**
 * Writes a table as CSV for use outside the notebook (segment assignments, contact lists), list
 * columns joined as `a | b` (CSV has no nested values), floats to 12 significant digits (no
 * `0.9909999999999999`), whole
 * or not at all: to a temporary file in the target folder, then renamed. Notebooks call it
 * unconditionally; it writes only when a folder is given or `CUSTOMER_LENS_OUT` is set (by
 * `deno task analyze`), so re-executing a notebook never scatters files, and its displayed
 * summary does not depend on where (or whether) the file went.
 *
 * @param df The table; not modified.
 * @param options The `file` name and the folder `dir`. The older form, the file name as a string
 * here and `{ dir }` third, is still accepted.
 * @param legacy `{ dir }` when `options` is the file name (the older form).
 * @returns A summary of what is (or would be) written.
 * @throws {TypeError} When `file` is not a string.
 * @throws {RangeError} When `file` contains a path separator or does not end in `.csv`.
 * @throws {Deno.errors.PermissionDenied} When the folder cannot be written (naming it); other
 * failures to create the folder or file throw `Deno.errors.NotFound` or `Error` with the same
 * message.
 *
 * @example Nothing is written without a folder
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { exportCsv } from "./export_csv.ts";
 *
 * const summary = exportCsv(pl.DataFrame({ a: [1, 2] }), { file: "a.csv", dir: undefined });
 * assert.deepEqual(summary, { file: "a.csv", rows: 2, columns: ["a"] });
 * ```
 */
export function exportCsv(
  df: DataFrame,
  options: ExportCsvOptions | string,
  legacy: Omit<ExportCsvOptions, "file"> = {},
): ExportSummary {
  // The form `exportCsv(df, "name.csv", { dir })` predates the (data, options) scheme; scripts
  // written against it keep working.
  if (typeof options === "string") options = { ...legacy, file: options };
  const file: unknown = options?.file;
  if (typeof file !== "string") {
    throw new TypeError(
      `Cannot export CSV as the file name is not a string: got ${
        file === undefined ? "undefined" : JSON.stringify(file)
      } (pass { file: "name.csv" })`,
    );
  }
  if (/[\\/]/.test(file) || !file.endsWith(".csv")) {
    throw new RangeError(`Cannot export CSV as the file name must be a plain *.csv name: ${file}`);
  }
  const dir = "dir" in options ? options.dir : Deno.env.get("CUSTOMER_LENS_OUT");
  if (dir) {
    const path = join(dir, file);
    const partial = join(dir, `.${file}.part`);
    // Polars panics (a Rust backtrace on stderr) when it cannot create the file: create it first,
    // so that a folder that cannot be written gets a plain error naming it.
    try {
      Deno.mkdirSync(dir, { recursive: true });
      Deno.writeFileSync(partial, new Uint8Array());
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      const message =
        `Cannot export CSV as the folder cannot be written: ${dir} (${reason}); pass a writable dir or set CUSTOMER_LENS_OUT`;
      if (error instanceof Deno.errors.PermissionDenied) {
        throw new Deno.errors.PermissionDenied(message);
      }
      if (error instanceof Deno.errors.NotFound) throw new Deno.errors.NotFound(message);
      throw new Error(message);
    }
    // CSV has no lists: list columns (itemsets, rule sides) are written as "a | b".
    const lists = df.columns.filter((c) => df.getColumn(c).dtype.variant === "List");
    // Floats lose the noise of sums and ratios (78054.99999999999 is written 78055), keeping 12
    // significant digits: every digit that means anything in a money or score column.
    const rounded = roundFloats(df, 12);
    const flat = lists.length === 0
      ? rounded
      : rounded.withColumns(...lists.map((c) => pl.col(c).lst.join(" | ").alias(c)));
    try {
      flat.writeCSV(partial);
      Deno.renameSync(partial, path);
    } catch (error) {
      try {
        Deno.removeSync(partial);
      } catch {
        // nothing was written
      }
      throw error;
    }
  }
  return Object.freeze({ file, rows: df.height, columns: Object.freeze([...df.columns]) });
}
