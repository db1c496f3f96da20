/**
 * RFM benchmark: read a 2,167,636-row transactions CSV (Online Retail stacked four times, each
 * copy with its own customer and invoice ids) and compute RFM as of 2011-12-10, against pandas
 * reading the same file and doing the same group-by (bench/rfm_pandas.py), same run.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { readTransactions } from "../lib/io/read_transactions.ts";
import { loadOnlineRetail } from "../lib/io/datasets.ts";
import { computeRfm } from "../lib/rfm/compute_rfm.ts";

const REPEATS = 3;
const AS_OF = new Date("2011-12-10T00:00:00Z");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Writes the stacked transactions CSV; returns its row count. */
export function writeStackedTransactions(path: string, copies = 4): number {
  const tx = loadOnlineRetail().select(
    "customer_id",
    "invoice_id",
    "invoice_date",
    "product_id",
    "quantity",
    "unit_price",
  );
  const parts = Array.from({ length: copies }, (_, c) =>
    tx.withColumns(
      pl.concatString([pl.col("customer_id"), pl.lit(String(c))], "-").alias("customer_id"),
      pl.concatString([pl.col("invoice_id"), pl.lit(String(c))], "-").alias("invoice_id"),
      pl.col("invoice_date").dt.strftime("%Y-%m-%d %H:%M:%S").alias("invoice_date"),
    ));
  const stacked = pl.concat(parts);
  stacked.writeCSV(path);
  return stacked.height;
}

/** Runs the benchmark; returns [benchmark, ours (s), pandas (s), note]. */
export async function benchRfm(): Promise<[string, number, number, string]> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-rfm-" });
  try {
    const path = join(dir, "transactions.csv");
    const rows = writeStackedTransactions(path);
    const ours: number[] = [];
    let customers = 0;
    for (let r = 0; r < REPEATS; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const t0 = performance.now();
      const rfm = computeRfm(readTransactions(path), { asOf: AS_OF });
      ours.push((performance.now() - t0) / 1000);
      customers = rfm.height;
    }
    const out = new Deno.Command("/usr/bin/python3", {
      args: [new URL("./rfm_pandas.py", import.meta.url).pathname, path, String(REPEATS)],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
    const pandas = JSON.parse(new TextDecoder().decode(out.stdout));
    return [
      `RFM from a ${rows.toLocaleString("en-US")}-row CSV (read + RFM)`,
      median(ours),
      median(pandas.seconds),
      `${customers} vs ${pandas.customers} customers`,
    ];
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) console.log((await benchRfm()).join(" | "));
