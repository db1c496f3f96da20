/**
 * The HTML report of `deno task analyze` (bundled data and an analyst's own data): a section per
 * executed notebook with its headline findings and first charts, the exported tables, and for own
 * data the governance section. Shared by `tools/analyze.ts` and `tools/own_data.ts`.
 *
 * @module
 */
import { basename, join } from "node:path";

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[] };
  outputs?: { data?: Record<string, string | string[]> }[];
}

/** A cell's text. */
export function cellText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : value ?? "";
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}

/** Markdown `**bold**` and `code` to HTML, the rest escaped. */
export function inline(markdown: string): string {
  return escapeHtml(markdown).replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\\\$/g, "$");
}

/** The notebook's title: its first `# ` heading. */
export function titleOf(path: string): string {
  const nb = JSON.parse(Deno.readTextFileSync(path));
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = cellText(cell.source).match(/^#\s+(.+)$/m);
    if (heading) return heading[1].trim();
  }
  return basename(path);
}

/**
 * The headline findings of an executed notebook: the bullets of its "Interpret" section (which
 * quote the numbers its cells printed), and up to `max` chart PNGs written as thumbnail files.
 */
export function headlines(
  executed: string,
  thumbDir: string,
  name: string,
  max = 3,
): { bullets: string[]; thumbs: string[]; skipped: string[] } {
  const nb = JSON.parse(Deno.readTextFileSync(executed)) as { cells: NotebookCell[] };
  const interpret = nb.cells.find((c) =>
    c.cell_type === "markdown" && /^##\s+Interpret/m.test(cellText(c.source))
  );
  const bullets = interpret === undefined ? [] : cellText(interpret.source)
    .split(/\n(?=- )/).filter((b) => b.startsWith("- "))
    .map((b) => b.slice(2).replace(/\s*\n\s*/g, " ").trim());
  const skipped = [
    ...new Set(
      nb.cells.filter((c) => c.metadata?.tags?.includes(SKIPPED_TAG))
        .map((c) => cellText(c.source).replace(/^_|_$/g, "").trim()),
    ),
  ];
  const thumbs: string[] = [];
  for (const cell of nb.cells) {
    for (const output of cell.outputs ?? []) {
      const png = output.data?.["image/png"];
      if (png === undefined || thumbs.length >= max) continue;
      const file = `${name}-${thumbs.length + 1}.png`;
      const bytes = Uint8Array.from(
        atob(cellText(png).replace(/\s/g, "")),
        (c) => c.charCodeAt(0),
      );
      Deno.writeFileSync(join(thumbDir, file), bytes);
      thumbs.push(
        `<img src="thumbs/${file}" alt="${escapeHtml(cellText(output.data?.["text/plain"]))}">`,
      );
    }
  }
  return { bullets, thumbs, skipped };
}

/** The tag of the one-line notes that replace skipped parts in an executed notebook. */
export const SKIPPED_TAG = "skipped-part";

/** One notebook's section of the report. */
export function notebookSection(
  source: string,
  executed: string,
  thumbDir: string,
  options: { bullets?: boolean } = {},
): string {
  const name = basename(executed, ".ipynb");
  const { bullets, thumbs, skipped } = headlines(executed, thumbDir, name);
  const shown = options.bullets === false ? [] : bullets;
  return `<section><h2><a href="${name}.html">${escapeHtml(titleOf(source))}</a></h2>\n` +
    `<p class="meta"><a href="notebooks/${name}.ipynb">executed notebook</a></p>\n` +
    (shown.length > 0
      ? `<ul>\n${shown.map((b) => `<li>${inline(b)}</li>`).join("\n")}\n</ul>\n`
      : "") +
    (skipped.length > 0
      ? `<p class="meta">${skipped.map((s) => escapeHtml(s)).join("<br>")}</p>\n`
      : "") +
    `<a class="thumbs" href="${name}.html">${thumbs.join("")}</a></section>`;
}

/** The exported files of a report folder as an HTML list (empty when there are none). */
export function exportsList(dir: string): string {
  try {
    const files = [...Deno.readDirSync(join(dir, "exports"))].map((e) => e.name)
      .filter((f) => !f.startsWith(".")).sort();
    if (files.length === 0) return "";
    return `<h2>Exported tables</h2>\n<ul>\n${
      files.map((f) => `<li><a href="exports/${f}">${escapeHtml(f)}</a></li>`).join("\n")
    }\n</ul>`;
  } catch {
    return "";
  }
}

/** A whole report page. */
export function reportPage(body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Customer Lens report</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}
section{border-top:1px solid #ddd;margin-top:1.5rem}.meta{color:#666;margin:0}
.thumbs img{width:30%;margin-right:2%;border:1px solid #eee}</style>
</head><body>
<h1>Customer Lens report</h1>
${body}
</body></html>
`;
}
