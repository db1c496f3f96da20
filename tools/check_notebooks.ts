/**
 * Type-checks the notebooks' code: the Deno kernel does not type-check, and `deno check` cannot
 * read an .ipynb, so each notebook's code cells are joined (in order, one scope, as the kernel runs
 * them) into a temporary .ts file whose relative imports are made absolute, then checked with the
 * project's deno.json.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { listNotebooks, ROOT } from "./jupyter.ts";

/** Joins a notebook's code cells into TypeScript with absolute relative-import specifiers. */
export function notebookToTypeScript(path: string): string {
  const nb = JSON.parse(Deno.readTextFileSync(path));
  const dir = dirname(resolve(path));
  const cells: string[] = [];
  nb.cells.forEach((cell: { cell_type: string; source: string | string[] }, i: number) => {
    if (cell.cell_type !== "code") return;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    const absolute = source.replace(
      /(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\2/g,
      (_m, lead: string, quote: string, spec: string) =>
        `${lead}${quote}${pathToFileURL(resolve(dir, spec)).href}${quote}`,
    );
    // A cell ends a statement: the next cell may start with "(" or "[".
    cells.push(`// cell ${i + 1}\n${absolute}\n;`);
  });
  return cells.join("\n") + "\nexport {};\n";
}

/**
 * Type-checks every notebook; returns the checker's messages, empty when all are clean.
 *
 * @param notebooks Paths of the notebooks to check; defaults to all numbered notebooks.
 */
export function checkNotebooks(notebooks: string[] = listNotebooks()): string {
  const dir = Deno.makeTempDirSync({ prefix: "nbcheck-" });
  try {
    const files = notebooks.map((path) => {
      const file = join(dir, path.split("/").pop()!.replace(/\.ipynb$/, ".ts"));
      Deno.writeTextFileSync(file, notebookToTypeScript(path));
      return file;
    });
    if (files.length === 0) return "";
    const out = new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", "--config", join(ROOT, "deno.json"), ...files],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (out.success) return "";
    return new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const problems = checkNotebooks();
  if (problems) {
    console.error(problems);
    Deno.exit(1);
  }
  console.log(`Notebook code type-checks: ${listNotebooks().length} notebooks`);
}
