/**
 * The customer explorer (`app/`, `deno task serve`): its CSV reader, its data layer checked
 * against Polars reading the same file, and its pages and JSON endpoints on a server started
 * in-process on a free loopback port (needs `--allow-net=127.0.0.1`, which `deno task test` has).
 *
 * The fixture `tests/fixtures/customer_view_small.csv` has the columns notebook 08 exports; one
 * customer id and one product description hold `<script>` and `"onerror=`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { csvField, parseCsv } from "../app/csv.ts";
import {
  computeKpis,
  CUSTOMER_VIEW_COLUMNS,
  type CustomerRecord,
  loadResults,
  readViewCsv,
  summariseSegments,
  whatIf,
} from "../app/data.ts";
import { type Explorer, parseServeArgs, startExplorer } from "../app/server.ts";
import { assertClose, root } from "./_helpers.ts";

const FIXTURE = root("tests/fixtures/customer_view_small.csv");
const EVIL_ID = '<script>alert("id")</script>"onerror=alert(1)';
const EVIL_PRODUCT = '<script>alert("p")</script> MUG "onerror=alert(2)';

/** A results folder holding the fixture as `exports/customer_view.csv`. */
function resultsFolder(): string {
  const dir = Deno.makeTempDirSync({ prefix: "customer-lens-serve-" });
  Deno.mkdirSync(join(dir, "exports"));
  Deno.copyFileSync(FIXTURE, join(dir, "exports", "customer_view.csv"));
  return dir;
}

/** The fixture as Polars reads it: every column, as records (text columns as strings). */
function polarsRecords(): Record<string, unknown>[] {
  const df = pl.readCSV(FIXTURE, {
    dtypes: { customer_id: pl.Utf8, kmeans_segment: pl.Utf8 },
  });
  return df.toRecords() as Record<string, unknown>[];
}

Deno.test("parseCsv reads quotes, doubled quotes, line breaks, CRLF and a byte-order mark", () => {
  const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",\n';
  assert.deepEqual(parseCsv(text), {
    header: ["a", "b"],
    rows: [["x, y", 'say "hi"'], ["two\nlines", ""]],
  });
  assert.throws(() => parseCsv('a,b\n"open,1\n'), /quoted field opened on line 2 is never closed/);
  assert.throws(() => parseCsv("a,b\n1,2,3\n"), /row 1 has 3 fields, the header 2/);
});

