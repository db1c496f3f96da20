/**
 * Benchmark: read, check and clean the full Online Retail log (541,909 lines), against pandas
 * doing the same on the same machine in the same run (bench/quality_pandas.py). pandas reads the
 * CSV (Debian's pandas has no Parquet engine), so we time our reader on both the bundled Parquet
 * file and that same CSV.
 *
 * @module
 */
import { join } from "node:path";
import { readTransactions } from "../lib/io/read_transactions.ts";
import { loadOnlineRetail, ONLINE_RETAIL_COLUMNS } from "../lib/io/datasets.ts";
import { checkTransactions } from "../lib/quality/check_transactions.ts";
import { cleanTransactions } from "../lib/quality/clean_transactions.ts";
import { exportOnlineRetailCsv } from "./export_online_retail_csv.ts";

const REPEATS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(run: () => number): number[] {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const rows = run();
    times.push((performance.now() - t0) / 1000);
    if (rows !== 391_150) throw new Error(`unexpected cleaned row count ${rows}`);
  }
  return times;
}

/** Runs the benchmark; returns rows of [what, median seconds]. */
export function benchOnlineRetailQuality(): [string, number][] {
  const dir = Deno.makeTempDirSync({ prefix: "bench-quality-" });
  try {
    const csv = exportOnlineRetailCsv(join(dir, "online_retail.csv"));
    const parquet = timeIt(() => {
      const tx = loadOnlineRetail();
      checkTransactions(tx);
      return cleanTransactions(tx).data.height;
    });
    const fromCsv = timeIt(() => {
      const tx = readTransactions(csv, {
        columns: ONLINE_RETAIL_COLUMNS,
        nullValues: ["", "Unknown"],
      });
      checkTransactions(tx);
      return cleanTransactions(tx).data.height;
    });
    const out = new Deno.Command("/usr/bin/python3", {
      args: [new URL("./quality_pandas.py", import.meta.url).pathname, csv, String(REPEATS)],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
    const pandas = JSON.parse(new TextDecoder().decode(out.stdout)) as number[];
    return [
      ["Customer Lens: read Parquet + check + clean", median(parquet)],
      ["Customer Lens: read CSV + check + clean", median(fromCsv)],
      ["pandas 1.5.3: read CSV + check + clean", median(pandas)],
    ];
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}
