/**
 * The generated SQL, run in-process by DuckDB over the bundled data, equals the Polars results:
 * `rfmSql` = `computeRfm` on Online Retail, `clvSummarySql` = `clvSummary` on Online Retail
 * (with and without a holdout period) and on the CDNOW log, to 1e-9 relative; `kpiTableSql` =
 * `kpiTable` (months and quarters) and `basketPairsSql` = `frequentItemsets`' counts of items and
 * pairs on cleaned Online Retail, counts exact. No network: DuckDB
 * loads from the npm cache (`--allow-ffi`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { DATA_DIR, DATASET_FILES, loadCdnow, loadOnlineRetail } from "../../lib/io/datasets.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { rfmSql } from "../../lib/sql/rfm_sql.ts";
import { clvSummarySql } from "../../lib/sql/clv_summary_sql.ts";
import { queryDuckDb } from "../../lib/sql/query_duckdb.ts";
import { kpiTableSql } from "../../lib/sql/kpi_table_sql.ts";
import { basketPairsSql } from "../../lib/sql/basket_pairs_sql.ts";
import { kpiTable } from "../../lib/kpi/kpi_table.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import {
  basketStats,
  frequentItemsets,
  minSupportCount,
} from "../../lib/basket/frequent_itemsets.ts";
import { assertClose } from "../_helpers.ts";

const RETAIL = join(DATA_DIR, DATASET_FILES.onlineRetail);
const AS_OF = new Date("2011-12-10T00:00:00Z");

/** Same columns, same ids in the same order, integers equal, floats to 1e-9 relative. */
function assertSameTable(actual: DataFrame, expected: DataFrame, key: string): void {
  assert.deepEqual(actual.columns, expected.columns);
  assert.equal(actual.height, expected.height);
  const a = actual.sort(key);
  const e = expected.sort(key);
  assert.deepEqual(a.getColumn(key).toArray(), e.getColumn(key).toArray());
  for (const c of expected.columns) {
    if (c === key) continue;
    const dtype = e.getColumn(c).dtype.variant;
    const values = a.getColumn(c).cast(pl.Float64).toArray() as number[];
    const reference = e.getColumn(c).cast(pl.Float64).toArray() as number[];
    if (dtype.startsWith("Int")) assert.deepEqual(values, reference, c);
    else assertClose(values, reference, 1e-9, c);
  }
}

Deno.test("rfmSql in DuckDB over the Online Retail Parquet file equals computeRfm", async () => {
  const expected = computeRfm(loadOnlineRetail(), { asOf: AS_OF });
  const sql = rfmSql("duckdb", {
    parquet: RETAIL,
    asOf: AS_OF,
    columns: {
      customer_id: "CustomerID",
      invoice_id: "InvoiceNo",
      invoice_date: "InvoiceDate",
      quantity: "Quantity",
      unit_price: "UnitPrice",
    },
  });
  const actual = await queryDuckDb(sql);
  assert.equal(expected.height, 4372);
  assertSameTable(actual, expected, "customer_id");
  // The query sorts numeric ids numerically; the table sorts text: same set, compared sorted.
});

const RETAIL_CLV = {
  customerId: "CustomerID",
  date: "InvoiceDate",
  quantity: "Quantity",
  price: "UnitPrice",
};

function retailForClv(): DataFrame {
  return loadOnlineRetail().filter(pl.col("customer_id").isNotNull()).rename({
    customer_id: "CustomerID",
    invoice_date: "InvoiceDate",
    quantity: "Quantity",
    unit_price: "UnitPrice",
  });
}

Deno.test("clvSummarySql in DuckDB equals clvSummary on Online Retail, in days", async () => {
  const options = { asOf: AS_OF, timeUnit: "days" as const, ...RETAIL_CLV };
  const expected = clvSummary(retailForClv(), options);
  const actual = await queryDuckDb(clvSummarySql("duckdb", { parquet: RETAIL, ...options }), {
    idColumns: ["CustomerID"],
  });
  assertSameTable(actual, expected, "CustomerID");
});

Deno.test("clvSummarySql in DuckDB equals clvSummary with a holdout period", async () => {
  const options = {
    asOf: AS_OF,
    timeUnit: "weeks" as const,
    calibrationEnd: new Date("2011-09-01T00:00:00Z"),
    observationEnd: new Date("2011-12-09T12:00:00Z"),
    ...RETAIL_CLV,
  };
  const expected = clvSummary(retailForClv(), options);
  const actual = await queryDuckDb(clvSummarySql("duckdb", { parquet: RETAIL, ...options }), {
    idColumns: ["CustomerID"],
  });
  assert.ok(Number(expected.getColumn("frequency_holdout").sum()) > 0);
  assertSameTable(actual, expected, "CustomerID");
});

