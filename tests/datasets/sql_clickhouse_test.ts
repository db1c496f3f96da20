/**
 * The generated ClickHouse SQL, run on a real two-shard ClickHouse cluster (Debian's
 * clickhouse-server 18.16, two server processes on 127.0.0.1 started by
 * tests/_clickhouse_cluster.ts, `.ci/run` installs the package), equals the Polars results on the
 * bundled Online Retail data: `rfmSql` = `computeRfm`, `clvSummarySql` = `clvSummary` (in days;
 * in weeks with a holdout period), `kpiTableSql` = `kpiTable` (months and quarters) and
 * `basketPairsSql` = `frequentItemsets`' item and pair counts on cleaned transactions, compared
 * with `compareSummaries` at 1e-9 relative, with the same dtypes. The transactions are inserted
 * through a `Distributed` table sharded by `cityHash64(customer_id)`, and the test checks that
 * both shards hold rows and that no customer is split between them. The servers run in
 * `America/New_York` on purpose: the SQL must say UTC itself. Network: 127.0.0.1 only.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { kpiTable } from "../../lib/kpi/kpi_table.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import {
  basketStats,
  frequentItemsets,
  minSupportCount,
} from "../../lib/basket/frequent_itemsets.ts";
import { rfmSql } from "../../lib/sql/rfm_sql.ts";
import { clvSummarySql } from "../../lib/sql/clv_summary_sql.ts";
import { kpiTableSql } from "../../lib/sql/kpi_table_sql.ts";
import { basketPairsSql } from "../../lib/sql/basket_pairs_sql.ts";
import { compareSummaries } from "../../lib/sql/compare_summaries.ts";
import { type ClickHouseColumnType, queryClickHouse } from "../../lib/sql/query_clickhouse.ts";
import { loadTransactions, withClickHouseCluster } from "../_clickhouse_cluster.ts";

const AS_OF = new Date("2011-12-10T00:00:00Z");

/** The dtypes by column, as text. */
const dtypes = (df: DataFrame) => df.columns.map((c) => `${c}: ${df.getColumn(c).dtype}`);

/** compareSummaries at 1e-9, asserting every column agrees; returns the largest difference. */
function assertSame(actual: DataFrame, expected: DataFrame, key: string, what: string): number {
  assert.deepEqual(dtypes(actual), dtypes(expected), `${what}: dtypes`);
  const diff = compareSummaries(actual, expected, { key, tolerance: 1e-9 });
  const rows = diff.toRecords() as {
    column: string;
    rows_unmatched: number;
    max_relative_difference: number | null;
    equal: boolean;
  }[];
  for (const r of rows) assert.ok(r.equal, `${what}: column ${r.column} differs: ${String(diff)}`);
  assert.equal(rows[0].rows_unmatched, 0, `${what}: unmatched rows`);
  assert.equal(actual.height, expected.height, `${what}: rows`);
  const worst = Math.max(0, ...rows.map((r) => r.max_relative_difference ?? 0));
  console.log(`${what}: ${expected.height} rows equal, max relative difference ${worst}`);
  return worst;
}

/** Types that make a ClickHouse result's dtypes those of a Polars summary. */
function typesOf(expected: DataFrame): Record<string, ClickHouseColumnType> {
  const out: Record<string, ClickHouseColumnType> = {};
  for (const c of expected.columns) {
    const v = expected.getColumn(c).dtype.variant;
    if (v === "Bool") out[c] = "bool";
    else if (v === "Date") out[c] = "date";
  }
  return out;
}

