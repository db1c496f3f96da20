import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { join } from "node:path";
import { readTransactions } from "./read_transactions.ts";

const HEADER = "customer_id,invoice_id,invoice_date,product_id,quantity,unit_price";

async function withFile(
  name: string,
  content: string | ((path: string) => void),
  body: (path: string) => void | Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = join(dir, name);
  try {
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else content(path);
    const before = await Deno.readFile(path);
    await body(path);
    assert.deepEqual(await Deno.readFile(path), before, "the input file must not change");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readTransactions reads canonical CSV columns with dates and date-times", async () => {
  const csv = `${HEADER},description,country\n` +
    "17850,536365,2010-12-01 08:26:00,85123A,6,2.55, WHITE HEART ,United Kingdom\n" +
    ",536366,2010-12-02,71053,2,3.39,,France\n" +
    "13047.0,536367,2010-12-03T09:01,22752,1,7.65,SET 7 BABUSHKA,EIRE\n";
  await withFile("tx.csv", csv, (path) => {
    const tx = readTransactions(path);
    assert.deepEqual(tx.columns, [
      "customer_id",
      "invoice_id",
      "invoice_date",
      "product_id",
      "description",
      "quantity",
      "unit_price",
      "country",
    ]);
    assert.deepEqual(tx.getColumn("customer_id").toArray(), ["17850", null, "13047"]);
    assert.deepEqual(
      (tx.getColumn("invoice_date").toArray() as unknown as Date[]).map((d) => d.toISOString()),
      ["2010-12-01T08:26:00.000Z", "2010-12-02T00:00:00.000Z", "2010-12-03T09:01:00.000Z"],
    );
    assert.equal(tx.getColumn("quantity").dtype.variant, "Int64");
    assert.deepEqual(tx.getColumn("unit_price").toArray(), [2.55, 3.39, 7.65]);
    // Descriptions are kept as given (trimming is a cleaning rule, and it is logged there).
    assert.equal(tx.getColumn("description").get(0), " WHITE HEART ");
    assert.equal(tx.getColumn("description").get(1), null);
  });
});

Deno.test("readTransactions maps the file's own column names and drops other columns", async () => {
  const csv = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Extra\n" +
    "536365,85123A,6,2010-12-01 08:26:00,2.55,17850,x\n";
  await withFile("retail.csv", csv, (path) => {
    const tx = readTransactions(path, {
      columns: {
        invoice_id: "InvoiceNo",
        product_id: "StockCode",
        quantity: "Quantity",
        invoice_date: "InvoiceDate",
        unit_price: "UnitPrice",
        customer_id: "CustomerID",
      },
    });
    assert.equal(tx.width, 7); // canonical columns; description all null, no country
    assert.equal(tx.getColumn("description").nullCount(), 1);
    assert.equal(tx.getColumn("invoice_id").get(0), "536365");
  });
});

Deno.test("readTransactions keeps fractional quantities as Float64", async () => {
  await withFile("kg.csv", `${HEADER}\n1,A,2011-01-02,P,1.5,2\n2,B,2011-01-02,P,2,2\n`, (path) => {
    const tx = readTransactions(path);
    assert.equal(tx.getColumn("quantity").dtype.variant, "Float64");
    assert.deepEqual(tx.getColumn("quantity").toArray(), [1.5, 2]);
  });
});

