/** `deno task analyze` must fail clearly, and write nothing, when Jupyter is missing. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../tools/jupyter.ts";

Deno.test("analyze exits non-zero with an install hint when Jupyter is missing", () => {
  const out = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      join(ROOT, "tools", "analyze.ts"),
    ],
    env: { CUSTOMER_LENS_PYTHON: "/nonexistent/python3", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  assert.equal(out.code, 1);
  const stderr = new TextDecoder().decode(out.stderr);
  assert.match(stderr, /Jupyter is not installed/);
  assert.match(stderr, /apt-get install jupyter-nbconvert python3-nbclient/);
});
