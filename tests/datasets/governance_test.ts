/**
 * Whole-dataset checks of lib/governance on Online Retail II (`/work/shared/datasets/`, 525,461
 * invoice lines, 2009-2010): pseudonyms never collide, and no column (the product descriptions
 * included) is taken for personal data.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { pseudonymize } from "../../lib/governance/pseudonymize.ts";
import { detectPersonalData } from "../../lib/governance/detect_personal_data.ts";

const path = "/work/shared/datasets/online-retail-ii/online_retail_II_2009-2010.parquet";

Deno.test("no two Online Retail II customers share a pseudonym", async () => {
  const raw = pl.readParquet(path, { columns: ["Customer ID"] });
  const out = await pseudonymize(raw, { column: "Customer ID", key: new Uint8Array(32).fill(7) });
  const ids = raw.getColumn("Customer ID").dropNulls().nUnique();
  assert.equal(ids, 4_383);
  assert.equal(out.getColumn("Customer ID").dropNulls().nUnique(), ids);
  assert.equal(out.getColumn("Customer ID").nullCount(), 107_927);
});

Deno.test("Online Retail II: no column is flagged, descriptions included", () => {
  const raw = pl.readParquet(path);
  const found = detectPersonalData(raw, { sample: 525_461 });
  assert.deepEqual(found.toRecords(), []);
  // ... and with its descriptions salted with e-mail addresses, description is flagged
  const salted = raw.head(5_000).withColumns(
    pl.when(pl.col("Quantity").eq(1)).then(pl.lit("contact jo.bloggs@example.com"))
      .otherwise(pl.col("Description")).alias("Description"),
  );
  assert.deepEqual(detectPersonalData(salted).getColumn("column").toArray(), ["Description"]);
});
