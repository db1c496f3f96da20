/**
 * `deno task analyze`, the main job: executes every notebook on the bundled data and writes a
 * report to `out/`. With `--transactions PATH --as-of DATE` (or `customer-lens.json` in the
 * working directory) it runs them on an analyst's own data instead: validated, pseudonymised,
 * small counts hidden, with a governance section (see `tools/own_data.ts`). The bundled report holds the executed notebooks, their HTML (nbconvert)
 * and an `index.html` linking them, plus the CSV files the notebooks export. Committed notebooks are never touched. The report
 * is built in a staging folder and swapped in at the end, so `out/` is whole or unchanged.
 *
 * @module
 */
import { basename, join } from "node:path";
import { executeNotebooks, listNotebooks, pythonPath, ROOT } from "./jupyter.ts";
import { parseArgs, USAGE, userCwd } from "./analyze_args.ts";
import { exportsList, notebookSection, reportPage } from "./report.ts";

const OUT = join(ROOT, "out");

function main(): number {
  try {
    pythonPath();
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const notebooks = listNotebooks();
  const staging = join(ROOT, `.out-staging-${Deno.pid}`);
  Deno.mkdirSync(join(staging, "notebooks"), { recursive: true });
  Deno.mkdirSync(join(staging, "thumbs"), { recursive: true });
  // Notebooks that export files write them to CUSTOMER_LENS_OUT (see each notebook's parameters).
  Deno.env.set("CUSTOMER_LENS_OUT", join(staging, "exports"));
  const rows: string[] = [];
  try {
    const started = performance.now();
    console.log(`Executing ${notebooks.length} notebooks, two at a time...`);
    const pairs = notebooks.map((path) =>
      [path, join(staging, "notebooks", `${basename(path, ".ipynb")}.ipynb`)] as const
    );
    const failed = executeNotebooks(pairs, { progress: true, jobs: 2, htmlDir: staging });
    if (failed.length > 0) {
      throw new Error(`Cannot write the report as a cell failed in ${failed.join(", ")}`);
    }
    for (const [path, executed] of pairs) {
      rows.push(notebookSection(path, executed, join(staging, "thumbs")));
    }
    console.log(
      `All notebooks executed and rendered in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
    const html = reportPage(
      `<p>Every notebook executed on the bundled data, generated ${
        new Date().toISOString().slice(0, 10)
      }.</p>
<p>Headline findings of each notebook (its "Interpret" section) and its first charts; follow a
title for the whole notebook.</p>
${rows.join("\n")}
${exportsList(staging)}`,
    );
    Deno.writeTextFileSync(join(staging, "index.html"), html);
    try {
      Deno.removeSync(OUT, { recursive: true });
    } catch {
      // first run
    }
    Deno.renameSync(staging, OUT);
  } catch (error) {
    Deno.removeSync(staging, { recursive: true });
    console.error((error as Error).message);
    console.error("The report was not written; out/ is unchanged.");
    return 1;
  }
  console.log(`Report written: ${join(OUT, "index.html")}`);
  return 0;
}

if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
  console.log(USAGE);
  Deno.exit(0);
}
const parsed = parseArgs(Deno.args, userCwd());
if (parsed.mode === "error") {
  console.error("Validation failed; nothing was written:");
  for (const error of parsed.errors) console.error(`  - ${error}`);
  console.error(`\n${USAGE}`);
  Deno.exit(1);
}
if (parsed.mode === "own") {
  // Loaded only for own data: it needs Polars (and so --allow-ffi), the bundled run does not.
  const { runOwnData } = await import("./own_data.ts");
  Deno.exit(await runOwnData(parsed.options));
}
Deno.exit(main());
