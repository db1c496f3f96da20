/**
 * The fast path of readTransactions (typed read, checks only on failure) must give exactly what
 * the careful reader gives, or hand over to it: same columns, types, values and notes, or the
 * same error. The careful reader is reached through a `.txt` copy of each file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { dataNotes } from "../core/errors.ts";
import { readTransactions, type ReadTransactionsOptions } from "./read_transactions.ts";

const CORPUS = new URL("../../tests/bad_input/files/", import.meta.url).pathname;

function outcome(read: () => DataFrame): unknown {
  try {
    const df = read();
    return {
      columns: df.columns,
      dtypes: df.dtypes.map(String),
      rows: df.toRecords().map((r) =>
        Object.fromEntries(
          Object.entries(r as Record<string, unknown>).map((
            [k, v],
          ) => [k, v instanceof Date ? v.getTime() : v]),
        )
      ),
      notes: dataNotes(df),
    };
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

/**
 * The careful reader's result for the same file: a `.txt` copy, which the fast path (only `.csv`
 * and `.tsv`) never takes; messages name the copy, so its name is put back.
 */
function careful(path: string, options: ReadTransactionsOptions): unknown {
  const copy = Deno.makeTempFileSync({ suffix: ".txt" });
  try {
    Deno.copyFileSync(path, copy);
    const tab = path.endsWith(".tsv") && options.delimiter === undefined;
    const result = outcome(() =>
      readTransactions(copy, tab ? { ...options, delimiter: "\t" } : options)
    );
    return JSON.parse(JSON.stringify(result).replaceAll(copy, path));
  } finally {
    Deno.removeSync(copy);
  }
}

function assertSame(path: string, options: ReadTransactionsOptions = {}): void {
  const fast = outcome(() => readTransactions(path, options));
  assert.deepEqual(JSON.parse(JSON.stringify(fast)), careful(path, options), path);
}

Deno.test("fast and careful reads agree on every file of the bad-input corpus", () => {
  const names = [...Deno.readDirSync(CORPUS)].map((e) => e.name).sort();
  assert.ok(names.length >= 30);
  for (const name of names) {
    assertSame(join(CORPUS, name));
    assertSame(join(CORPUS, name), { nullValues: [""] });
    assertSame(join(CORPUS, name), { timeZone: "Europe/London" });
  }
});

const HEADER = "customer_id,invoice_id,invoice_date,product_id,description,quantity,unit_price";

Deno.test("fast and careful reads agree on clean and nearly clean files", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const cases: Record<string, string> = {
      clean: `${HEADER}\n1,10,2011-01-02 08:26:00,A,x,2,1.5\n,11,2011-01-03 09:00:00,B,,3,2\n`,
      dateOnly: `${HEADER}\n1,10,2011-01-02,A,x,2,1.5\n2,11,2011-01-03,B,y,3,2\n`,
      mixedShapes: `${HEADER}\n1,10,2011-01-02,A,x,2,1.5\n2,11,2011-01-03 09:00:00,B,y,3,2\n`,
      isoT: `${HEADER}\n1,10,2011-01-02T08:26:00,A,x,2,1.5\n`,
      fractional: `${HEADER}\n1,10,2011-01-02 08:26:00,A,x,2.5,1.5\n`,
      paddedDescription:
        `${HEADER}\n1,10,2011-01-02 08:26:00,A,x ,2,1.5\n2,11,2011-01-02 08:26:00,A, NA ,2,1.5\n`,
      paddedId: `${HEADER}\n 1,10,2011-01-02 08:26:00,A,x,2,1.5\n`,
      tabId: `${HEADER}\n1\t,10,2011-01-02 08:26:00,A,x,2,1.5\n`,
      nbspId: `${HEADER}\n1,10\u00a0,2011-01-02 08:26:00,A,x,2,1.5\n`,
      floatId: `${HEADER}\n17850.0,10,2011-01-02 08:26:00,A,x,2,1.5\n`,
      paddedNumber: `${HEADER}\n1,10,2011-01-02 08:26:00,A,x, 2 ,1.5\n`,
      offsetSameLength: `${HEADER}\n1,10,2011-01-02T08:26+01,A,x,2,1.5\n`,
      nanId:
        `${HEADER}\nNaN,10,2011-01-02 08:26:00,A,x,2,1.5\n2,11,2011-01-02 08:26:00,A,x,2,1.5\n`,
      missingDate: `${HEADER}\n1,10,NA,A,x,2,1.5\n2,11,2011-01-02 08:26:00,A,x,2,1.5\n`,
      badDate: `${HEADER}\n1,10,2011-02-30 08:26:00,A,x,2,1.5\n`,
      missingPrice: `${HEADER}\n1,10,2011-01-02 08:26:00,A,x,2,\n`,
      country: `${HEADER},country\n1,10,2011-01-02 08:26:00,A,x,2,1.5,UK\n`,
      blankLine:
        `${HEADER}\n1,10,2011-01-02 08:26:00,A,x,2,1.5\n\n2,11,2011-01-02 08:26:00,A,x,2,1.5\n`,
      late: `${HEADER}\n1,10,2011-01-02 08:26:61,A,x,2,1.5\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const path = join(dir, `${name}.csv`);
      Deno.writeTextFileSync(path, text);
      assertSame(path);
    }
    const mapped = join(dir, "mapped.csv");
    Deno.writeTextFileSync(mapped, "Cust,Inv,When,Sku,Qty,Price\n7,1,2011-01-02 08:26:00,S,1,2\n");
    assertSame(mapped, {
      columns: {
        customer_id: "Cust",
        invoice_id: "Inv",
        invoice_date: "When",
        product_id: "Sku",
        quantity: "Qty",
        unit_price: "Price",
      },
    });
    assertSame(mapped, { columns: { customer_id: "Nope" } });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the fast path reads a clean file's dates and integer quantities", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "t.csv");
    Deno.writeTextFileSync(path, `${HEADER}\n17850,536365,2010-12-01 08:26:00,85123A,,6,2.55\n`);
    const tx = readTransactions(path);
    assert.deepEqual(tx.getColumn("invoice_date").toArray(), [
      new Date("2010-12-01T08:26:00Z"),
    ]);
    assert.ok(tx.getColumn("quantity").dtype.equals(pl.Int64));
    assert.deepEqual(tx.getColumn("description").toArray(), [null]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