Deno.test("readTransactions reads Parquet with typed dates and numeric ids", async () => {
  await withFile("tx.parquet", (path) => {
    pl.DataFrame({
      CustomerID: pl.Series("CustomerID", [17850, null, 13047.0], pl.Float64),
      invoice_id: pl.Series("invoice_id", [536365, 536366, 536367], pl.Int64),
      invoice_date: pl.Series("invoice_date", [
        new Date("2010-12-01T08:26:00Z"),
        new Date("2010-12-02T00:00:00Z"),
        new Date("2010-12-03T09:01:00Z"),
      ]),
      product_id: ["85123A", "71053", "22752"],
      quantity: [6, 2, 1],
      unit_price: [2.55, 3.39, 7.65],
    }).writeParquet(path);
  }, (path) => {
    const tx = readTransactions(path, { columns: { customer_id: "CustomerID" } });
    assert.deepEqual(tx.getColumn("customer_id").toArray(), ["17850", null, "13047"]);
    assert.deepEqual(tx.getColumn("invoice_id").toArray(), ["536365", "536366", "536367"]);
    assert.equal(tx.getColumn("invoice_date").dtype.variant, "Datetime");
    // Series.get() throws on Datetime columns in nodejs-polars 0.25.2; toArray() works.
    assert.equal(
      (tx.getColumn("invoice_date").toArray()[0] as unknown as Date).toISOString(),
      "2010-12-01T08:26:00.000Z",
    );
  });
});

Deno.test("readTransactions names a missing column and lists the available ones", async () => {
  await withFile(
    "missing.csv",
    "customer_id,invoice_id,invoice_date,quantity,unit_price\n1,A,2011-01-02,1,2\n",
    (path) => {
      assert.throws(
        () => readTransactions(path),
        (e: unknown) =>
          e instanceof TypeError &&
          /column "product_id" is missing/.test(e.message) &&
          /available columns are customer_id, invoice_id, invoice_date, quantity, unit_price/.test(
            e.message,
          ),
      );
      assert.throws(
        () => readTransactions(path, { columns: { product_id: "StockCode" } }),
        /column "StockCode" \(for product_id\) is missing/,
      );
      assert.throws(
        () => readTransactions(path, { columns: { sku: "StockCode" } as Record<string, string> }),
        /"sku" is not a canonical column/,
      );
    },
  );
});

Deno.test("readTransactions reports unparseable dates with count, row numbers and values", async () => {
  const csv = `${HEADER}\n1,A,2011-01-02,P,1,2\n2,B,02/01/2011,P,1,2\n3,C,2011-02-30,P,1,2\n` +
    "4,D,2011-03-01 25:00:00,P,1,2\n";
  await withFile("dates.csv", csv, (path) => {
    assert.throws(() => readTransactions(path), (e: unknown) => {
      assert.ok(e instanceof TypeError);
      assert.match(e.message, /column "invoice_date" has 3 rows with dates that cannot be parsed/);
      assert.match(
        e.message,
        /rows 2, 3, 4 hold "02\/01\/2011", "2011-02-30", "2011-03-01 25:00:00"/,
      );
      return true;
    });
  });
});

Deno.test("readTransactions reports non-numeric quantities and prices", async () => {
  await withFile(
    "numbers.csv",
    `${HEADER}\n1,A,2011-01-02,P,one,2\n2,B,2011-01-02,P,1,2\n`,
    (path) => {
      assert.throws(
        () => readTransactions(path),
        /column "quantity" has 1 row with values that are not numbers: row 1 holds "one"/,
      );
    },
  );
  await withFile(
    "prices.csv",
    `${HEADER}\n1,A,2011-01-02,P,1,£2\n2,B,2011-01-02,P,1,2,\n`,
    (path) => {
      assert.throws(() => readTransactions(path), /column "unit_price" has 1 row .*"£2"/);
    },
  );
});

Deno.test("readTransactions rejects a fractional numeric id", async () => {
  await withFile("ids.parquet", (path) => {
    pl.DataFrame({
      customer_id: [1.5, 2.0],
      invoice_id: ["A", "B"],
      invoice_date: ["2011-01-02", "2011-01-03"],
      product_id: ["P", "P"],
      quantity: [1, 1],
      unit_price: [2, 2],
    }).writeParquet(path);
  }, (path) => {
    assert.throws(
      () => readTransactions(path),
      /"customer_id" has 1 row with ids that are not whole/,
    );
  });
});

