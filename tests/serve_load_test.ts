/**
 * The customer explorer under load, in CI: 100,000 synthetic customers (the generator of
 * `bench/serve.ts`, imported), the explorer in-process on a free loopback port, then for each
 * endpoint 200 requests at once. Asserts that every answer is a 200 and that its numbers agree
 * with the rows written: segment sizes sum to the customers, listed customers belong to the asked
 * segment and equal their written rows, the what-if totals add up over the customers it lists.
 * No timing is asserted (the latencies are in bench/README, "Customer explorer under load").
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  CONCURRENT,
  createRandom,
  CUSTOMERS,
  RFM,
  SEED,
  timed,
  writeView,
} from "../bench/serve.ts";
import { CUSTOMER_VIEW_COLUMNS } from "../app/data.ts";
import { startExplorer } from "../app/server.ts";
import { assertClose } from "./_helpers.ts";

type Row = Record<string, string | number | null>;

/** Asserts a served customer record equals the row the generator wrote for that id. */
function assertRecord(record: Row, written: Map<string, (string | number)[]>, where: string) {
  const row = written.get(String(record.customer_id));
  assert.ok(row, `${where}: unknown customer ${record.customer_id}`);
  CUSTOMER_VIEW_COLUMNS.forEach((column, i) => {
    const value = record[column];
    if (typeof row[i] === "number") {
      assertClose(value as number, row[i] as number, 1e-9, `${where}: ${column} of ${row[0]}`);
    } else assert.equal(value, row[i], `${where}: ${column} of ${row[0]}`);
  });
}

Deno.test({
  name: `explorer: ${CONCURRENT} concurrent requests per endpoint on ${CUSTOMERS} customers`,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const temp = Deno.makeTempDirSync({ prefix: "customer-lens-load-" });
    try {
      Deno.mkdirSync(join(temp, "exports"));
      const { ids, rows } = writeView(join(temp, "exports", "customer_view.csv"));
      assert.equal(ids.length, CUSTOMERS);
      const written = new Map(rows.map((r) => [String(r[0]), r]));
      const segmentColumn = CUSTOMER_VIEW_COLUMNS.indexOf("rfm_segment");
      const sizes = new Map<string, number>();
      for (const r of rows) {
        const s = String(r[segmentColumn]);
        sizes.set(s, (sizes.get(s) ?? 0) + 1);
      }
      const explorer = await startExplorer({ out: temp, port: 0 });
      try {
        const random = createRandom(SEED + 1);
        const endpoints: [string, () => string, (body: unknown, path: string) => void][] = [
          ["/api/kpis", () => "api/kpis", (body) => {
            const kpis = (body as { kpis: { key: string; value: number }[] }).kpis;
            const value = (key: string) => kpis.find((k) => k.key === key)?.value;
            assert.equal(value("customers"), CUSTOMERS);
            const clv = CUSTOMER_VIEW_COLUMNS.indexOf("clv");
            assertClose(
              value("clv_total")!,
              rows.reduce((s, r) => s + (r[clv] as number), 0),
              1e-9,
            );
          }],
          ["/api/segments", () => "api/segments", (body) => {
            const segments = (body as { segments: { segment: string; customers: number }[] })
              .segments;
            assert.equal(segments.reduce((s, x) => s + x.customers, 0), CUSTOMERS);
            for (const s of segments) assert.equal(s.customers, sizes.get(s.segment), s.segment);
          }],
          [
            "/api/customers?segment=...&limit=100",
            () =>
              `api/customers?segment=${encodeURIComponent(RFM[random.int(RFM.length)])}&limit=100`,
            (body, path) => {
              const b = body as { segment: string; total: number; customers: Row[] };
              assert.equal(b.total, sizes.get(b.segment), path);
              assert.equal(b.customers.length, Math.min(100, b.total), path);
              for (const c of b.customers) {
                assert.equal(c.rfm_segment, b.segment, path);
                assertRecord(c, written, path);
              }
            },
          ],
          ["/api/customers/{id}", () => `api/customers/${ids[random.int(ids.length)]}`, (
            body,
            path,
          ) => {
            const customer = (body as { customer: Row }).customer;
            assert.equal(customer.customer_id, decodeURIComponent(path.split("/").pop()!));
            assertRecord(customer, written, path);
          }],
          [
            "/api/whatif",
            () => `api/whatif?budget=${random.int(20_000)}&threshold=0.5&limit=10000`,
            (body, path) => {
              const b = body as {
                budget: number;
                threshold: number;
                contacted: number;
                cost: number;
                expected_gain: number;
                customers: Row[];
              };
              assert.equal(b.customers.length, b.contacted, path);
              assert.ok(b.cost <= b.budget + 1e-6, `${path}: cost ${b.cost} over the budget`);
              let cost = 0;
              let gain = 0;
              for (const c of b.customers) {
                assert.ok((c.churn_probability as number) >= b.threshold, path);
                assertRecord(c, written, path);
                cost += c.offer_budget as number;
                gain += c.expected_gain as number;
              }
              assertClose(b.cost, cost, 1e-9, `${path}: cost`);
              assertClose(b.expected_gain, gain, 1e-9, `${path}: expected gain`);
            },
          ],
        ];
        for (const [name, next, check] of endpoints) {
          const paths = Array.from({ length: CONCURRENT }, next);
          const results = await Promise.all(paths.map((p) => timed(explorer.url + p, true)));
          const failed = results.filter(([, status]) => status !== 200);
          assert.equal(
            failed.length,
            0,
            `${name}: ${failed.length} of ${CONCURRENT} failed, e.g. ${failed[0]?.[1]} ${
              failed[0]?.[2]
            } ${failed[0]?.[4].slice(0, 200)}`,
          );
          results.forEach(([, , , , body], i) => check(JSON.parse(body), paths[i]));
        }
      } finally {
        await explorer.shutdown();
      }
    } finally {
      Deno.removeSync(temp, { recursive: true });
    }
  },
});
