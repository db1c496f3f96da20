/**
 * Workers must not leak (issue 17): a notebook kernel that runs 100 parallel fits keeps the same
 * worker threads and does not grow in memory. Linux only (reads /proc), as CI is.
 */
import assert from "node:assert/strict";
import { simulateAaTests } from "../lib/experiment/aa_simulation.ts";
import { terminateWorkers, workerPoolSize } from "../lib/core/worker_pool.ts";

/** The process's thread count, from /proc (read by `cat`: Deno allows /proc only with -A). */
function threadCount(): number {
  const { stdout } = new Deno.Command("cat", {
    args: [`/proc/${Deno.pid}/status`],
    stdout: "piped",
  })
    .outputSync();
  return Number(new TextDecoder().decode(stdout).match(/^Threads:\s+(\d+)/m)![1]);
}

const options = {
  experiments: 1_000,
  usersPerArm: 400,
  baseline: 0.1,
  looks: 5,
  alpha: 0.05,
  tau: 0.02,
  seed: 11,
  threads: 3,
};

Deno.test("100 parallel fits keep the same worker threads and memory", () => {
  terminateWorkers();
  const first = simulateAaTests(options);
  for (let i = 0; i < 5; i++) simulateAaTests(options); // warm up: workers started, code compiled
  const threadsBefore = threadCount();
  const rssBefore = Deno.memoryUsage().rss;
  for (let i = 0; i < 100; i++) {
    const again = simulateAaTests(options);
    assert.equal(again.peeking.falsePositives, first.peeking.falsePositives);
  }
  assert.equal(workerPoolSize(), 2);
  // Deno's runtime starts and retires a few helper threads of its own (blocking-I/O and GC
  // threads, the `cat` above), so allow a small slack; a worker leaked per fit would add 100.
  const threadsAfter = threadCount();
  assert.ok(
    threadsAfter <= threadsBefore + 6,
    `the process went from ${threadsBefore} to ${threadsAfter} threads`,
  );
  // 100 leaked workers would each hold a V8 isolate (tens of MB); shared buffers of this size are
  // ~100 KB a call. Generous bound: 150 MB.
  const growthMiB = (Deno.memoryUsage().rss - rssBefore) / 2 ** 20;
  assert.ok(growthMiB < 150, `memory grew by ${growthMiB.toFixed(0)} MiB over 100 fits`);
});
