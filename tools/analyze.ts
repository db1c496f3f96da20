/**
 * `deno task analyze`, the main job: executes every notebook on the bundled data and writes a
 * report to `out/`: the executed notebooks, their HTML (nbconvert) and an `index.html` linking
 * them, plus the CSV files the notebooks export. Committed notebooks are never touched. The report
 * is built in a staging folder and swapped in at the end, so `out/` is whole or unchanged.
 *
 * @module
 */
import { basename, join } from "node:path";
import { executeNotebook, listNotebooks, notebookToHtml, pythonPath, ROOT } from "./jupyter.ts";

const OUT = join(ROOT, "out");

function titleOf(path: string): string {
  const nb = JSON.parse(Deno.readTextFileSync(path));
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    const heading = text.match(/^#\s+(.+)$/m);
    if (heading) return heading[1].trim();
  }
  return basename(path);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}

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
  // Notebooks that export files write them to CUSTOMER_LENS_OUT (see each notebook's parameters).
  Deno.env.set("CUSTOMER_LENS_OUT", join(staging, "exports"));
  const rows: string[] = [];
  try {
    for (const [i, path] of notebooks.entries()) {
      const name = basename(path, ".ipynb");
      const started = performance.now();
      console.log(`[${i + 1}/${notebooks.length}] ${name}: executing...`);
      const executed = join(staging, "notebooks", `${name}.ipynb`);
      executeNotebook(path, executed, { progress: true });
      notebookToHtml(executed, join(staging, `${name}.html`));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`[${i + 1}/${notebooks.length}] ${name}: done in ${seconds} s`);
      rows.push(
        `<li><a href="${name}.html">${escapeHtml(titleOf(path))}</a> ` +
          `(<a href="notebooks/${name}.ipynb">notebook</a>, ${seconds} s)</li>`,
      );
    }
    let exports = "";
    try {
      const files = [...Deno.readDirSync(join(staging, "exports"))].map((e) => e.name).sort();
      exports = files.map((f) => `<li><a href="exports/${f}">${escapeHtml(f)}</a></li>`).join("\n");
    } catch {
      // no notebook exported files
    }
    const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Customer Lens report</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}</style>
</head><body>
<h1>Customer Lens report</h1>
<p>Every notebook executed on the bundled data, generated ${
      new Date().toISOString().slice(0, 10)
    }.</p>
<ol>
${rows.join("\n")}
</ol>
${exports ? `<h2>Exported tables</h2>\n<ul>\n${exports}\n</ul>` : ""}
</body></html>
`;
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

Deno.exit(main());
