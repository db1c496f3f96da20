/**
 * A throw-away Jupyter Notebook 6 server on 127.0.0.1, for the browser test: its own token, its
 * own (empty) data, config and runtime folders, the project kernelspec, and a `stop()` that shuts
 * its kernels down and stops it by process id.
 *
 * @module
 */
import { join } from "node:path";
import { pythonPath } from "./jupyter.ts";
import { sleep, withTimeout } from "./cdp.ts";
import { stopProcess } from "./processes.ts";

/** Where the server keeps its state; every folder is the caller's (fresh, removed afterwards). */
export interface NotebookServerOptions {
  /** The folder the server shows (`--NotebookApp.notebook_dir`). */
  notebookDir: string;
  /** `JUPYTER_DATA_DIR`: keep it empty, so no notebook is trusted (the signature database). */
  dataDir: string;
  /** `JUPYTER_CONFIG_DIR`: an empty folder, so no user configuration applies. */
  configDir: string;
  /** `JUPYTER_RUNTIME_DIR`: connection files and the server's info file. */
  runtimeDir: string;
  /** `JUPYTER_PATH`: the folder holding `kernels/deno/kernel.json`. */
  jupyterPath: string;
  /** How long to wait for the server to answer (default 60 s). */
  timeoutMs?: number;
}

/** A running Notebook server. */
export interface NotebookServer {
  /** Its base URL, `http://127.0.0.1:PORT/`. */
  url: string;
  /** The token the server requires (`?token=` in the first URL a browser opens). */
  token: string;
  /** The server process (Python's pid). */
  process: Deno.ChildProcess;
  /** The server's log so far (the last 50,000 characters). */
  log(): string;
  /** Whether the server process is still running. */
  running(): boolean;
  /** Calls the REST API with the token; the body is parsed as JSON when there is one. */
  api(method: string, path: string): Promise<unknown>;
  /**
   * Shuts down kernel sessions (as _File > Close and Halt_ does): the one of `notebook` (a path
   * relative to the notebook folder), or every session and kernel when none is given.
   */
  shutdownKernels(notebook?: string): Promise<void>;
  /**
   * Shuts the kernels down, stops the server by process id, then stops anything left that it
   * started (its kernels).
   *
   * @returns Command lines of processes that were still running after the server exited.
   */
  stop(): Promise<string[]>;
}

/**
 * The Notebook 6 server's module, checked: Notebook 7 is a different front-end (no
 * `Jupyter.notebook` object to drive), so it is refused with a hint.
 *
 * @throws {Error} With an install hint when `notebook` 6 is not importable.
 */
function notebookPython(): string {
  const python = pythonPath();
  const out = new Deno.Command(python, {
    args: ["-c", "import notebook; print(notebook.__version__)"],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  const version = new TextDecoder().decode(out.stdout).trim();
  if (!out.success || !version.startsWith("6.")) {
    throw new Error(
      `Cannot start Jupyter Notebook as ${python} has ${
        out.success ? `notebook ${version}` : "no notebook module"
      } (the browser test drives Notebook 6). Install it with ` +
        "'sudo apt-get install jupyter-notebook' (Debian/Ubuntu) or 'pip install \"notebook<7\"'",
    );
  }
  return python;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Starts Jupyter Notebook 6 on 127.0.0.1 and waits until its API answers. The port is a free one
 * found just before; the server may move to the next free one (Notebook's `port_retries`), so the
 * real port is read from the server's info file (`nbserver-PID.json` in the runtime folder).
 *
 * @param options The folders the server uses.
 * @returns The running server.
 * @throws {Error} With the server's log when it exits or does not answer in time.
 */
export async function startNotebookServer(
  options: NotebookServerOptions,
): Promise<NotebookServer> {
  const token = crypto.randomUUID().replaceAll("-", "");
  const process = new Deno.Command(notebookPython(), {
    args: [
      "-m",
      "notebook",
      "--no-browser",
      // CI machines often run as root; Notebook refuses that without this (no effect otherwise).
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${freePort()}`,
      `--NotebookApp.token=${token}`,
      "--NotebookApp.password=",
      `--NotebookApp.notebook_dir=${options.notebookDir}`,
    ],
    env: {
      JUPYTER_DATA_DIR: options.dataDir,
      JUPYTER_CONFIG_DIR: options.configDir,
      JUPYTER_RUNTIME_DIR: options.runtimeDir,
      JUPYTER_PATH: options.jupyterPath,
      TZ: "UTC",
      NO_COLOR: "1",
      PYDEVD_DISABLE_FILE_VALIDATION: "1",
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let log = "";
  const decoder = new TextDecoder();
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) {
      log = (log + decoder.decode(chunk, { stream: true })).slice(-50_000);
    }
  };
  const drained = Promise.all([drain(process.stdout), drain(process.stderr)]).catch(() => {});
  let exited = false;
  process.status.then(() => exited = true);

  let url = "";
  const api = async (method: string, path: string): Promise<unknown> => {
    const response = await withTimeout(
      fetch(new URL(path, url), { method, headers: { Authorization: `token ${token}` } }),
      15_000,
      `the Notebook server to answer ${method} ${path}`,
    );
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `Cannot ${method} ${path} as the Notebook server answered ${response.status}`,
      );
    }
    return text ? JSON.parse(text) : undefined;
  };
  const shutdownKernels = async (notebook?: string) => {
    const sessions = (await api("GET", "api/sessions")) as { id: string; path: string }[];
    for (const s of sessions) {
      if (notebook === undefined || s.path === notebook) {
        await api("DELETE", `api/sessions/${s.id}`);
      }
    }
    if (notebook !== undefined) return;
    const kernels = (await api("GET", "api/kernels")) as { id: string }[];
    for (const k of kernels) await api("DELETE", `api/kernels/${k.id}`);
  };
  const stop = async () => {
    if (url && !exited) await shutdownKernels().catch(() => {});
    // Kernels' command lines name their connection file in the runtime folder.
    const left = await stopProcess(process, { marker: options.runtimeDir });
    await drained;
    return left;
  };

  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const infoFile = join(options.runtimeDir, `nbserver-${process.pid}.json`);
  while (true) {
    if (exited) {
      await stop();
      throw new Error(`Cannot start Jupyter Notebook as it exited:\n${log.slice(-3_000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Timed out after ${timeoutMs / 1000} s waiting for Jupyter Notebook to answer:\n` +
          log.slice(-3_000),
      );
    }
    try {
      if (!url) {
        const info = JSON.parse(await Deno.readTextFile(infoFile)) as { port: number };
        url = `http://127.0.0.1:${info.port}/`;
      }
      await api("GET", "api/status");
      break;
    } catch {
      await sleep(200);
    }
  }
  return {
    url,
    token,
    process,
    log: () => log,
    running: () => !exited,
    api,
    shutdownKernels,
    stop,
  };
}
