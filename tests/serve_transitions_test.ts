/**
 * The explorer's "Who moved" page (`--transactions FILE --batch FILE`, app/transitions.ts): the
 * models are fitted on a history, a batch is applied without refitting, and the page and
 * `/api/transitions` show the transition matrices (every customer counted once, the batch's new
 * customers in the "(new)" row, the page's cells equal to the API's) and the drift report. The server runs in-process on a free loopback
 * port (needs `--allow-net=127.0.0.1`).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { loadTransitions } from "../app/transitions.ts";
import { parseServeArgs, startExplorer } from "../app/server.ts";
import { root } from "./_helpers.ts";

const DAY = 86_400_000;
const day = (d: number) => new Date(Date.UTC(2011, 0, 1) + d * DAY);

/** 200 customers, each buying every `gap` days for `life` days (the dynamic segments example). */
function history(): Record<string, unknown>[] {
  const rows = [];
  for (let c = 0; c < 200; c++) {
    const gap = 5 + (c * 7) % 40;
    const life = 20 + (c * 53) % 200;
    for (let k = 0; k * gap <= life; k++) {
      rows.push({
        customer_id: `c${c}`,
        invoice_id: `i${c}-${k}`,
        invoice_date: day((c % 30) + k * gap),
        product_id: `p${(c + k) % 4}`,
        quantity: 1 + (c % 3),
        unit_price: 5 + ((c * k) % 7),
      });
    }
  }
  return rows;
}

function writeCsv(path: string, rows: Record<string, unknown>[]): void {
  pl.readRecords(rows).writeCSV(path);
}

function files() {
  const dir = Deno.makeTempDirSync({ prefix: "customer-lens-batch-" });
  const all = history();
  const cut = day(240).getTime();
  const hist = all.filter((r) => (r.invoice_date as Date).getTime() < cut);
  const batch = [
    ...all.filter((r) => (r.invoice_date as Date).getTime() >= cut),
    ...[0, 1, 2].map((i) => ({
      customer_id: `new${i}`,
      invoice_id: `n${i}`,
      invoice_date: day(250 + i),
      product_id: "p1",
      quantity: 1,
      unit_price: 20,
    })),
  ];
  const transactions = join(dir, "history.csv");
  const batchPath = join(dir, 'batch <img src=x onerror="alert(1)">.csv');
  writeCsv(transactions, hist);
  writeCsv(batchPath, batch);
  Deno.mkdirSync(join(dir, "out", "exports"), { recursive: true });
  Deno.copyFileSync(
    root("tests/fixtures/customer_view_small.csv"),
    join(dir, "out", "exports", "customer_view.csv"),
  );
  return { dir, transactions, batch: batchPath, batchRows: batch.length };
}

Deno.test("parseServeArgs: --batch and --transactions go together", () => {
  assert.deepEqual(parseServeArgs(["--transactions", "h.csv", "--batch", "b.csv"]), {
    port: 8000,
    out: "out",
    hostname: "127.0.0.1",
    transactions: "h.csv",
    batch: "b.csv",
  });
  assert.match(
    (parseServeArgs(["--batch", "b.csv"]) as { error: string }).error,
    /--batch and --transactions go together/,
  );
  assert.match((parseServeArgs(["--batch"]) as { error: string }).error, /--batch needs a file/);
});

Deno.test("the Who moved page shows the transition matrices, the drift report, escaped", async () => {
  const f = files();
  const t = await loadTransitions({ transactions: f.transactions, batch: f.batch });
  assert.equal(t.batchRows, f.batchRows);
  assert.equal(t.newCustomers, 3);
  assert.equal(t.fitDate, "2011-08-22"); // the history's last purchase
  for (const m of Object.values(t.matrices)) {
    // Every customer after the batch is counted once; the three new ones in the "(new)" row.
    const total = m.counts.flat().reduce((a, b) => a + b, 0);
    assert.equal(total, 203);
    assert.equal(m.from.at(-1), "(new)");
    assert.equal(m.counts.at(-1)!.reduce((a, b) => a + b, 0), 3);
    assert.ok(m.svg.startsWith("<svg"));
  }
  assert.deepEqual(t.drift.map((d) => d.variable).slice(0, 2), ["rfm_segment", "kmeans_segment"]);
  const explorer = await startExplorer({ out: join(f.dir, "out"), port: 0, transitions: t });
  try {
    const api = await (await fetch(`${explorer.url}api/transitions`)).json();
    assert.deepEqual(api.matrices.kmeans_segment.counts, t.matrices.kmeans_segment.counts);
    const response = await fetch(`${explorer.url}transitions`);
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.ok(!page.includes("<img src=x"), "the batch file name is escaped");
    assert.ok(page.includes("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"));
    const table = page.slice(page.indexOf('id="matrix-kmeans_segment"'));
    const cells = [...table.slice(0, table.indexOf("</table>")).matchAll(/<td class="num">(\d+)</g)]
      .map((m) => Number(m[1]));
    assert.deepEqual(cells, t.matrices.kmeans_segment.counts.flat());
    assert.ok(page.includes(t.recommendation.replaceAll(">", "&gt;")));
  } finally {
    await explorer.shutdown();
  }
  // Without a batch, the page says how to load one.
  const plain = await startExplorer({ out: join(f.dir, "out"), port: 0 });
  try {
    const response = await fetch(`${plain.url}transitions`);
    assert.equal(response.status, 503);
    assert.match(await response.text(), /start the explorer with --transactions FILE --batch FILE/);
    const api = await fetch(`${plain.url}api/transitions`);
    assert.equal(api.status, 503);
    await api.body?.cancel();
  } finally {
    await plain.shutdown();
  }
  Deno.removeSync(f.dir, { recursive: true });
});

Deno.test("a batch dated before the history's end is refused with the dates", async () => {
  const f = files();
  await assert.rejects(
    () => loadTransitions({ transactions: f.transactions, batch: f.transactions }),
    /Cannot update the customer snapshot as \d+ batch rows are not dated after 2011-08-23/,
  );
  Deno.removeSync(f.dir, { recursive: true });
});
