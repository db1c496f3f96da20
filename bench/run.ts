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
import { benchRecommend } from "./recommend.ts";
import { benchExperiment } from "./experiment.ts";
import { benchClv } from "./clv.ts";

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
