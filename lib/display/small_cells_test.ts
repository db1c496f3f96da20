import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { smallCellThreshold, suppressCountColumns } from "./small_cells.ts";
import { showTable } from "./show_table.ts";

Deno.test("suppressCountColumns hides small customer counts, with secondary suppression", () => {
  const summary = pl.DataFrame({
    segment: ["A", "B", "C", "D"],
    customers: [120, 4, 57, 33],
    share: [0.56, 0.02, 0.27, 0.15],
  });
  const result = suppressCountColumns(summary, { threshold: 10 });
  assert.deepEqual(result.columns, ["customers"]);
  assert.equal(result.primary, 1);
  assert.equal(result.secondary, 1);
  assert.deepEqual(result.table.columns, summary.columns);
  const hidden = result.table.getColumn("customers").toArray();
  assert.equal(hidden[1], null);
  assert.equal(hidden.filter((v) => v === null).length, 2, "the total would reveal a lone cell");
  // the shares of the hidden groups would give their counts away: hidden with them
  const shares = result.table.getColumn("share").toArray();
  assert.deepEqual(shares.map((v, i) => v === null ? i : -1).filter((i) => i >= 0), [
    ...hidden.map((v, i) => v === null ? i : -1).filter((i) => i >= 0),
  ]);
  assert.deepEqual(Object.keys(result.hidden).sort(), ["customers", "share"]);
  // a cross tabulation (several count columns) hides cells, not rows
  const cross = pl.DataFrame({ segment: ["A", "B"], north: [50, 3], south: [40, 60] });
  const crossResult = suppressCountColumns(
    cross.rename({ north: "north_customers", south: "south_customers" }),
    {
      threshold: 10,
    },
  );
  assert.equal(crossResult.table.getColumn("north_customers").get(1), null);
  assert.equal(crossResult.table.getColumn("segment").get(1), "B");
  assert.deepEqual(summary.getColumn("customers").toArray(), [120, 4, 57, 33], "input unchanged");
});

Deno.test("suppressCountColumns leaves customer-level tables and non-count columns alone", () => {
  const perCustomer = pl.DataFrame({ customer_id: ["a", "b"], frequency: [1, 2], count: [1, 3] });
  assert.equal(suppressCountColumns(perCustomer, { threshold: 10 }).table, perCustomer);
  const noCounts = pl.DataFrame({ segment: ["A", "B"], monetary: [3, 4] });
  assert.deepEqual(suppressCountColumns(noCounts, { threshold: 10 }).columns, []);
  // a column named like a count but holding shares is not a count
  const shares = pl.DataFrame({ segment: ["A", "B"], new_customers: [0.5, 0.25] });
  assert.deepEqual(suppressCountColumns(shares, { threshold: 10 }).columns, []);
  assert.throws(() => suppressCountColumns(noCounts, { threshold: 1 }), RangeError);
});

Deno.test("showTable hides small counts only with a small-cell threshold", () => {
  const summary = pl.DataFrame({ segment: ["A", "B", "C"], active_customers: [120, 4, 57] });
  assert.deepEqual(showTable(summary, { minCell: null }).rows.map((r) => r[1]), ["120", "4", "57"]);
  const shown = showTable(summary, { minCell: 10 });
  assert.deepEqual(shown.rows.map((r) => r[1]), ["120", "(hidden)", "(hidden)"]);
  assert.match(shown.text, /2 counts hidden: under the small-cell threshold of 10 customers/);
  assert.doesNotMatch(shown.html, />4</);
  assert.equal(shown.data.getColumn("active_customers").get(1), null);
  assert.throws(() => showTable(summary, { minCell: 1 }), RangeError);
  // the environment variable deno task analyze sets, read without changing this process's
  assert.equal(smallCellThreshold({ env: { CUSTOMER_LENS_MIN_CELL: "25" } }), 25);
  assert.equal(smallCellThreshold({ env: { CUSTOMER_LENS_MIN_CELL: "" } }), undefined);
  assert.throws(() => smallCellThreshold({ env: { CUSTOMER_LENS_MIN_CELL: "ten" } }), RangeError);
});
