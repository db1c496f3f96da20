import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { join } from "node:path";
import { applyMapping, readMapping, readTransactionFiles } from "./column_mapping.ts";

const BASE = {
  customer_id: "Client",
  invoice_date: "Day",
  quantity: "Qty",
  unit_price: "Price",
};

Deno.test("readMapping refuses each bad mapping before any data is read", () => {
  const cases: [unknown, RegExp, ErrorConstructor][] = [
    ["{not json", /not valid JSON/, TypeError],
    [[1, 2], /not a JSON object/, TypeError],
    [{ ...BASE, customer_id: undefined }, /no customer column/, TypeError],
    [{ ...BASE, invoice_date: undefined }, /no date column/, TypeError],
    [
      { ...BASE, invoice_id: "Client" },
      /mapped twice: "Client" \(customer_id and invoice_id\)/,
      RangeError,
    ],
    [{ ...BASE, colour: "x" }, /a key is unknown: "colour"/, RangeError],
    [{ ...BASE, amount: "Total" }, /both unit_price and amount/, RangeError],
    [{ ...BASE, unit_price: undefined }, /neither unit_price nor amount/, RangeError],
    [{ ...BASE, quantity: undefined }, /unit_price without quantity/, RangeError],
    [{ ...BASE, date_format: "YYYYMMDD" }, /no strftime directive/, RangeError],
    [{ ...BASE, delimiter: ";;" }, /not one character/, RangeError],
    [{ ...BASE, product_id: "" }, /not a non-empty string/, TypeError],
    [{ ...BASE, drop: ["Qty"] }, /"drop" lists mapped columns/, RangeError],
  ];
  for (const [input, message, type] of cases) {
    const json = typeof input === "string" ? input : JSON.stringify(input);
    assert.throws(() => readMapping(json), (e: Error) => {
      assert.ok(e instanceof type, `${json}: ${e.constructor.name}`);
      assert.match(e.message, message);
      assert.match(e.message, /^Cannot read the column mapping as /);
      return true;
    });
  }
  assert.equal(readMapping({ ...BASE, drop: ["Email"] }).drop?.[0], "Email");
});

Deno.test("applyMapping gives canonical columns and types, ids normalised", () => {
  const raw = pl.DataFrame({
    Client: pl.Series("Client", [17850, 17850, null], pl.Float64),
    Order: ["A1", "A1", "A2"],
    Day: ["2010-12-01 08:26:00", "2010-12-01T08:26", "2010-12-02"],
    Qty: ["6", "2", "1"],
    Price: ["2.55", "3", "NaN-ish"].map((v, i) => (i === 2 ? "1.5" : v)),
    Email: ["a@b.com", "a@b.com", "c@d.com"],
  });
  const tx = applyMapping(raw, readMapping({ ...BASE, invoice_id: "Order" }));
  assert.deepEqual(tx.columns, [
    "customer_id",
    "invoice_id",
    "invoice_date",
    "quantity",
    "unit_price",
  ]);
  assert.deepEqual(tx.getColumn("customer_id").toArray(), ["17850", "17850", null]);
  assert.deepEqual(
    tx.getColumn("invoice_date").toArray().map((d) => (d as unknown as Date).toISOString()),
    ["2010-12-01T08:26:00.000Z", "2010-12-01T08:26:00.000Z", "2010-12-02T00:00:00.000Z"],
  );
  assert.equal(tx.getColumn("quantity").dtype.variant, "Int64");
  assert.deepEqual(tx.getColumn("unit_price").toArray(), [2.55, 3, 1.5]);
  assert.equal(raw.width, 6, "input unchanged");
});

Deno.test("amount instead of unit price, compact dates, no invoice column", () => {
  const raw = pl.DataFrame({
    cust: ["00042", "00042", "7"],
    ymd: pl.Series("ymd", [19970101, 19970218, 19970301], pl.Int64),
    cds: ["2", "0", "1"],
    dollars: ["29.33", "0", "11.77"],
  });
  const withQty = applyMapping(
    raw,
    readMapping({
      customer_id: "cust",
      invoice_date: "ymd",
      quantity: "cds",
      amount: "dollars",
      date_format: "%Y%m%d",
    }),
  );
  assert.deepEqual(withQty.getColumn("invoice_id").toArray(), ["line-1", "line-2", "line-3"]);
  assert.deepEqual(withQty.getColumn("customer_id").toArray(), ["00042", "00042", "7"]);
  assert.deepEqual(withQty.getColumn("unit_price").toArray(), [14.665, null, 11.77]);
  assert.equal(
    (withQty.getColumn("invoice_date").toArray()[1] as unknown as Date).toISOString(),
    "1997-02-18T00:00:00.000Z",
  );
  const noQty = applyMapping(
    raw,
    readMapping({
      customer_id: "cust",
      invoice_date: "ymd",
      amount: "dollars",
      date_format: "%Y%m%d",
    }),
  );
  assert.deepEqual(noQty.getColumn("quantity").toArray(), [1, 1, 1]);
  assert.deepEqual(noQty.getColumn("unit_price").toArray(), [29.33, 0, 11.77]);
});

