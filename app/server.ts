/**
 * `deno task serve`: the customer explorer, a read-only local web app over the results of
 * `deno task analyze` (pages: overview, segments, a segment's customers, a customer, what-if; JSON
 * endpoints under `/api/`). Deno's own HTTP server, bound to 127.0.0.1 unless told otherwise.
 *
 * Usage: `deno task serve [--port 8000] [--out out] [--host 127.0.0.1]`
 *
 * @module
 */
import { extname, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { csvField } from "./csv.ts";
import {
  computeKpis,
  CUSTOMER_VIEW_COLUMNS,
  type CustomerView,
  loadResults,
  MAX_LIMIT,
  queryCustomers,
  type Results,
  SEGMENT_COLUMNS,
  type SegmentColumn,
  summariseSegments,
  whatIf,
} from "./data.ts";
import {
  customerPage,
  jsonForScript,
  missingPage,
  notFoundPage,
  overviewPage,
  segmentPage,
  segmentsPage,
  whatIfPage,
  whatIfResults,
  withBatchNav,
} from "./html.ts";
import { loadTransitions, type Transitions, transitionsPage } from "./transitions.ts";

/** The folder of the app's own CSS, JavaScript and the vendored Observable Plot. */
export const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' " +
    "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; " +
    "form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
};

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

function respond(body: BodyInit | null, status: number, type: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, "content-type": type } });
}
function html(body: string, status = 200): Response {
  return respond(body, status, "text/html; charset=utf-8");
}
/** JSON with `<`, `>` and `&` escaped as `\uXXXX` (the same value once parsed). */
function json(value: unknown, status = 200): Response {
  return respond(jsonForScript(value), status, "application/json; charset=utf-8");
}
function jsonError(status: number, error: string): Response {
  return json({ error }, status);
}

/** A request parameter that is not valid: answered with 400 and the message. */
class BadRequest extends Error {}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new BadRequest(
      `Cannot answer as ${name} must be a whole number from ${min} to ${max}: got ${
        JSON.stringify(raw)
      }`,
    );
  }
  return v;
}

function numberParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new BadRequest(
      `Cannot answer as ${name} must be a number from ${min} to ${max}: got ${JSON.stringify(raw)}`,
    );
  }
  return v;
}

function byParam(url: URL): SegmentColumn {
  const by = url.searchParams.get("by") ?? "rfm_segment";
  if (!(SEGMENT_COLUMNS as readonly string[]).includes(by)) {
    throw new BadRequest(
      `Cannot answer as by must be one of ${SEGMENT_COLUMNS.join(", ")}: got ${JSON.stringify(by)}`,
    );
  }
  return by as SegmentColumn;
}

function sortParam(url: URL): { sort: string; descending: boolean } {
  const sort = url.searchParams.get("sort") ?? "rank";
  if (!(CUSTOMER_VIEW_COLUMNS as readonly string[]).includes(sort)) {
    throw new BadRequest(
      `Cannot answer as sort must be a column of the customer view: got ${JSON.stringify(sort)}`,
    );
  }
  const order = url.searchParams.get("order") ?? "asc";
  if (order !== "asc" && order !== "desc") {
    throw new BadRequest(
      `Cannot answer as order must be asc or desc: got ${JSON.stringify(order)}`,
    );
  }
  return { sort, descending: order === "desc" };
}

/** Customers a segment page lists unless `limit` says otherwise (the CSV export has them all). */
const SEGMENT_PAGE_ROWS = 200;

/**
 * The default what-if budget: the offer budgets of the customers notebook 08 marks "act this
 * week", or, when none is, of the first 10% by rank.
 */
function defaultBudget(view: CustomerView): number {
  let total = 0, marked = 0;
  for (let r = 0; r < view.size; r++) {
    if (view.text.action[r] === "act this week") {
      marked++;
      const v = view.numbers.offer_budget[r];
      if (!Number.isNaN(v)) total += v;
    }
  }
  if (marked === 0) {
    const n = Math.ceil(view.size / 10);
    for (let k = 0; k < n; k++) {
      const v = view.numbers.offer_budget[view.byRank[k]];
      if (!Number.isNaN(v)) total += v;
    }
  }
  // Rounded up to the cent, so the customers it was summed from all fit.
  return Math.ceil(total * 100) / 100;
}

function totalBudget(view: CustomerView): number {
  let total = 0;
  for (const v of view.numbers.offer_budget) if (!Number.isNaN(v)) total += v;
  return total;
}

/** Everything the handler needs, computed once at start. */
interface State {
  results: Results;
  view: CustomerView | null;
  kpis: ReturnType<typeof computeKpis> | null;
  segments: Map<SegmentColumn, ReturnType<typeof summariseSegments>>;
  missing: string;
  defaultBudget: number;
  totalBudget: number;
}