Deno.test("clvSummarySql in DuckDB equals clvSummary on the CDNOW log, in weeks", async () => {
  const cdnow = loadCdnow();
  const dir = Deno.makeTempDirSync({ prefix: "sql_duckdb_" });
  try {
    const path = join(dir, "cdnow.parquet");
    cdnow.writeParquet(path);
    for (const holdout of [false, true]) {
      const options = {
        asOf: new Date("1998-06-30"),
        timeUnit: "weeks" as const,
        monetary: "monetary",
        ...(holdout ? { calibrationEnd: new Date("1997-09-30") } : {}),
      };
      const expected = clvSummary(cdnow, options);
      const actual = await queryDuckDb(clvSummarySql("duckdb", { parquet: path, ...options }));
      assert.equal(expected.height, 23_570);
      assertSameTable(actual, expected, "customer_id");
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/** Cleaned Online Retail written to a temporary Parquet file, for `fn`; removed afterwards. */
async function withCleanRetail(fn: (path: string, tx: DataFrame) => Promise<void>): Promise<void> {
  const tx = cleanTransactions(loadOnlineRetail()).data;
  const dir = Deno.makeTempDirSync({ prefix: "sql_duckdb_" });
  try {
    const path = join(dir, "clean.parquet");
    tx.writeParquet(path);
    await fn(path, tx);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("kpiTableSql in DuckDB equals kpiTable on cleaned Online Retail", async () => {
  await withCleanRetail(async (path, tx) => {
    for (const period of ["month", "quarter"] as const) {
      const expected = kpiTable(tx, { period, asOf: AS_OF });
      const actual = await queryDuckDb(
        kpiTableSql("duckdb", { parquet: path, period, asOf: AS_OF }),
      );
      // Online Retail has no month without purchases, so kpiTable has no gap rows here.
      assert.equal(expected.height, period === "month" ? 13 : 5);
      assert.deepEqual(actual.columns, expected.columns);
      assert.equal(actual.height, expected.height);
      assert.deepEqual(
        actual.getColumn("period").cast(pl.Date).toArray(),
        expected.getColumn("period").toArray(),
      );
      for (const c of expected.columns.slice(1)) {
        const a = actual.getColumn(c).toArray();
        const e = expected.getColumn(c).toArray();
        assert.deepEqual(
          a.map((v) => v === null),
          e.map((v) => v === null),
          `${period} ${c} nulls`,
        );
        const values = a.filter((v) => v !== null).map(Number);
        const reference = e.filter((v) => v !== null).map(Number);
        if (expected.getColumn(c).dtype.variant === "Float64") {
          assertClose(values, reference, 1e-9, `${period} ${c}`);
        } else assert.deepEqual(values, reference, `${period} ${c}`);
      }
    }
  });
});

Deno.test("basketPairsSql in DuckDB equals frequentItemsets' item and pair counts", async () => {
  await withCleanRetail(async (path, tx) => {
    for (const maxBasketSize of [undefined, 50]) {
      const options = { transaction: "invoice_id", item: "product_id", maxBasketSize };
      const n = basketStats(tx, options).transactions;
      const minCount = minSupportCount(0.01, n);
      const itemsets = frequentItemsets(tx, { ...options, minSupport: 0.01, maxLen: 2 });
      const expected = (itemsets.toRecords() as unknown as { itemset: string[]; count: number }[])
        .map((r) => `${r.itemset.join(" & ")}: ${r.count}`).sort();
      const actual = await queryDuckDb(
        basketPairsSql("duckdb", { parquet: path, ...options, minCount }),
      );
      const found =
        (actual.toRecords() as { item_a: string; item_b: string | null; count: number }[])
          .map((r) => `${r.item_b === null ? r.item_a : `${r.item_a} & ${r.item_b}`}: ${r.count}`)
          .sort();
      // pandas (tests/datasets/basket_test.ts): 628 items and 336 pairs at 0.01 without a limit.
      if (maxBasketSize === undefined) assert.equal(expected.length, 628 + 336);
      assert.deepEqual(found, expected);
      assert.deepEqual(new Set(actual.getColumn("transactions").toArray()), new Set([n]));
    }
  });
});