Deno.test("readTransactions rejects empty files and unknown paths", async () => {
  await withFile("empty.csv", "", (path) => {
    assert.throws(
      () => readTransactions(path),
      (e: unknown) => e instanceof RangeError && /the file is empty/.test(e.message),
    );
  });
  await withFile("header_only.csv", `${HEADER}\n`, (path) => {
    assert.throws(
      () => readTransactions(path),
      (e: unknown) => e instanceof RangeError && /the file has no rows/.test(e.message),
    );
  });
  assert.throws(
    () => readTransactions("/nonexistent/tx.csv"),
    (e: unknown) =>
      e instanceof Deno.errors.NotFound && /does not exist: \/nonexistent/.test(e.message),
  );
  await withFile("tx.xlsx", "x", (path) => {
    assert.throws(() => readTransactions(path), /file type is not supported/);
  });
});

Deno.test("readTransactions trims padded dates and ids before parsing", async () => {
  const csv =
    `${HEADER}\n 17850 , A1 ,  2011-01-02 08:26:00 , P1 ,1,2\n13047,A2,2011-01-03,P2,1,2\n`;
  await withFile("padded.csv", csv, (path) => {
    const tx = readTransactions(path);
    assert.deepEqual(tx.getColumn("customer_id").toArray(), ["17850", "13047"]);
    assert.deepEqual(tx.getColumn("invoice_id").toArray(), ["A1", "A2"]);
    assert.deepEqual(
      (tx.getColumn("invoice_date").toArray() as unknown as Date[]).map((d) => d.toISOString()),
      ["2011-01-02T08:26:00.000Z", "2011-01-03T00:00:00.000Z"],
    );
  });
});

Deno.test("readTransactions parses repeated text dates once per value, in row order", async () => {
  // Few distinct dates among many rows takes the parse-distinct-values path.
  const dates = ["2011-01-02 08:00:00", "2011-01-03", "2011-01-02 08:00:00", "2011-01-04 10:30"];
  const rows = Array.from({ length: 12 }, (_, i) => `${i},A${i},${dates[i % 4]},P,1,2`);
  await withFile("repeated.csv", `${HEADER}\n${rows.join("\n")}\n`, (path) => {
    const got = (readTransactions(path).getColumn("invoice_date").toArray() as unknown as Date[])
      .map((d) => d.toISOString());
    const expected = [
      "2011-01-02T08:00:00.000Z",
      "2011-01-03T00:00:00.000Z",
      "2011-01-02T08:00:00.000Z",
      "2011-01-04T10:30:00.000Z",
    ];
    assert.deepEqual(got, Array.from({ length: 12 }, (_, i) => expected[i % 4]));
  });
  const bad = Array.from(
    { length: 12 },
    (_, i) => `${i},A${i},${i === 7 ? "2011-13-01" : dates[i % 2]},P,1,2`,
  );
  await withFile("repeated_bad.csv", `${HEADER}\n${bad.join("\n")}\n`, (path) => {
    assert.throws(
      () => readTransactions(path),
      /1 row with dates that cannot be parsed.*row 8 holds "2011-13-01"/,
    );
  });
});

Deno.test("readTransactions reads missing-value tokens as missing, and nullValues changes that", async () => {
  const csv = `${HEADER}\n17850,1,2011-01-02,P,1,2\nNA,2,2011-01-02,N/A,,NULL\n`;
  await withFile("tokens.csv", csv, (path) => {
    const tx = readTransactions(path);
    assert.deepEqual(tx.getColumn("customer_id").toArray(), ["17850", null]);
    assert.deepEqual(tx.getColumn("product_id").toArray(), ["P", null]);
    assert.deepEqual(tx.getColumn("quantity").toArray(), [1, null]);
    assert.deepEqual(tx.getColumn("unit_price").toArray(), [2, null]);
    // With only "" missing, "NA" is an id again and "NULL" is not a price.
    assert.throws(
      () => readTransactions(path, { nullValues: [""] }),
      /column "unit_price" has 1 row with values that are not numbers: row 2 holds "NULL"/,
    );
  });
});

