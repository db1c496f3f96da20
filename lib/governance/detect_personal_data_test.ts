import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { detectPersonalData, personalDataKind } from "./detect_personal_data.ts";

Deno.test("single values: each kind, and look-alikes that are not personal data", () => {
  const cases: [string, string | undefined][] = [
    ["jane.doe+news@mail.example.co.uk", "email"],
    ["4111 1111 1111 1111", "card_number"],
    ["5500-0000-0000-0004", "card_number"],
    ["4111 1111 1111 1112", undefined], // fails Luhn
    ["+44 20 7946 0958", "phone"],
    ["07700 900123", "phone"],
    ["(555) 123-4567", "phone"],
    ["555-123-4567", "phone"],
    ["489434", undefined], // an invoice number
    ["2010-12-01", undefined],
    ["2010-12-01 08:26:00", undefined],
    ["17850.0", undefined],
    ["12 High Street", "street_address"],
    ["221B Baker Street, London", "street_address"],
    ["12 RED ROSE PEG PLACE SETTINGS", undefined],
    ["John Smith", "name"],
    ["Mary J. O'Neil", "name"],
    ["Rose Garden", "name"], // a first name: why names need many matches per column
    ["Bank Charges", undefined],
    ["United Kingdom", undefined],
    ["WHITE HANGING HEART T-LIGHT HOLDER", undefined],
  ];
  for (const [value, kind] of cases) assert.equal(personalDataKind(value), kind, value);
});

Deno.test("columns with innocuous headers are flagged by content, with masked examples", () => {
  const n = 200;
  const at = (i: number, list: string[]) => list[i % list.length];
  const df = pl.DataFrame({
    notes: Array.from({ length: n }, (_, i) => i % 3 === 0 ? `user${i}@example.com` : "ok"),
    ref: Array.from({ length: n }, (_, i) => at(i, ["+44 20 7946 0958", "07700 900123"])),
    field_a: Array.from({ length: n }, (_, i) => at(i, ["Jane Austen", "Tom Jones", "red mug"])),
    field_b: Array.from({ length: n }, () => "4111 1111 1111 1111"),
    field_c: Array.from({ length: n }, (_, i) => `${i + 1} Station Road`),
    amount: Array.from({ length: n }, (_, i) => i * 1.5),
    code: Array.from({ length: n }, (_, i) => `SKU-${i}`),
  });
  const found = detectPersonalData(df).toRecords();
  assert.deepEqual(found.map((r) => [r.column, r.kind]), [
    ["notes", "email"],
    ["ref", "phone"],
    ["field_a", "name"],
    ["field_b", "card_number"],
    ["field_c", "street_address"],
  ]);
  assert.equal(found[0].matches, 67);
  assert.equal(found[0].sampled, 200);
  assert.equal(found[0].example, "u***@e***.com");
  assert.equal(found[1].example, "+** ** **** **58");
  assert.equal(found[2].example, "J*** A***");
  assert.equal(found[3].example, "**** **** **** 1111");
  assert.equal(found[4].example, "* S*** Road");
  // an evenly spaced sample: every 4th row of 200
  const sampled = detectPersonalData(df, { sample: 50 }).toRecords();
  assert.deepEqual([sampled[0].column, sampled[0].sampled, sampled[0].matches], ["notes", 50, 17]);
});

Deno.test("13-digit product codes are not card numbers though one in ten passes Luhn", () => {
  const codes = Array.from({ length: 500 }, (_, i) => String(5_000_000_000_000 + i * 7_919));
  const df = pl.DataFrame({ product: codes });
  assert.equal(detectPersonalData(df).height, 0);
});
