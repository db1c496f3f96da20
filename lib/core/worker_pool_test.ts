import assert from "node:assert/strict";
import { createRandom } from "./random.ts";
import {
  getDefaultThreads,
  MAX_THREADS,
  observeParallelRuns,
  resolveThreads,
  runParallel,
  setDefaultThreads,
  sharedArray,
  taskSeed,
  terminateWorkers,
  toShared,
  workerPoolSize,
} from "./worker_pool.ts";
import { chunkSum, failOnFive } from "./_worker_pool_test_kernels.ts";

const MODULE = new URL("./_worker_pool_test_kernels.ts", import.meta.url).href;

/**
 * Sums 200,000 pseudo-random values in 24 chunks on `threads` threads, reducing in task order. Each
 * task takes a few milliseconds (400 passes), so a worker woken late on a loaded machine still finds
 * tasks left.
 */
function sumOnThreads(threads: number, repeat = 400) {
  const random = createRandom(7);
  const x = sharedArray(Float64Array, 200_000);
  for (let i = 0; i < x.length; i++) x[i] = random.next() * 1e3 - 500;
  const tasks = 24;
  const out = sharedArray(Float64Array, tasks);
  const run = runParallel(
    {
      module: MODULE,
      name: "chunkSum",
      kernel: chunkSum,
      tasks,
      arrays: { x, out },
      params: { chunk: Math.ceil(x.length / tasks), repeat },
    },
    { threads, action: "sum a test array" },
  );
  let total = 0;
  for (let t = 0; t < tasks; t++) total += out[t];
  return { total, run };
}

Deno.test("runParallel gives the same bits at 1, 2 and 3 threads, and more than one thread ran", () => {
  const one = sumOnThreads(1);
  assert.deepEqual(one.run.tasksByThread, [24]);
  for (const threads of [2, 3]) {
    const many = sumOnThreads(threads);
    assert.equal(Object.is(many.total, one.total), true, `${threads} threads: ${many.total}`);
    assert.equal(many.run.threads, threads);
    assert.equal(many.run.tasksByThread.reduce((a, b) => a + b, 0), 24);
    assert.ok(
      many.run.tasksByThread.filter((n) => n > 0).length > 1,
      `only one thread ran: ${many.run.tasksByThread}`,
    );
  }
});

Deno.test("runParallel: a kernel that throws surfaces a house-style error and leaves no worker", () => {
  sumOnThreads(3);
  assert.ok(workerPoolSize() >= 2);
  const out = sharedArray(Float64Array, 40);
  assert.throws(
    () =>
      runParallel(
        {
          module: MODULE,
          name: "failOnFive",
          kernel: failOnFive,
          tasks: 40,
          arrays: { out },
          params: {},
        },
        { threads: 3, action: "run a failing kernel" },
      ),
    /^Error: Cannot run a failing kernel as a task failed in a worker thread: RangeError: task five is bad$/,
  );
  assert.equal(workerPoolSize(), 0);
  // One thread: the kernel's own error, unchanged.
  assert.throws(
    () =>
      runParallel(
        {
          module: MODULE,
          name: "failOnFive",
          kernel: failOnFive,
          tasks: 40,
          arrays: { out },
          params: {},
        },
        { threads: 1, action: "run a failing kernel" },
      ),
    { name: "RangeError", message: "task five is bad" },
  );
  // The pool starts again afterwards.
  assert.equal(sumOnThreads(2).run.threads, 2);
});

Deno.test("runParallel: 100 calls keep the same worker threads", () => {
  terminateWorkers();
  for (let i = 0; i < 100; i++) sumOnThreads(3, 4);
  assert.equal(workerPoolSize(), 2);
});

Deno.test("runParallel refuses arrays outside shared memory, and a wrong kernel name", () => {
  assert.throws(
    () =>
      runParallel(
        {
          module: MODULE,
          name: "chunkSum",
          kernel: chunkSum,
          tasks: 2,
          arrays: { x: new Float64Array(4), out: sharedArray(Float64Array, 2) },
          params: { chunk: 2, repeat: 1 },
        },
        { threads: 2, action: "sum" },
      ),
    /^TypeError: Cannot sum as the kernel array x is not in shared memory/,
  );
  assert.throws(
    () =>
      runParallel(
        {
          module: MODULE,
          name: "noSuchKernel",
          kernel: chunkSum,
          tasks: 64,
          arrays: { x: sharedArray(Float64Array, 64 * 5000), out: sharedArray(Float64Array, 64) },
          params: { chunk: 5000, repeat: 20 },
        },
        { threads: 2, action: "sum" },
      ),
    /Cannot sum as a task failed in a worker thread: TypeError: .* has no kernel named noSuchKernel/,
  );
});

Deno.test("threads: checked, with one project-wide default", () => {
  const action = "fit k-means";
  for (const bad of [0, -1, 1.5, MAX_THREADS + 1, Infinity, NaN]) {
    assert.throws(() => resolveThreads(bad, action), RangeError);
  }
  assert.throws(() => resolveThreads("2", action), {
    name: "TypeError",
    message: 'Cannot fit k-means as threads is not a number: got "2"',
  });
  assert.throws(() => resolveThreads(0, action), {
    message: "Cannot fit k-means as threads must be an integer from 1 to 64: got 0",
  });
  assert.equal(resolveThreads(3, action), 3);
  setDefaultThreads(1);
  try {
    assert.equal(resolveThreads(undefined, action), 1);
    assert.equal(getDefaultThreads(), 1);
  } finally {
    setDefaultThreads(undefined);
  }
  assert.equal(getDefaultThreads(), Math.min(MAX_THREADS, navigator.hardwareConcurrency));
  assert.throws(() => setDefaultThreads(0), RangeError);
});

Deno.test("toShared copies into shared memory once; taskSeed is fixed per (seed, task)", () => {
  const plain = new Int32Array([1, 2, 3]);
  const shared = toShared(plain);
  assert.ok(shared.buffer instanceof SharedArrayBuffer);
  assert.deepEqual([...shared], [1, 2, 3]);
  assert.equal(toShared(shared), shared);
  assert.equal(taskSeed(42, 3), taskSeed(42, 3));
  const seeds = new Set(Array.from({ length: 1000 }, (_, t) => taskSeed(42, t)));
  assert.equal(seeds.size, 1000);
  assert.ok([...seeds].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32));
});

Deno.test("observeParallelRuns records the runs made inside it", () => {
  const { result, runs } = observeParallelRuns(() => sumOnThreads(2).total);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].name, "chunkSum");
  assert.equal(result, sumOnThreads(1).total);
});
