/**
 * `deno task bench`: every benchmark, each measured side by side with the tool an analyst would
 * otherwise use (pandas, scikit-learn), on the same data and machine, in the same run. Prints a
 * Markdown table to paste into bench/README.md. Not a test: no timing is ever asserted.
 *
 * @module
 */
import { benchOnlineRetailQuality } from "./online_retail_quality.ts";
import { benchSegmentation } from "./segmentation.ts";
import { benchRfm } from "./rfm.ts";
import { benchChurn } from "./churn.ts";
import { benchBasket } from "./basket.ts";
import { benchItemSimilarity, benchRecommend } from "./recommend.ts";
import { benchExperiment } from "./experiment.ts";
import { benchClv, benchClvIntervals } from "./clv.ts";
import { benchRead } from "./read.ts";
import { benchReadRfmPandas } from "./read_rfm_pandas.ts";
import { benchScale, saveScaleCharts, scaleTable } from "./scale.ts";

console.log(
  `# Benchmarks (${new Date().toISOString().slice(0, 10)}, ${Deno.build.os}/${Deno.build.arch}, ` +
    `${navigator.hardwareConcurrency} cores, Deno ${Deno.version.deno})\n`,
);
console.log("| benchmark | Customer Lens (s) | peer (s) | ratio | note |");
console.log("| --- | --- | --- | --- | --- |");
const row = (name: string, ours: number, peer: number, note: string) =>
  console.log(
    `| ${name} | ${ours.toFixed(3)} | ${peer.toFixed(3)} | ${(ours / peer).toFixed(2)} | ${note} |`,
  );

const quality = await benchOnlineRetailQuality();
const pandasQuality = quality[2][1];
row(quality[0][0], quality[0][1], pandasQuality, "peer: pandas 1.5.3 reading the same data as CSV");
row(quality[1][0], quality[1][1], pandasQuality, "peer: pandas 1.5.3, same CSV");
for (const [name, ours, peer, note] of await benchSegmentation()) {
  row(name, ours, peer, `peer: scikit-learn 1.2.1; ${note}`);
}
const [name, ours, peer, note] = await benchRfm();
row(name, ours, peer, `peer: pandas 1.5.3; ${note}`);
for (const [label, seconds, sklearn, detail] of await benchChurn()) {
  row(label, seconds, sklearn, `peer: scikit-learn 1.2.1; ${detail}`);
}
for (const [label, seconds, numpy, detail] of benchExperiment()) {
  row(label, seconds, numpy, `peer: numpy/scipy, same simulation; ${detail}`);
}
for (const [label, seconds, peer, detail] of await benchClv()) {
  const tool = label.startsWith("clvSummary")
    ? "pandas 1.5.3, lifetimes' summary logic"
    : "scipy 1.10.1 L-BFGS-B, same likelihood";
  row(label, seconds, peer, `peer: ${tool}; ${detail}`);
}
const intervalsDir = Deno.makeTempDirSync({ prefix: "clv_intervals_bench_" });
try {
  for (const [label, seconds, peer, detail] of benchClvIntervals(intervalsDir)) {
    row(label, seconds, peer, `peer: numpy/scipy hyp2f1, same draws; ${detail}`);
  }
} finally {
  Deno.removeSync(intervalsDir, { recursive: true });
}
for (const [label, seconds, peer, detail] of benchItemSimilarity()) {
  row(label, seconds, peer, `peer: scikit-learn 1.2.1 NearestNeighbors (cosine); ${detail}`);
}

console.log(
  "\n| minSupport | itemsets (maxLen 3) | rules (confidence >= 0.3) | seconds | RSS growth (MiB) |",
);
console.log("| --- | --- | --- | --- | --- |");
for (const [minSupport, itemsets, rules, seconds, mib] of await benchBasket()) {
  console.log(
    `| ${minSupport} | ${itemsets} | ${rules} | ${seconds.toFixed(3)} | ${mib.toFixed(0)} |`,
  );
}

console.log("\n| recommender | seconds | RSS growth (MiB) | rows |");
console.log("| --- | --- | --- | --- |");
for (const [name, seconds, mib, rows] of await benchRecommend()) {
  console.log(`| ${name} | ${seconds.toFixed(3)} | ${mib.toFixed(0)} | ${rows} |`);
}

// Reading (issue 15): readTransactions against Polars' own readCSV, and RFM by three paths.
const read = await benchRead();
console.log("\n| reading step (issue 15) | median (s) |");
console.log("| --- | --- |");
for (const [name, seconds] of Object.entries(read)) {
  console.log(`| ${name} | ${seconds.toFixed(3)} |`);
}

// BENCH_SCALE_MAX_LINES (e.g. 2000000) drops the larger sizes here and below (default: all).
const maxLines = Number(Deno.env.get("BENCH_SCALE_MAX_LINES") ?? Number.POSITIVE_INFINITY);

// Read + RFM from a clean CSV against pandas (issue 15): 2M lines (median of 3) and 20M (once).
console.log("\n| read + RFM from CSV (issue 15) | ours (s) | pandas (s) | ratio | load average |");
console.log("| --- | --- | --- | --- | --- |");
for (const [lines, repeats] of [[2_000_000, 3], [20_000_000, 1]]) {
  if (lines > maxLines) continue;
  const [, ours, pandas, , , load] = await benchReadRfmPandas(lines, repeats);
  console.log(
    `| ${lines.toLocaleString("en-US")} lines | ${ours.toFixed(3)} | ${pandas.toFixed(3)} | ${
      (ours / pandas).toFixed(2)
    } | ${load} |`,
  );
}

// Scale (issue 15): 2M-50M generated lines as Parquet, each step in its own process.
// BENCH_SCALE_CHART=0 keeps docs/scale_*.svg/png as they are.
const scale = await benchScale(maxLines);
console.log(`\n${scaleTable(scale)}`);
if (Deno.env.get("BENCH_SCALE_CHART") !== "0") {
  await saveScaleCharts(scale, new URL("../docs/", import.meta.url).pathname);
}
