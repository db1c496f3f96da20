/**
 * Reading benchmark (issue 15): `readTransactions` on a clean generated CSV (2,000,000 lines,
 * ISO date-times, integer ids, 100,000 customers) and on Online Retail's CSV export, against
 * Polars' own `readCSV` on the same file, side by side in one run; and RFM over the bundled
 * Parquet file read eagerly, scanned lazily, and computed by DuckDB from `rfmSql`.
 *
 *     deno run --v8-flags=--expose-gc --allow-read --allow-write --allow-env --allow-ffi \
 *       --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/read.ts [repeats]
 *
 * Prints a Markdown table (medians). No test asserts a time.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { readTransactions } from "../lib/io/read_transactions.ts";
import { scanTransactions } from "../lib/io/scan_transactions.ts";
import { DATA_DIR, DATASET_FILES, ONLINE_RETAIL_COLUMNS } from "../lib/io/datasets.ts";
import { computeRfm } from "../lib/rfm/compute_rfm.ts";
import { rfmSql } from "../lib/sql/rfm_sql.ts";
import { queryDuckDb } from "../lib/sql/query_duckdb.ts";
import { exportOnlineRetailCsv } from "./export_online_retail_csv.ts";

const REPEATS = Number(Deno.args[0] ?? Deno.env.get("BENCH_READ_REPEATS") ?? 5);
const AS_OF = new Date("2011-12-10T00:00:00Z");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Writes the clean 2M-line CSV (deterministic). */
export function writeCleanCsv(path: string, n = 2_000_000): void {
  const customer = new Int32Array(n);
  const invoice = new Int32Array(n);
  const product = new Int32Array(n);
  const quantity = new Int32Array(n);
  const price = new Float64Array(n);
  const dates: string[] = new Array(n);
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const start = Date.UTC(2010, 0, 1);
  for (let i = 0; i < n; i++) {
    const order = Math.floor(i / 5);
    invoice[i] = 500000 + order;
    customer[i] = 10000 + (order * 7919) % 100000;
    product[i] = 1000 + Math.floor(next() * 4000);
    quantity[i] = 1 + Math.floor(next() * 12);
    price[i] = Math.round(next() * 2000) / 100;
    const t = start + (order % 700) * 86_400_000 + (order % 86_400) * 1000;
    dates[i] = new Date(t).toISOString().slice(0, 19).replace("T", " ");
  }
  pl.DataFrame({
    customer_id: pl.Series(customer),
    invoice_id: pl.Series(invoice),
    invoice_date: dates,
    product_id: pl.Series(product),
    quantity: pl.Series(quantity),
    unit_price: pl.Series(price),
  }).writeCSV(path);
}

type Timed = () => unknown | Promise<unknown>;

/** Times each function in turn, `REPEATS` rounds; returns the medians in seconds. */
async function race(fns: Record<string, Timed>): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const [name, f] of Object.entries(fns)) {
      await settle();
      const t0 = performance.now();
      await f();
      times[name].push((performance.now() - t0) / 1000);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/**
 * Runs the reading benchmark; returns the median seconds of each timed step, by name. The
 * generated files go to a temporary folder, removed at the end.
 */
export async function benchRead(): Promise<Record<string, number>> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-read-" });
  try {
    const clean = join(dir, "clean_2m.csv");
    writeCleanCsv(clean);
    const retail = exportOnlineRetailCsv(join(dir, "online_retail.csv"));
    const parquet = join(DATA_DIR, DATASET_FILES.onlineRetail);
    const a = await race({
      "polars readCSV, 2M clean": () => pl.readCSV(clean),
      "readTransactions, 2M clean": () => readTransactions(clean),
    });
    const b = await race({
      "polars readCSV (inferSchemaLength 0), Online Retail": () =>
        pl.readCSV(retail, { inferSchemaLength: 0 }),
      "readTransactions, Online Retail CSV": () =>
        readTransactions(retail, { columns: ONLINE_RETAIL_COLUMNS }),
    });
    const c = await race({
      "RFM: readTransactions(Parquet) + computeRfm": () =>
        computeRfm(readTransactions(parquet, { columns: ONLINE_RETAIL_COLUMNS }), { asOf: AS_OF }),
      "RFM: computeRfm(scanTransactions(Parquet))": () =>
        computeRfm(scanTransactions(parquet, { columns: ONLINE_RETAIL_COLUMNS }), {
          asOf: AS_OF,
        }),
      "RFM: DuckDB rfmSql over the Parquet file": () =>
        queryDuckDb(
          rfmSql("duckdb", { parquet, asOf: AS_OF, columns: ONLINE_RETAIL_COLUMNS }),
        ),
    });
    return { ...a, ...b, ...c };
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const times = await benchRead();
  console.log(`| step | median of ${REPEATS} (s) |\n| --- | --- |`);
  for (const [name, t] of Object.entries(times)) console.log(`| ${name} | ${t.toFixed(3)} |`);
}
