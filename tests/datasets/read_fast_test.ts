/**
 * readTransactions' fast path (typed read, checks only on failure) returns exactly what the
 * careful reader returns on Online Retail's CSV export (541,909 lines; float ids written as
 * `17850.0`, padded descriptions, cancellations). The careful reader is reached through a `.txt`
 * copy, which the fast path never takes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readTransactions } from "../../lib/io/read_transactions.ts";
import { ONLINE_RETAIL_COLUMNS } from "../../lib/io/datasets.ts";
import { exportOnlineRetailCsv } from "../../bench/export_online_retail_csv.ts";

Deno.test("fast and careful reads of the Online Retail CSV are identical", () => {
  const dir = Deno.makeTempDirSync({ prefix: "read_fast_" });
  try {
    const csv = exportOnlineRetailCsv(join(dir, "online_retail.csv"));
    const txt = join(dir, "online_retail.txt");
    Deno.copyFileSync(csv, txt);
    const fast = readTransactions(csv, { columns: ONLINE_RETAIL_COLUMNS });
    const careful = readTransactions(txt, { columns: ONLINE_RETAIL_COLUMNS });
    assert.equal(fast.height, 541_909);
    assert.deepEqual(fast.columns, careful.columns);
    assert.deepEqual(fast.dtypes.map(String), careful.dtypes.map(String));
    assert.ok(fast.frameEqual(careful, true), "frames differ");
    assert.equal(fast.getColumn("customer_id").get(0), "17850");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
