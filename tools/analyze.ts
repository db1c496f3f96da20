/**
 * `deno task analyze`, the main job: executes every notebook on the bundled data and writes a
 * report to `out/`. With `--transactions PATH --as-of DATE` (or `customer-lens.json` in the
 * working directory) it validates and prepares an analyst's own data instead (see
 * `tools/own_data.ts`). The bundled report holds the executed notebooks, their HTML (nbconvert)
 * and an `index.html` linking them, plus the CSV files the notebooks export. Committed notebooks are never touched. The report
 * is built in a staging folder and swapped in at the end, so `out/` is whole or unchanged.
 *
 * @module
 */
import { basename, join } from "node:path";
import { executeNotebooks, listNotebooks, pythonPath, ROOT } from "./jupyter.ts";
import { parseArgs, USAGE, userCwd } from "./analyze_args.ts";

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

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: { data?: Record<string, string | string[]> }[];
}

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : value ?? "";
}

/** Markdown `**bold**` and `code` to HTML, the rest escaped. */
function inline(markdown: string): string {
  return escapeHtml(markdown).replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\\\$/g, "$");
}

/**
 * The headline findings of an executed notebook: the bullets of its "Interpret" section (which
 * quote the numbers its cells printed), and up to `max` chart PNGs written as thumbnail files.
 */
function headlines(executed: string, thumbDir: string, name: string, max = 3) {
  const nb = JSON.parse(Deno.readTextFileSync(executed)) as { cells: NotebookCell[] };
  const interpret = nb.cells.find((c) =>
    c.cell_type === "markdown" && /^##\s+Interpret/m.test(text(c.source))
  );
  const bullets = interpret === undefined ? [] : text(interpret.source)
    .split(/\n(?=- )/).filter((b) => b.startsWith("- "))
    .map((b) => b.slice(2).replace(/\s*\n\s*/g, " ").trim());
  const thumbs: string[] = [];
  for (const cell of nb.cells) {
    for (const output of cell.outputs ?? []) {
      const png = output.data?.["image/png"];
      if (png === undefined || thumbs.length >= max) continue;
      const file = `${name}-${thumbs.length + 1}.png`;
      const bytes = Uint8Array.from(atob(text(png).replace(/\s/g, "")), (c) => c.charCodeAt(0));
      Deno.writeFileSync(join(thumbDir, file), bytes);
      thumbs.push(
        `<img src="thumbs/${file}" alt="${escapeHtml(text(output.data?.["text/plain"]))}">`,
      );
    }
  }
  return { bullets, thumbs };
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
      const name = basename(path, ".ipynb");
      const { bullets, thumbs } = headlines(executed, join(staging, "thumbs"), name);
      rows.push(
        `<section><h2><a href="${name}.html">${escapeHtml(titleOf(path))}</a></h2>\n` +
          `<p class="meta"><a href="notebooks/${name}.ipynb">executed notebook</a></p>\n` +
          (bullets.length > 0
            ? `<ul>\n${bullets.map((b) => `<li>${inline(b)}</li>`).join("\n")}\n</ul>\n`
            : "") +
          `<a class="thumbs" href="${name}.html">${thumbs.join("")}</a></section>`,
      );
    }
    console.log(
      `All notebooks executed and rendered in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
    let exports = "";
    try {
      const files = [...Deno.readDirSync(join(staging, "exports"))].map((e) => e.name).sort();
      exports = files.map((f) => `<li><a href="exports/${f}">${escapeHtml(f)}</a></li>`).join("\n");
    } catch {
      // no notebook exported files
    }
    const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Customer Lens report</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}
section{border-top:1px solid #ddd;margin-top:1.5rem}.meta{color:#666;margin:0}
.thumbs img{width:30%;margin-right:2%;border:1px solid #eee}</style>
</head><body>
<h1>Customer Lens report</h1>
<p>Every notebook executed on the bundled data, generated ${
      new Date().toISOString().slice(0, 10)
    }.</p>
<p>Headline findings of each notebook (its "Interpret" section) and its first charts; follow a
title for the whole notebook.</p>
${rows.join("\n")}
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
