/**
 * Scale benchmark (issue 15): synthetic transaction logs of 2, 10, 20 and 50 million lines as
 * Parquet, and the three summaries every model starts from, computed through the lazy path
 * (`scanTransactions` over the folder of Parquet files): `computeRfm`, `clvSummary` and the
 * monthly `kpiTable`. Each step runs in its own child process, so its peak resident set (VmHWM
 * of the child, getrusage's maximum resident set as GNU time's `%M` reports it) is its own; time is measured inside the child
 * around the step (scan, validation pass and summary; not Deno's start-up).
 *
 *     deno run --allow-read --allow-write --allow-env --allow-run --allow-ffi \
 *       --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/scale.ts
 *
 * `BENCH_SCALE_MAX_LINES` (default 50000000) drops the sizes above it, e.g. `=20000000` for
 * 2M/10M/20M (`BENCH_SCALE_MIN_LINES` likewise drops the smaller ones; `BENCH_SCALE_STEPS=rfm,...`
 * runs only the steps named). `BENCH_SCALE_CHART=0` skips rewriting docs/scale_times.{svg,png} and
 * docs/scale_memory.{svg,png}. The generated files (about 30 bytes a line) go to a temporary folder,
 * removed at the end.
 *
 * The logs: one customer per 20 lines, 1-9 lines per order (mean 5), orders spread evenly over two
 * years (2022-01-01 to 2023-12-31) with each order's customer drawn at random (so about 4 orders
 * per customer), integer ids (Int64), a Datetime(ms) date, Int32 quantities 1-12 and prices 0.01-
 * 20.00. Deterministic: a fixed linear congruential generator over typed arrays (nodejs-polars'
 * modulo on hashes loses low digits; FIELD_NOTES). Written as files of 2,000,000 lines each
 * (`part-000.parquet`, ...), as an export split by date would be.
 *
 * Prints a Markdown table (lines, step, seconds, peak RSS MiB, result rows) and the load average
 * at the start and end of each size. No test asserts a time.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { scanTransactions } from "../lib/io/scan_transactions.ts";
import { computeRfm } from "../lib/rfm/compute_rfm.ts";
import { clvSummary } from "../lib/clv/clv_summary.ts";
import { kpiTable } from "../lib/kpi/kpi_table.ts";
import { lineChart } from "../lib/charts/line_chart.ts";
import { saveChart } from "../lib/charts/save_chart.ts";
import { loadAverage } from "./read_rfm_pandas.ts";

/** The sizes measured, in lines. */
export const SCALE_SIZES = [2_000_000, 10_000_000, 20_000_000, 50_000_000] as const;
/** The steps, each in its own process. */
export const SCALE_STEPS = ["rfm", "clv_summary", "kpi_month"] as const;
export type ScaleStep = typeof SCALE_STEPS[number];

const LINES_PER_FILE = 2_000_000;
const LINES_PER_CUSTOMER = 20;
const START_MS = Date.UTC(2022, 0, 1);
const SPAN_MS = 730 * 86_400_000;
const AS_OF = new Date("2024-01-01T00:00:00Z");
/** GNU time, for the child's peak resident set (`%M`). */
const TIME = "/usr/bin/time";
const CHILD_PERMISSIONS = [
  "--allow-read",
  "--allow-env",
  "--allow-ffi",
  "--allow-sys=cpus,networkInterfaces,hostname,osRelease",
];

/** One measured step. */
export interface ScaleRow {
  lines: number;
  step: ScaleStep;
  seconds: number;
  peakMiB: number;
  rows: number;
  load: string;
}

/**
 * Writes a deterministic log of `lines` lines into `dir` as Parquet files of 2,000,000 lines.
 * Returns the number of customers it was drawn from.
 */
export function writeScaleLog(dir: string, lines: number): number {
  const customers = Math.max(1, Math.round(lines / LINES_PER_CUSTOMER));
  // Mean 5 lines per order: the order count fixes the spacing of order times.
  const orders = Math.ceil(lines / 5);
  let seed = 20_261_203;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  let order = 0;
  let left = 0; // lines left in the current order
  let customer = 0;
  let orderMs = 0;
  for (let start = 0, part = 0; start < lines; start += LINES_PER_FILE, part++) {
    const n = Math.min(LINES_PER_FILE, lines - start);
    const customerId = new Int32Array(n);
    const invoiceId = new Int32Array(n);
    const time = new Float64Array(n);
    const product = new Int32Array(n);
    const quantity = new Int32Array(n);
    const price = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (left === 0) {
        order++;
        left = 1 + Math.floor(next() * 9);
        customer = 1_000_000 + Math.floor(next() * customers);
        orderMs = START_MS + Math.floor(Math.min(order - 1 + next(), orders) * (SPAN_MS / orders));
        orderMs -= orderMs % 1000;
      }
      left--;
      customerId[i] = customer;
      invoiceId[i] = 100_000_000 + order;
      time[i] = orderMs;
      product[i] = 10_000 + Math.floor(next() * 5_000);
      quantity[i] = 1 + Math.floor(next() * 12);
      price[i] = (1 + Math.floor(next() * 2_000)) / 100;
    }
    pl.DataFrame([
      pl.Series("customer_id", customerId).cast(pl.Int64),
      pl.Series("invoice_id", invoiceId).cast(pl.Int64),
      pl.Series("invoice_date", time).cast(pl.Int64).cast(pl.Datetime("ms")),
      pl.Series("product_id", product).cast(pl.Int64),
      pl.Series("quantity", quantity),
      pl.Series("unit_price", price),
    ]).writeParquet(join(dir, `part-${String(part).padStart(3, "0")}.parquet`));
  }
  return customers;
}

