/**
 * `deno task nb [notebook...]`: re-executes notebooks in place, commit-ready, two at a time. Each
 * runs into a temporary file first and replaces the committed notebook only when every cell
 * succeeded, so a failing run never leaves a half-executed notebook behind.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { executeNotebooks, listNotebooks } from "./jupyter.ts";

const targets = Deno.args.length > 0 ? Deno.args.map((p) => resolve(p)) : listNotebooks();
const pairs = targets.map((path) =>
  [path, join(dirname(path), `.${basename(path)}.running`)] as const
);
const failed = new Set(executeNotebooks(pairs, { progress: true }));
for (const [path, tmp] of pairs) {
  if (failed.has(path)) {
    console.error(`${basename(path)}: failed; the committed notebook is unchanged (see above)`);
    try {
      Deno.removeSync(tmp);
    } catch {
      // nothing was written
    }
  } else {
    Deno.renameSync(tmp, path);
  }
}
Deno.exit(failed.size > 0 ? 1 : 0);
