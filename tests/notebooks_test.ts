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
  executeNotebook,
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
  });

  Deno.test(`${basename(path)} reproduces its committed outputs`, () => {
    const dir = Deno.makeTempDirSync({ prefix: "nbrun-" });
    try {
      const executed = join(dir, basename(path));
      executeNotebook(path, executed);
      const diff = compareNotebooks(path, executed);
      assert.equal(diff, "", `re-executing ${basename(path)} changed outputs:\n${diff}`);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  });
}

Deno.test("a committed notebook renders to standalone HTML for the report", () => {
  const dir = Deno.makeTempDirSync({ prefix: "nbhtml-" });
  try {
    const html = join(dir, "report.html");
    notebookToHtml(notebooks[0], html);
    const text = Deno.readTextFileSync(html);
    assert.match(text, /<html/);
    assert.match(text, /<svg/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