Deno.test("applyMapping names a missing column, bad dates and bad numbers", () => {
  const raw = pl.DataFrame({
    Client: ["1", "2"],
    Day: ["2010-12-01", "01/12/2010"],
    Qty: ["1", "x"],
    Price: ["1", "2"],
  });
  assert.throws(
    () => applyMapping(raw, readMapping({ ...BASE, product_id: "StockCode" })),
    (e: Error) =>
      e instanceof TypeError &&
      /mapped column is missing: "StockCode" \(product_id\) \(the file has "Client", "Day"/.test(
        e.message,
      ),
  );
  assert.throws(
    () => applyMapping(raw, readMapping(BASE)),
    /"Day" \(invoice_date\) has 1 row with dates that do not parse .* row 2 holds "01\/12\/2010"/,
  );
  const dates = raw.withColumns(pl.lit("2010-12-01").alias("Day"));
  assert.throws(
    () => applyMapping(dates, readMapping(BASE)),
    /"Qty" \(quantity\) has 1 row with values that are not numbers: row 2 holds "x"/,
  );
});

Deno.test("readTransactionFiles: CSV, TSV, a folder as one dataset, and its refusals", () => {
  const dir = Deno.makeTempDirSync();
  const folder = join(dir, "exports");
  Deno.mkdirSync(folder);
  Deno.writeTextFileSync(join(folder, "a.csv"), "Client;Day;Qty;Price\n1;2010-12-01;2;3.5\n");
  Deno.writeTextFileSync(join(folder, "b.tsv"), "Client\tDay\tQty\tPrice\n2\t2010-12-02\t1\t4\n");
  Deno.writeTextFileSync(join(folder, "README.md"), "not data");
  const read = readTransactionFiles(folder);
  assert.equal(read.data.height, 2);
  assert.deepEqual(read.files.map((f) => f.path.split("/").pop()), ["a.csv", "b.tsv"]);
  const tx = applyMapping(read.data, readMapping(BASE));
  assert.deepEqual(tx.getColumn("unit_price").toArray(), [3.5, 4]);
  // a third file with other columns
  Deno.writeTextFileSync(
    join(folder, "c.csv"),
    "Client,Date,Qty,Price,Email\n3,2010-12-03,1,2,x@y.z\n",
  );
  assert.throws(
    () => readTransactionFiles(folder),
    (e: Error) =>
      e instanceof RangeError &&
      /disagree on columns: c.csv lacks "Day" and has "Date", "Email" compared with a.csv/
        .test(e.message),
  );
  const empty = join(dir, "empty.csv");
  Deno.writeTextFileSync(empty, "");
  assert.throws(() => readTransactionFiles(empty), /the file is empty/);
  const headerOnly = join(dir, "header.csv");
  Deno.writeTextFileSync(headerOnly, "Client,Day,Qty,Price\n");
  assert.throws(() => readTransactionFiles(headerOnly), /the file has no rows/);
  const none = join(dir, "none");
  Deno.mkdirSync(none);
  assert.throws(() => readTransactionFiles(none), /holds no .csv/);
  assert.throws(() => readTransactionFiles(join(dir, "nope.csv")), Deno.errors.NotFound);
  assert.throws(
    () => readTransactionFiles(join(folder, "a.csv"), { columns: ["Client", "Email"] }),
    /mapped column is missing from a.csv: "Email"/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a folder mixing Parquet and CSV is one dataset; differing types become text", () => {
  const dir = Deno.makeTempDirSync();
  pl.DataFrame({
    Client: pl.Series("Client", [17850, null], pl.Float64),
    Day: ["2010-12-01 08:26:00", "2010-12-01 09:00:00"],
    Qty: pl.Series("Qty", [6, 1], pl.Int64),
    Price: [2.55, 1.25],
  }).writeParquet(join(dir, "2010.parquet"));
  Deno.writeTextFileSync(join(dir, "2011.csv"), "Client,Day,Qty,Price\n17850.0,2011-01-02,2,3\n");
  const { data, files } = readTransactionFiles(dir);
  assert.deepEqual(files.map((f) => [f.path.split("/").pop(), f.rows]), [
    ["2010.parquet", 2],
    ["2011.csv", 1],
  ]);
  const tx = applyMapping(data, readMapping(BASE));
  assert.deepEqual(tx.getColumn("customer_id").toArray(), ["17850", null, "17850"]);
  assert.deepEqual(tx.getColumn("quantity").toArray(), [6, 1, 2]);
  assert.deepEqual(tx.getColumn("unit_price").toArray(), [2.55, 1.25, 3]);
  Deno.removeSync(dir, { recursive: true });
});
