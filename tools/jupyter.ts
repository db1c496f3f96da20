/**
 * Running notebooks through Jupyter with the project-local Deno kernelspec. Shared by
 * `deno task nb`, `deno task analyze`, `deno task kernel` and the notebook reproduction test.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder holding deno.json). */
export const ROOT: string = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** Where `deno task kernel` writes the project-local kernelspec (add to JUPYTER_PATH). */
export const JUPYTER_DIR: string = join(ROOT, ".jupyter");
/** The notebooks, in run order. */
export const NOTEBOOK_DIR: string = join(ROOT, "notebooks");

const RUNNER = join(ROOT, "tools", "nbrun.py");

/**
 * Debian's Python has nbclient; the `python3` first on PATH may be another build without it.
 * Overridable with CUSTOMER_LENS_PYTHON.
 */
export function pythonPath(): string {
  const fromEnv = Deno.env.get("CUSTOMER_LENS_PYTHON");
  for (const candidate of fromEnv ? [fromEnv] : ["/usr/bin/python3", "python3"]) {
    try {
      const out = new Deno.Command(candidate, {
        args: ["-c", "import nbclient, nbconvert"],
        stdout: "null",
        stderr: "null",
      }).outputSync();
      if (out.success) return candidate;
    } catch {
      // not installed; try the next one
    }
  }
  throw new Error(
    "Cannot run notebooks as Jupyter is not installed: no python3 with nbclient and nbconvert " +
      `was found (tried ${fromEnv ?? "/usr/bin/python3, python3"}). Install it with ` +
      "'sudo apt-get install jupyter-nbconvert python3-nbclient " +
      "jupyter-client' (Debian/Ubuntu) or 'pip install nbclient nbconvert', or point " +
      "CUSTOMER_LENS_PYTHON at a python that has them",
  );
}

/**
 * Writes the project-local kernelspec `deno` under `dir/kernels/deno/`: the running Deno binary,
 * with `TZ=UTC` (DataFrame previews format dates in local time) and `NO_COLOR=1` (no ANSI codes in
 * text outputs). Written whole: temporary file, then rename.
 *
 * @param dir The Jupyter data folder to add to JUPYTER_PATH. Defaults to `.jupyter/`.
 * @returns The kernelspec folder.
 */
export function installKernelspec(dir: string = JUPYTER_DIR): string {
  const specDir = join(dir, "kernels", "deno");
  Deno.mkdirSync(specDir, { recursive: true });
  const spec = {
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    // The same display name as Deno's own kernelspec and the committed notebooks' metadata, so
    // opening a notebook with this kernel does not mark it modified.
    display_name: "Deno",
    language: "typescript",
    env: { TZ: "UTC", NO_COLOR: "1" },
  };
  const path = join(specDir, "kernel.json");
  Deno.writeTextFileSync(path + ".part", JSON.stringify(spec, null, 2) + "\n");
  Deno.renameSync(path + ".part", path);
  return specDir;
}

/** Lists the numbered notebooks (`NN_topic.ipynb`) in run order. */
export function listNotebooks(dir: string = NOTEBOOK_DIR): string[] {
  return [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && /^\d\d_.+\.ipynb$/.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

function runner(args: string[], stderr: "piped" | "inherit" = "piped"): Deno.CommandOutput {
  installKernelspec();
  return new Deno.Command(pythonPath(), {
    args: [RUNNER, ...args],
    env: {
      JUPYTER_PATH: JUPYTER_DIR,
      TZ: "UTC",
      NO_COLOR: "1",
      PYDEVD_DISABLE_FILE_VALIDATION: "1",
    },
    stdout: "piped",
    stderr,
  }).outputSync();
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/**
 * Executes a notebook top to bottom with the Deno kernel; the kernel's working folder is the
 * notebook's own folder (so `../lib/mod.ts` and `deno.json` resolve), whatever `output` is.
 *
 * @param input The notebook to run; never modified.
 * @param output Where the executed notebook is written (whole, even when a cell fails).
 * @param options `progress`: print each cell's number and seconds on stderr as it runs.
 * @throws {Error} With the runner's message when a cell raises or the kernel fails.
 */
export function executeNotebook(
  input: string,
  output: string,
  options: { progress?: boolean } = {},
): void {
  Deno.mkdirSync(dirname(output), { recursive: true });
  const progress = options.progress ?? false;
  const out = runner(
    ["execute", input, output, ...(progress ? ["--progress"] : [])],
    progress ? "inherit" : "piped",
  );
  if (!out.success) {
    const err = progress
      ? "(the runner's messages are above)"
      : decode(out.stderr).trim().split("\n").slice(-25).join("\n");
    throw new Error(`Cannot execute ${input} as a cell failed:\n${err}`);
  }
}

/**
 * Executes several notebooks, `jobs` at a time (default 2: each kernel is a process of its own,
 * and the kernels' start-up and type-checking run on one core each), in one runner process.
 * Every output notebook is written whole, even when another notebook fails.
 *
 * @param pairs `[input, output]` paths; inputs are never modified.
 * @param options `progress`: print each cell's number and seconds as it runs; `jobs`; `htmlDir`:
 * also render each executed notebook there as `NAME.html` (while the other kernel runs).
 * @returns The inputs whose execution failed (empty when all succeeded).
 */
export function executeNotebooks(
  pairs: readonly (readonly [string, string])[],
  options: { progress?: boolean; jobs?: number; htmlDir?: string } = {},
): string[] {
  for (const [, output] of pairs) Deno.mkdirSync(dirname(output), { recursive: true });
  const progress = options.progress ?? false;
  const out = runner(
    [
      "execute-many",
      ...pairs.flat(),
      "--jobs",
      String(options.jobs ?? 2),
      ...(progress ? ["--progress"] : []),
      ...(options.htmlDir ? ["--html", options.htmlDir] : []),
    ],
    progress ? "inherit" : "piped",
  );
  if (out.success) return [];
  // A notebook failed when its output is missing, shows an error, or has cells that never ran.
  return pairs.filter(([, output]) => {
    try {
      const nb = JSON.parse(Deno.readTextFileSync(output));
      return nb.cells.some((c: NotebookCellJson) =>
        c.cell_type === "code" && (
          (c.outputs ?? []).some((o) => o.output_type === "error") ||
          (c.execution_count === null && [c.source].flat().join("").trim() !== "")
        )
      );
    } catch {
      return true;
    }
  }).map(([input]) => input);
}

interface NotebookCellJson {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: { output_type: string }[];
}

/**
 * Compares two executed notebooks cell by cell after normalising outputs.
 *
 * @returns An empty string when every code cell's outputs are equal, else a readable diff naming
 * the notebook and cell.
 */
export function compareNotebooks(expected: string, actual: string): string {
  const out = runner(["compare", expected, actual]);
  const text = decode(out.stdout).trim();
  if (!out.success && text === "") return decode(out.stderr).trim();
  return text;
}

/** Renders an executed notebook to standalone HTML with nbconvert. */
export function notebookToHtml(input: string, output: string): void {
  const out = runner(["html", input, output]);
  if (!out.success) {
    throw new Error(`Cannot render ${input} as HTML:\n${decode(out.stderr).trim()}`);
  }
}
