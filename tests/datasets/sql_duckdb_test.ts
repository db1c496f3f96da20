/**
 * The generated SQL, run in-process by DuckDB over the bundled data, equals the Polars results:
 * `rfmSql` = `computeRfm` on Online Retail, `clvSummarySql` = `clvSummary` on Online Retail
 * (with and without a holdout period) and on the CDNOW log, to 1e-9 relative. No network: DuckDB
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
