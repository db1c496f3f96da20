import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { join } from "node:path";
import { exportCsv } from "./export_csv.ts";

Deno.test("exportCsv writes the whole table into the given folder and nothing else", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const df = pl.DataFrame({ customer_id: ["1", "2"], segment: ["A", "B"] });
    const summary = exportCsv(df, { file: "segments.csv", dir });
    assert.deepEqual(summary, {
      file: "segments.csv",
      rows: 2,
      columns: ["customer_id", "segment"],
    });
    assert.equal(
      Deno.readTextFileSync(join(dir, "segments.csv")),
      "customer_id,segment\n1,A\n2,B\n",
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["segments.csv"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("exportCsv rejects paths, other extensions and a missing file name", () => {
  const df = pl.DataFrame({ a: [1] });
  assert.throws(() => exportCsv(df, { file: "../x.csv", dir: "/tmp" }), RangeError);
  assert.throws(() => exportCsv(df, { file: "x.txt", dir: "/tmp" }), RangeError);
  assert.throws(
    () => exportCsv(df, {} as unknown as { file: string }),
    /^TypeError: Cannot export CSV as the file name is not a string: got undefined/,
  );
  // The older form, the file name second, still works.
  assert.deepEqual(exportCsv(df, "a.csv", { dir: undefined }), {
    file: "a.csv",
    rows: 1,
    columns: ["a"],
  });
});

Deno.test("exportCsv writes list columns as text joined by |", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const df = pl.DataFrame({ rule: pl.Series("rule", [["a", "b"], ["c"]]), lift: [2, 3] });
    exportCsv(df, { file: "rules.csv", dir });
    assert.equal(Deno.readTextFileSync(join(dir, "rules.csv")), "rule,lift\na | b,2.0\nc,3.0\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("exportCsv names a folder it cannot write instead of panicking", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(join(dir, "file"), "");
    assert.throws(
      () => exportCsv(pl.DataFrame({ a: [1] }), { file: "a.csv", dir: join(dir, "file", "out") }),
      /^Error: Cannot export CSV as the folder cannot be written: .*file\/out/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("exportCsv writes floats without the noise of sums, keeping their digits", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const df = pl.DataFrame({ value: [78054.99999999999, 0.9909999999999999, 3.1e-12, 1 / 3] });
    exportCsv(df, { file: "noise.csv", dir });
    const text = Deno.readTextFileSync(`${dir}/noise.csv`);
    assert.equal(text.trim(), "value\n78055.0\n0.991\n3.1e-12\n0.333333333333");
    assert.equal(df.getColumn("value").toArray()[0], 78054.99999999999, "input unchanged");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
