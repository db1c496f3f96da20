import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { inHashChunk, SPLIT_ROWS } from "./_hash_chunks.ts";

/** The chunk of every row of `df` by `column`, or -1 when no chunk (or several) keep it. */
function chunkOf(df: pl.DataFrame, column: string, chunks: number): number[] {
  const masks = Array.from(
    { length: chunks },
    (_, k) => df.select(inHashChunk(column, chunks, k).alias("m")).getColumn("m").toArray(),
  );
  return Array.from({ length: df.height }, (_, i) => {
    const hits = masks.map((m, k) => (m[i] ? k : -1)).filter((k) => k >= 0);
    return hits.length === 1 ? hits[0] : -1;
  });
}

Deno.test("inHashChunk() puts every row in exactly one chunk, equal values together", () => {
  const ids = Array.from({ length: 4000 }, (_, i) => 1_000_000 + (i % 1000) * 7919);
  const df = pl.DataFrame([
    pl.Series("int_id", ids, pl.Int64),
    pl.Series("text_id", ids.map((v) => `C${v}`)),
  ]);
  for (const column of ["int_id", "text_id"]) {
    for (const chunks of [1, 2, 4, 8]) {
      const chunk = chunkOf(df, column, chunks);
      assert.ok(chunk.every((k) => k >= 0 && k < chunks), `${column}, ${chunks} chunks`);
      // Rows i and i + 1000 hold the same id: the same chunk.
      for (let i = 0; i < 3000; i++) assert.equal(chunk[i], chunk[i + 1000]);
    }
    // About even: each of 4 chunks holds 15-35% of the 1,000 distinct ids.
    const counts = [0, 0, 0, 0];
    for (const k of chunkOf(df.head(1000), column, 4)) counts[k]++;
    assert.ok(counts.every((n) => n >= 150 && n <= 350), `${column}: ${counts}`);
  }
});

Deno.test("inHashChunk() gives the same chunks on a LazyFrame with the streaming engine", () => {
  const df = pl.DataFrame({ id: Array.from({ length: 500 }, (_, i) => `c${i % 97}`) });
  const eager = chunkOf(df, "id", 4);
  const lazy = Array.from(
    { length: 4 },
    (_, k) =>
      df.lazy().withRowIndex("row").filter(inHashChunk("id", 4, k)).select("row")
        .collectSync({ engine: "streaming" }).getColumn("row").toArray().map(Number),
  );
  assert.equal(lazy.flat().length, df.height);
  lazy.forEach((rows, k) => rows.forEach((row) => assert.equal(eager[row], k)));
  assert.ok(SPLIT_ROWS >= 1_000_000);
});