Deno.test("readTransactions refuses NaN, infinite and overflowing quantities and prices", async () => {
  const csv =
    `${HEADER}\n1,1,2011-01-02,P,NaN,2\n2,2,2011-01-02,P,1,inf\n3,3,2011-01-02,P,1e19,2\n`;
  await withFile("numbers.csv", csv, (path) => {
    assert.throws(
      () => readTransactions(path),
      (e: Error) =>
        e instanceof RangeError &&
        e.message.includes('column "quantity" has 2 rows with non-finite or overflowing') &&
        e.message.includes("rows 1, 3 hold NaN, 10000000000000000000"),
    );
  });
});

Deno.test("readTransactions converts UTC offsets to the analysis time zone", async () => {
  const csv = `${HEADER}\n1,1,2010-12-01T23:30:00-05:00,P,1,2\n2,2,2010-12-02 08:00,P,1,2\n`;
  await withFile("offsets.csv", csv, (path) => {
    const iso = (df: pl.DataFrame) =>
      (df.getColumn("invoice_date").toArray() as unknown as Date[]).map((d) => d.toISOString());
    assert.deepEqual(iso(readTransactions(path)), [
      "2010-12-02T04:30:00.000Z",
      "2010-12-02T08:00:00.000Z",
    ]);
    assert.deepEqual(iso(readTransactions(path, { timeZone: "America/New_York" })), [
      "2010-12-01T23:30:00.000Z",
      "2010-12-02T08:00:00.000Z",
    ]);
  });
});

Deno.test("readTransactions reads Windows-1252 with the option and names the line without it", async () => {
  await withFile(
    "cp1252.csv",
    (path) =>
      Deno.writeFileSync(
        path,
        Uint8Array.from([
          ...new TextEncoder().encode(`${HEADER},description\n1,1,2011-01-02,P,1,2,CAF`),
          0xc9,
          0x0a,
        ]),
      ),
    (path) => {
      assert.throws(
        () => readTransactions(path),
        /cp1252\.csv is not valid UTF-8: 1 line holds .* first line 2: .*encoding: "windows-1252"/,
      );
      const tx = readTransactions(path, { encoding: "windows-1252" });
      assert.equal(tx.getColumn("description").get(0), "CAFÉ");
    },
  );
});

Deno.test("readTransactions detects semicolons, trims header names, refuses duplicates and extra fields", async () => {
  await withFile(
    "semi.txt",
    `${HEADER.replaceAll(",", " ; ")}\n1;1;2011-01-02;P;1;2\n\n`,
    (path) => {
      const tx = readTransactions(path);
      assert.equal(tx.height, 1);
      assert.equal(tx.getColumn("unit_price").get(0), 2);
    },
  );
  await withFile("dup.CSV", `${HEADER},quantity\n1,1,2011-01-02,P,1,2,3\n`, (path) => {
    assert.throws(() => readTransactions(path), /names 1 column more than once: "quantity"/);
  });
  await withFile(
    "extra.csv",
    `${HEADER}\n1,1,2011-01-02,P,1,2\n2,2,2011-01-02,P,1,2,X\n`,
    (path) => {
      assert.throws(
        () => readTransactions(path),
        /has 1 line with more fields than the header's 6: line 3 \(7 fields\)/,
      );
    },
  );
});

Deno.test("readTransactions names a directory and a truncated Parquet file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.throws(() => readTransactions(dir), /^TypeError: .*path is a directory/);
    const path = join(dir, "cut.parquet");
    pl.DataFrame({ a: [1, 2, 3] }).writeParquet(path);
    Deno.writeFileSync(path, Deno.readFileSync(path).subarray(0, 20));
    assert.throws(() => readTransactions(path), /not a readable Parquet file .*cut\.parquet/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
