/**
 * The committed notebooks as a new user first sees them: opened in a real Jupyter Notebook 6
 * (Debian's `jupyter-notebook`) in headless Chromium, with an empty Jupyter data folder, so no
 * notebook is trusted. For every `notebooks/NN_*.ipynb`:
 *
 * - the page says "Not Trusted" (`Jupyter.notebook.trusted === false`);
 * - every chart output of the `.ipynb` (a display bundle with `image/png` or `image/svg+xml`)
 *   shows as an image with `naturalWidth > 0` (untrusted Notebook drops SVG-only outputs, so a
 *   chart needs a PNG beside its SVG);
 * - no output area shows an error.
 *
 * One notebook is also run through the UI (Cell > All Output > Clear, then Kernel > Restart & Run
 * All, confirmed in the dialog): every code cell must finish, none with an error, and each cell
 * that has outputs in the committed file must have outputs again.
 *
 * Screenshots of each page go to `out/browser/NAME.png` (and `NAME.run-all.png`) for a person to
 * look at. The server, its kernels and Chromium are stopped by process id in a `finally`, and the
 * test fails if any process naming its temporary folder is left.
 *
 * The notebooks are served from a temporary copy (`site/notebooks/`), beside symbolic links to the
 * repository's `lib/`, `data/`, `deno.json` and `deno.lock`, so `../lib/mod.ts` resolves as in
 * the repository and the committed notebooks are never opened by the server (no autosave, no
 * checkpoint folder, no trust signature).
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { installKernelspec, listNotebooks, ROOT } from "../tools/jupyter.ts";
import { type Browser, CdpPage, launchChromium, sleep, withTimeout } from "../tools/cdp.ts";
import { type NotebookServer, startNotebookServer } from "../tools/notebook_server.ts";
import { processesOf } from "../tools/processes.ts";

/** The notebook run through the UI: the fastest one (about 6 s of cells). */
const RUN_ALL = "01_eda.ipynb";
/** The page size; screenshots grow the height to the whole notebook. */
const VIEWPORT = { width: 1280, height: 900 };
/** Screenshots stop at this height (about 25 MB of pixels to encode; 02 is about 19,000 px). */
const MAX_SCREENSHOT_HEIGHT = 30_000;
const SCREENSHOTS = join(ROOT, "out", "browser");

const LOAD_TIMEOUT_MS = 60_000;
const KERNEL_TIMEOUT_MS = 60_000;
const RUN_ALL_TIMEOUT_MS = 180_000;

/** One code cell of an `.ipynb` file: its execution count, how many outputs and charts. */
interface CommittedCell {
  executionCount: number | null;
  outputs: number;
  charts: number;
}

/** A committed notebook's code cells, in order. */
function committedCells(path: string): CommittedCell[] {
  const nb = JSON.parse(Deno.readTextFileSync(path)) as {
    cells: {
      cell_type: string;
      execution_count?: number | null;
      outputs?: { output_type: string; data?: Record<string, unknown> }[];
    }[];
  };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => {
    const outputs = c.outputs ?? [];
    return {
      executionCount: c.execution_count ?? null,
      outputs: outputs.length,
      charts: outputs.filter((o) =>
        o.data !== undefined && ("image/png" in o.data || "image/svg+xml" in o.data)
      ).length,
    };
  });
}

/** What a code cell shows in the page. */
interface PageCell {
  prompt: number | string | null;
  outputTypes: string[];
  images: number;
  brokenImages: number;
  errors: string[];
}

interface PageState {
  trusted: boolean | null;
  trustLabel: string;
  cells: PageCell[];
}

/** Reads the notebook's state from the page (Notebook 6's `Jupyter.notebook` and the DOM). */
const PAGE_STATE = `(() => {
  const nb = Jupyter.notebook;
  const code = nb.get_cells().filter((c) => c.cell_type === "code");
  return {
    trusted: nb.trusted,
    trustLabel: (document.querySelector("#notification_trusted")?.textContent ?? "").trim(),
    cells: code.map((c) => {
      const el = c.element[0];
      const imgs = [...el.querySelectorAll(".output_area img")];
      return {
        prompt: c.input_prompt_number ?? null,
        outputTypes: c.output_area.outputs.map((o) => o.output_type),
        images: imgs.filter((i) => i.naturalWidth > 0).length,
        brokenImages: imgs.filter((i) => i.naturalWidth === 0).length,
        errors: [...el.querySelectorAll(".output_area .output_error, .output_area .js-error")]
          .map((e) => e.textContent.trim().slice(0, 300)),
      };
    }),
  };
})()`;

