/**
 * The customer explorer (`deno task serve`) in headless Chromium over the DevTools protocol
 * (`tools/cdp.ts`): every page loads and draws its Observable Plot chart from the locally served
 * copy, the numbers shown equal the JSON endpoints, a click leads from the segments to a segment's
 * customers and on to a customer, sorting, filtering and the CSV export work, the what-if sliders
 * update the list, and the hostile customer id and product description (`<script>`, `"onerror=`)
 * show as text and run nothing. Every request the pages make goes to the explorer itself (no CDN).
 * Screenshots go to `out/serve/` for a person to look at.
 *
 * The server runs in-process on a free loopback port (`--allow-net=127.0.0.1`).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type Browser, type CdpPage, CdpPage as Page, launchChromium } from "../tools/cdp.ts";
import { type Explorer, startExplorer } from "../app/server.ts";
import { loadTransitions, type Transitions } from "../app/transitions.ts";
import { root } from "./_helpers.ts";

const FIXTURE = root("tests/fixtures/customer_view_small.csv");
const SCREENSHOTS = root("out/serve");
/**
 * A history (602 rows, 100 customers, 2011-01-01 to 2011-08-28) and a batch after it (56 rows, 32
 * customers, 3 new), canonical columns, written for this test by a fixed arithmetic pattern
 * (customer c buys every 12 + 7c mod 50 days for 40 + 53c mod 300 days).
 */
const HISTORY = root("tests/fixtures/serve_history.csv");
const BATCH = root("tests/fixtures/serve_batch.csv");
const EVIL_ID = '<script>alert("id")</script>"onerror=alert(1)';
const EVIL_PRODUCT = '<script>alert("p")</script> MUG "onerror=alert(2)';

