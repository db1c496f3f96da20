/**
 * A minimal Chrome DevTools Protocol client over Deno's own WebSocket (no npm dependency), enough
 * to drive headless Chromium from a test: launch it, open a page, evaluate JavaScript, wait for a
 * condition, take a screenshot. Every wait has a timeout that fails with a message naming what was
 * awaited, so a hang fails the test instead of stalling CI.
 *
 * Protocol reference: <https://chromedevtools.github.io/devtools-protocol/>.
 *
 * @module
 */
import { join } from "node:path";
import { stopProcess } from "./processes.ts";

/** A CDP message as received: a command reply (`id`) or an event (`method`). */
interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: string };
  sessionId?: string;
}

/**
 * Rejects with `Timed out after N s waiting for <what>` unless `promise` settles first.
 *
 * @param promise The promise to wait for.
 * @param ms The timeout in milliseconds.
 * @param what What is awaited, for the message.
 * @returns The promise's value.
 * @throws {Error} When the timeout passes first.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${ms / 1000} s waiting for ${what}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One WebSocket connection to a browser's DevTools endpoint, with flat sessions for pages. */
export class CdpConnection {
  #ws: WebSocket;
  #nextId = 1;
  #pending = new Map<
    number,
    { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  #listeners = new Set<(message: CdpMessage) => void>();
  #closed: Promise<void>;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    this.#closed = new Promise((resolve) => ws.addEventListener("close", () => resolve()));
    ws.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as CdpMessage;
      if (message.id !== undefined) {
        const waiter = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (!waiter) return;
        if (message.error) {
          waiter.reject(
            new Error(`CDP error ${message.error.code}: ${message.error.message}`),
          );
        } else waiter.resolve(message.result ?? {});
      } else {
        for (const listener of this.#listeners) listener(message);
      }
    });
    ws.addEventListener("close", () => {
      for (const waiter of this.#pending.values()) {
        waiter.reject(new Error("Cannot finish a DevTools command as the connection closed"));
      }
      this.#pending.clear();
    });
  }

  /**
   * Connects to a DevTools WebSocket URL (`ws://127.0.0.1:PORT/devtools/browser/ID`).
   *
   * @param url The browser's WebSocket URL.
   * @param timeoutMs How long to wait for the connection.
   */
  static async connect(url: string, timeoutMs = 10_000): Promise<CdpConnection> {
    const ws = new WebSocket(url);
    const opened = new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve());
      ws.addEventListener("error", () => reject(new Error(`Cannot connect to DevTools at ${url}`)));
    });
    try {
      await withTimeout(opened, timeoutMs, `the DevTools WebSocket at ${url}`);
    } catch (error) {
      ws.close();
      throw error;
    }
    return new CdpConnection(ws);
  }

  /**
   * Sends a command and waits for its reply.
   *
   * @param method The CDP method, e.g. `"Page.navigate"`.
   * @param params Its parameters.
   * @param sessionId The page session, or none for browser-level commands.
   * @param timeoutMs How long to wait for the reply.
   * @returns The command's result.
   * @throws {Error} With the protocol's message when the command fails, or on timeout.
   */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
    timeoutMs = 30_000,
  ): Promise<T> {
    const id = this.#nextId++;
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
    });
    this.#ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return withTimeout(reply, timeoutMs, `the reply to ${method}`).finally(() =>
      this.#pending.delete(id)
    ) as Promise<T>;
  }

  /**
   * Calls `listener` for every event until the returned function is called.
   *
   * @returns A function that removes the listener.
   */
  onEvent(listener: (message: CdpMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Waits for one event.
   *
   * @param method The event name, e.g. `"Page.loadEventFired"`.
   * @param sessionId Only events of this page session.
   * @param timeoutMs How long to wait.
   * @returns The event's parameters.
   */
  async waitForEvent(
    method: string,
    sessionId: string | undefined,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    let remove = () => {};
    const event = new Promise<Record<string, unknown>>((resolve) => {
      remove = this.onEvent((m) => {
        if (m.method === method && m.sessionId === sessionId) resolve(m.params ?? {});
      });
    });
    try {
      return await withTimeout(event, timeoutMs, `the event ${method}`);
    } finally {
      remove();
    }
  }

  /** Closes the WebSocket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING) {
      this.#ws.close();
    }
    await withTimeout(this.#closed, 5_000, "the DevTools WebSocket to close").catch(() => {});
  }
}

/** What a page printed on its console (`console.log` and friends, and browser log entries). */
export interface ConsoleEntry {
  level: string;
  text: string;
}

/** One browser tab, attached through a flat session. */
export class CdpPage {
  /** Console messages since the page was opened. */
  readonly console: ConsoleEntry[] = [];
  #removeListener: () => void;

  private constructor(
    readonly cdp: CdpConnection,
    readonly targetId: string,
    readonly sessionId: string,
  ) {
    this.#removeListener = cdp.onEvent((m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === "Runtime.consoleAPICalled") {
        const args = (m.params?.args ?? []) as { value?: unknown; description?: string }[];
        this.console.push({
          level: String(m.params?.type),
          text: args.map((a) => a.value ?? a.description ?? "").join(" "),
        });
      } else if (m.method === "Log.entryAdded") {
        const entry = m.params?.entry as { level: string; text: string };
        this.console.push({ level: entry.level, text: entry.text });
      } else if (m.method === "Page.javascriptDialogOpening") {
        // A "leave this page?" or confirm dialog would block every later command: accept it.
        cdp.send("Page.handleJavaScriptDialog", { accept: true }, sessionId).catch(() => {});
      }
    });
  }

  /**
   * Opens a new blank tab of the given size.
   *
   * @param cdp The browser connection.
   * @param size The viewport in CSS pixels.
   */
  static async open(
    cdp: CdpConnection,
    size: { width: number; height: number },
  ): Promise<CdpPage> {
    const { targetId } = await cdp.send<{ targetId: string }>("Target.createTarget", {
      url: "about:blank",
    });
    const { sessionId } = await cdp.send<{ sessionId: string }>("Target.attachToTarget", {
      targetId,
      flatten: true,
    });
    const page = new CdpPage(cdp, targetId, sessionId);
    await page.send("Page.enable");
    await page.send("Runtime.enable");
    await page.send("Log.enable");
    await page.setViewport(size.width, size.height);
    return page;
  }

  /** Sends a command to this page's session. */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    timeoutMs = 30_000,
  ): Promise<T> {
    return this.cdp.send<T>(method, params, this.sessionId, timeoutMs);
  }

  /** Sets the viewport (CSS pixels, device scale 1). */
  async setViewport(width: number, height: number): Promise<void> {
    await this.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: false,
    });
  }

  /**
   * Navigates and waits for the load event.
   *
   * @param url The address to open.
   * @param timeoutMs How long to wait for the load event.
   * @throws {Error} When navigation fails (e.g. connection refused) or times out.
   */
  async navigate(url: string, timeoutMs = 30_000): Promise<void> {
    const loaded = this.cdp.waitForEvent("Page.loadEventFired", this.sessionId, timeoutMs);
    const result = await this.send<{ errorText?: string }>("Page.navigate", { url });
    if (result.errorText) {
      loaded.catch(() => {});
      throw new Error(`Cannot open ${url} as navigation failed: ${result.errorText}`);
    }
    await loaded;
  }

  /**
   * Evaluates a JavaScript expression in the page and returns its value (JSON-serialisable).
   * Promises are awaited.
   *
   * @param expression The expression.
   * @param timeoutMs How long to wait for the value.
   * @throws {Error} With the page's exception text when the expression throws.
   */
  async evaluate<T = unknown>(expression: string, timeoutMs = 30_000): Promise<T> {
    const reply = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>(
      "Runtime.evaluate",
      { expression, returnByValue: true, awaitPromise: true },
      timeoutMs,
    );
    if (reply.exceptionDetails) {
      const details = reply.exceptionDetails;
      throw new Error(
        `Cannot evaluate in the page as it threw: ${
          details.exception?.description ?? details.text
        }\nexpression: ${expression.slice(0, 300)}`,
      );
    }
    return reply.result.value as T;
  }

  /**
   * Polls `expression` until it is truthy.
   *
   * @param expression A JavaScript expression evaluated in the page.
   * @param what What is awaited, for the timeout message.
   * @param options `timeoutMs` (default 30 s), `intervalMs` between polls (default 200 ms).
   * @returns The first truthy value.
   * @throws {Error} `Timed out after N s waiting for <what>` with the last value seen.
   */
  async waitFor<T = unknown>(
    expression: string,
    what: string,
    options: { timeoutMs?: number; intervalMs?: number } = {},
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    let last: unknown = undefined;
    let lastError = "";
    while (Date.now() < deadline) {
      try {
        last = await this.evaluate<T>(expression, Math.max(1_000, deadline - Date.now()));
        if (last) return last as T;
      } catch (error) {
        lastError = (error as Error).message;
      }
      await sleep(options.intervalMs ?? 200);
    }
    throw new Error(
      `Timed out after ${timeoutMs / 1000} s waiting for ${what} (last value: ${
        JSON.stringify(last)
      }${lastError ? `; last error: ${lastError}` : ""})`,
    );
  }

  /**
   * Saves a PNG screenshot of the current viewport.
   *
   * @param path Where to write the PNG.
   */
  async screenshot(path: string): Promise<void> {
    const { data } = await this.send<{ data: string }>(
      "Page.captureScreenshot",
      { format: "png", fromSurface: true },
      60_000,
    );
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    await Deno.writeFile(path, bytes);
  }

  /** Closes the tab. */
  async close(): Promise<void> {
    this.#removeListener();
    await this.cdp.send("Target.closeTarget", { targetId: this.targetId }).catch(() => {});
  }
}