function prepare(results: Results): State {
  const view = "missing" in results.view ? null : results.view;
  const segments = new Map<SegmentColumn, ReturnType<typeof summariseSegments>>();
  if (view) { for (const by of SEGMENT_COLUMNS) segments.set(by, summariseSegments(view, by)); }
  return {
    results,
    view,
    kpis: view ? computeKpis(view) : null,
    segments,
    missing: "missing" in results.view ? results.view.missing : "",
    defaultBudget: view ? defaultBudget(view) : 0,
    totalBudget: view ? totalBudget(view) : 0,
  };
}

async function serveStatic(path: string): Promise<Response> {
  const rel = normalize(decodeURIComponent(path.slice("/static/".length)));
  const full = resolve(STATIC_DIR, rel);
  if (!full.startsWith(STATIC_DIR) || rel.startsWith("..")) {
    return respond("Not found", 404, "text/plain; charset=utf-8");
  }
  const type = TYPES[extname(full)] ?? (rel.includes("LICENSE") ? TYPES[".txt"] : undefined);
  if (!type) return respond("Not found", 404, "text/plain; charset=utf-8");
  try {
    const body = await Deno.readFile(full);
    return new Response(body, {
      headers: { ...SECURITY_HEADERS, "content-type": type, "cache-control": "max-age=3600" },
    });
  } catch {
    return respond("Not found", 404, "text/plain; charset=utf-8");
  }
}