/** Runs one step on the log in `dir` (in this process); returns the result's row count. */
export function runScaleStep(step: ScaleStep, dir: string): number {
  const scan = scanTransactions(join(dir, "*.parquet"));
  if (step === "rfm") return computeRfm(scan, { asOf: AS_OF }).height;
  if (step === "clv_summary") {
    return clvSummary(scan, {
      asOf: AS_OF,
      timeUnit: "days",
      quantity: "quantity",
      price: "unit_price",
    }).height;
  }
  return kpiTable(scan, { period: "month", asOf: AS_OF }).height;
}

/** Runs `step` in a child process; returns its time and peak RSS. */
async function measure(step: ScaleStep, dir: string, lines: number): Promise<ScaleRow> {
  const load = loadAverage();
  // The child's peak RSS is getrusage's ru_maxrss, read by GNU time (`%M`, KiB): Deno grants
  // reading /proc/self/status (VmHWM) only with --allow-all, which the child should not need.
  const rusage = Deno.makeTempFileSync({ prefix: "bench-scale-rusage-" });
  const command = [Deno.execPath(), "run", ...CHILD_PERMISSIONS, import.meta.filename!];
  let out: Deno.CommandOutput;
  let kib: number;
  try {
    out = await new Deno.Command(TIME, {
      args: ["-f", "%M", "-o", rusage, ...command, "--child", step, dir],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } finally {
    kib = Number(Deno.readTextFileSync(rusage).trim().split("\n").at(-1));
    Deno.removeSync(rusage);
  }
  if (!out.success) {
    throw new Error(
      `scale step ${step} at ${lines} lines failed: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  const result = JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
  return { lines, step, load, peakMiB: kib / 1024, ...result };
}

/**
 * Generates each size up to `maxLines`, measures every step in its own process, and returns the
 * rows. The temporary folder is removed at the end.
 */
export async function benchScale(
  maxLines = Number.POSITIVE_INFINITY,
  minLines = 0,
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const lines of SCALE_SIZES.filter((n) => n <= maxLines && n >= minLines)) {
    const dir = Deno.makeTempDirSync({ prefix: `bench-scale-${lines}-` });
    try {
      writeScaleLog(dir, lines);
      const only = Deno.env.get("BENCH_SCALE_STEPS")?.split(",");
      for (const step of SCALE_STEPS.filter((s) => only === undefined || only.includes(s))) {
        rows.push(await measure(step, dir, lines));
        console.error(scaleTable(rows.slice(-1)).split("\n")[2]);
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
  return rows;
}

/** The Markdown table of {@linkcode benchScale}'s rows. */
export function scaleTable(rows: ScaleRow[]): string {
  const lines = [
    "| lines | step | seconds | peak RSS (MiB) | result rows | load average (1, 5, 15 min) |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.lines.toLocaleString("en-US")} | ${r.step} | ${r.seconds.toFixed(2)} | ${
        r.peakMiB.toFixed(0)
      } | ${r.rows.toLocaleString("en-US")} | ${r.load} |`,
    );
  }
  return lines.join("\n");
}

/** Writes docs/scale_times.{svg,png} and docs/scale_memory.{svg,png} from measured rows. */
export async function saveScaleCharts(rows: ScaleRow[], docs: string): Promise<string[]> {
  const data = rows.map((r) => ({
    million_lines: r.lines / 1e6,
    step: r.step,
    seconds: r.seconds,
    peak_rss_mib: r.peakMiB,
  }));
  const times = lineChart(data, {
    x: "million_lines",
    y: "seconds",
    stroke: "step",
    markers: true,
    zero: true,
    title: "Time against lines (lazy path over Parquet, one process per step)",
  });
  const memory = lineChart(data, {
    x: "million_lines",
    y: "peak_rss_mib",
    stroke: "step",
    markers: true,
    zero: true,
    title: "Peak resident memory (MiB) against lines",
  });
  const written: string[] = [];
  for (const [name, chart] of [["scale_times", times], ["scale_memory", memory]] as const) {
    for (const ext of ["svg", "png"]) {
      written.push(await saveChart(chart, join(docs, `${name}.${ext}`)));
    }
  }
  return written;
}

if (import.meta.main) {
  if (Deno.args[0] === "--child") {
    const [, step, dir] = Deno.args;
    const t0 = performance.now();
    const rows = runScaleStep(step as ScaleStep, dir);
    const seconds = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ seconds, rows }));
  } else {
    const max = Number(Deno.env.get("BENCH_SCALE_MAX_LINES") ?? Number.POSITIVE_INFINITY);
    const rows = await benchScale(max, Number(Deno.env.get("BENCH_SCALE_MIN_LINES") ?? 0));
    console.log(scaleTable(rows));
    if (Deno.env.get("BENCH_SCALE_CHART") !== "0") {
      const docs = new URL("../docs/", import.meta.url).pathname;
      console.log(`\n${(await saveScaleCharts(rows, docs)).join(", ")}`);
    }
  }
}