/** A running headless Chromium and its DevTools connection. */
export interface Browser {
  /** The browser process (Chromium's own pid: Debian's `/usr/bin/chromium` script `exec`s it). */
  process: Deno.ChildProcess;
  /** The DevTools connection. */
  cdp: CdpConnection;
  /** What Chromium wrote on stderr so far (the last 20,000 characters), for failure messages. */
  log(): string;
  /** Whether the browser process is still running. */
  running(): boolean;
  /** Closes the browser (Browser.close), then stops any process left, by process id. */
  close(): Promise<void>;
}

/**
 * Finds a Chromium executable: `CUSTOMER_LENS_CHROMIUM`, else `/usr/bin/chromium` (Debian's
 * `chromium` package), else `chromium` or `google-chrome` on PATH.
 *
 * @throws {Error} With an install hint when none is found.
 */
export function chromiumPath(): string {
  const fromEnv = Deno.env.get("CUSTOMER_LENS_CHROMIUM");
  const candidates = fromEnv
    ? [fromEnv]
    : ["/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"];
  for (const candidate of candidates) {
    try {
      const out = new Deno.Command(candidate, {
        args: ["--version"],
        stdout: "null",
        stderr: "null",
      }).outputSync();
      if (out.success) return candidate;
    } catch {
      // not installed; try the next one
    }
  }
  throw new Error(
    `Cannot start a browser as Chromium is not installed (tried ${candidates.join(", ")}). ` +
      "Install it with 'sudo apt-get install chromium' (Debian/Ubuntu), or point " +
      "CUSTOMER_LENS_CHROMIUM at a Chromium or Chrome executable",
  );
}

