/**
 * A/A simulation benchmark (issue 13's target: 10,000 A/A experiments in under 5 s):
 * {@linkcode simulateAaTests} on 10,000 experiments of 5,000 users per arm at a 10% baseline,
 * 10 looks, against the same simulation vectorised with numpy/scipy (bench/experiment_numpy.py),
 * same run. Ours runs on one thread and on every core (issue 17: fixed blocks of 100 experiments
 * on the worker pool, identical counts at any thread count), interleaved with numpy in each
 * round. Reports the times (median of 3) and both sets of false-positive rates (they differ only
 * by Monte Carlo noise: different generators).
 *
 * Run alone: `deno run --allow-read --allow-run --allow-env --allow-ffi
 * --allow-sys=cpus,networkInterfaces,hostname,osRelease bench/experiment.ts`.
 *
 * @module
 */
import { simulateAaTests } from "../lib/experiment/aa_simulation.ts";
import { availableCores } from "../lib/core/worker_pool.ts";

/** One row: benchmark, ours (s), numpy (s), note. */
export type ExperimentBenchRow = [string, number, number, string];

const DESIGN = {
  experiments: 10_000,
  usersPerArm: 5_000,
  baseline: 0.1,
  looks: 10,
  alpha: 0.05,
  tau: 0.01,
  seed: 42,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

function numpyRun(): {
  seconds: number;
  fixedHorizon: number;
  peeking: number;
  sequential: number;
} {
  const d = DESIGN;
  const out = new Deno.Command("/usr/bin/python3", {
    args: [
      new URL("./experiment_numpy.py", import.meta.url).pathname,
      ...[d.experiments, d.usersPerArm, d.baseline, d.looks, d.alpha, d.tau, d.seed].map(String),
    ],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/**
 * Runs the benchmark: ours on one thread and on every core (`availableCores()`), and numpy,
 * interleaved in each of 3 rounds so that all three see the same machine load; medians.
 */
export function benchExperiment(): ExperimentBenchRow[] {
  const all = availableCores();
  const counts = all > 1 ? [1, all] : [1];
  const ours = new Map<number, number[]>(counts.map((t) => [t, []]));
  const results = new Map<number, ReturnType<typeof simulateAaTests>>();
  for (const t of counts) results.set(t, simulateAaTests({ ...DESIGN, threads: t })); // warm-up
  const peers: ReturnType<typeof numpyRun>[] = [];
  for (let i = 0; i < 3; i++) {
    for (const t of counts) {
      const t0 = performance.now();
      results.set(t, simulateAaTests({ ...DESIGN, threads: t }));
      ours.get(t)!.push((performance.now() - t0) / 1000);
    }
    peers.push(numpyRun());
  }
  const peer = peers[0];
  const peerSeconds = median(peers.map((p) => p.seconds));
  return counts.map((t) => {
    const result = results.get(t)!;
    const seconds = median(ours.get(t)!);
    return [
      `A/A simulation: 10,000 experiments x 2 x 5,000 users, 10 looks, ${t} thread${
        t === 1 ? "" : "s"
      }`,
      seconds,
      peerSeconds,
      `${(seconds / peerSeconds).toFixed(2)}x numpy (numpy's sampler is single-threaded); ` +
      `false positives (fixed / peeking / mSPRT): ours ${pct(result.fixedHorizon.rate)} / ` +
      `${pct(result.peeking.rate)} / ${pct(result.sequential.rate)} (the same at every thread ` +
      `count), numpy ${pct(peer.fixedHorizon)} / ${pct(peer.peeking)} / ${pct(peer.sequential)}`,
    ];
  });
}

if (import.meta.main) {
  for (const row of benchExperiment()) {
    console.log(`| ${row[0]} | ${row[1].toFixed(3)} | ${row[2].toFixed(3)} | ${row[3]} |`);
  }
}
