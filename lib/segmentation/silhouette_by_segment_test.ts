import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { silhouetteBySegment } from "./silhouette_by_segment.ts";
import { silhouetteSamples } from "./silhouette_samples.ts";
import { assertClose, normalDraws } from "../../tests/_helpers.ts";
import {
  assertBadThreadsRefused,
  assertSameAtAnyThreads,
  seededBlobs,
} from "./_parallel_test_helpers.ts";

Deno.test("silhouetteBySegment groups silhouetteSamples by label, in label order", () => {
  const n = 60;
  const noise = normalDraws(2 * n, 11);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const df = pl.DataFrame({
    x: labels.map((l, i) => l * 3 + noise[i]),
    y: labels.map((l, i) => (l === 2 ? 3 : 0) + noise[n + i]),
  });
  const samples = silhouetteSamples(df, labels);
  const table = silhouetteBySegment(df, { labels, names: { 2: "Far" } });
  assert.deepEqual(table.columns, [
    "label",
    "segment",
    "size",
    "silhouette_mean",
    "silhouette_min",
    "negative",
  ]);
  assert.deepEqual(table.getColumn("segment").toArray(), ["Segment 1", "Segment 2", "Far"]);
  for (const label of [0, 1, 2]) {
    const mine = [...samples].filter((_, i) => labels[i] === label);
    const row = label;
    assert.equal(Number(table.getColumn("size").toArray()[row]), mine.length);
    assertClose(
      table.getColumn("silhouette_mean").toArray()[row],
      mine.reduce((s, v) => s + v, 0) / mine.length,
      1e-15,
      `mean ${label}`,
    );
    assert.equal(table.getColumn("silhouette_min").toArray()[row], Math.min(...mine));
    assert.equal(
      Number(table.getColumn("negative").toArray()[row]),
      mine.filter((v) => v < 0).length,
    );
  }
});

Deno.test("silhouetteBySegment refuses labels that do not match the rows", () => {
  const df = pl.DataFrame({ x: [0, 1, 2] });
  assert.throws(() => silhouetteBySegment(df, { labels: [0, 1] }), RangeError);
});

Deno.test("silhouetteBySegment gives the same table at 1, 2 and 3 threads", () => {
  const df = seededBlobs(6_000, 2, 3, 24);
  const labels = Int32Array.from({ length: df.height }, (_, i) => i % 3);
  assertSameAtAnyThreads(
    "by segment",
    (threads) => silhouetteBySegment(df, { labels, threads }),
    (table) => table.toRecords(),
  );
  assertBadThreadsRefused(
    "compute silhouette by segment",
    (empty, threads) => silhouetteBySegment(empty, { labels: [], threads: threads as number }),
  );
});