function customersJson(view: CustomerView, url: URL): unknown {
  const by = byParam(url);
  const segment = url.searchParams.get("segment") ?? undefined;
  const limit = intParam(url, "limit", 100, 0, MAX_LIMIT);
  const offset = intParam(url, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const { sort, descending } = sortParam(url);
  const q = url.searchParams.get("q") ?? undefined;
  const { total, rows } = queryCustomers(view, {
    segment,
    by,
    q,
    sort,
    descending,
    offset,
    limit,
  });
  return {
    source: view.source,
    by,
    segment: segment ?? null,
    total,
    offset,
    limit,
    customers: rows.map((r) => view.record(r)),
  };
}

function exportCsvResponse(view: CustomerView, url: URL): Response {
  const by = byParam(url);
  const segment = url.searchParams.get("segment") ?? undefined;
  const q = url.searchParams.get("q") ?? undefined;
  const { rows } = queryCustomers(view, { segment, by, q, limit: view.size });
  const lines = [CUSTOMER_VIEW_COLUMNS.join(",")];
  for (const r of rows) {
    const rec = view.record(r);
    lines.push(CUSTOMER_VIEW_COLUMNS.map((c) => csvField(rec[c])).join(","));
  }
  const name = `customers_${(segment ?? "all").replace(/[^A-Za-z0-9_-]+/g, "_")}.csv`;
  return new Response(lines.join("\n") + "\n", {
    headers: {
      ...SECURITY_HEADERS,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
    },
  });
}

function whatIfFor(view: CustomerView, url: URL, fallbackBudget: number) {
  const budget = numberParam(url, "budget", fallbackBudget, 0, Number.MAX_VALUE);
  const threshold = numberParam(url, "threshold", 0, 0, 1);
  return whatIf(view, { budget, threshold });
}

/**
 * Builds the request handler over loaded results (used by the server and by tests in-process).
 *
 * @param results What {@linkcode loadResults} read.
 * @returns A `Deno.serve` handler.
 */
export function createHandler(
  results: Results,
  transitions?: Transitions,
): (request: Request) => Promise<Response> {
  const state = prepare(results);
  const handle = route(state, results, transitions);
  // Server-Timing: the time spent building the answer, so a load test can tell it from queueing
  // and transfer (bench/serve.ts reads it).
  return async (request: Request) => {
    const started = performance.now();
    const response = await handle(request);
    response.headers.set("server-timing", `app;dur=${(performance.now() - started).toFixed(2)}`);
    return response;
  };
}

function route(
  state: State,
  results: Results,
  transitions?: Transitions,
): (request: Request) => Promise<Response> {
  // Every page gets the "Who moved" navigation link when a batch is loaded.
  const page = (body: string, status = 200) =>
    html(transitions ? withBatchNav(body) : body, status);
  return async (request: Request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return respond("The explorer is read-only: only GET is allowed", 405, "text/plain");
    }
    const url = new URL(request.url);
    const path = url.pathname;
    const api = path.startsWith("/api/");
    try {
      if (path.startsWith("/static/")) return await serveStatic(path);
      if (path === "/favicon.ico") return new Response(null, { status: 204 });
      if (path === "/transitions" || path === "/api/transitions") {
        const missing = "No batch loaded: start the explorer with --transactions FILE --batch FILE";
        if (!transitions) {
          return api ? jsonError(503, missing) : page(missingPage("Who moved", path, missing), 503);
        }
        return api ? json(transitions) : page(transitionsPage(transitions));
      }
      const view = state.view;
      if (api) {
        if (!view) return jsonError(503, state.missing);
        if (path === "/api/kpis") {
          return json({
            source: view.source,
            kpis: state.kpis,
            kpi_table: results.kpiTable,
          });
        }
        if (path === "/api/segments") {
          const by = byParam(url);
          return json({ source: view.source, by, segments: state.segments.get(by) });
        }
        if (path === "/api/customers") return json(customersJson(view, url));
        if (path.startsWith("/api/customers/")) {
          const id = decodeURIComponent(path.slice("/api/customers/".length));
          const row = view.rowOf(id);
          if (row === undefined) {
            return jsonError(404, `No customer with id ${JSON.stringify(id)} in ${view.source}`);
          }
          return json({ source: view.source, customer: view.record(row) });
        }
        if (path === "/api/whatif") {
          const w = whatIfFor(view, url, state.defaultBudget);
          const limit = intParam(url, "limit", 100, 0, MAX_LIMIT);
          const { rows, ...totals } = w;
          return json({
            source: view.source,
            ...totals,
            customers: rows.slice(0, limit).map((r) => view.record(r)),
          });
        }
        return jsonError(404, `No endpoint ${path}: see README, "Explore the results"`);
      }
      if (path === "/") {
        if (!view) return page(missingPage("Overview", "/", state.missing));
        return page(
          overviewPage(
            state.kpis!,
            state.segments.get("rfm_segment")!,
            view.source,
            results.kpiTable,
          ),
        );
      }
      if (path === "/segments") {
        if (!view) return page(missingPage("Segments", "/segments", state.missing));
        const by = byParam(url);
        return page(segmentsPage(state.segments.get(by)!, by));
      }
      if (path === "/segment") {
        if (!view) return page(missingPage("Segment", "/segments", state.missing));
        const by = byParam(url);
        const name = url.searchParams.get("name") ?? "";
        const summary = state.segments.get(by)!.find((s) => s.segment === name);
        if (!summary) return page(notFoundPage(`No ${by} segment named "${name}"`), 404);
        const q = url.searchParams.get("q") ?? "";
        const limit = intParam(url, "limit", SEGMENT_PAGE_ROWS, 0, MAX_LIMIT);
        const { sort, descending } = sortParam(url);
        const { total, rows } = queryCustomers(view, {
          segment: name,
          by,
          q,
          limit,
          sort,
          descending,
        });
        return page(
          segmentPage(summary, by, rows.map((r) => view.record(r)), total, q, {
            column: sort,
            descending,
          }),
        );
      }
      if (path === "/customer") {
        const id = url.searchParams.get("id") ?? "";
        return new Response(null, {
          status: 303,
          headers: { ...SECURITY_HEADERS, location: `/customer/${encodeURIComponent(id)}` },
        });
      }
      if (path.startsWith("/customer/")) {
        if (!view) return page(missingPage("Customer", "", state.missing));
        const id = decodeURIComponent(path.slice("/customer/".length));
        const row = view.rowOf(id);
        if (row === undefined) {
          return page(notFoundPage(`No customer with id "${id}" in ${view.source}`), 404);
        }
        return page(customerPage(view.record(row)));
      }
      if (path === "/whatif") {
        if (!view) return page(missingPage("What-if", "/whatif", state.missing));
        const w = whatIfFor(view, url, state.defaultBudget);
        const records = w.rows.slice(0, 200).map((r) => view.record(r));
        if (url.searchParams.get("fragment") === "1") return page(whatIfResults(w, records));
        return page(whatIfPage(w, records, state.totalBudget));
      }
      if (path === "/export/customers.csv") {
        if (!view) return respond(state.missing, 503, "text/plain; charset=utf-8");
        return exportCsvResponse(view, url);
      }
      return page(notFoundPage(`No page ${path}`), 404);
    } catch (error) {
      if (error instanceof BadRequest) {
        return api ? jsonError(400, error.message) : page(notFoundPage(error.message), 400);
      }
      if (error instanceof URIError) {
        return api
          ? jsonError(400, "Cannot answer as the address is not valid percent-encoding")
          : page(notFoundPage("The address is not valid percent-encoding"), 400);
      }
      console.error(error);
      return api
        ? jsonError(500, "Internal error: see the server's output")
        : page(notFoundPage("Internal error: see the server's output"), 500);
    }
  };
}