Deno.test("ClickHouse SQL on a two-shard cluster equals the Polars summaries", async (t) => {
  const tx = loadOnlineRetail();
  const clean = cleanTransactions(tx).data;
  await withClickHouseCluster(async (cluster) => {
    assert.match(cluster.version, /^\d+\.\d+/);
    const url = cluster.urls[0];
    const run = (sql: string, types: Record<string, ClickHouseColumnType> = {}) =>
      queryClickHouse(sql, { url, types });

    await t.step("the transactions are sharded by customer across both nodes", async () => {
      const split = await loadTransactions(cluster, "tx", tx);
      const cleanSplit = await loadTransactions(cluster, "clean", clean);
      console.log(`tx rows per shard: ${split.join(" / ")}; clean: ${cleanSplit.join(" / ")}`);
      assert.equal(split.length, 2);
      assert.equal(split[0] + split[1], tx.height);
      assert.equal(cleanSplit[0] + cleanSplit[1], clean.height);
      for (const n of [...split, ...cleanSplit]) assert.ok(n > 0.2 * Math.min(...split), `${n}`);
      assert.ok(Math.min(...cleanSplit) > 0.4 * clean.height, `clean split ${cleanSplit}`);
      // Each customer's rows live on one shard only.
      const perNode = await Promise.all(cluster.urls.map((u) =>
        queryClickHouse(
          "SELECT DISTINCT customer_id FROM tx_local WHERE customer_id IS NOT NULL",
          { url: u },
        )
      ));
      const [a, b] = perNode.map((df) => new Set(df.getColumn("customer_id").toArray()));
      assert.ok(a.size > 1000 && b.size > 1000, `${a.size} / ${b.size} customers`);
      assert.equal([...a].filter((c) => b.has(c)).length, 0);
      assert.equal(a.size + b.size, 4372);
      const total = await run("SELECT count() AS n, uniqExact(customer_id) AS customers FROM tx");
      assert.deepEqual(total.toRecords(), [{ n: tx.height, customers: 4372 }]);
    });

    await t.step("rfmSql equals computeRfm", async () => {
      const expected = computeRfm(tx, { asOf: AS_OF });
      const actual = await run(rfmSql("clickhouse", { table: "tx", asOf: AS_OF }));
      assert.equal(expected.height, 4372);
      assertSame(actual, expected, "customer_id", "rfm");
    });

    const withIds = tx.filter(pl.col("customer_id").isNotNull());
    const clv = { customerId: "customer_id", quantity: "quantity", price: "unit_price" };
    await t.step("clvSummarySql equals clvSummary, in days", async () => {
      const options = { asOf: AS_OF, timeUnit: "days" as const, ...clv };
      const expected = clvSummary(withIds, options);
      const actual = await run(clvSummarySql("clickhouse", { table: "tx", ...options }));
      assertSame(actual, expected, "customer_id", "clv summary (days)");
    });

    await t.step("clvSummarySql equals clvSummary with a holdout period, in weeks", async () => {
      const options = {
        asOf: AS_OF,
        timeUnit: "weeks" as const,
        calibrationEnd: new Date("2011-09-01T00:00:00Z"),
        observationEnd: new Date("2011-12-09T12:00:00Z"),
        ...clv,
      };
      const expected = clvSummary(withIds, options);
      const actual = await run(clvSummarySql("clickhouse", { table: "tx", ...options }));
      assert.ok(Number(expected.getColumn("frequency_holdout").sum()) > 0);
      assertSame(actual, expected, "customer_id", "clv summary (weeks, holdout)");
    });

    await t.step("kpiTableSql equals kpiTable, months and quarters", async () => {
      for (const period of ["month", "quarter"] as const) {
        const expected = kpiTable(clean, { period, asOf: AS_OF });
        assert.equal(expected.height, period === "month" ? 13 : 5);
        const actual = await run(
          kpiTableSql("clickhouse", { table: "clean", period, asOf: AS_OF }),
          typesOf(expected),
        );
        assertSame(actual, expected, "period", `kpi table (${period})`);
        assert.deepEqual(
          actual.getColumn("churned_customers").toArray().map((v) => v === null),
          expected.getColumn("churned_customers").toArray().map((v) => v === null),
        );
      }
    });

    await t.step("basketPairsSql equals frequentItemsets' item and pair counts", async () => {
      for (const maxBasketSize of [undefined, 50]) {
        const options = { transaction: "invoice_id", item: "product_id", maxBasketSize };
        const n = basketStats(clean, options).transactions;
        const minCount = minSupportCount(0.01, n);
        const itemsets = frequentItemsets(clean, { ...options, minSupport: 0.01, maxLen: 2 });
        const rows = itemsets.toRecords() as unknown as { itemset: string[]; count: number }[];
        const expected = pl.DataFrame({
          itemset: rows.map((r) => [...r.itemset].sort().join(" & ")),
          count: rows.map((r) => r.count),
          transactions: rows.map(() => n),
        }).withColumns(pl.col("count").cast(pl.Int64), pl.col("transactions").cast(pl.Int64));
        const found = await run(
          basketPairsSql("clickhouse", { table: "clean", ...options, minCount }),
        );
        if (maxBasketSize === undefined) assert.equal(expected.height, 628 + 336);
        const actual = found.select(
          pl.when(pl.col("item_b").isNull()).then(pl.col("item_a"))
            .otherwise(pl.concatString([pl.col("item_a"), pl.col("item_b")], " & "))
            .alias("itemset"),
          pl.col("count"),
          pl.col("transactions"),
        );
        assertSame(actual, expected, "itemset", `basket pairs (max size ${maxBasketSize})`);
      }
    });

    await t.step("a refused query reports ClickHouse's own message", async () => {
      await assert.rejects(
        run("SELECT no_such_column FROM tx"),
        (e) =>
          e instanceof Error &&
          e.message.startsWith(
            `Cannot query ClickHouse as the server at ${url} refused the query`,
          ) &&
          /Missing columns: 'no_such_column'|no_such_column/.test(e.message),
      );
    });
  });
});

Deno.test("queryClickHouse names the URL when nothing listens there", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const url = `http://127.0.0.1:${port}`;
  await assert.rejects(
    queryClickHouse("SELECT 1", { url }),
    (e) =>
      e instanceof Error &&
      e.message.startsWith(
        `Cannot query ClickHouse as the server at ${url} refused the connection`,
      ),
  );
});
