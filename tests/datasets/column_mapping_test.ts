/**
 * Online Retail II (`/work/shared/datasets/online-retail-ii/`, 525,461 lines, its own column
 * names) read through the shipped mapping file `examples/online_retail_ii.mapping.json` gives the
 * same canonical table as `readTransactions` with the same mapping.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../_helpers.ts";
import {
  applyMapping,
  mappedColumns,
  readMapping,
  readTransactionFiles,
} from "../../lib/io/column_mapping.ts";
import { readTransactions } from "../../lib/io/read_transactions.ts";

const PATH = "/work/shared/datasets/online-retail-ii/online_retail_II_2009-2010.parquet";

Deno.test("Online Retail II through the example mapping matches readTransactions", () => {
  const mapping = readMapping(
    Deno.readTextFileSync(join(ROOT, "examples", "online_retail_ii.mapping.json")),
  );
  const { data, files } = readTransactionFiles(PATH, {
    columns: Object.values(mappedColumns(mapping)),
  });
  assert.deepEqual(files, [{ path: PATH, rows: 525_461 }]);
  const tx = applyMapping(data, mapping);
  assert.equal(tx.height, 525_461);
  assert.equal(tx.getColumn("customer_id").nullCount(), 107_927);
  assert.equal(tx.getColumn("customer_id").nUnique(), 4_383 + 1);
  assert.equal(tx.getColumn("customer_id").get(0), "13085");
  const reference = readTransactions(PATH, { columns: mappedColumns(mapping) });
  assert.deepEqual(tx.columns, reference.columns);
  for (const column of tx.columns) {
    assert.ok(
      tx.getColumn(column).seriesEqual(reference.getColumn(column), true),
      `column ${column} differs`,
    );
  }
});