/** `In [n]` for a message, from the committed execution count or the code cell's position. */
function label(cells: CommittedCell[], index: number): string {
  const n = cells[index].executionCount;
  return n === null ? `code cell ${index + 1}` : `In [${n}]`;
}

/**
 * Records every iopub message the page's kernel object handles, and whether Notebook still had
 * output callbacks for its request. Notebook 6 drops an output that arrives after its request
 * finished (idle status and reply seen); the Deno kernel sometimes publishes a result just after
 * reporting idle (README, Implementation notes), so a missing output can be told apart: dropped
 * by that race, or never sent.
 */
const RECORD_IOPUB = `(() => {
  const kernel = Jupyter.notebook.kernel;
  const log = (window.__iopubLog = []);
  const handle = kernel._handle_iopub_message;
  kernel._handle_iopub_message = function (msg) {
    const parent = msg.parent_header && msg.parent_header.msg_id;
    log.push({ parent, type: msg.header.msg_type, dropped: !this.get_output_callbacks_for_msg(parent) });
    return handle.call(this, msg);
  };
  return true;
})()`;

/** Per code cell: how many of its outputs the kernel sent after Notebook stopped listening. */
const DROPPED_OUTPUTS = `Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code")
  .map((c) => (window.__iopubLog ?? []).filter((e) => e.parent === c.last_msg_id && e.dropped &&
    ["execute_result", "display_data", "stream", "error"].includes(e.type)).length)`;

/** Set before the page loads: MathJax reads `window.MathJax` as its configuration. */
const MATHJAX_NO_PAUSE = `window.MathJax = { AuthorInit: () => MathJax.Hub.Register.StartupHook(
  "End Config", () => { MathJax.Hub.processSectionDelay = 0; }) };`;

/** Opens a notebook, waits until it is rendered (images decoded, MathJax done). */
async function openNotebook(
  browser: Browser,
  server: NotebookServer,
  name: string,
): Promise<CdpPage> {
  if (!server.running()) {
    throw new Error(
      `Cannot open ${name} as the Notebook server exited:\n${server.log().slice(-3_000)}`,
    );
  }
  if (!browser.running()) {
    throw new Error(`Cannot open ${name} as Chromium exited:\n${browser.log().slice(-3_000)}`);
  }
  const page = await CdpPage.open(browser.cdp, VIEWPORT);
  try {
    // MathJax 2 waits 50 ms between sections: ~15 s per notebook before the page settles. No
    // pause renders the same math, at once.
    await page.send("Page.addScriptToEvaluateOnNewDocument", { source: MATHJAX_NO_PAUSE });
    await page.navigate(`${server.url}notebooks/${name}?token=${server.token}`, LOAD_TIMEOUT_MS);
    await page.waitFor(
      "window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded",
      `${name} to load in Jupyter Notebook`,
      { timeoutMs: LOAD_TIMEOUT_MS },
    );
    await page.waitFor(
      `[...document.querySelectorAll(".output_area img")].every((i) => i.complete)`,
      `${name}'s images to load`,
      { timeoutMs: LOAD_TIMEOUT_MS },
    );
    await withTimeout(
      page.evaluate(
        `new Promise((resolve) => window.MathJax && MathJax.Hub
          ? MathJax.Hub.Queue(() => resolve(true)) : resolve(false))`,
        LOAD_TIMEOUT_MS,
      ),
      LOAD_TIMEOUT_MS,
      `MathJax to typeset ${name}`,
    );
    return page;
  } catch (error) {
    await page.close();
    throw error;
  }
}

/** Saves the whole notebook (up to MAX_SCREENSHOT_HEIGHT) as a PNG: the viewport grows to fit. */
async function screenshot(page: CdpPage, path: string): Promise<void> {
  // Notebook scrolls inside #site, sized to the window: a taller window shows the whole notebook.
  const height = await page.evaluate<number>(
    `Math.ceil((document.getElementById("header")?.offsetHeight ?? 0) +
      (document.getElementById("site")?.scrollHeight ?? document.body.scrollHeight))`,
  );
  await page.setViewport(
    VIEWPORT.width,
    Math.min(Math.max(height, VIEWPORT.height), MAX_SCREENSHOT_HEIGHT),
  );
  // Notebook re-sizes #site on the window's resize event; two frames later it is laid out.
  await page.evaluate(
    "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))",
  );
  await page.screenshot(path);
  await page.setViewport(VIEWPORT.width, VIEWPORT.height);
}

