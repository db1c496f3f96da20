import assert from "node:assert/strict";
import { environmentTable } from "./environment.ts";

Deno.test("environmentTable lists Deno and every pinned package with its exact version", () => {
  const env = Object.fromEntries(
    environmentTable().toRecords().map((r) => [r.component, r.version]),
  );
  assert.equal(env.deno, Deno.version.deno);
  assert.equal(env["nodejs-polars"], "0.25.2");
  assert.match(String(env["@observablehq/plot"]), /^\d+\.\d+\.\d+$/);
});
