/**
 * CLV benchmark, each row against a Python peer on the same data in the same run:
 *
 * - `clvSummary` (days, with values) against pandas doing lifetimes'
 *   `summary_data_from_transaction_data` (bench/clv_summary_pandas.py) on: Online Retail cleaned
 *   with `cleanTransactions` (value = quantity x unit price), and two generated 10,000,000-line
 *   transaction logs (see {@linkcode generateLog}): 1,000,000 customers with about 10 lines each,
 *   and 10,000 customers with about 1,000 lines each. Both sides must give the same customers and
 *   the same totals of frequency, recency, T and monetary value.
 * - BG/NBD and Pareto/NBD fits on the CDNOW master file (23,570 customers, weeks, as of
 *   1998-06-30) and on a simulated 1,000,000-customer BG/NBD summary (recency and T in whole days,
 *   stated in weeks, as {@linkcode clvSummary} gives them), against a scipy L-BFGS-B fit of the
 *   same likelihood on the same summary (bench/clv_scipy.py). Both log-likelihoods are reported
 *   (ours must be at least scipy's, to 1e-6 relative).
 *
 * - CLV intervals ({@linkcode benchClvIntervals}, issue 17): `customerLifetimeValue`'s parameter
 *   draws on one thread and on every core against the same draws vectorised with numpy/scipy
 *   (bench/clv_intervals_scipy.py). Printed when run alone (`CLV_BENCH_ONLY=intervals` for only
 *   these); not part of {@linkcode benchClv}'s rows.
 *
 * Every time is the median of several repeats on each side (both warm: the first repeat of each
 * side pays for compilation and imports). Set `CLV_BENCH_LINES` to change the size of the
 * generated logs (default 10,000,000).
 *
 * Run alone: `deno run --allow-read --allow-write --allow-env --allow-run --allow-ffi
 * --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/clv.ts`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { loadCdnow, loadOnlineRetail } from "../lib/io/datasets.ts";
import { cleanTransactions } from "../lib/quality/clean_transactions.ts";
import { clvSummary } from "../lib/clv/clv_summary.ts";
import { fitBgNbd } from "../lib/clv/fit_bg_nbd.ts";
import { fitParetoNbd } from "../lib/clv/fit_pareto_nbd.ts";
import { fitGammaGamma } from "../lib/clv/fit_gamma_gamma.ts";
import { customerLifetimeValue } from "../lib/clv/customer_lifetime_value.ts";
import { availableCores } from "../lib/core/worker_pool.ts";
import { simulateSummary } from "../lib/clv/_test_simulate.ts";
import { createRandom } from "../lib/core/random.ts";
import type { DataFrame } from "../lib/core/frame.ts";

/** One row: benchmark, ours (s), peer (s), note. */
export type ClvBenchRow = [string, number, number, string];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
}

