/**
 * CLV benchmark: BG/NBD and Pareto/NBD fits on the CDNOW master file (23,570 customers, weeks,
 * as of 1998-06-30) and on a simulated 1,000,000-customer BG/NBD summary (recency and T in whole
 * days, stated in weeks, as {@linkcode clvSummary} gives them), against a scipy L-BFGS-B fit of the
 * same likelihood on the same summary (bench/clv_scipy.py), same run. Reports both times and
 * both log-likelihoods (ours must be at least scipy's, to 1e-6 relative).
 *
 * Run alone: `deno run --allow-read --allow-write --allow-env --allow-run --allow-ffi
 * --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/clv.ts`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { loadCdnow } from "../lib/io/datasets.ts";
import { clvSummary } from "../lib/clv/clv_summary.ts";
import { fitBgNbd } from "../lib/clv/fit_bg_nbd.ts";
import { fitParetoNbd } from "../lib/clv/fit_pareto_nbd.ts";
import { simulateSummary } from "../lib/clv/_test_simulate.ts";
import type { DataFrame } from "../lib/core/frame.ts";

/** One row: benchmark, ours (s), scipy (s), note. */
export type ClvBenchRow = [string, number, number, string];

function scipyFit(path: string, model: "bgnbd" | "pareto") {
  const out = new Deno.Command("/usr/bin/python3", {
    args: [new URL("./clv_scipy.py", import.meta.url).pathname, path, model],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout)) as {
    seconds: number;
    logLikelihood: number;
  };
}

function compare(
  name: string,
  summary: DataFrame,
  model: "bgnbd" | "pareto",
  dir: string,
): ClvBenchRow {
  const path = join(dir, `${model}.csv`);
  summary.select("frequency", "recency", "T").writeCSV(path);
  const t0 = performance.now();
  const fit = model === "bgnbd" ? fitBgNbd(summary) : fitParetoNbd(summary);
  const ours = (performance.now() - t0) / 1000;
  const scipy = scipyFit(path, model);
  const gap = (fit.logLikelihood - scipy.logLikelihood) / Math.abs(scipy.logLikelihood);
  return [
    name,
    ours,
    scipy.seconds,
    `LL ${fit.logLikelihood.toFixed(3)} vs scipy ${scipy.logLikelihood.toFixed(3)} ` +
    `(ours - scipy: ${gap.toExponential(1)} relative${gap >= -1e-6 ? ", ok" : ", WORSE"})` +
    `${fit.converged ? "" : ", ours NOT converged"}`,
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

/** Runs the benchmark. */
export function benchClv(): ClvBenchRow[] {
  const dir = Deno.makeTempDirSync({ prefix: "bench-clv-" });
  try {
    const master = clvSummary(loadCdnow(), { asOf: new Date("1998-06-30"), timeUnit: "weeks" });
    const rows = [
      compare("BG/NBD fit, CDNOW master (23,570 customers)", master, "bgnbd", dir),
      compare("Pareto/NBD fit, CDNOW master (23,570 customers)", master, "pareto", dir),
    ];
    const big = simulatedDays(1_000_000);
    rows.push(compare("BG/NBD fit, simulated 1,000,000 customers", big, "bgnbd", dir));
    if (Deno.env.get("CLV_BENCH_PARETO_1M") === "1") {
      rows.push(compare("Pareto/NBD fit, simulated 1,000,000 customers", big, "pareto", dir));
    }
    return rows;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  for (const row of benchClv()) {
    console.log(`| ${row[0]} | ${row[1].toFixed(3)} | ${row[2].toFixed(3)} | ${row[3]} |`);
  }
}