Deno.test("csvField quotes what needs it and defuses spreadsheet formulas", () => {
  assert.equal(csvField('a "b", c'), '"a ""b"", c"');
  assert.equal(csvField("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(csvField(-1.5), "-1.5");
  assert.equal(csvField(null), "");
});

Deno.test("the customer view read from CSV equals Polars reading the same file", () => {
  const view = readViewCsv(FIXTURE);
  const expected = polarsRecords();
  assert.equal(view.size, expected.length);
  for (let row = 0; row < view.size; row++) {
    const record = view.record(row);
    for (const c of CUSTOMER_VIEW_COLUMNS) {
      const e = expected[row][c];
      // Polars reads an empty text field as null, as the view does.
      assert.deepEqual(record[c], e === undefined ? null : e, `row ${row}, column ${c}`);
    }
  }
  assert.equal(view.record(view.rowOf(EVIL_ID)!).next_product, EVIL_PRODUCT);
});

Deno.test("a Parquet customer view (read with Polars) gives the same records as the CSV", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "customer-lens-serve-" });
  try {
    pl.readCSV(FIXTURE, { dtypes: { customer_id: pl.Utf8, kmeans_segment: pl.Utf8 } })
      .writeParquet(join(dir, "customer_view.parquet"));
    const results = await loadResults(dir);
    assert.ok(!("missing" in results.view));
    const csv = readViewCsv(FIXTURE);
    for (let row = 0; row < csv.size; row++) {
      assert.deepEqual(results.view.record(row), csv.record(row));
    }
    assert.equal(results.view.source, "customer_view.parquet");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a customer view without a column names it and the notebook to re-run", () => {
  const dir = Deno.makeTempDirSync({ prefix: "customer-lens-serve-" });
  try {
    const path = join(dir, "customer_view.csv");
    pl.readCSV(FIXTURE).drop("clv_p90").writeCSV(path);
    assert.throws(
      () => readViewCsv(path),
      (e: Error) =>
        e instanceof TypeError && /lacks column\(s\) clv_p90/.test(e.message) &&
        e.message.includes("notebooks/08_customer_view.ipynb"),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("KPIs and segment summaries equal Polars aggregates of the file", () => {
  const view = readViewCsv(FIXTURE);
  const df = pl.readCSV(FIXTURE);
  const kpis = Object.fromEntries(computeKpis(view).map((k) => [k.key, k.value]));
  assert.equal(kpis.customers, df.height);
  assertClose(kpis.clv_total, df.getColumn("clv").sum(), 1e-12, "clv_total");
  assertClose(kpis.clv_mean, df.getColumn("clv").mean(), 1e-12, "clv_mean");
  assertClose(kpis.clv_median, df.getColumn("clv").median(), 1e-12, "clv_median");
  assertClose(kpis.churn_probability_mean, df.getColumn("churn_probability").mean(), 1e-12);
  const atRisk = df.filter(pl.col("churn_probability").gtEq(0.5));
  assert.equal(kpis.at_risk_customers, atRisk.height);
  assertClose(kpis.clv_at_risk, atRisk.getColumn("clv").sum(), 1e-12, "clv_at_risk");
  assertClose(kpis.expected_gain_total, df.getColumn("expected_gain").sum(), 1e-12);

  const expected = df.groupBy("rfm_segment").agg(
    pl.len().alias("customers"),
    pl.col("clv").sum().alias("clv_total"),
    pl.col("churn_probability").mean().alias("churn"),
    pl.col("recency_days").mean().alias("recency"),
    pl.col("expected_gain").sum().alias("gain"),
  ).sort("rfm_segment").toRecords();
  const summaries = summariseSegments(view, "rfm_segment");
  assert.equal(summaries.length, expected.length);
  for (const e of expected) {
    const s = summaries.find((x) => x.segment === e.rfm_segment)!;
    assert.equal(s.customers, e.customers);
    assertClose(s.clv_total, e.clv_total as number, 1e-12, `${s.segment} clv_total`);
    assertClose(s.churn_probability_mean!, e.churn as number, 1e-12, `${s.segment} churn`);
    assertClose(s.recency_days_mean!, e.recency as number, 1e-12, `${s.segment} recency`);
    assertClose(s.expected_gain_total, e.gain as number, 1e-12, `${s.segment} gain`);
  }
  // Largest value first; the most common action of a segment and its share.
  assert.deepEqual(
    summaries.map((s) => s.clv_total),
    [...summaries.map((s) => s.clv_total)].sort(
      (a, b) => b - a,
    ),
  );
  assert.equal(summaries.find((s) => s.segment === "Lost")!.action, "Reactivate cheaply");
  // Three of the four "Lost" customers are to be reactivated, one (12351) has no positive gain.
  assert.equal(summaries.find((s) => s.segment === "Lost")!.action_share, 0.75);
});

Deno.test("what-if takes customers over the threshold in rank order until the budget runs out", () => {
  const view = readViewCsv(FIXTURE);
  // By hand from the fixture, rank order with churn >= 0.5: rank 1 (0.8097, budget 118.81),
  // 2 (0.507, 121.77), 3 (0.5611, 75.61), 4 (0.6727, 49.34), 6 (0.764, 29.29), 7 (0.78, 26.19).
  const w = whatIf(view, { budget: 300, threshold: 0.5 });
  assert.deepEqual(w.rows.map((r) => view.record(r).rank), [1, 2]);
  assert.equal(w.eligible, 6);
  assertClose(w.cost, 118.81 + 121.77, 1e-12, "cost");
  assertClose(w.expected_gain, 266.01 + 125.17, 1e-12, "gain");
  const all = whatIf(view, { budget: 1e9, threshold: 0.5 });
  assert.equal(all.contacted, 6);
  // Customer 12351 has no rank (no positive expected gain): never contacted.
  assert.equal(whatIf(view, { budget: 1e9, threshold: 0 }).contacted, 11);
  assert.equal(whatIf(view, { budget: 0, threshold: 0 }).contacted, 0);
});

Deno.test("parseServeArgs: defaults, options and clear errors", () => {
  assert.deepEqual(parseServeArgs([]), { port: 8000, out: "out", hostname: "127.0.0.1" });
  assert.deepEqual(parseServeArgs(["--port", "0", "--out=x", "--host", "::1"]), {
    port: 0,
    out: "x",
    hostname: "::1",
  });
  assert.match((parseServeArgs(["--port", "http"]) as { error: string }).error, /--port/);
  assert.match((parseServeArgs(["--bogus"]) as { error: string }).error, /--bogus is unknown/);
});

async function get(explorer: Explorer, path: string): Promise<Response> {
  return await fetch(new URL(path, explorer.url));
}

async function getJson<T = unknown>(
  explorer: Explorer,
  path: string,
): Promise<[number, T, string]> {
  const response = await get(explorer, path);
  const text = await response.text();
  assert.match(response.headers.get("content-type") ?? "", /application\/json/, path);
  return [response.status, JSON.parse(text) as T, text];
}

Deno.test("the explorer's endpoints return the file's numbers, 404 unknown ids, escape text", async () => {
  const dir = resultsFolder();
  const explorer = await startExplorer({ out: dir, port: 0 });
  try {
    assert.match(explorer.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const view = readViewCsv(FIXTURE);

    const [, kpis] = await getJson<{
      kpis: { key: string; value: number }[];
      source: string;
    }>(explorer, "/api/kpis");
    assert.deepEqual(kpis.kpis.map((k) => k.value), computeKpis(view).map((k) => k.value));
    assert.equal(kpis.source, join("exports", "customer_view.csv"));

    const [, segments] = await getJson<{ segments: unknown[] }>(
      explorer,
      "/api/segments?by=kmeans_segment",
    );
    assert.deepEqual(segments.segments, summariseSegments(view, "kmeans_segment"));

    const [, page] = await getJson<{ total: number; customers: CustomerRecord[] }>(
      explorer,
      "/api/customers?segment=At%20risk&limit=2",
    );
    assert.equal(page.total, 4);
    // Rank order: ranks of "At risk" are 2, 5, 9, 10.
    assert.deepEqual(page.customers.map((c) => c.rank), [2, 5]);
    assert.deepEqual(page.customers[1], view.record(view.rowOf("12347")!));

    const [, sorted] = await getJson<{ customers: CustomerRecord[] }>(
      explorer,
      "/api/customers?sort=clv&order=desc&limit=3",
    );
    assert.deepEqual(sorted.customers.map((c) => c.clv), [2435.33, 2376.29, 2132.01]);

    const [, filtered] = await getJson<{ total: number; customers: CustomerRecord[] }>(
      explorer,
      "/api/customers?q=mug",
    );
    assert.equal(filtered.total, 1);

    const [status404, error] = await getJson(explorer, "/api/customers/99999");
    assert.equal(status404, 404);
    assert.match((error as { error: string }).error, /No customer with id "99999"/);
    const [status400, bad] = await getJson(explorer, "/api/customers?limit=-1");
    assert.equal(status400, 400);
    assert.match((bad as { error: string }).error, /limit must be a whole number/);

    // The hostile id and product: the JSON has no raw "<" and parses back to the same text.
    const [status, evil, raw] = await getJson<{ customer: CustomerRecord }>(
      explorer,
      `/api/customers/${encodeURIComponent(EVIL_ID)}`,
    );
    assert.equal(status, 200);
    assert.equal(evil.customer.customer_id, EVIL_ID);
    assert.equal(evil.customer.next_product, EVIL_PRODUCT);
    assert.ok(!raw.includes("<"), "raw JSON contains '<'");

    const customerHtml = await (await get(explorer, `/customer/${encodeURIComponent(EVIL_ID)}`))
      .text();
    const segmentResponse = await get(explorer, "/segment?by=rfm_segment&name=At%20risk");
    const segmentHtml = await segmentResponse.text();
    assert.match(segmentResponse.headers.get("content-security-policy")!, /script-src 'self'/);
    for (const page of [customerHtml, segmentHtml]) {
      // The chart data block is JSON (a quote is \" there, harmless); it must hold no "<" that
      // could close it. Everything else is HTML, where no quote or "<" from the data may appear.
      const block = /<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(page);
      assert.ok(block, "no page-data block");
      assert.ok(!block[1].includes("<"), "the page-data JSON holds a raw '<'");
      assert.equal(JSON.parse(block[1]).chart !== undefined, true);
      const html = page.replace(block[0], "");
      assert.ok(!html.includes("<script>alert"), "a raw <script> from the data is in the page");
      assert.ok(!html.includes('"onerror='), 'a raw "onerror= from the data is in the page');
      assert.ok(html.includes("&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;"));
    }
    assert.ok(customerHtml.includes("because &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));

    const notFound = await get(explorer, "/customer/nobody");
    assert.equal(notFound.status, 404);
    assert.match(await notFound.text(), /No customer with id &quot;nobody&quot;/);

    for (const path of ["/", "/segments", "/segments?by=kmeans_segment", "/whatif"]) {
      const response = await get(explorer, path);
      assert.equal(response.status, 200, path);
      await response.body?.cancel();
    }
    const post = await fetch(explorer.url, { method: "POST", body: "x" });
    assert.equal(post.status, 405);
    await post.body?.cancel();
    for (const path of ["/static/%2e%2e/server.ts", "/static/..%2fserver.ts"]) {
      const response = await get(explorer, path);
      assert.equal(response.status, 404, path);
      await response.body?.cancel();
    }
    const plot = await get(explorer, "/static/vendor/plot-0.6.17.umd.min.js");
    assert.match((await plot.text()).slice(0, 80), /@observablehq\/plot v0\.6\.17/);

    const csv = await (await get(explorer, "/export/customers.csv?segment=At%20risk")).text();
    const parsed = parseCsv(csv);
    assert.deepEqual(parsed.header, [...CUSTOMER_VIEW_COLUMNS]);
    assert.deepEqual(parsed.rows.map((r) => r[0]).sort(), ["12347", "12353", "12356", EVIL_ID]);

    const [, w] = await getJson<{ contacted: number; expected_gain: number }>(
      explorer,
      "/api/whatif?budget=300&threshold=0.5",
    );
    assert.equal(w.contacted, 2);
    assertClose(w.expected_gain, 266.01 + 125.17, 1e-12);
  } finally {
    await explorer.shutdown();
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("without results every page names the notebook to run; the API answers 503", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "customer-lens-serve-" });
  const explorer = await startExplorer({ out: dir, port: 0 });
  try {
    for (const path of ["/", "/segments", "/whatif", "/customer/1"]) {
      const response = await get(explorer, path);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /run notebooks\/08_customer_view\.ipynb/, path);
    }
    const [status, body] = await getJson(explorer, "/api/kpis");
    assert.equal(status, 503);
    assert.match((body as { error: string }).error, /08_customer_view/);
  } finally {
    await explorer.shutdown();
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a customer view without a column: the pages name the column and notebook 08", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "customer-lens-serve-" });
  Deno.mkdirSync(join(dir, "exports"));
  pl.readCSV(FIXTURE).drop("action").writeCSV(join(dir, "exports", "customer_view.csv"));
  const explorer = await startExplorer({ out: dir, port: 0 });
  try {
    const page = await (await get(explorer, "/segments")).text();
    assert.match(page, /lacks column\(s\) action: re-run notebooks\/08_customer_view\.ipynb/);
    const [status, body] = await getJson<{ error: string }>(explorer, "/api/segments");
    assert.equal(status, 503);
    assert.match(body.error, /lacks column\(s\) action/);
  } finally {
    await explorer.shutdown();
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a port in use gives a clear message", async () => {
  const explorer = await startExplorer({ out: Deno.cwd(), port: 0 });
  try {
    const port = Number(new URL(explorer.url).port);
    await assert.rejects(
      () => startExplorer({ out: Deno.cwd(), port }),
      /Cannot start the explorer as port \d+ on 127\.0\.0\.1 is in use/,
    );
  } finally {
    await explorer.shutdown();
  }
});
