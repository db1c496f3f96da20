/**
 * Load test of the customer explorer (`deno task bench:serve`, a benchmark, not a test): writes
 * 100,000 synthetic customers with notebook 08's columns, starts the explorer as its own process
 * (`deno run` with the `serve` task's permissions) on a free loopback port, then for each endpoint
 * and page sends 200 requests at once and records every latency. Fails (exit 1) on any error or
 * unexpected status; prints p50, p95 and max per endpoint as a Markdown table, plus the latency
 * of one request alone (median of 20) and the server's start-up time.
 *
 * @module
 */
import { type Random, splitmix32 } from "../lib/core/_splitmix.ts";
import { join } from "node:path";
import { CUSTOMER_VIEW_COLUMNS } from "../app/data.ts";
import { csvField } from "../app/csv.ts";

/** Customers in the synthetic view. */
export const CUSTOMERS = 100_000;
/** Requests sent at once per endpoint. */
export const CONCURRENT = 200;
/** The generator's seed. */
export const SEED = 18;
const ROOT = new URL("../", import.meta.url).pathname;

/** The RFM segment names the generator draws from. */
export const RFM = [
  "Champions",
  "Loyal",
  "Potential loyalists",
  "Recent newcomers",
  "Need attention",
  "At risk",
  "Cannot lose them",
  "Hibernating",
  "Lost",
];
const ACTIONS = ["Reward", "Upsell", "Win back", "Reactivate cheaply", "No contact"];
const PRODUCTS = [
  "WHITE HANGING HEART T-LIGHT HOLDER",
  "JUMBO BAG RED RETROSPOT",
  "REGENCY CAKESTAND 3 TIER",
  "PARTY BUNTING",
  "LUNCH BAG RED RETROSPOT",
];

/**
 * Writes the synthetic customer view (CSV, notebook 08's columns in `CUSTOMER_VIEW_COLUMNS`
 * order); returns the ids and the rows written (tests/serve_load_test.ts checks the answers
 * against them).
 */
export function writeView(
  path: string,
  customers = CUSTOMERS,
): { ids: string[]; rows: (string | number)[][] } {
  const random = createRandom(SEED);
  const rows: (string | number)[][] = [];
  const ids: string[] = [];
  for (let i = 0; i < customers; i++) {
    const id = `C${String(100000 + i)}`;
    ids.push(id);
    const segment = RFM[random.int(RFM.length)];
    const churn = Math.round(random.next() * 1e4) / 1e4;
    const clv = Math.round(Math.exp(3 + 3 * random.next()) * 100) / 100;
    const budget = Math.round(clv * 0.05 * 100) / 100;
    rows.push([
      id,
      segment,
      `cluster ${random.int(6)}`,
      1 + random.int(370),
      1 + random.int(40),
      Math.round(Math.exp(4 + 4 * random.next()) * 100) / 100,
      churn,
      Math.round((1 - 0.8 * churn) * 1e4) / 1e4,
      clv,
      Math.round(clv * 0.7 * 100) / 100,
      Math.round(clv * 1.4 * 100) / 100,
      PRODUCTS[random.int(PRODUCTS.length)],
      "often bought with what this customer bought",
      budget,
      Math.round((churn * clv * 0.2 - budget) * 100) / 100,
      ACTIONS[random.int(ACTIONS.length)],
      0,
    ]);
  }
  const order = rows.map((_, i) => i).sort((a, b) =>
    (rows[b][14] as number) - (rows[a][14] as number)
  );
  order.forEach((row, r) => rows[row][16] = r + 1);
  const text = [CUSTOMER_VIEW_COLUMNS.join(",")]
    .concat(rows.map((r) => r.map((v) => csvField(v)).join(",")))
    .join("\n") + "\n";
  Deno.writeTextFileSync(path, text);
  return { ids, rows };
}

/**
 * A seeded generator: lib/core/_splitmix.ts, the generator behind `createRandom`, which imports
 * nothing (lib/core/random.ts loads Polars, and this benchmark runs without --allow-ffi like the
 * server).
 */
export const createRandom: (seed: number) => Random = splitmix32;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * One request: [latency ms, status, error, server time ms from Server-Timing, body]. The body is
 * kept (as text) only when `keepBody` is set.
 */
