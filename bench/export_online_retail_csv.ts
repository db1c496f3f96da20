/**
 * Writes the bundled Online Retail Parquet file as CSV (original column names, dates as
 * `YYYY-MM-DD HH:MM:SS`), because Debian's pandas has no Parquet engine (no pyarrow in bookworm).
 * Used by the benchmark and by tests/reference/quality_reference.py.
 *
 *     deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys bench/export_online_retail_csv.ts out/bench/online_retail.csv
 *
 * @module
 */
import pl from "nodejs-polars";
import { dirname, join } from "node:path";
import { DATA_DIR, DATASET_FILES } from "../lib/io/datasets.ts";

/** Exports Online Retail to `path` (written whole: temporary file, then rename). */
export function exportOnlineRetailCsv(path: string): string {
  Deno.mkdirSync(dirname(path), { recursive: true });
  const df = pl.readParquet(join(DATA_DIR, DATASET_FILES.onlineRetail)).withColumns(
    pl.col("InvoiceDate").dt.strftime("%Y-%m-%d %H:%M:%S"),
  );
  df.writeCSV(path + ".part");
  Deno.renameSync(path + ".part", path);
  return path;
}

if (import.meta.main) {
  console.log(exportOnlineRetailCsv(Deno.args[0] ?? "out/bench/online_retail.csv"));
}
