/**
 * Every committed notebook must reproduce: re-executed through Jupyter with the Deno kernel into a
 * temporary folder, each code cell's outputs must equal the committed ones (after dropping
 * execution counts and metadata, and ANSI codes). A failure names the notebook and cell and shows
 * a diff. The notebooks' code must also type-check, since the kernel does not.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import {
  compareNotebooks,
  executeNotebooks,
  listNotebooks,
  notebookToHtml,
} from "../tools/jupyter.ts";
import { checkNotebooks } from "../tools/check_notebooks.ts";

const notebooks = listNotebooks();

Deno.test("there are notebooks to run", () => {
  assert.ok(notebooks.length > 0, "no notebooks/NN_*.ipynb found");
});

Deno.test("the notebooks' code type-checks", () => {
  assert.equal(checkNotebooks(notebooks), "");
});

for (const path of notebooks) {
  Deno.test(`${basename(path)} is committed executed, without errors`, () => {
    const nb = JSON.parse(Deno.readTextFileSync(path));
    const outputs = nb.cells.flatMap((c: { outputs?: { output_type: string; data?: object }[] }) =>
      c.outputs ?? []
    );
    assert.ok(outputs.length > 0, "committed without outputs");
    const errors = outputs.filter((o: { output_type: string }) => o.output_type === "error");
    assert.equal(errors.length, 0, "committed with error outputs");
    const charts = outputs.filter((o: { data?: object }) => o.data && "image/svg+xml" in o.data);
    assert.ok(charts.length >= 1, "no chart output");
    // Every chart also carries a PNG (shown when the notebook is untrusted) and alt text.
    for (const chart of charts) {
      assert.ok("image/png" in chart.data, "a chart without its PNG");
      assert.ok("text/plain" in chart.data, "a chart without alt text");
      assert.ok(!("text/html" in chart.data), "a chart with an HTML form");
    }
  });
}

// All notebooks are executed once, two at a time, into one temporary folder; each is then compared.
const executedDir = Deno.makeTempDirSync({ prefix: "nbrun-" });
const executed = (path: string) => join(executedDir, basename(path));
let failed: string[] | undefined;

Deno.test("every notebook re-executes without an error", () => {
  failed = executeNotebooks(notebooks.map((path) => [path, executed(path)] as const));
  assert.deepEqual(failed.map((p) => basename(p)), [], "notebooks with a failing cell");
});

for (const path of notebooks) {
  Deno.test(`${basename(path)} reproduces its committed outputs`, () => {
    assert.ok(failed !== undefined, "the notebooks were not executed");
    const diff = compareNotebooks(path, executed(path));
    assert.equal(diff, "", `re-executing ${basename(path)} changed outputs:\n${diff}`);
  });
}

Deno.test("the executed notebooks are removed", () => {
  Deno.removeSync(executedDir, { recursive: true });
});

Deno.test("a committed notebook renders to standalone HTML for the report", () => {
  const dir = Deno.makeTempDirSync({ prefix: "nbhtml-" });
  try {
    const html = join(dir, "report.html");
    notebookToHtml(notebooks[0], html);
    const text = Deno.readTextFileSync(html);
    assert.match(text, /<html/);
    // Titled after the notebook, and self-contained: nothing loaded from the machine's paths.
    assert.match(text, /<title>Check, clean and explore a year of online retail<\/title>/);
    assert.doesNotMatch(text, /src="file:/);
    assert.doesNotMatch(text, /require(\.min)?\.js|MathJax\.js/);
    // Charts are embedded whole as data: URLs (nbconvert 6.5 sanitises inline SVG to nothing).
    const charts = [...text.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+\/=]+)/g)];
    assert.ok(charts.length >= 4, `${charts.length} charts in the HTML`);
    const first = new TextDecoder().decode(
      Uint8Array.from(atob(charts[0][1]), (c) => c.charCodeAt(0)),
    );
    assert.match(first, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(first, /<(rect|path|circle)\b/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the comparison names the notebook and cell and shows the changed row", () => {
  const dir = Deno.makeTempDirSync({ prefix: "nbcompare-" });
  try {
    const notebook = (rows: string) => ({
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["# t"] },
        {
          cell_type: "code",
          execution_count: 1,
          metadata: { execution: { "iopub.status.idle": "2026-01-01T00:00:00Z" } },
          source: ["table"],
          outputs: [{
            output_type: "execute_result",
            execution_count: 1,
            metadata: {},
            data: { "text/html": `<table><tbody>${rows}</tbody></table>` },
          }],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    const a = join(dir, "a.ipynb");
    const b = join(dir, "b.ipynb");
    const c = join(dir, "c.ipynb");
    Deno.writeTextFileSync(a, JSON.stringify(notebook("<tr><td>1</td></tr><tr><td>2</td></tr>")));
    Deno.writeTextFileSync(b, JSON.stringify(notebook("<tr><td>1</td></tr><tr><td>3</td></tr>")));
    const executedAgain = notebook("<tr><td>1</td></tr><tr><td>2</td></tr>");
    executedAgain.cells[1].execution_count = 7;
    Deno.writeTextFileSync(c, JSON.stringify(executedAgain));
    const diff = compareNotebooks(a, b);
    assert.match(diff, /a\.ipynb: code cell 1 \(table\): outputs differ/);
    assert.match(diff, /-\s+<tr><td>2<\/td><\/tr>/);
    assert.match(diff, /\+\s+<tr><td>3<\/td><\/tr>/);
    assert.equal(compareNotebooks(a, c), "", "execution counts and metadata are ignored");
    // Floats are compared at 10 significant digits (group-by sums can differ in the last bits).
    const d = join(dir, "d.ipynb");
    const e = join(dir, "e.ipynb");
    Deno.writeTextFileSync(d, JSON.stringify(notebook("<tr><td>0.9607590847109444</td></tr>")));
    Deno.writeTextFileSync(e, JSON.stringify(notebook("<tr><td>0.9607590847109446</td></tr>")));
    assert.equal(compareNotebooks(d, e), "");
    Deno.writeTextFileSync(e, JSON.stringify(notebook("<tr><td>0.9607690847109446</td></tr>")));
    assert.match(compareNotebooks(d, e), /outputs differ/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