/** A displayed number back to a number: `12,345.67` → 12345.67, `12.3%` → 0.123. */
function shown(text: string): number {
  const t = text.trim().replaceAll(",", "");
  return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/** Asserts a displayed number shows the JSON value to its displayed precision. */
function assertShown(text: string, value: number, label: string): void {
  const isPercent = text.trim().endsWith("%");
  const decimals = (text.trim().replace("%", "").split(".")[1] ?? "").length;
  const tolerance = 0.5 * 10 ** -decimals * (isPercent ? 0.01 : 1) + 1e-12;
  assert.ok(
    Math.abs(shown(text) - value) <= tolerance,
    `${label}: page shows ${JSON.stringify(text)}, the JSON has ${value}`,
  );
}

async function api<T>(explorer: Explorer, path: string): Promise<T> {
  const response = await fetch(new URL(path, explorer.url));
  assert.equal(response.status, 200, path);
  return await response.json() as T;
}

/** Opens a page and waits until its script ran (and its chart, when it has one, is drawn). */
async function open(page: CdpPage, url: string, chart?: string): Promise<void> {
  await page.navigate(url);
  await page.waitFor(`document.body.dataset.ready === "true"`, `${url} to finish its script`, {
    timeoutMs: 20_000,
  });
  if (chart) {
    await page.waitFor(
      `Boolean(document.querySelector("#${chart}[data-rendered] svg"))`,
      `the Plot chart #${chart} on ${url}`,
      { timeoutMs: 20_000 },
    );
  }
}

/** Clicks a link found by a selector and waits for the next page to load. */
async function clickAndWait(page: CdpPage, selector: string): Promise<void> {
  const loaded = page.cdp.waitForEvent("Page.loadEventFired", page.sessionId, 20_000);
  const found = await page.evaluate<boolean>(`(() => {
    const a = document.querySelector(${JSON.stringify(selector)});
    if (a) a.click();
    return Boolean(a);
  })()`);
  assert.ok(found, `no element ${selector}`);
  await loaded;
  await page.waitFor(`document.body.dataset.ready === "true"`, "the page's script", {
    timeoutMs: 20_000,
  });
}

interface Kpis {
  kpis: { key: string; value: number }[];
}
interface Segments {
  segments: {
    segment: string;
    customers: number;
    clv_total: number;
    churn_probability_mean: number;
  }[];
}
interface Customers {
  total: number;
  customers: Record<string, number | string | null>[];
}

Deno.test({
  name: "the customer explorer in headless Chromium: pages, numbers, navigation, escaping",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const temp = Deno.makeTempDirSync({ prefix: "customer-lens-serve-browser-" });
    Deno.mkdirSync(join(temp, "out", "exports"), { recursive: true });
    Deno.mkdirSync(join(temp, "chromium"));
    Deno.copyFileSync(FIXTURE, join(temp, "out", "exports", "customer_view.csv"));
    await Deno.remove(SCREENSHOTS, { recursive: true }).catch(() => {});
    Deno.mkdirSync(SCREENSHOTS, { recursive: true });
    let explorer: Explorer | undefined;
    let withBatch: Explorer | undefined;
    let browser: Browser | undefined;
    try {
      explorer = await startExplorer({ out: join(temp, "out"), port: 0 });
      browser = await launchChromium(join(temp, "chromium"));
      const page = await Page.open(browser.cdp, { width: 1280, height: 900 });
      const requests: string[] = [];
      let dialogs = 0;
      await page.send("Network.enable");
      page.cdp.onEvent((m) => {
        if (m.sessionId !== page.sessionId) return;
        if (m.method === "Network.requestWillBeSent") {
          requests.push(String((m.params?.request as { url: string }).url));
        } else if (m.method === "Page.javascriptDialogOpening") dialogs++;
      });
      const base = explorer.url;
      const x = explorer;

      await t.step("overview: KPIs equal /api/kpis, chart drawn", async () => {
        await open(page, base, "chart-overview");
        const expected = await api<Kpis>(x, "/api/kpis");
        const cells = await page.evaluate<[string, string][]>(
          `[...document.querySelectorAll("#kpis tr[data-kpi]")].map((tr) => [tr.dataset.kpi, tr.querySelector("td").textContent])`,
        );
        assert.equal(cells.length, expected.kpis.length);
        for (const [key, text] of cells) {
          assertShown(text, expected.kpis.find((k) => k.key === key)!.value, `KPI ${key}`);
        }
        await page.screenshot(join(SCREENSHOTS, "overview.png"));
      });

      await t.step("segments: table equals /api/segments; click through to a segment", async () => {
        await open(page, `${base}segments`, "chart-segments");
        const expected = await api<Segments>(x, "/api/segments");
        const rows = await page.evaluate<Record<string, string>[]>(
          `[...document.querySelectorAll("#segments tbody tr")].map((tr) => Object.assign(
            { segment: tr.dataset.segment },
            Object.fromEntries([...tr.querySelectorAll("td[data-key]")].map((td) => [td.dataset.key, td.textContent]))))`,
        );
        assert.deepEqual(rows.map((r) => r.segment), expected.segments.map((s) => s.segment));
        rows.forEach((r, i) => {
          const s = expected.segments[i];
          assertShown(r.customers, s.customers, `${s.segment} customers`);
          assertShown(r.clv_total, s.clv_total, `${s.segment} clv_total`);
          assertShown(r.churn_probability_mean, s.churn_probability_mean, `${s.segment} churn`);
        });
        await page.screenshot(join(SCREENSHOTS, "segments.png"));
        await clickAndWait(page, `#segments tr[data-segment="At risk"] a`);
        assert.match(await page.evaluate<string>("location.search"), /name=At(%20|\+)risk/);
      });

      await t.step(
        "segment: customers equal /api/customers; sort, filter, CSV export",
        async () => {
          await page.waitFor(
            `Boolean(document.querySelector("#chart-segment[data-rendered] svg"))`,
            "the segment chart",
          );
          const expected = await api<Customers>(x, "/api/customers?segment=At%20risk&limit=500");
          const shownRows = await page.evaluate<{ id: string; clv: string; rank: string }[]>(
            `[...document.querySelectorAll("#customers tbody tr")].map((tr) => ({ id: tr.dataset.id,
            clv: tr.querySelector('[data-key="clv"]').textContent,
            rank: tr.querySelector('[data-key="rank"]').textContent }))`,
          );
          assert.deepEqual(
            shownRows.map((r) => r.id),
            expected.customers.map((c) => c.customer_id),
          );
          shownRows.forEach((r, i) => {
            assertShown(r.clv, expected.customers[i].clv as number, `${r.id} clv`);
            assertShown(r.rank, expected.customers[i].rank as number, `${r.id} rank`);
          });
          await page.screenshot(join(SCREENSHOTS, "segment.png"));
          // Sort the whole segment by CLV: the first click largest first, the second smallest.
          const clvs =
            `[...document.querySelectorAll('#customers tbody [data-key="clv"]')].map((td) => Number(td.dataset.value))`;
          const sortClv = `#customers th[data-key="clv"] a`;
          await clickAndWait(page, sortClv);
          const byApi = await api<Customers>(
            x,
            "/api/customers?segment=At%20risk&sort=clv&order=desc&limit=500",
          );
          assert.deepEqual(await page.evaluate<number[]>(clvs), byApi.customers.map((c) => c.clv));
          assert.equal(
            await page.evaluate<string>(
              `document.querySelector('#customers th[data-key="clv"]').getAttribute("aria-sort")`,
            ),
            "descending",
          );
          await clickAndWait(page, sortClv);
          const ascending = await page.evaluate<number[]>(clvs);
          assert.deepEqual(ascending, byApi.customers.map((c) => c.clv).reverse());
          // Filter while typing.
          const visible = await page.evaluate<number>(`(() => {
          const input = document.getElementById("filter");
          input.value = "mug";
          input.dispatchEvent(new Event("input"));
          return [...document.querySelectorAll("#customers tbody tr")].filter((tr) => !tr.hidden).length;
        })()`);
          assert.equal(visible, 1);
          const csv = await page.evaluate<string>(
            `fetch(document.getElementById("export-csv").href).then((r) => r.text())`,
          );
          assert.equal(csv.trim().split("\n").length - 1, expected.total);
        },
      );

      await t.step("customer: the hostile id shows as text, numbers equal the JSON", async () => {
        await clickAndWait(page, `#customers tr[data-id] a[href*="script"]`);
        const expected = await api<{ customer: Record<string, number | string> }>(
          x,
          `/api/customers/${encodeURIComponent(EVIL_ID)}`,
        );
        const c = expected.customer;
        const state = await page.evaluate<Record<string, unknown>>(`({
          h1: document.querySelector("h1").textContent,
          product: document.querySelector('[data-key="next_product"]').textContent,
          scripts: document.scripts.length,
          onerror: document.querySelectorAll("[onerror]").length,
          bold: document.querySelectorAll("main b").length,
          clv: document.querySelector('[data-key="clv"]').textContent,
          interval: document.querySelector('[data-key="clv_interval"]').textContent,
          churn: document.querySelector('[data-key="churn_probability"]').textContent,
        })`);
        assert.equal(state.h1, `Customer ${EVIL_ID}`);
        assert.equal(state.product, EVIL_PRODUCT);
        // page-data, d3, Plot, app.js: nothing from the data became a script or an attribute.
        assert.equal(state.scripts, 4);
        assert.equal(state.onerror, 0);
        assert.equal(state.bold, 0);
        assertShown(state.clv as string, c.clv as number, "clv");
        const [p10, p90] = (state.interval as string).split("–");
        assertShown(p10, c.clv_p10 as number, "clv_p10");
        assertShown(p90, c.clv_p90 as number, "clv_p90");
        assertShown(state.churn as string, c.churn_probability as number, "churn_probability");
        await page.waitFor(
          `Boolean(document.querySelector("#chart-customer[data-rendered] svg"))`,
          "the customer chart",
        );
        await page.screenshot(join(SCREENSHOTS, "customer.png"));
      });

      await t.step("what-if: totals equal /api/whatif; moving a slider updates them", async () => {
        await open(page, `${base}whatif?budget=300&threshold=0.7`);
        const contacted =
          `document.querySelector('#whatif-totals [data-key="contacted"]').textContent`;
        const first = await api<{ contacted: number; expected_gain: number }>(
          x,
          "/api/whatif?budget=300&threshold=0.7",
        );
        assertShown(await page.evaluate<string>(contacted), first.contacted, "contacted");
        assertShown(
          await page.evaluate<string>(
            `document.querySelector('#whatif-totals [data-key="expected_gain"]').textContent`,
          ),
          first.expected_gain,
          "expected_gain",
        );
        await page.evaluate(`(() => {
          const s = document.getElementById("threshold");
          s.value = "0.5";
          s.dispatchEvent(new Event("input", { bubbles: true }));
        })()`);
        await page.waitFor(`document.body.dataset.whatifUpdates`, "the what-if update");
        const second = await api<{ contacted: number }>(x, "/api/whatif?budget=300&threshold=0.5");
        assertShown(await page.evaluate<string>(contacted), second.contacted, "contacted at 0.5");
        assert.notEqual(second.contacted, first.contacted);
        await page.screenshot(join(SCREENSHOTS, "whatif.png"));
      });

      await t.step("an unknown customer gets a 404 page; no dialog, no error, no CDN", async () => {
        await open(page, `${base}customer/nobody`);
        assert.match(
          await page.evaluate<string>(`document.getElementById("not-found").textContent`),
          /No customer with id "nobody"/,
        );
        assert.equal(dialogs, 0, "a script from the data opened a dialog");
        const errors = page.console.filter((e) => e.level === "error" && !/404/.test(e.text));
        assert.deepEqual(errors, []);
        const elsewhere = requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:"));
        assert.deepEqual(elsewhere, [], "the pages requested something not from the explorer");
        assert.ok(requests.some((u) => u.endsWith("/static/vendor/plot-0.6.17.umd.min.js")));
      });
      await t.step('no batch loaded: "Who moved" is shown disabled, not a link', async () => {
        await open(page, base);
        const item = await page.evaluate<{ tag: string; href: string | null; disabled: string }>(
          `(() => { const e = document.getElementById("nav-transitions");
            return { tag: e.tagName, href: e.getAttribute("href"), disabled: e.getAttribute("aria-disabled") }; })()`,
        );
        assert.deepEqual(item, { tag: "SPAN", href: null, disabled: "true" });
      });

      await t.step(
        'with a batch: "Who moved" links to /transitions, equal to the API',
        async () => {
          // The history and batch fixtures (canonical columns); the batch is copied under a hostile
          // name, and holds a new customer with a hostile id and product description.
          const batchPath = join(temp, 'batch <img src=x onerror="alert(3)">.csv');
          Deno.copyFileSync(BATCH, batchPath);
          const transitions = await loadTransitions({ transactions: HISTORY, batch: batchPath });
          withBatch = await startExplorer({ out: join(temp, "out"), port: 0, transitions });
          const b = withBatch;
          await open(page, b.url);
          assert.equal(
            await page.evaluate<string>(
              `document.getElementById("nav-transitions").getAttribute("href")`,
            ),
            "/transitions",
          );
          await clickAndWait(page, "#nav-transitions");
          assert.equal(await page.evaluate<string>("location.pathname"), "/transitions");
          const expected = await api<Transitions>(b, "/api/transitions");
          assert.equal(expected.batchRows, 56);
          assert.equal(expected.newCustomers, 3);
          const columns = Object.keys(expected.matrices);
          assert.deepEqual(columns, ["rfm_segment", "kmeans_segment"]);
          for (const column of columns) {
            const m = expected.matrices[column];
            const table = await page.evaluate<{ head: string[]; rows: string[][] }>(`(() => {
            const t = document.getElementById(${JSON.stringify(`matrix-${column}`)});
            return {
              head: [...t.querySelectorAll("thead th")].slice(1).map((th) => th.textContent),
              rows: [...t.querySelectorAll("tbody tr")].map((tr) =>
                [...tr.children].map((c) => c.textContent)),
            };
          })()`);
            assert.deepEqual(table.head, m.to, `${column}: columns`);
            assert.deepEqual(table.rows.map((r) => r[0]), m.from, `${column}: rows`);
            table.rows.forEach((r, i) =>
              r.slice(1).forEach((text, j) =>
                assertShown(text, m.counts[i][j], `${column} ${m.from[i]} -> ${m.to[j]}`)
              )
            );
            // Every customer counted once: the history's and the batch's new ones.
            const total = m.counts.flat().reduce((s, c) => s + c, 0);
            assert.equal(total, 100 + expected.newCustomers, `${column}: customers`);
          }
          const drift = await page.evaluate<string[][]>(
            `[...document.querySelectorAll("#drift tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent))`,
          );
          assert.deepEqual(drift.map((r) => r[0]), expected.drift.map((d) => d.variable));
          drift.forEach((r, i) => assertShown(r[2], expected.drift[i].psi, `PSI ${r[0]}`));
          assert.equal(
            await page.evaluate<string>(`document.getElementById("recommendation").textContent`),
            expected.recommendation,
          );
          // The hostile batch file name shows as text; nothing from the data became markup.
          const state = await page.evaluate<Record<string, unknown>>(`({
          text: document.querySelector("main").textContent,
          img: document.querySelectorAll("main img").length,
          onerror: document.querySelectorAll("[onerror]").length,
          scripts: document.scripts.length,
        })`);
          assert.ok((state.text as string).includes(batchPath), "the batch file name as text");
          assert.equal(state.img, 0);
          assert.equal(state.onerror, 0);
          assert.equal(state.scripts, 3, "d3, Plot, app.js and nothing from the data");
          assert.equal(dialogs, 0, "a script from the data opened a dialog");
          await page.screenshot(join(SCREENSHOTS, "transitions.png"));
        },
      );
      await page.close();
    } finally {
      await browser?.close();
      await withBatch?.shutdown();
      await explorer?.shutdown();
      await Deno.remove(temp, { recursive: true });
    }
  },
});
