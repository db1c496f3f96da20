/**
 * Writing a transaction frame as a folder of monthly Parquet files (hive partitions), the layout
 * data lakes use and {@linkcode scanTransactions} reads.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, requireColumns, requireFrame } from "../core/errors.ts";

/** Options for {@linkcode writePartitionedParquet}. */
export interface WritePartitionedParquetOptions {
  /** The folder to write into; created when missing, and it must hold no file yet. */
  dir: string;
  /** The date column that chooses each row's month (Date or Datetime). Default `"invoice_date"`. */
  date?: string;
}

const ACTION = "write partitioned Parquet";

/**
 * Writes transactions as one Parquet file per calendar month (UTC fields), in hive-partitioned
 * folders `dir/month=YYYY-MM/part-0.parquet`, rows in their original order within each file. The
 * folder can then be read lazily with {@linkcode scanTransactions} (`month` becomes a text
 * column) or by a query engine (DuckDB `read_parquet('dir/*\/*.parquet')`, Spark, Trino or
 * BigQuery tables over the folder): the layout in which logs too large for one file are kept.
 *
 * @param tx Transactions with a date column; never modified.
 * @param options The folder and the date column.
 * @returns The paths written, in month order.
 * @throws {TypeError} When `tx` is not a DataFrame, the date column is missing or not a date, or
 *   `dir` is not a non-empty string.
 * @throws {RangeError} When a date is missing (naming the count and rows), the frame is empty, or
 *   `dir` already holds files.
 *
 * @example Two months, two files
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { writePartitionedParquet } from "./write_partitioned_parquet.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "b", "a"],
 *   invoice_date: [new Date("2011-01-03"), new Date("2011-02-01"), new Date("2011-01-20")],
 * });
 * const dir = Deno.makeTempDirSync();
 * const files = writePartitionedParquet(tx, { dir });
 * assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), [
 *   "month=2011-01/part-0.parquet",
 *   "month=2011-02/part-0.parquet",
 * ]);
 * assert.equal(pl.readParquet(files[0]).height, 2);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writePartitionedParquet(
  tx: DataFrame,
  options: WritePartitionedParquetOptions,
): string[] {
  requireFrame(tx, "tx", ACTION);
  const { dir, date = "invoice_date" } = options ?? ({} as WritePartitionedParquetOptions);
  if (typeof dir !== "string" || dir === "") {
    throw new TypeError(
      `Cannot ${ACTION} as dir must be a non-empty path: got ${JSON.stringify(dir)}`,
    );
  }
  requireColumns(tx, [date], ACTION);
  const kind = tx.getColumn(date).dtype.variant;
  if (kind !== "Date" && kind !== "Datetime") {
    throw new TypeError(`Cannot ${ACTION} as column "${date}" is not a date: it is ${kind}`);
  }
  if (tx.height === 0) throw new RangeError(`Cannot ${ACTION} as the frame has no rows`);
  const missing = tx.getColumn(date).nullCount();
  if (missing > 0) {
    const rows = tx.withRowIndex("__row").filter(pl.col(date).isNull()).head(5)
      .getColumn("__row").toArray();
    throw new RangeError(
      `Cannot ${ACTION} as column "${date}" has ${missing} missing dates: rows ${
        formatExamples(rows, missing)
      }`,
    );
  }
  Deno.mkdirSync(dir, { recursive: true });
  const present = [...Deno.readDirSync(dir)].map((e) => e.name);
  if (present.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${dir} is not empty: it holds ${formatExamples(present)}`,
    );
  }
  const month = pl.col(date).cast(pl.Datetime("ms")).dt.strftime("%Y-%m").alias("__month");
  const keyed = tx.withColumns(month);
  const months = keyed.getColumn("__month").unique().sort().toArray() as string[];
  return months.map((m) => {
    const folder = join(dir, `month=${m}`);
    Deno.mkdirSync(folder);
    const path = join(folder, "part-0.parquet");
    keyed.filter(pl.col("__month").eq(pl.lit(m))).drop("__month").writeParquet(path);
    return path;
  });
}
