import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { CUSTOMER_VIEW_COLUMNS } from "./customer_view.ts";
import { exportCustomerView } from "./export_customer_view.ts";

function tinyView() {
  const values: Record<string, unknown[]> = {
    customer_id: ["a", "b"],
    rfm_segment: ["Champions", "Lost"],
    kmeans_segment: ["Best", "Lapsed"],
    recency_days: [10, 300],
    frequency: [5, 2],
    monetary: [900.1, 200],
    churn_probability: [0.1, null],
    probability_alive: [1, 0.99],
    clv: [1000.0000000000002, 400],
    clv_p10: [900, 300],
    clv_p90: [1100, 500],
    next_product: ["MUG (p1)", null],
    next_product_reason: ["because you bought TEA", null],
    offer_budget: [20, null],
    expected_gain: [25, null],
    action: ["act this week", "onboard"],
    rank: [1, null],
  };
  return pl.DataFrame(
    CUSTOMER_VIEW_COLUMNS.map((c) =>
      typeof values[c].find((v) => v !== null) === "string"
        ? pl.Series(c, values[c], pl.Utf8)
        : pl.Series(c, values[c], pl.Float64)
    ),
  );
}

Deno.test("exportCustomerView writes the Parquet and CSV files, both complete", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const view = tinyView();
    const summary = exportCustomerView(view, { dir });
    assert.deepEqual(summary.files, ["customer_view.parquet", "customer_view.csv"]);
    assert.equal(summary.rows, 2);
    assert.deepEqual(summary.columns, [...CUSTOMER_VIEW_COLUMNS]);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "customer_view.csv",
      "customer_view.parquet",
    ]);
    const parquet = pl.readParquet(join(dir, "customer_view.parquet"));
    assert.deepEqual(parquet.columns, [...CUSTOMER_VIEW_COLUMNS]);
    assert.deepEqual(parquet.toRecords(), view.toRecords());
    const csv = pl.readCSV(join(dir, "customer_view.csv"));
    assert.deepEqual(csv.columns, [...CUSTOMER_VIEW_COLUMNS]);
    assert.equal(csv.height, 2);
    // Floats to 12 significant digits in the CSV, full precision in Parquet.
    assert.equal(csv.getColumn("clv").toArray()[0], 1000);
    assert.equal(parquet.getColumn("clv").toArray()[0], 1000.0000000000002);
    assert.equal(csv.getColumn("next_product").toArray()[1], null);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("exportCustomerView writes nothing without a folder", () => {
  const previous = Deno.env.get("CUSTOMER_LENS_OUT");
  Deno.env.delete("CUSTOMER_LENS_OUT");
  try {
    const summary = exportCustomerView(tinyView());
    assert.equal(summary.rows, 2);
  } finally {
    if (previous !== undefined) Deno.env.set("CUSTOMER_LENS_OUT", previous);
  }
});

Deno.test("exportCustomerView follows CUSTOMER_LENS_OUT", () => {
  const dir = Deno.makeTempDirSync();
  const previous = Deno.env.get("CUSTOMER_LENS_OUT");
  Deno.env.set("CUSTOMER_LENS_OUT", dir);
  try {
    exportCustomerView(tinyView());
    assert.equal([...Deno.readDirSync(dir)].length, 2);
  } finally {
    if (previous === undefined) Deno.env.delete("CUSTOMER_LENS_OUT");
    else Deno.env.set("CUSTOMER_LENS_OUT", previous);
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("exportCustomerView refuses other tables and leaves no file behind", () => {
  const dir = Deno.makeTempDirSync();
  try {
    assert.throws(
      () => exportCustomerView(tinyView().drop("rank"), { dir }),
      { name: "TypeError", message: /column "rank" is missing/ },
    );
    assert.throws(
      () => exportCustomerView(tinyView().withColumns(pl.lit(1).alias("extra")), { dir }),
      { name: "RangeError", message: /columns are not exactly the view's/ },
    );
    assert.throws(
      () =>
        exportCustomerView(tinyView().select("rank", ...CUSTOMER_VIEW_COLUMNS.slice(0, -1)), {
          dir,
        }),
      RangeError,
    );
    assert.deepEqual([...Deno.readDirSync(dir)], []);
    // The CSV cannot hold a list column: the Parquet file, already written, is not left alone.
    const listColumn = tinyView().withColumns(
      pl.Series("next_product", [["p1", "p2"], ["p3"]]).alias("next_product"),
    );
    assert.throws(() => exportCustomerView(listColumn, { dir }));
    assert.deepEqual([...Deno.readDirSync(dir)], []);
    // A folder that cannot be created: a plain error naming it, and nothing written.
    const file = join(dir, "not_a_folder");
    Deno.writeTextFileSync(file, "");
    assert.throws(
      () => exportCustomerView(tinyView(), { dir: join(file, "out") }),
      /Cannot export the customer view as the folder cannot be written: .*not_a_folder\/out/,
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["not_a_folder"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