/** The page's console lines that explain a missing chart or a rendering failure. */
function consoleNotes(page: CdpPage): string {
  const counts = new Map<string, number>();
  for (const entry of page.console) {
    if (/^Ignoring untrusted|^Failed to render|error/i.test(entry.text)) {
      const text = entry.text.slice(0, 200);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  return [...counts].map(([text, n]) => `\n  console (${n}x): ${text}`).join("");
}

/**
 * Checks a committed notebook as opened, untrusted. Returns its problems (empty when none) and,
 * when `keepOpen`, the page, its kernel still running (for Run All); else the page is closed and
 * its kernel shut down.
 */
async function checkCommitted(
  browser: Browser,
  server: NotebookServer,
  path: string,
  keepOpen: boolean,
): Promise<{ problems: string[]; page?: CdpPage }> {
  const name = basename(path);
  const committed = committedCells(path);
  const started = Date.now();
  const page = await openNotebook(browser, server, name);
  const problems: string[] = [];
  try {
    const state = await page.evaluate<PageState>(PAGE_STATE);
    const loaded = (Date.now() - started) / 1000;
    await screenshot(page, join(SCREENSHOTS, name.replace(/\.ipynb$/, ".png")));
    console.log(
      `  ${name}: rendered in ${loaded.toFixed(1)} s, ` +
        `${state.cells.reduce((sum, c) => sum + c.images, 0)} images shown, ` +
        `${committed.reduce((sum, c) => sum + c.charts, 0)} charts in the file`,
    );

    if (state.trusted !== false || state.trustLabel !== "Not Trusted") {
      problems.push(
        `the page should report the notebook untrusted, but Jupyter.notebook.trusted is ` +
          `${state.trusted} and the header says "${state.trustLabel}"`,
      );
    }
    if (state.cells.length !== committed.length) {
      problems.push(
        `${committed.length} code cells in the file, ${state.cells.length} in the page`,
      );
    } else {
      const expected = committed.reduce((sum, c) => sum + c.charts, 0);
      const shown = state.cells.reduce((sum, c) => sum + c.images, 0);
      if (shown !== expected) {
        const missing = committed.flatMap((c, i) =>
          c.charts !== state.cells[i].images
            ? [`${label(committed, i)} (${state.cells[i].images} of ${c.charts})`]
            : []
        );
        problems.push(
          `${shown} of ${expected} chart outputs show as images with naturalWidth > 0; ` +
            `cells whose charts do not show: ${missing.join(", ")}`,
        );
      }
      const broken = state.cells.reduce((sum, c) => sum + c.brokenImages, 0);
      if (broken > 0) problems.push(`${broken} images failed to decode (naturalWidth 0)`);
    }
    state.cells.forEach((c, i) => {
      for (const error of c.errors) {
        problems.push(`${label(committed, i)} shows an error: ${error}`);
      }
    });
    if (problems.length > 0) problems.push(`page console:${consoleNotes(page) || " (nothing)"}`);
  } catch (error) {
    keepOpen = false;
    throw error;
  } finally {
    if (!keepOpen) {
      await page.close();
      await server.shutdownKernels(name);
    }
  }
  return { problems, page: keepOpen ? page : undefined };
}

/**
 * Runs a notebook through the UI (clear outputs, Restart & Run All) and checks its outputs, in
 * `opened` (the page the untrusted check left open, its kernel started meanwhile) or a new page.
 */
async function checkRunAll(
  browser: Browser,
  server: NotebookServer,
  path: string,
  opened: CdpPage | undefined,
): Promise<string[]> {
  const name = basename(path);
  const committed = committedCells(path);
  const page = opened ?? await openNotebook(browser, server, name);
  const problems: string[] = [];
  try {
    await page.send("Page.bringToFront"); // a background tab's timers may be throttled
    await page.waitFor(
      `Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() &&
        document.querySelector("#kernel_indicator_icon")?.className === "kernel_idle_icon"`,
      `the Deno kernel of ${name} to start`,
      { timeoutMs: KERNEL_TIMEOUT_MS },
    );
    // Cell > All Output > Clear, so every output checked below is a new one.
    await page.evaluate(`document.querySelector("#clear_all_output > a").click()`);
    await page.waitFor(
      `Jupyter.notebook.get_cells().every((c) => c.cell_type !== "code" ||
        (c.output_area.outputs.length === 0 && c.input_prompt_number == null))`,
      `${name}'s outputs and prompt numbers to clear`,
    );
    await page.evaluate(RECORD_IOPUB);
    // Kernel > Restart & Run All, then the dialog's "Restart and Run All Cells" button.
    await page.evaluate(`document.querySelector("#restart_run_all > a").click()`);
    await page.waitFor(
      `(() => {
        const button = [...document.querySelectorAll(".modal.in .modal-footer button")]
          .find((b) => b.textContent.trim() === "Restart and Run All Cells");
        if (button) button.click();
        return Boolean(button);
      })()`,
      `the "Restart and Run All Cells" button of the confirmation dialog`,
      { timeoutMs: 10_000 },
    );
    const started = Date.now();
    await page.waitFor(
      `(() => {
        const code = Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
        const idle = document.querySelector("#kernel_indicator_icon")?.className ===
          "kernel_idle_icon";
        const running = code.some((c) => c.input_prompt_number === "*");
        const numbered = code.filter((c) => typeof c.input_prompt_number === "number").length;
        return idle && !running && numbered > 0;
      })()`,
      `every cell of ${name} to finish after Restart & Run All`,
      { timeoutMs: RUN_ALL_TIMEOUT_MS, intervalMs: 500 },
    );
    // The Deno kernel can publish a result just after reporting idle (README): let it land.
    await sleep(1_000);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`  ${name}: Restart & Run All finished in ${seconds} s`);
    const state = await page.evaluate<PageState>(PAGE_STATE);
    const dropped = await page.evaluate<number[]>(DROPPED_OUTPUTS);
    await screenshot(page, join(SCREENSHOTS, name.replace(/\.ipynb$/, ".run-all.png")));

    if (state.cells.length !== committed.length) {
      problems.push(
        `${committed.length} code cells in the file, ${state.cells.length} in the page`,
      );
    } else {
      state.cells.forEach((c, i) => {
        const where = label(committed, i);
        if (typeof c.prompt !== "number") {
          problems.push(`${where} did not run (prompt ${JSON.stringify(c.prompt)})`);
        }
        if (c.outputTypes.includes("error")) {
          problems.push(`${where} failed: ${c.errors.join(" | ") || "error output"}`);
        }
        if (committed[i].outputs > 0 && c.outputTypes.length === 0) {
          const next = state.cells[i + 1];
          const movedToNext = next !== undefined &&
            next.outputTypes.length === committed[i].outputs + committed[i + 1].outputs;
          // The Deno kernel can publish a cell's result after reporting that cell idle (README,
          // Implementation notes). In Run All the next cell is already running by then, and
          // Notebook 6.4 shows the result under the next cell (seen here in about 4 runs of 5,
          // one or two cells each; the iopub log shows the result arriving after the next
          // cell's busy status) or, once the request is forgotten, drops it. Both are the
          // kernel's race, not this project's code: reported, not failed, so CI is not flaky.
          if (dropped[i] > 0 || movedToNext) {
            console.log(
              `  WARNING ${name} ${where}: no output after Run All; the Deno kernel published ` +
                (movedToNext
                  ? `its result after reporting the cell idle, and Notebook shows it under ${
                    label(committed, i + 1)
                  }`
                  : `${
                    dropped[i]
                  } output(s) after reporting the cell idle, and Notebook dropped them`) +
                " (the kernel race in README's Implementation notes)",
            );
          } else {
            problems.push(
              `${where} has ${committed[i].outputs} outputs committed, none after Run All ` +
                "(and the kernel sent none)",
            );
          }
        }
      });
    }
    if (problems.length > 0) problems.push(`page console:${consoleNotes(page) || " (nothing)"}`);
  } finally {
    await page.close();
    await server.shutdownKernels(name);
  }
  return problems;
}

/** Copies the notebooks to `site/notebooks/` beside links to what they read. */
function prepareSite(temp: string, notebooks: string[]): string {
  const site = join(temp, "site");
  Deno.mkdirSync(join(site, "notebooks"), { recursive: true });
  for (const path of notebooks) Deno.copyFileSync(path, join(site, "notebooks", basename(path)));
  for (const entry of ["lib", "data", "deno.json", "deno.lock"]) {
    Deno.symlinkSync(join(ROOT, entry), join(site, entry));
  }
  return join(site, "notebooks");
}

Deno.test({
  name: "the committed notebooks in Jupyter Notebook and headless Chromium: untrusted, " +
    "every chart shows, no error, Run All works",
  // Ops and resources are closed in `finally` below; this keeps a failure's message readable
  // when a step times out with a protocol command still pending.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const notebooks = listNotebooks();
    assert.ok(notebooks.length > 0, "no notebooks/NN_*.ipynb found");
    const runAll = notebooks.find((p) => basename(p) === RUN_ALL);
    assert.ok(runAll, `${RUN_ALL} is not among the notebooks`);

    await Deno.remove(SCREENSHOTS, { recursive: true }).catch(() => {});
    Deno.mkdirSync(SCREENSHOTS, { recursive: true });
    const temp = Deno.makeTempDirSync({ prefix: "customer-lens-browser-" });
    let server: NotebookServer | undefined;
    let browser: Browser | undefined;
    const leftovers: string[] = [];
    try {
      const notebookDir = prepareSite(temp, notebooks);
      const jupyterPath = join(temp, "jupyter-path");
      installKernelspec(jupyterPath);
      for (const dir of ["data", "config", "runtime", "chromium"]) {
        Deno.mkdirSync(join(temp, dir));
      }
      // Both start at once; each is kept (for the `finally`) even when the other fails.
      const [started, launched] = await Promise.allSettled([
        startNotebookServer({
          notebookDir,
          dataDir: join(temp, "data"),
          configDir: join(temp, "config"),
          runtimeDir: join(temp, "runtime"),
          jupyterPath,
        }),
        launchChromium(join(temp, "chromium")),
      ]);
      if (started.status === "fulfilled") server = started.value;
      if (launched.status === "fulfilled") browser = launched.value;
      if (started.status === "rejected") throw started.reason;
      if (launched.status === "rejected") throw launched.reason;
      const s = started.value, b = launched.value;

      // RUN_ALL's page stays open after its check, so its kernel starts while the others render.
      let runAllPage: CdpPage | undefined;
      for (const path of notebooks) {
        await t.step(`${basename(path)}: untrusted, every chart shows, no error`, async () => {
          const { problems, page } = await checkCommitted(b, s, path, path === runAll);
          if (page) runAllPage = page;
          assert.equal(problems.length, 0, `${basename(path)}:\n- ${problems.join("\n- ")}`);
        });
      }
      await t.step(`${RUN_ALL}: Kernel > Restart & Run All in the UI`, async () => {
        const problems = await checkRunAll(b, s, runAll, runAllPage);
        assert.equal(problems.length, 0, `${RUN_ALL} run in the UI:\n- ${problems.join("\n- ")}`);
      });
    } catch (error) {
      const logs = [
        server ? `\n--- Notebook server log (end):\n${server.log().slice(-3_000)}` : "",
        browser ? `\n--- Chromium log (end):\n${browser.log().slice(-2_000)}` : "",
      ].join("");
      throw new Error(`${(error as Error).message}${logs}`, { cause: error });
    } finally {
      const [, left] = await Promise.all([browser?.close(), server?.stop()]);
      leftovers.push(...left ?? []);
      // Anything still running that names the temporary folder was started here: stop it by id.
      // (Not "every child of this process": with --parallel, other test files share it.)
      const orphans = processesOf(undefined, temp);
      for (const p of orphans) {
        try {
          Deno.kill(p.pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }
      await Deno.remove(temp, { recursive: true });
      assert.deepEqual(
        orphans.map((p) => p.cmdline),
        [],
        "processes were still running after the server and the browser were stopped",
      );
    }
    if (leftovers.length > 0) {
      console.log(
        `  stopped after the server exited: ${leftovers.length} process(es):\n  ` +
          leftovers.map((c) => c.slice(0, 160)).join("\n  "),
      );
    }
  },
});