function python(script: string, args: string[]): Record<string, unknown> {
  const out = new Deno.Command("/usr/bin/python3", {
    args: [new URL(script, import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** Lets V8 run finalizers so Polars frames of earlier repeats free their native memory. */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

// ---------------------------------------------------------------------------------------------
// clvSummary

/** A generated transaction log, as typed arrays (for the pandas peer) and as a DataFrame. */
export interface GeneratedLog {
  /** Customer ids 0..customers-1. */
  id: Int32Array;
  /** Purchase times, ms since 1970-01-01 UTC, whole seconds. */
  ms: Float64Array;
  /** Line values (dollars, 2 decimals). */
  value: Float64Array;
}

/**
 * A seeded transaction log of `lines` lines over 2023-01-01 .. 2024-12-31 (731 days): each of
 * `customers` customers is acquired at a uniform time in that span, each line picks a customer
 * uniformly (so about lines / customers lines each, Poisson) at a uniform time between the
 * customer's acquisition and the end, and is worth a log-normal amount (median 20, rounded to
 * cents). With 10 lines per customer most purchase days are distinct; with 1,000 per customer
 * most customers buy on most days, so many lines merge into one purchase day.
 *
 * @param lines Transaction lines.
 * @param customers Customers.
 * @param seed The generator's seed.
 * @returns The log.
 */
export function generateLog(lines: number, customers: number, seed: number): GeneratedLog {
  const rng = createRandom(seed);
  const start = Date.UTC(2023, 0, 1) / 1000;
  const span = 731 * 86_400;
  const acquired = new Float64Array(customers);
  for (let c = 0; c < customers; c++) acquired[c] = start + Math.floor(rng.next() * span);
  const id = new Int32Array(lines);
  const ms = new Float64Array(lines);
  const value = new Float64Array(lines);
  const end = start + span;
  for (let i = 0; i < lines; i++) {
    const c = rng.int(customers);
    id[i] = c;
    ms[i] = 1000 * (acquired[c] + Math.floor(rng.next() * (end - acquired[c])));
    const u = 1 - rng.next(), v = rng.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    value[i] = Math.round(2000 * Math.exp(0.8 * z)) / 100;
  }
  return { id, ms, value };
}

function logFrame(log: GeneratedLog): DataFrame {
  return pl.DataFrame([
    pl.Series("customer_id", log.id, pl.Int32),
    pl.Series("invoice_date", log.ms, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms")),
    pl.Series("amount", log.value, pl.Float64),
  ]);
}

function writeRaw(log: GeneratedLog, prefix: string): void {
  Deno.writeFileSync(`${prefix}.id`, new Uint8Array(log.id.buffer));
  Deno.writeFileSync(`${prefix}.ms`, new Uint8Array(log.ms.buffer));
  Deno.writeFileSync(`${prefix}.value`, new Uint8Array(log.value.buffer));
}

function totals(summary: DataFrame) {
  const sum = (c: string) => Number(summary.getColumn(c).sum());
  return {
    customers: summary.height,
    frequency: sum("frequency"),
    recency: sum("recency"),
    T: sum("T"),
    monetary: sum("monetary_value"),
  };
}

async function compareSummary(
  name: string,
  tx: DataFrame,
  options: Parameters<typeof clvSummary>[1],
  peerArgs: string[],
  repeats: number,
): Promise<ClvBenchRow> {
  const ours: number[] = [];
  let summary: DataFrame | undefined;
  for (let r = 0; r < repeats; r++) {
    summary = undefined;
    await settle();
    const t0 = performance.now();
    summary = clvSummary(tx, options);
    ours.push((performance.now() - t0) / 1000);
  }
  const mine = totals(summary!);
  const peer = python("./clv_summary_pandas.py", [...peerArgs, String(repeats)]) as
    & ReturnType<typeof totals>
    & { seconds: number[] };
  const same = mine.customers === peer.customers && mine.frequency === peer.frequency &&
    mine.recency === peer.recency && mine.T === peer.T &&
    Math.abs(mine.monetary - peer.monetary) <= 1e-9 * Math.abs(peer.monetary);
  return [
    name,
    median(ours),
    median(peer.seconds),
    `${mine.customers.toLocaleString("en-US")} customers, ${
      mine.frequency.toLocaleString("en-US")
    } repeat purchase days, sum of monetary_value ${mine.monetary.toFixed(2)}; ` +
    (same ? "same totals as pandas" : `DIFFERENT from pandas: ${JSON.stringify(peer)}`),
  ];
}

/**
 * The `clvSummary` rows: Online Retail and the two generated 10M-line logs.
 *
 * @param dir A scratch folder.
 * @returns The rows.
 */
export async function benchClvSummary(dir: string): Promise<ClvBenchRow[]> {
  const rows: ClvBenchRow[] = [];
  // Online Retail, cleaned: value = quantity x unit price, as of the day after the last invoice.
  const retail = cleanTransactions(loadOnlineRetail()).data.select(
    "customer_id",
    "invoice_date",
    "quantity",
    "unit_price",
  );
  const retailCsv = join(dir, "online_retail_clean.csv");
  retail.withColumns(pl.col("invoice_date").dt.strftime("%Y-%m-%d %H:%M:%S")).writeCSV(retailCsv);
  const asOf = "2011-12-10";
  rows.push(
    await compareSummary(
      `clvSummary, Online Retail cleaned (${retail.height.toLocaleString("en-US")} lines)`,
      retail,
      { asOf: new Date(asOf), timeUnit: "days", quantity: "quantity", price: "unit_price" },
      ["csv", retailCsv, asOf],
      5,
    ),
  );
  const lines = Number(Deno.env.get("CLV_BENCH_LINES") ?? 10_000_000);
  for (const [customers, seed] of [[1_000_000, 12], [10_000, 13]]) {
    let log: GeneratedLog | undefined = generateLog(lines, customers, seed);
    const prefix = join(dir, `log_${customers}`);
    writeRaw(log, prefix);
    const tx = logFrame(log);
    log = undefined;
    rows.push(
      await compareSummary(
        `clvSummary, generated log: ${lines.toLocaleString("en-US")} lines, ${
          customers.toLocaleString("en-US")
        } customers`,
        tx,
        { asOf: new Date("2025-01-01"), timeUnit: "days", monetary: "amount" },
        ["raw", prefix, "2025-01-01"],
        3,
      ),
    );
    for (const ext of ["id", "ms", "value"]) Deno.removeSync(`${prefix}.${ext}`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Fits

async function compareFit(
  name: string,
  summary: DataFrame,
  model: "bgnbd" | "pareto",
  dir: string,
  repeats: number,
): Promise<ClvBenchRow> {
  const path = join(dir, `${model}.csv`);
  summary.select("frequency", "recency", "T").writeCSV(path);
  const ours: number[] = [];
  let fit: ReturnType<typeof fitBgNbd> | ReturnType<typeof fitParetoNbd> | undefined;
  for (let r = 0; r < repeats; r++) {
    await settle();
    const t0 = performance.now();
    fit = model === "bgnbd" ? fitBgNbd(summary) : fitParetoNbd(summary);
    ours.push((performance.now() - t0) / 1000);
  }
  const scipy = python("./clv_scipy.py", [path, model, String(repeats)]) as {
    seconds: number[];
    logLikelihood: number;
  };
  const gap = (fit!.logLikelihood - scipy.logLikelihood) / Math.abs(scipy.logLikelihood);
  return [
    name,
    median(ours),
    median(scipy.seconds),
    `LL ${fit!.logLikelihood.toFixed(3)} vs scipy ${scipy.logLikelihood.toFixed(3)} ` +
    `(ours - scipy: ${gap.toExponential(1)} relative${gap >= -1e-6 ? ", ok" : ", WORSE"})` +
    `${fit!.converged ? "" : ", ours NOT converged"}`,
  ];
}

/** Simulated summary with recency and T rounded to whole days, in weeks. */
function simulatedDays(n: number): DataFrame {
  const raw = simulateSummary("bgnbd", [0.25, 4.4, 0.8, 2.4], n, 2026, 1, 78);
  const days = (c: string) => pl.col(c).mul(7).round(0).div(7).alias(c);
  return raw.select(pl.col("frequency"), days("recency"), days("T")).select(
    pl.col("frequency"),
    pl.when(pl.col("frequency").eq(0)).then(pl.lit(0)).otherwise(pl.col("recency")).alias(
      "recency",
    ),
    pl.col("T"),
  );
}

/**
 * The fit rows: BG/NBD and Pareto/NBD on the CDNOW master file and on 1,000,000 simulated
 * customers.
 *
 * @param dir A scratch folder.
 * @returns The rows.
 */
export async function benchClvFits(dir: string): Promise<ClvBenchRow[]> {
  const master = clvSummary(loadCdnow(), { asOf: new Date("1998-06-30"), timeUnit: "weeks" });
  const rows = [
    await compareFit("BG/NBD fit, CDNOW master (23,570 customers)", master, "bgnbd", dir, 7),
    await compareFit("Pareto/NBD fit, CDNOW master (23,570 customers)", master, "pareto", dir, 7),
  ];
  const big = simulatedDays(1_000_000);
  rows.push(
    await compareFit("BG/NBD fit, simulated 1,000,000 customers", big, "bgnbd", dir, 3),
    await compareFit("Pareto/NBD fit, simulated 1,000,000 customers", big, "pareto", dir, 3),
  );
  return rows;
}

/**
 * The CLV-interval rows (issue 17): {@linkcode customerLifetimeValue} with 100 parameter draws
 * (BG/NBD and Gamma-Gamma, CDNOW master as of 1997-09-30 in weeks, 52 weeks, 1% a month) on one
 * thread and on every core, interleaved with the same computation vectorised with numpy and
 * scipy.special.hyp2f1 (bench/clv_intervals_scipy.py, numpy's own draws: the bands agree within
 * Monte Carlo error) in each of 3 rounds; medians. Ours includes the point values and the output
 * frame; the peer's only the draws and percentiles.
 *
 * @param dir A scratch folder.
 * @returns One row per thread count: label, ours (s), numpy/scipy (s), note.
 */
export function benchClvIntervals(dir: string): ClvBenchRow[] {
  const summary = clvSummary(loadCdnow(), {
    asOf: new Date("1997-09-30"),
    timeUnit: "weeks",
    monetary: "monetary",
  }).filter(pl.col("frequency").eq(0).or(pl.col("monetary_value").gt(0)));
  const purchaseModel = fitBgNbd(summary);
  const spendModel = fitGammaGamma(summary);
  const draws = 100;
  const period = 30 / 7;
  const horizon = 52;
  const ends = Array.from(
    { length: Math.ceil(horizon / period - 1e-9) },
    (_, i) => Math.min((i + 1) * period, horizon),
  );
  const column = (name: string) => Array.from(summary.getColumn(name).cast(pl.Float64).toArray());
  const input = join(dir, "clv_intervals.json");
  const { r, alpha, a, b } = purchaseModel.params;
  const { p, q, v } = spendModel.params;
  Deno.writeTextFileSync(
    input,
    JSON.stringify({
      x: column("frequency"),
      tx: column("recency"),
      T: column("T"),
      monetary: column("monetary_value"),
      bg: [r, alpha, a, b],
      bgCov: purchaseModel.logParameterCovariance,
      gg: [p, q, v],
      ggCov: spendModel.logParameterCovariance,
      ends,
      discounts: ends.map((t) => Math.pow(1.01, -t / period)),
      margin: 1,
      draws,
      seed: 1,
    }),
  );
  const all = availableCores();
  const counts = all > 1 ? [1, all] : [1];
  const options = {
    purchaseModel,
    spendModel,
    horizon,
    timeUnit: "weeks" as const,
    discountRate: 0.01,
    seed: 1,
    draws,
  };
  const ours = new Map<number, number[]>(counts.map((t) => [t, []]));
  let bands: number[] = [];
  const bandMedians = (clv: DataFrame) =>
    ["clv_p10", "clv_p50", "clv_p90"].map((c) => clv.getColumn(c).median() as number);
  for (const t of counts) customerLifetimeValue(summary, { ...options, threads: t }); // warm-up
  const peers: { seconds: number; p10: number; p50: number; p90: number }[] = [];
  for (let round = 0; round < 3; round++) {
    for (const t of counts) {
      const t0 = performance.now();
      const clv = customerLifetimeValue(summary, { ...options, threads: t });
      ours.get(t)!.push((performance.now() - t0) / 1000);
      bands = bandMedians(clv);
    }
    peers.push(python("./clv_intervals_scipy.py", [input]) as (typeof peers)[number]);
  }
  const peerSeconds = median(peers.map((x) => x.seconds));
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(" / ");
  return counts.map((t) => {
    const seconds = median(ours.get(t)!);
    return [
      `CLV intervals, CDNOW master (${summary.height} customers), ${draws} draws, ` +
      `${t} thread${t === 1 ? "" : "s"}`,
      seconds,
      peerSeconds,
      `${(seconds / peerSeconds).toFixed(2)}x numpy/scipy (single-threaded); median p10 / p50 ` +
      `/ p90 ours ${fmt(bands)} (the same at every thread count), peer ` +
      `${fmt([peers[0].p10, peers[0].p50, peers[0].p90])}`,
    ];
  });
}

/**
 * Runs every CLV benchmark.
 *
 * @returns The rows: summaries first, then fits.
 */
export async function benchClv(): Promise<ClvBenchRow[]> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-clv-" });
  try {
    const only = Deno.env.get("CLV_BENCH_ONLY");
    return [
      ...(only === "fits" || only === "intervals" ? [] : await benchClvSummary(dir)),
      ...(only === "summary" || only === "intervals" ? [] : await benchClvFits(dir)),
    ];
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const rows = await benchClv();
  if (Deno.env.get("CLV_BENCH_ONLY") !== "summary" && Deno.env.get("CLV_BENCH_ONLY") !== "fits") {
    const dir = Deno.makeTempDirSync({ prefix: "bench-clv-" });
    try {
      rows.push(...benchClvIntervals(dir));
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
  for (const row of rows) {
    console.log(`| ${row[0]} | ${row[1].toFixed(3)} | ${row[2].toFixed(3)} | ${row[3]} |`);
  }
}
