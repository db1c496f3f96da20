/**
 * Above 4,000,000 rows the lazy summaries run in passes over disjoint groups of customers (issue
 * 15, bounded memory). On a generated log of 4,200,000 lines (bench/scale.ts's generator, Parquet)
 * each must equal the in-memory result: the CLV summary (with and without a holdout) and the KPI
 * tables exactly; RFM exactly but for monetary sums, which Polars adds in another order (last bit).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeScaleLog } from "../../bench/scale.ts";
import { scanTransactions } from "../../lib/io/scan_transactions.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { kpiTable } from "../../lib/kpi/kpi_table.ts";
import { SPLIT_ROWS } from "../../lib/core/_hash_chunks.ts";
import type { DataFrame } from "../../lib/core/frame.ts";

const LINES = 4_200_000;

function assertSameFrames(name: string, a: DataFrame, b: DataFrame, relative = 0): void {
  assert.deepEqual(a.columns, b.columns, name);
  assert.equal(a.height, b.height, name);
  for (const column of a.columns) {
    const x = a.getColumn(column).toArray() as unknown[];
    const y = b.getColumn(column).toArray() as unknown[];
    for (let i = 0; i < x.length; i++) {
      const u = x[i], v = y[i];
      const same = u instanceof Date ? u.getTime() === (v as Date).getTime() : u === v;
      if (same) continue;
      const ok = relative > 0 && typeof x[i] === "number" &&
        Math.abs((x[i] as number) - (y[i] as number)) <= relative * Math.abs(y[i] as number);
      assert.ok(ok, `${name}: ${column} row ${i}: ${x[i]} against ${y[i]}`);
    }
  }
}

Deno.test("lazy summaries in passes over customer groups equal the in-memory results", () => {
  assert.ok(LINES > SPLIT_ROWS);
  const dir = Deno.makeTempDirSync({ prefix: "lens-passes-" });
  try {
    writeScaleLog(dir, LINES);
    const asOf = new Date("2023-06-01T00:00:00Z");
    const scan = () => scanTransactions(join(dir, "*.parquet"));
    const eager = scan().collectSync();
    assert.equal(eager.height, LINES);
    const rfmLazy = computeRfm(scan(), { asOf }).sort("customer_id");
    const rfmEager = computeRfm(eager, { asOf }).sort("customer_id");
    assertSameFrames(
      "rfm",
      rfmLazy.drop(["monetary", "avg_order_value"]),
      rfmEager.drop(["monetary", "avg_order_value"]),
    );
    assertSameFrames(
      "rfm money",
      rfmLazy.select("monetary", "avg_order_value"),
      rfmEager.select("monetary", "avg_order_value"),
      1e-15,
    );
    const clv = { asOf, timeUnit: "days" as const, quantity: "quantity", price: "unit_price" };
    assertSameFrames("clv", clvSummary(scan(), clv), clvSummary(eager, clv));
    const holdout = {
      ...clv,
      calibrationEnd: new Date("2023-01-01T00:00:00Z"),
      observationEnd: asOf,
      timeUnit: "weeks" as const,
    };
    assertSameFrames("clv holdout", clvSummary(scan(), holdout), clvSummary(eager, holdout));
    for (const period of ["month", "quarter"] as const) {
      assertSameFrames(
        `kpi ${period}`,
        kpiTable(scan(), { period, asOf }),
        kpiTable(eager, { period, asOf }),
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
