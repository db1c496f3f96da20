import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { readTransactions } from "./read_transactions.ts";
import { scanTransactions } from "./scan_transactions.ts";

const HEADER = "customer_id,invoice_id,invoice_date,product_id,description,quantity,unit_price";

function withDir(f: (dir: string) => void): void {
  const dir = Deno.makeTempDirSync({ prefix: "scan_tx_" });
  try {
    f(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

function write(path: string, text: string): string {
  Deno.mkdirSync(join(path, ".."), { recursive: true });
  Deno.writeTextFileSync(path, text);
  return path;
}

function throwsWith(
  f: () => unknown,
  type: abstract new (...args: never[]) => Error,
  ...parts: string[]
): void {
  assert.throws(f, (error: unknown) => {
    assert.ok(error instanceof type, `${(error as Error).name}: ${(error as Error).message}`);
    assert.match((error as Error).message, /^Cannot scan transactions as /);
    for (const part of parts) {
      assert.ok((error as Error).message.includes(part), `"${part}" not in ${error.message}`);
    }
    return true;
  });
}

Deno.test("scanTransactions reads a CSV file as readTransactions does", () => {
  withDir((dir) => {
    const path = write(
      join(dir, "tx.csv"),
      `${HEADER}\n17850.0,536365,2010-12-01 08:26:00,85123A, x ,6,2.55\n` +
        ` NA ,536366,2010-12-01T08:28,22633,NA,2,1.85\n` +
        `13047,536367,2010-12-02,84879,,32,1.69\n`,
    );
    const expected = readTransactions(path);
    const scanned = scanTransactions(path).collectSync();
    assert.deepEqual(scanned.columns, expected.columns);
    const ms = (df: typeof expected) =>
      df.withColumns(pl.col("invoice_date").cast(pl.Datetime("ms")), pl.col("quantity"))
        .toRecords();
    const actual = ms(scanned).map((r) => ({ ...r, quantity: Number(r.quantity) }));
    assert.deepEqual(actual, ms(expected).map((r) => ({ ...r, quantity: Number(r.quantity) })));
    assert.equal(scanned.getColumn("customer_id").get(0), "17850");
    assert.equal(scanned.getColumn("customer_id").get(1), null);
  });
});

Deno.test("scanTransactions reads a hive-partitioned folder and a glob of Parquet files", () => {
  withDir((dir) => {
    const frame = (ids: string[], month: number) =>
      pl.DataFrame({
        customer_id: ids,
        invoice_id: ids.map((id, i) => `${id}${month}${i}`),
        invoice_date: ids.map(() => new Date(Date.UTC(2011, month - 1, 3, 10))),
        product_id: ids.map(() => "P"),
        quantity: pl.Series("quantity", ids.map(() => 2), month === 1 ? pl.Int32 : pl.Int64),
        unit_price: ids.map(() => 1.5),
      });
    Deno.mkdirSync(join(dir, "country=UK", "month=01"), { recursive: true });
    Deno.mkdirSync(join(dir, "country=France", "month=02"), { recursive: true });
    frame(["a", "b"], 1).writeParquet(join(dir, "country=UK", "month=01", "part-0.parquet"));
    frame(["a"], 2).writeParquet(join(dir, "country=France", "month=02", "part-0.parquet"));
    const tx = scanTransactions(dir).collectSync().sort("invoice_id");
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
    assert.deepEqual(tx.getColumn("country").toArray(), ["UK", "France", "UK"]);
    assert.ok(tx.getColumn("quantity").dtype.equals(pl.Int64));
    const globbed = scanTransactions(join(dir, "**", "*.parquet")).collectSync();
    assert.equal(globbed.height, 3);
    assert.equal(
      scanTransactions(join(dir, "country=UK", "*", "*.parquet")).collectSync().height,
      2,
    );
  });
});

Deno.test("scanTransactions refuses a glob or folder matching nothing", () => {
  withDir((dir) => {
    throwsWith(
      () => scanTransactions(join(dir, "*.parquet")),
      Deno.errors.NotFound,
      "no CSV or Parquet file matches",
      "*.parquet",
    );
    throwsWith(() => scanTransactions(join(dir, "nope", "*.csv")), Deno.errors.NotFound, "nope");
    throwsWith(
      () => scanTransactions(dir),
      Deno.errors.NotFound,
      "holds no CSV or Parquet file",
      dir,
    );
    throwsWith(
      () => scanTransactions(join(dir, "missing.csv")),
      Deno.errors.NotFound,
      "does not exist",
    );
  });
});

Deno.test("scanTransactions refuses partitions whose schemas disagree", () => {
  withDir((dir) => {
    const good = `${HEADER}\na,1,2011-01-01,P,,1,2\n`;
    write(join(dir, "month=01", "a.csv"), good);
    write(join(dir, "b.csv"), good);
    throwsWith(
      () => scanTransactions(dir),
      TypeError,
      "partition folders differ",
      "a.csv",
      "b.csv",
    );
  });
  withDir((dir) => {
    const df = (quantity: pl.Series) =>
      pl.DataFrame({
        customer_id: ["a"],
        invoice_id: ["1"],
        invoice_date: [new Date("2011-01-01")],
        product_id: ["P"],
        quantity,
        unit_price: [1.0],
      });
    df(pl.Series("quantity", [1], pl.Int64)).writeParquet(join(dir, "a.parquet"));
    df(pl.Series("quantity", ["1"], pl.Utf8)).writeParquet(join(dir, "b.parquet"));
    throwsWith(
      () => scanTransactions(dir),
      TypeError,
      'column "quantity" has different types',
      "a.parquet",
      "b.parquet",
    );
    Deno.removeSync(join(dir, "b.parquet"));
    df(pl.Series("quantity", [1], pl.Int64)).drop("unit_price").writeParquet(
      join(dir, "c.parquet"),
    );
    throwsWith(() => scanTransactions(dir), TypeError, '"unit_price" is missing in', "c.parquet");
  });
});

Deno.test("scanTransactions names one corrupt file among many", () => {
  withDir((dir) => {
    for (const name of ["a", "b", "d"]) {
      pl.DataFrame({
        customer_id: ["a"],
        invoice_id: ["1"],
        invoice_date: [new Date("2011-01-01")],
        product_id: ["P"],
        quantity: [1],
        unit_price: [1.0],
      }).writeParquet(join(dir, `${name}.parquet`));
    }
    const bytes = Deno.readFileSync(join(dir, "a.parquet"));
    Deno.writeFileSync(join(dir, "c.parquet"), bytes.subarray(0, bytes.length - 20));
    throwsWith(() => scanTransactions(dir), RangeError, "c.parquet", "not a readable Parquet file");
    Deno.writeTextFileSync(join(dir, "e.csv"), `${HEADER}\n`);
    Deno.removeSync(join(dir, "c.parquet"));
    throwsWith(() => scanTransactions(dir), TypeError, "mixes Parquet and CSV files", "e.csv");
  });
});

Deno.test("scanTransactions counts bad values with examples across files", () => {
  withDir((dir) => {
    write(join(dir, "a.csv"), `${HEADER}\na,1,2011-01-01,P,,1,2\nb,2,2011-01-01,P,,x,2\n`);
    write(join(dir, "b.csv"), `${HEADER}\na,3,2011-01-01,P,,NA,2\nb,4,2011-01-01,P,,seven,2\n`);
    throwsWith(
      () => scanTransactions(dir),
      TypeError,
      'column "quantity" has 2 rows with values that are not numbers',
      "a.csv row 2",
      "b.csv row 2",
      '"x"',
      '"seven"',
    );
    const lazy = scanTransactions(dir, { validate: false }).collectSync();
    assert.deepEqual(lazy.getColumn("quantity").toArray(), [1, null, null, null]);
  });
  withDir((dir) => {
    write(join(dir, "a.csv"), `${HEADER}\na,1,2011-13-01,P,,1,2\nb,2,2011-01-01,P,,1,NaN\n`);
    throwsWith(
      () => scanTransactions(dir),
      TypeError,
      '"invoice_date" has 1 row',
      "row 1",
      '"2011-13-01"',
    );
    write(join(dir, "a.csv"), `${HEADER}\na,1,2011-01-01,P,,1,2\nb,2,2011-01-01,P,,1,NaN\n`);
    throwsWith(
      () => scanTransactions(dir),
      RangeError,
      '"unit_price" has 1 row',
      "non-finite",
      "row 2",
    );
  });
});

Deno.test("scanTransactions names a CSV file that cannot be parsed among good ones", () => {
  withDir((dir) => {
    const good = `${HEADER}\na,1,2011-01-01,P,,1,2\n`;
    write(join(dir, "a.csv"), good);
    write(join(dir, "c.csv"), good);
    const bytes = new TextEncoder().encode(`${HEADER}\na,1,2011-01-01,P,caf`);
    const latin1 = new Uint8Array([...bytes, 0xe9, ...new TextEncoder().encode(",1,2\n")]);
    Deno.writeFileSync(join(dir, "b.csv"), latin1);
    throwsWith(() => scanTransactions(dir), RangeError, "b.csv cannot be read", "file 2 of 3");
  });
});
