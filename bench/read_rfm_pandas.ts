/**
 * Read + RFM from a clean CSV against pandas (issue 15's target: at most 0.3x pandas' time at 2M
 * and 20M lines): `computeRfm(readTransactions(csv))` and bench/rfm_pandas.py (`read_csv` +
 * `groupby().agg()`) on the same generated file (`writeCleanCsv` of bench/read.ts: ISO
 * date-times, integer ids, one customer per 20 lines), side by side in one run.
 *
 *     deno run --v8-flags=--expose-gc --allow-read --allow-write --allow-env --allow-run \
 *       --allow-ffi --allow-sys=cpus,networkInterfaces,hostname,osRelease \
 *       bench/read_rfm_pandas.ts [lines=2000000] [repeats=3]
 *
 * @module
 */
import { join } from "node:path";
import { readTransactions } from "../lib/io/read_transactions.ts";
import { computeRfm } from "../lib/rfm/compute_rfm.ts";
import { writeCleanCsv } from "./read.ts";

const AS_OF = new Date("2011-12-10T00:00:00Z");

/** The load average (1, 5, 15 min) from `cat /proc/loadavg` (Deno reads /proc only with -A). */
export function loadAverage(): string {
  try {
    const out = new Deno.Command("cat", { args: ["/proc/loadavg"], stdout: "piped" }).outputSync();
    return new TextDecoder().decode(out.stdout).split(" ").slice(0, 3).join(" ") || "?";
  } catch {
    return "?";
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Returns [lines, ours (s), pandas (s), customers ours, customers pandas, load average]. */
export async function benchReadRfmPandas(
  lines = 2_000_000,
  repeats = 3,
): Promise<[number, number, number, number, number, string]> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-read-rfm-" });
  try {
    const path = join(dir, "clean.csv");
    writeCleanCsv(path, lines);
    const load = loadAverage();
    const ours: number[] = [];
    let customers = 0;
    for (let r = 0; r < repeats; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const t0 = performance.now();
      customers = computeRfm(readTransactions(path), { asOf: AS_OF }).height;
      ours.push((performance.now() - t0) / 1000);
    }
    const out = new Deno.Command("/usr/bin/python3", {
      args: [new URL("./rfm_pandas.py", import.meta.url).pathname, path, String(repeats)],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
    const pandas = JSON.parse(new TextDecoder().decode(out.stdout));
    return [lines, median(ours), median(pandas.seconds), customers, pandas.customers, load];
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const [lines, ours, pandas, a, b, load] = await benchReadRfmPandas(
    Number(Deno.args[0] ?? 2_000_000),
    Number(Deno.args[1] ?? 3),
  );
  console.log("| lines | read + RFM (s) | pandas (s) | ratio | customers | load average |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  console.log(
    `| ${lines.toLocaleString("en-US")} | ${ours.toFixed(3)} | ${pandas.toFixed(3)} | ${
      (ours / pandas).toFixed(2)
    } | ${a} vs ${b} | ${load} |`,
  );
}
