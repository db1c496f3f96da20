/**
 * `deno task bench`: every benchmark, each measured side by side with the tool an analyst would
 * otherwise use, on the same data and machine, in the same run. Prints a Markdown table to paste
 * into bench/README.md. Not a test: no timing is ever asserted.
 *
 * @module
 */
import { benchOnlineRetailQuality } from "./online_retail_quality.ts";

const cpu = Deno.build.arch;
console.log(
  `# Benchmarks (${
    new Date().toISOString().slice(0, 10)
  }, ${Deno.build.os}/${cpu}, ${navigator.hardwareConcurrency} cores, Deno ${Deno.version.deno})\n`,
);
console.log("| benchmark | median of 5 (s) |\n| --- | --- |");
for (const [name, seconds] of await benchOnlineRetailQuality()) {
  console.log(`| ${name} | ${seconds.toFixed(3)} |`);
}
