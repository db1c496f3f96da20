/**
 * Times the generated ClickHouse SQL on the two-shard test cluster (tests/_clickhouse_cluster.ts:
 * Debian's clickhouse-server, two processes on 127.0.0.1) over the bundled Online Retail data:
 * each query is run 3 times after one warm-up run, through `queryClickHouse`, and the median wall
 * time (query + transfer + conversion to a DataFrame) is printed as a Markdown table. Not part of
 * `deno task bench` (it needs clickhouse-server); run it with
 * `deno run --allow-read --allow-write --allow-env --allow-run --allow-ffi --allow-net=127.0.0.1 --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/clickhouse_sql.ts`.
 *
 * @module
 */
import { loadOnlineRetail } from "../lib/io/datasets.ts";
import { cleanTransactions } from "../lib/quality/clean_transactions.ts";
import { basketStats, minSupportCount } from "../lib/basket/frequent_itemsets.ts";
import {
  basketPairsSql,
  clvSummarySql,
  kpiTableSql,
  queryClickHouse,
  rfmSql,
} from "../lib/sql/mod.ts";
import { loadTransactions, withClickHouseCluster } from "../tests/_clickhouse_cluster.ts";

const AS_OF = new Date("2011-12-10T00:00:00Z");
const REPEATS = 3;

const tx = loadOnlineRetail();
const clean = cleanTransactions(tx).data;
const minCount = minSupportCount(
  0.01,
  basketStats(clean, { transaction: "invoice_id", item: "product_id" }).transactions,
);
// As in the test: 1% support of the baskets kept.
const minCount50 = minSupportCount(
  0.01,
  basketStats(clean, { transaction: "invoice_id", item: "product_id", maxBasketSize: 50 })
    .transactions,
);
const clv = { customerId: "customer_id", quantity: "quantity", price: "unit_price" };
const queries: [string, string][] = [
  ["rfmSql (tx)", rfmSql("clickhouse", { table: "tx", asOf: AS_OF })],
  [
    "clvSummarySql, days (tx)",
    clvSummarySql("clickhouse", { table: "tx", asOf: AS_OF, timeUnit: "days", ...clv }),
  ],
  [
    "clvSummarySql, weeks + holdout (tx)",
    clvSummarySql("clickhouse", {
      table: "tx",
      asOf: AS_OF,
      timeUnit: "weeks",
      calibrationEnd: new Date("2011-09-01T00:00:00Z"),
      observationEnd: new Date("2011-12-09T12:00:00Z"),
      ...clv,
    }),
  ],
  [
    "kpiTableSql, month (clean)",
    kpiTableSql("clickhouse", { table: "clean", period: "month", asOf: AS_OF }),
  ],
  [
    "kpiTableSql, quarter (clean)",
    kpiTableSql("clickhouse", { table: "clean", period: "quarter", asOf: AS_OF }),
  ],
  [
    `basketPairsSql, minCount ${minCount} (clean)`,
    basketPairsSql("clickhouse", { table: "clean", minCount }),
  ],
  [
    `basketPairsSql, minCount ${minCount50}, maxBasketSize 50 (clean)`,
    basketPairsSql("clickhouse", { table: "clean", minCount: minCount50, maxBasketSize: 50 }),
  ],
];

await withClickHouseCluster(async (cluster) => {
  let t0 = performance.now();
  const split = await loadTransactions(cluster, "tx", tx);
  const loadTx = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const cleanSplit = await loadTransactions(cluster, "clean", clean);
  const loadClean = (performance.now() - t0) / 1000;
  console.log(`ClickHouse ${cluster.version}, 2 shards on 127.0.0.1`);
  console.log(
    `load tx ${tx.height} rows: ${loadTx.toFixed(1)} s (${
      split.join(" / ")
    }); clean ${clean.height}` +
      ` rows: ${loadClean.toFixed(1)} s (${cleanSplit.join(" / ")})\n`,
  );
  console.log("| query | rows | median of 3 (s) | runs (s) |");
  console.log("| --- | --- | --- | --- |");
  for (const [name, sql] of queries) {
    const df = await queryClickHouse(sql, { url: cluster.urls[0] });
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const start = performance.now();
      await queryClickHouse(sql, { url: cluster.urls[0] });
      times.push((performance.now() - start) / 1000);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
    console.log(
      `| ${name} | ${df.height} | ${median.toFixed(2)} | ${
        times.map((t) => t.toFixed(2)).join(", ")
      } |`,
    );
  }
});
