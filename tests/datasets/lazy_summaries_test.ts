/**
 * computeRfm and clvSummary over LazyFrames (a frame's plan, scans of Parquet files, and
 * scanTransactions over a hive-partitioned folder) equal their DataFrame results on Online Retail
 * and on the CDNOW log, to 1e-12.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { DATA_DIR, DATASET_FILES, loadCdnow, loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { scanTransactions } from "../../lib/io/scan_transactions.ts";
import { assertClose } from "../_helpers.ts";

const AS_OF = new Date("2011-12-10T00:00:00Z");

function assertSameTable(actual: DataFrame, expected: DataFrame): void {
  assert.deepEqual(actual.columns, expected.columns);
  assert.deepEqual(actual.dtypes.map(String), expected.dtypes.map(String));
  assert.equal(actual.height, expected.height);
  for (const c of expected.columns) {
    const e = expected.getColumn(c);
    if (e.dtype.variant === "Float64") {
      assertClose(
        actual.getColumn(c).toArray() as number[],
        e.toArray() as number[],
        1e-12,
        c,
      );
    } else {
      assert.deepEqual(actual.getColumn(c).toArray(), e.toArray(), c);
    }
  }
}

/** The bundled Parquet file scanned lazily, with canonical column names. */
function scanRetail() {
  return pl.scanParquet(join(DATA_DIR, DATASET_FILES.onlineRetail)).select(
    pl.col("CustomerID").alias("customer_id"),
    pl.col("InvoiceNo").alias("invoice_id"),
    pl.col("InvoiceDate").alias("invoice_date"),
    pl.col("StockCode").alias("product_id"),
    pl.col("Quantity").alias("quantity"),
    pl.col("UnitPrice").alias("unit_price"),
  );
}

Deno.test("computeRfm over a Parquet scan and a lazy frame equals the DataFrame result", () => {
  const raw = loadOnlineRetail();
  const expected = computeRfm(raw, { asOf: AS_OF });
  assert.equal(expected.height, 4372);
  assertSameTable(computeRfm(raw.lazy(), { asOf: AS_OF }), expected);
  assertSameTable(computeRfm(scanRetail(), { asOf: AS_OF }), expected);
  const clean = cleanTransactions(raw).data;
  assertSameTable(
    computeRfm(clean.lazy(), { asOf: AS_OF }),
    computeRfm(clean, { asOf: AS_OF }),
  );
});

Deno.test("clvSummary over a Parquet scan equals the DataFrame result on Online Retail", () => {
  const options = {
    asOf: AS_OF,
    timeUnit: "weeks" as const,
    quantity: "quantity",
    price: "unit_price",
    calibrationEnd: new Date("2011-09-01T00:00:00Z"),
  };
  const withIds = pl.col("customer_id").isNotNull();
  const expected = clvSummary(loadOnlineRetail().filter(withIds), options);
  // The scan's ids are Float64 (17850.0): compare on the ids as numbers.
  const scanned = clvSummary(scanRetail().filter(withIds), options);
  assertSameTable(
    scanned.withColumns(pl.col("customer_id").cast(pl.Int64).cast(pl.Utf8)).sort("customer_id"),
    expected,
  );
  assertSameTable(clvSummary(loadOnlineRetail().filter(withIds).lazy(), options), expected);
});

Deno.test("clvSummary over a Parquet scan equals the DataFrame result on the CDNOW log", () => {
  const cdnow = loadCdnow();
  const dir = Deno.makeTempDirSync({ prefix: "lazy_summaries_" });
  try {
    const path = join(dir, "cdnow.parquet");
    cdnow.writeParquet(path);
    for (
      const options of [
        { asOf: new Date("1997-09-30"), timeUnit: "weeks" as const, monetary: "monetary" },
        {
          asOf: new Date("1998-06-30"),
          timeUnit: "days" as const,
          monetary: "monetary",
          calibrationEnd: new Date("1997-09-30"),
        },
      ]
    ) {
      const expected = clvSummary(cdnow, options);
      assert.equal(expected.height, 23_570);
      assertSameTable(clvSummary(pl.scanParquet(path), options), expected);
      assertSameTable(clvSummary(cdnow.lazy(), options), expected);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("computeRfm and clvSummary over a hive-partitioned scan equal the DataFrame results", () => {
  const dir = Deno.makeTempDirSync({ prefix: "lazy_partitions_" });
  try {
    // Online Retail as a Parquet folder partitioned by month (13 folders), its own column names.
    const raw = pl.readParquet(join(DATA_DIR, DATASET_FILES.onlineRetail)).withColumns(
      pl.col("InvoiceDate").dt.strftime("%Y-%m").alias("month"),
    );
    const months = raw.getColumn("month").unique().sort().toArray() as string[];
    assert.equal(months.length, 13);
    for (const month of months) {
      Deno.mkdirSync(join(dir, `month=${month}`));
      raw.filter(pl.col("month").eq(pl.lit(month))).drop("month")
        .writeParquet(join(dir, `month=${month}`, "part-0.parquet"));
    }
    const columns = {
      customer_id: "CustomerID",
      invoice_id: "InvoiceNo",
      invoice_date: "InvoiceDate",
      product_id: "StockCode",
      description: "Description",
      quantity: "Quantity",
      unit_price: "UnitPrice",
      country: "Country",
    };
    const scan = scanTransactions(join(dir, "month=*", "*.parquet"), { columns });
    const eager = loadOnlineRetail();
    assertSameTable(computeRfm(scan, { asOf: AS_OF }), computeRfm(eager, { asOf: AS_OF }));
    const options = {
      asOf: AS_OF,
      timeUnit: "days" as const,
      quantity: "quantity",
      price: "unit_price",
    };
    const withIds = pl.col("customer_id").isNotNull();
    assertSameTable(
      clvSummary(scan.filter(withIds), options),
      clvSummary(eager.filter(withIds), options),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