/**
 * Starts headless Chromium with a fresh profile and connects to it. The DevTools port is chosen by
 * Chromium (`--remote-debugging-port=0`, read back from `DevToolsActivePort` in the profile), so
 * two runs never race for a port. Background networking, component updates, sync and QUIC are
 * off: nothing but the pages we open touches the network.
 *
 * @param userDataDir A fresh, empty profile folder (the caller removes it).
 * @param timeoutMs How long to wait for the DevTools endpoint (a first start on a fresh machine
 * builds the font cache).
 * @throws {Error} With Chromium's stderr when it exits or does not open DevTools in time.
 */
export async function launchChromium(userDataDir: string, timeoutMs = 60_000): Promise<Browser> {
  const process = new Deno.Command(chromiumPath(), {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--disable-crash-reporter",
      "--disable-dev-shm-usage",
      "--hide-scrollbars",
      "--mute-audio",
      `--user-data-dir=${userDataDir}`,
      "--remote-debugging-address=127.0.0.1",
      "--remote-debugging-port=0",
      "about:blank",
    ],
    // Chromium's crash handler double-forks out of the browser's process tree; with its database
    // inside the profile, its command line names the profile, so `stopProcess` finds it (and
    // nothing is written to ~/.config/chromium). `--disable-crashpad-for-testing` would avoid it,
    // but then Chromium 156 aborts every navigation (net::ERR_ABORTED).
    env: { BREAKPAD_DUMP_LOCATION: join(userDataDir, "Crash Reports") },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  const drained = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of process.stderr) {
      stderr = (stderr + decoder.decode(chunk, { stream: true })).slice(-20_000);
    }
  })().catch(() => {});
  let exited = false;
  process.status.then(() => exited = true);

  const stop = async () => {
    await stopProcess(process, { marker: userDataDir });
    await drained;
  };
  const portFile = join(userDataDir, "DevToolsActivePort");
  const deadline = Date.now() + timeoutMs;
  let wsUrl = "";
  while (!wsUrl) {
    if (exited) {
      await stop();
      throw new Error(`Cannot start Chromium as it exited:\n${stderr.slice(-3_000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Timed out after ${timeoutMs / 1000} s waiting for Chromium's DevTools port:\n` +
          stderr.slice(-3_000),
      );
    }
    try {
      const [port, path] = (await Deno.readTextFile(portFile)).trim().split("\n");
      if (port && path) wsUrl = `ws://127.0.0.1:${port}${path}`;
    } catch {
      // not written yet
    }
    if (!wsUrl) await sleep(100);
  }
  let cdp: CdpConnection;
  try {
    cdp = await CdpConnection.connect(wsUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    process,
    cdp,
    log: () => stderr,
    running: () => !exited,
    close: async () => {
      await cdp.send("Browser.close", {}, undefined, 5_000).catch(() => {});
      await cdp.close();
      await withTimeout(process.status, 5_000, "Chromium to exit").catch(() => {});
      await stop();
    },
  };
}
