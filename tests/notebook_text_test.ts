/**
 * The notebooks' prose quotes only what their cells print: every number in a markdown cell must
 * appear in an output above it, rounded as displayed, or in the code above it (a parameter).
 * `tools/check_text.ts` does the matching; run it by hand to list what fails.
 */
import assert from "node:assert/strict";
import { basename } from "node:path";
import { listNotebooks } from "../tools/jupyter.ts";
import { uncheckedNumbers } from "../tools/check_text.ts";

Deno.test("check_text matches rounded, percent and parameter numbers, and flags the rest", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/t.ipynb`;
    const code = (source: string, text: string) => ({
      cell_type: "code",
      source,
      outputs: [{ output_type: "execute_result", data: { "text/plain": text } }],
    });
    const md = (source: string) => ({ cell_type: "markdown", source });
    Deno.writeTextFileSync(
      path,
      JSON.stringify({
        cells: [
          md("# Title 2011\n\nThe 200 customers"),
          code("const K = 5;", "share 0.7234\nrevenue 301.98\ncustomers 4,334"),
          md("72% of them, GBP 302, 4,334 customers, k = 5, in 2011, 0.72, and 13 more."),
        ],
      }),
    );
    const found = uncheckedNumbers(path).map((u) => u.quoted);
    assert.deepEqual(found, ["200", "13"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

for (const path of listNotebooks()) {
  Deno.test(`${basename(path)} quotes only numbers its cells print`, () => {
    const unmatched = uncheckedNumbers(path);
    assert.deepEqual(
      unmatched.map((u) => `cell ${u.cell}: ${u.quoted} (… ${u.context} …)`),
      [],
      "numbers in the text that no cell above prints",
    );
  });
}
