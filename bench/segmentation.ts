/**
 * Segmentation benchmarks, each side by side with scikit-learn (bench/kmeans_sklearn.py) on the
 * same data, same machine, same run, measured in turn (ours on 1 thread, ours on every core,
 * scikit-learn) so that load from other processes falls on all three alike:
 * - k-means on 100,000 x 4 blobs, k = 8, nInit = 10 (scikit-learn: KMeans(n_init=10, lloyd));
 * - k-means on 1,000,000 x 4 blobs, k = 8, nInit = 10 (the same);
 * - silhouette on the first 10,000 of the 100,000 rows with 8 k-means labels (silhouette_score).
 *
 * scikit-learn runs its k-means on every core (OpenMP threads, reported in the note); its
 * silhouette_score runs in numpy (BLAS distance chunks). Ours: `threads: 1`, then `threads` at
 * its default, every core (`getDefaultThreads()`).
 *
 * `deno run -A bench/segmentation.ts` prints the table with the load average before and after;
 * BENCH_REPEATS (default 3) sets the repeats; the median is reported.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { fitKMeans } from "../lib/segmentation/fit_kmeans.ts";
import { silhouetteScore } from "../lib/segmentation/silhouette_score.ts";
import { getDefaultThreads } from "../lib/core/worker_pool.ts";

const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 3);
const PY = new URL("./kmeans_sklearn.py", import.meta.url).pathname;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function python(
  args: string[],
): { seconds: number[]; inertia?: number; score?: number; threads?: number } {
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

async function timed<T>(fn: () => T): Promise<[number, T]> {
  await settle();
  const t0 = performance.now();
  const result = fn();
  return [(performance.now() - t0) / 1000, result];
}

/** The 1-minute load average (Linux), or NaN. */
export function loadAverage(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return NaN;
  }
}

/** One target: our medians at 1 thread and at every core, scikit-learn's median, and a note. */
export interface SegmentationTarget {
  name: string;
  one: number;
  all: number;
  peer: number;
  note: string;
}

/** k-means of a CSV's rows at 1 thread, every core and in scikit-learn, interleaved. */
async function kmeansTarget(name: string, data: string, threads: number) {
  const df = pl.readCSV(data);
  const one: number[] = [];
  const all: number[] = [];
  const peer: number[] = [];
  let inertia = 0;
  let skInertia = 0;
  let skThreads: number | undefined;
  fitKMeans(df.head(50_000), { k: 8, seed: 0, nInit: 2, threads }); // start the workers
  for (let r = 0; r < REPEATS; r++) {
    const [a, model] = await timed(() => fitKMeans(df, { k: 8, seed: r, nInit: 10, threads: 1 }));
    one.push(a);
    const [b, again] = await timed(() => fitKMeans(df, { k: 8, seed: r, nInit: 10, threads }));
    all.push(b);
    if (again.inertia !== model.inertia) throw new Error(`${name}: threads changed the inertia`);
    inertia = model.inertia;
    const sk = python(["kmeans", data, "1", "10", String(r)]);
    peer.push(sk.seconds[0]);
    skInertia = sk.inertia!;
    skThreads = sk.threads;
  }
  return {
    target: {
      name,
      one: median(one),
      all: median(all),
      peer: median(peer),
      note: `inertia ${inertia.toFixed(1)} vs ${skInertia.toFixed(1)}; scikit-learn on ${
        skThreads ?? "?"
      } OpenMP threads`,
    },
    df,
  };
}

/** Runs every target; returns them with the load average before and after. */
export async function segmentationTargets(): Promise<
  { targets: SegmentationTarget[]; load: [number, number]; threads: number }
> {
  const threads = getDefaultThreads();
  const dir = Deno.makeTempDirSync({ prefix: "bench-seg-" });
  const before = loadAverage();
  try {
    const data = join(dir, "blobs.csv");
    const million = join(dir, "blobs_1m.csv");
    python(["make", data]);
    python(["make", million, "1000000"]);
    const targets: SegmentationTarget[] = [];
    const small = await kmeansTarget("k-means 100,000 x 4, k = 8, nInit = 10", data, threads);
    targets.push(small.target);
    targets.push(
      (await kmeansTarget("k-means 1,000,000 x 4, k = 8, nInit = 10", million, threads)).target,
    );

    const model = fitKMeans(small.df, { k: 8, seed: 0, threads });
    const labelsPath = join(dir, "labels.csv");
    const labels = model.labels.subarray(0, 10_000);
    pl.DataFrame({ label: Array.from(labels) }).writeCSV(labelsPath);
    const head = small.df.head(10_000);
    const one: number[] = [];
    const all: number[] = [];
    const peer: number[] = [];
    let score = 0;
    let skScore = 0;
    for (let r = 0; r < REPEATS; r++) {
      const [a, s1] = await timed(() => silhouetteScore(head, labels, { threads: 1 }));
      one.push(a);
      const [b, s2] = await timed(() => silhouetteScore(head, labels, { threads }));
      all.push(b);
      if (!Object.is(s1, s2)) throw new Error("silhouette: threads changed the score");
      score = s1;
      const sk = python(["silhouette", data, labelsPath, "1"]);
      peer.push(sk.seconds[0]);
      skScore = sk.score!;
    }
    targets.push({
      name: "silhouette 10,000 x 4",
      one: median(one),
      all: median(all),
      peer: median(peer),
      note: `score ${score.toFixed(6)} vs ${skScore.toFixed(6)}`,
    });
    return { targets, load: [before, loadAverage()], threads };
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** Runs the benchmarks; returns table rows [benchmark, ours (s), peer (s), note]. */
export async function benchSegmentation(): Promise<[string, number, number, string][]> {
  const { targets, load, threads } = await segmentationTargets();
  const loadNote = `load average ${load[0].toFixed(2)} -> ${load[1].toFixed(2)}`;
  return targets.flatMap((t): [string, number, number, string][] => [
    [`${t.name}, 1 thread`, t.one, t.peer, `${t.note}; ${loadNote}`],
    [`${t.name}, ${threads} threads`, t.all, t.peer, `${t.note}; ${loadNote}`],
  ]);
}

if (import.meta.main) {
  const { targets, load, threads } = await segmentationTargets();
  console.log(
    `Segmentation, ${REPEATS} repeats (medians), ${navigator.hardwareConcurrency} cores, ` +
      `load average ${load[0]} before, ${load[1]} after`,
  );
  console.log(
    `| benchmark | ours 1 thread (s) | ours ${threads} threads (s) | scikit-learn (s) | ` +
      `ratio 1 thread | ratio ${threads} threads | note |`,
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const t of targets) {
    console.log(
      `| ${t.name} | ${t.one.toFixed(3)} | ${t.all.toFixed(3)} | ${t.peer.toFixed(3)} | ${
        (t.one / t.peer).toFixed(2)
      } | ${(t.all / t.peer).toFixed(2)} | ${t.note} |`,
    );
  }
}
