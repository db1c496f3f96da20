/**
 * `deno task nb [notebook...]`: re-executes notebooks in place, commit-ready. Each runs into a
 * temporary file first and replaces the committed notebook only when every cell succeeded, so a
 * failing run never leaves a half-executed notebook behind.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { executeNotebook, listNotebooks } from "./jupyter.ts";

const targets = Deno.args.length > 0 ? Deno.args.map((p) => resolve(p)) : listNotebooks();
for (const path of targets) {
  const started = performance.now();
  const tmp = join(dirname(path), `.${basename(path)}.running`);
  try {
    executeNotebook(path, tmp, { progress: true });
    Deno.renameSync(tmp, path);
  } catch (error) {
    try {
      Deno.removeSync(tmp);
    } catch {
      // nothing was written
    }
    console.error(`${basename(path)}: failed\n${(error as Error).message}`);
    Deno.exit(1);
  }
  console.log(
    `${basename(path)}: executed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