export async function timed(
  url: string,
  keepBody = false,
): Promise<[number, number, string, number, string]> {
  const started = performance.now();
  try {
    const response = await fetch(url);
    const body = keepBody ? await response.text() : (await response.arrayBuffer(), "");
    const server = Number(/dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "")?.[1]);
    return [performance.now() - started, response.status, "", server, body];
  } catch (error) {
    return [performance.now() - started, 0, (error as Error).message, NaN, ""];
  }
}

async function main(): Promise<number> {
  const temp = Deno.makeTempDirSync({ prefix: "customer-lens-bench-serve-" });
  let child: Deno.ChildProcess | undefined;
  try {
    Deno.mkdirSync(join(temp, "exports"));
    const path = join(temp, "exports", "customer_view.csv");
    const { ids } = writeView(path);
    const mb = Deno.statSync(path).size / 1e6;
    console.log(`Wrote ${CUSTOMERS.toLocaleString("en-GB")} customers (${mb.toFixed(1)} MB)`);
    const started = performance.now();
    child = new Deno.Command("deno", {
      args: [
        "run",
        "--allow-net=127.0.0.1",
        `--allow-read=${temp},${join(ROOT, "app/static")}`,
        join(ROOT, "app/server.ts"),
        "--out",
        temp,
        "--port",
        "0",
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let printed = "";
    let base = "";
    while (!base) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`The explorer exited before printing its URL:\n${printed}`);
      printed += value;
      base = /Customer explorer: (http:\/\/\S+)/.exec(printed)?.[1] ?? "";
    }
    const startup = (performance.now() - started) / 1000;
    console.log(`Explorer up in ${startup.toFixed(2)} s (load and summarise included): ${base}`);

    const random = createRandom(SEED + 1);
    const pick = () => ids[random.int(ids.length)];
    const endpoints: [string, () => string][] = [
      ["/api/kpis", () => "api/kpis"],
      ["/api/segments", () => "api/segments"],
      [
        "/api/customers?segment=...&limit=100",
        () => `api/customers?segment=${encodeURIComponent(RFM[random.int(RFM.length)])}&limit=100`,
      ],
      ["/api/customers/{id}", () => `api/customers/${pick()}`],
      ["/api/whatif", () => `api/whatif?budget=${random.int(200_000)}&threshold=0.5`],
      ["page /", () => ""],
      ["page /segments", () => "segments"],
      [
        "page /segment (200 rows)",
        () => `segment?by=rfm_segment&name=${encodeURIComponent(RFM[random.int(RFM.length)])}`,
      ],
      ["page /customer/{id}", () => `customer/${pick()}`],
      ["page /whatif (200 rows)", () => `whatif?budget=${random.int(200_000)}&threshold=0.5`],
    ];
    const lines = [
      `| endpoint | requests at once | errors | p50 (ms) | p95 (ms) | max (ms) | alone, median of 20 (ms) | server time p95 (ms) |`,
      `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    ];
    let failures = 0;
    for (const [name, path] of endpoints) {
      // Warm-up (first sort, JIT), then one at a time, then 200 at once.
      for (let i = 0; i < 3; i++) await timed(base + path());
      const alone: number[] = [];
      for (let i = 0; i < 20; i++) alone.push((await timed(base + path()))[0]);
      const results = await Promise.all(
        Array.from({ length: CONCURRENT }, () => timed(base + path())),
      );
      const errors = results.filter(([, status]) => status !== 200);
      failures += errors.length;
      const ms = results.map(([t]) => t).sort((a, b) => a - b);
      const server = results.map(([, , , s]) => s).sort((a, b) => a - b);
      alone.sort((a, b) => a - b);
      lines.push(
        `| ${name} | ${CONCURRENT} | ${errors.length} | ${quantile(ms, 0.5).toFixed(1)} | ${
          quantile(ms, 0.95).toFixed(1)
        } | ${ms[ms.length - 1].toFixed(1)} | ${quantile(alone, 0.5).toFixed(1)} | ${
          quantile(server, 0.95).toFixed(2)
        } |`,
      );
      if (errors.length > 0) {
        console.error(
          `${name}: ${errors.length} failed, e.g. status ${errors[0][1]} ${errors[0][2]}`,
        );
      }
    }
    console.log(lines.join("\n"));
    await reader.cancel();
    return failures === 0 ? 0 : 1;
  } finally {
    if (child) {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
      await child.status;
    }
    Deno.removeSync(temp, { recursive: true });
  }
}

if (import.meta.main) Deno.exit(await main());
