import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { writePartitionedParquet } from "./write_partitioned_parquet.ts";
import { scanTransactions } from "./scan_transactions.ts";

const tx = () =>
  pl.DataFrame({
    customer_id: ["a", "b", "a", "c"],
    invoice_id: ["1", "2", "3", "4"],
    invoice_date: [
      "2011-01-03T10:00:00Z",
      "2011-02-01T00:00:00Z",
      "2011-01-31T23:59:00Z",
      "2011-03-05T12:00:00Z",
    ]
      .map((d) => new Date(d)),
    product_id: ["P", "Q", "P", "R"],
    quantity: [1, 2, 3, 4],
    unit_price: [1.5, 2, 2.5, 3],
  });

Deno.test("writePartitionedParquet writes one file a month that scanTransactions reads back", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const files = writePartitionedParquet(tx(), { dir });
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), [
      "month=2011-01/part-0.parquet",
      "month=2011-02/part-0.parquet",
      "month=2011-03/part-0.parquet",
    ]);
    assert.deepEqual(pl.readParquet(files[0]).getColumn("invoice_id").toArray(), ["1", "3"]);
    const back = scanTransactions(dir).collectSync().sort("invoice_id");
    assert.deepEqual(back.getColumn("invoice_id").toArray(), ["1", "2", "3", "4"]);
    assert.deepEqual(back.getColumn("quantity").toArray(), [1, 2, 3, 4]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writePartitionedParquet refuses missing dates, a non-date column and a full folder", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const withNull = tx().withColumns(
      pl.when(pl.col("invoice_id").eq(pl.lit("2"))).then(pl.lit(null)).otherwise(
        pl.col("invoice_date"),
      ).alias("invoice_date"),
    );
    assert.throws(
      () => writePartitionedParquet(withNull, { dir }),
      (e: Error) => e instanceof RangeError && e.message.includes("1 missing dates: rows 1"),
    );
    assert.throws(
      () => writePartitionedParquet(tx(), { dir, date: "invoice_id" }),
      (e: Error) => e instanceof TypeError && e.message.includes('"invoice_id" is not a date'),
    );
    Deno.writeTextFileSync(`${dir}/old.txt`, "x");
    assert.throws(
      () => writePartitionedParquet(tx(), { dir }),
      (e: Error) => e instanceof RangeError && e.message.includes('not empty: it holds "old.txt"'),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