/** A running explorer. */
export interface Explorer {
  /** Its address, e.g. `http://127.0.0.1:8000/`. */
  url: string;
  results: Results;
  /** Stops the server and waits until it has stopped. */
  shutdown(): Promise<void>;
}

/** Whether an address is a loopback address. */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || /^127\./.test(hostname);
}

/**
 * Loads the results and starts the explorer.
 *
 * @param options `out` (results folder), `port` (0: any free port), `hostname` (default
 * 127.0.0.1).
 * @returns The running explorer.
 * @throws {Error} "Cannot start the explorer as port N is in use" and file errors.
 */
export async function startExplorer(
  options: { out: string; port?: number; hostname?: string; transitions?: Transitions },
): Promise<Explorer> {
  const results = await loadResults(options.out);
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 8000;
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve(
      { hostname, port, onListen: () => {} },
      createHandler(results, options.transitions),
    );
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new Error(
        `Cannot start the explorer as port ${port} on ${hostname} is in use: ` +
          "stop what uses it or pick another with --port",
      );
    }
    throw error;
  }
  const addr = server.addr;
  const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  return {
    url: `http://${host}:${addr.port}/`,
    results,
    shutdown: () => server.shutdown(),
  };
}

const USAGE = `Usage: deno task serve [--port 8000] [--out out] [--host 127.0.0.1]

  --port N     the port to listen on (default 8000; 0 picks a free one)
  --out DIR    the results folder of 'deno task analyze' (default out/); the explorer reads
               DIR/exports/customer_view.csv (notebook 08) and DIR/exports/kpis.csv (notebook 07)
  --host ADDR  the address to bind (default 127.0.0.1); anything else exposes the customer data
               to the network and needs --allow-net for that address
  --transactions FILE --batch FILE
               fit the segment models on the history FILE, apply the batch of new transactions
               without refitting and show who moved at /transitions (needs nodejs-polars:
               --allow-ffi, --allow-sys, --allow-env and read access to both files)`;

/** Parses the command line. */
export function parseServeArgs(
  args: string[],
):
  | { port: number; out: string; hostname: string; transactions?: string; batch?: string }
  | { error: string } {
  let port = 8000, out = "out", hostname = "127.0.0.1";
  const files: { transactions?: string; batch?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i];
    if (flag === "--port") {
      const raw = value();
      port = Number(raw);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        return { error: `Cannot start as --port must be a whole number 0-65535: got ${raw}` };
      }
    } else if (flag === "--out") {
      out = value();
      if (!out) return { error: "Cannot start as --out needs a folder" };
    } else if (flag === "--host") {
      hostname = value();
      if (!hostname) return { error: "Cannot start as --host needs an address" };
    } else if (flag === "--batch" || flag === "--transactions") {
      const file = value();
      if (!file) return { error: `Cannot start as ${flag} needs a file` };
      files[flag.slice(2) as "batch" | "transactions"] = file;
    } else return { error: `Cannot start as the option ${args[i]} is unknown` };
  }
  if ((files.batch === undefined) !== (files.transactions === undefined)) {
    return {
      error: "Cannot start as --batch and --transactions go together: the models are fitted " +
        "on the transactions, then the batch is applied",
    };
  }
  return { port, out, hostname, ...files };
}

if (import.meta.main) {
  if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const parsed = parseServeArgs(Deno.args);
  if ("error" in parsed) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    Deno.exit(2);
  }
  if (!isLoopback(parsed.hostname)) {
    console.error(
      `\n  WARNING: binding to ${parsed.hostname}, not to loopback. Anyone who can reach this ` +
        "machine on that address can read every customer's data, without a password.\n" +
        "  The explorer has no authentication; bind to 127.0.0.1 unless you mean it.\n",
    );
  }
  try {
    const transitions = parsed.batch && parsed.transactions
      ? await loadTransitions({ transactions: parsed.transactions, batch: parsed.batch })
      : undefined;
    const explorer = await startExplorer({
      out: resolve(parsed.out),
      port: parsed.port,
      hostname: parsed.hostname,
      transitions,
    });
    const view = explorer.results.view;
    console.log(
      "missing" in view
        ? `Note: ${view.missing}`
        : `Serving ${view.size.toLocaleString("en-GB")} customers from ${view.source}`,
    );
    console.log(`Customer explorer: ${explorer.url}  (Ctrl+C to stop; read-only)`);
  } catch (error) {
    const e = error as Error;
    if (e instanceof Deno.errors.NotCapable || e.name === "NotCapable") {
      console.error(
        `${e.message}\nThe 'serve' task may read only out/ and app/static/ and listen only on ` +
          "127.0.0.1; for another folder or address run deno run with the matching " +
          `--allow-read / --allow-net (README, "Explore the results").`,
      );
    } else console.error(e.message);
    Deno.exit(1);
  }
}
