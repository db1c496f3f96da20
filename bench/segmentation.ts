/**
 * Segmentation benchmarks, each side by side with scikit-learn (bench/kmeans_sklearn.py) on the
 * same data, same machine, same run:
 * - k-means on 100,000 x 4 blobs, k = 8, nInit = 10 (scikit-learn: KMeans(n_init=10, lloyd));
 * - silhouette on the first 10,000 of those rows with 8 k-means labels (silhouette_score).
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { fitKMeans } from "../lib/segmentation/fit_kmeans.ts";
import { silhouetteScore } from "../lib/segmentation/silhouette_score.ts";

const REPEATS = 3;
const PY = new URL("./kmeans_sklearn.py", import.meta.url).pathname;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function python(args: string[]): { seconds: number[]; inertia?: number; score?: number } {
  const out = new Deno.Command("/usr/bin/python3", {
    args: [PY, ...args],
    stdout: "piped",
    stderr: "piped",
  })
    .outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const text = new TextDecoder().decode(out.stdout).trim();
  return text ? JSON.parse(text) : { seconds: [] };
}

async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Runs the benchmarks; returns table rows [benchmark, ours (s), peer (s), note]. */
export async function benchSegmentation(): Promise<[string, number, number, string][]> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-seg-" });
  try {
    const data = join(dir, "blobs.csv");
    python(["make", data]);
    const df = pl.readCSV(data);
    const ours: number[] = [];
    let inertia = 0;
    for (let r = 0; r < REPEATS; r++) {
      await settle();
      const t0 = performance.now();
      const model = fitKMeans(df, { k: 8, seed: r, nInit: 10 });
      ours.push((performance.now() - t0) / 1000);
      inertia = model.inertia;
    }
    const sk = python(["kmeans", data, String(REPEATS)]);
    const model = fitKMeans(df, { k: 8, seed: 0 });
    const labelsPath = join(dir, "labels.csv");
    const labels = model.labels.subarray(0, 10_000);
    pl.DataFrame({ label: Array.from(labels) }).writeCSV(labelsPath);
    const head = df.head(10_000);
    const silhouette: number[] = [];
    let score = 0;
    for (let r = 0; r < REPEATS; r++) {
      await settle();
      const t0 = performance.now();
      score = silhouetteScore(head, labels);
      silhouette.push((performance.now() - t0) / 1000);
    }
    const skSil = python(["silhouette", data, labelsPath, String(REPEATS)]);
    return [
      [
        "k-means 100,000 x 4, k = 8, nInit = 10",
        median(ours),
        median(sk.seconds),
        `inertia ${inertia.toFixed(1)} vs ${sk.inertia?.toFixed(1)}`,
      ],
      [
        "silhouette 10,000 x 4",
        median(silhouette),
        median(skSil.seconds),
        `score ${score.toFixed(6)} vs ${skSil.score?.toFixed(6)}`,
      ],
    ];
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  for (const row of await benchSegmentation()) console.log(row.join(" | "));
}
