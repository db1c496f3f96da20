/**
 * Numeric kernels on every core: a small, persistent pool of worker threads that runs a fixed set
 * of numbered tasks over typed arrays in shared memory, with results identical bit for bit at any
 * thread count.
 *
 * How it stays deterministic: the caller fixes the tasks (their number and what each computes)
 * without looking at the thread count; each task writes only its own slots of a shared output
 * array; the caller reduces the per-task results in task order after the run. Threads claim task
 * numbers from a shared counter, so which thread ran a task changes from run to run, but no
 * result depends on it. A task that draws random numbers seeds its own stream from the caller's
 * seed and its task number ({@linkcode taskSeed}). With `threads: 1` the same kernel runs in the
 * calling thread, task by task, in the same order of reduction.
 *
 * How it stays synchronous: the library's functions return their results directly (notebooks and
 * other modules call `fitKMeans(...)`, not `await fitKMeans(...)`), so the caller does not await
 * its workers: it posts the job, runs tasks itself, then blocks in `Atomics.wait` until every
 * worker has finished. Workers communicate only through shared memory, so they need nothing from
 * the caller's event loop. Deno allows `Atomics.wait` on the main thread (browsers do not).
 *
 * Why `node:worker_threads` rather than Deno's web `Worker`: a live web `Worker` keeps the process
 * alive until it is terminated (a script ending with an idle pool never exits), so a pool of them
 * would have to be started and stopped around every call, which cost 30-90 ms per worker on this
 * machine (2026-12-03) against 0.1 ms to post a job to a running one. A `node:worker_threads`
 * worker can be `unref`-ed: the pool lives as long as the process, never holds it open, and a
 * notebook kernel running 100 fits keeps the same threads ({@linkcode workerPoolSize}).
 *
 * Kernel modules are held to one rule: they import nothing heavy (no nodejs-polars, no charts),
 * only typed-array code, because each worker imports the kernel's module once.
 *
 * Failures: a kernel that throws in any thread stops the others claiming tasks; the caller throws
 * `Cannot <action> as a task failed in a worker thread: <the kernel's error>` and terminates the
 * pool, so no worker is left running (the next call starts fresh ones). A worker that cannot start
 * (no read permission for the library's files, for instance) is not an error: the job runs on the
 * threads that did start, down to the calling thread alone, with one warning on the console.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import { requireInteger } from "./errors.ts";
export { taskSeed } from "./_splitmix.ts";
import {
  CONTROL,
  describeArrays,
  type JobMessage,
  MESSAGE_BYTES,
  readError,
  writeError,
} from "./_worker_protocol.ts";

/** The typed arrays a kernel can share with the pool. */
export type SharedTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/**
 * A kernel: computes task number `task` from the shared arrays and writes its result into them.
 * Pure apart from those writes; the same task always writes the same values.
 */
// deno-lint-ignore no-explicit-any
export type Kernel<P> = (task: number, arrays: any, params: P) => void;

/** One parallel job for {@linkcode runParallel}. */
export interface ParallelJob<P> {
  /** `import.meta.url` of the module exporting the kernel (workers import it). */
  module: string;
  /** The kernel's export name in that module. */
  name: string;
  /** The kernel itself, run in the calling thread. */
  kernel: Kernel<P>;
  /** How many tasks (numbered 0 to tasks - 1): fixed by the work, never by the thread count. */
  tasks: number;
  /** Inputs and outputs, each a typed array over a `SharedArrayBuffer` ({@linkcode sharedArray}). */
  arrays: Record<string, SharedTypedArray>;
  /** Anything else the kernel needs: plain data (structured-cloned to the workers). */
  params: P;
}

/** What one {@linkcode runParallel} call did. */
export interface ParallelRun {
  /** The kernel's export name. */
  name: string;
  /** Threads used, the caller's included. */
  threads: number;
  /** Tasks run by each thread, the caller first. */
  tasksByThread: number[];
}

/** The most threads any function accepts (a typo guard; far above this machine's cores). */
export const MAX_THREADS = 64;

let defaultThreads: number | undefined;
const pool: Worker[] = [];
const observers: ParallelRun[][] = [];
/** Kernels (module#name) every worker of the pool has loaded: how many workers had, then. */
const loadedKernels = new Map<string, number>();
let warned = false;

/**
 * The cores this process may use (`navigator.hardwareConcurrency`, at least 1).
 *
 * @returns The core count.
 */
export function availableCores(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_THREADS, Math.floor(cores)));
}

/**
 * Sets the project-wide default for every function's `threads` option.
 *
 * @param threads An integer from 1 to {@linkcode MAX_THREADS}; `undefined` restores the default,
 *   the cores available.
 * @throws {TypeError} When `threads` is not a number.
 * @throws {RangeError} When it is not an integer in range.
 *
 * @example One thread for everything, then back to every core
 * ```ts
 * import assert from "node:assert/strict";
 * import { availableCores, getDefaultThreads, setDefaultThreads } from "./worker_pool.ts";
 *
 * setDefaultThreads(1);
 * assert.equal(getDefaultThreads(), 1);
 * setDefaultThreads(undefined);
 * assert.equal(getDefaultThreads(), availableCores());
 * assert.throws(() => setDefaultThreads(0), RangeError);
 * ```
 */
export function setDefaultThreads(threads: number | undefined): void {
  defaultThreads = threads === undefined
    ? undefined
    : requireInteger(threads, "threads", "set the default thread count", 1, MAX_THREADS);
}

/**
 * The project-wide default thread count: what {@linkcode setDefaultThreads} set, else the cores
 * available.
 *
 * @returns The default.
 */
export function getDefaultThreads(): number {
  return defaultThreads ?? availableCores();
}

/**
 * Checks a function's `threads` option and fills in the default.
 *
 * @param threads The option as given.
 * @param action What the caller was doing, for the message.
 * @returns The thread count.
 * @throws {TypeError} When `threads` is given and not a number.
 * @throws {RangeError} When it is not an integer from 1 to {@linkcode MAX_THREADS}.
 */
export function resolveThreads(threads: unknown, action: string): number {
  if (threads === undefined) return getDefaultThreads();
  return requireInteger(threads, "threads", action, 1, MAX_THREADS);
}

/**
 * A zero-filled typed array over a new `SharedArrayBuffer`.
 *
 * @param Type The typed-array constructor.
 * @param length The number of elements.
 * @returns The array.
 */
export function sharedArray<T extends SharedTypedArray>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(0, length) * Type.BYTES_PER_ELEMENT));
}

/**
 * A copy of `values` in shared memory (the array itself when it already is).
 *
 * @param values The values.
 * @returns A typed array of the same type over a `SharedArrayBuffer`.
 */
export function toShared<T extends SharedTypedArray>(values: T): T {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const Type = values.constructor as {
    new (buffer: SharedArrayBuffer): T;
    BYTES_PER_ELEMENT: number;
  };
  const copy = sharedArray(Type, values.length);
  copy.set(values as never);
  return copy;
}

/**
 * How many worker threads the pool holds now (0 before the first parallel call and after
 * {@linkcode terminateWorkers}). It never exceeds the largest `threads` asked for, less one.
 *
 * @returns The pool size.
 */
export function workerPoolSize(): number {
  return pool.length;
}

/** Stops every worker thread of the pool; the next parallel call starts new ones. */
export function terminateWorkers(): void {
  loadedKernels.clear();
  for (const worker of pool.splice(0)) void worker.terminate().catch(() => {});
}

/**
 * Runs `fn` and returns, beside its result, every {@linkcode runParallel} call made meanwhile:
 * how tests check that more than one thread really ran.
 *
 * @param fn The code to watch.
 * @returns Its result and the runs.
 */
export function observeParallelRuns<T>(fn: () => T): { result: T; runs: ParallelRun[] } {
  const runs: ParallelRun[] = [];
  observers.push(runs);
  try {
    return { result: fn(), runs };
  } finally {
    observers.splice(observers.indexOf(runs), 1);
  }
}

/** How long a new worker may take to start before the job goes on without it. */
const START_TIMEOUT_MS = 30_000;

/** Grows the pool to `count` workers if it can; returns how many there are. */
function ensureWorkers(count: number): number {
  if (pool.length >= count) return count;
  const ready = new Int32Array(new SharedArrayBuffer(4 * count));
  const started: Worker[] = [];
  let failure: unknown;
  for (let index = pool.length; index < count; index++) {
    try {
      const worker = new Worker(new URL("./_worker.ts", import.meta.url), {
        workerData: { ready: ready.buffer, index },
      });
      worker.unref();
      started.push(worker);
    } catch (error) {
      failure = error;
      break;
    }
  }
  const first = pool.length;
  for (let i = 0; i < started.length; i++) {
    if (Atomics.wait(ready, first + i, 0, START_TIMEOUT_MS) === "timed-out") {
      failure ??= new Error(`a worker did not start within ${START_TIMEOUT_MS / 1000} s`);
      for (const worker of started.splice(i)) void worker.terminate().catch(() => {});
      break;
    }
  }
  pool.push(...started);
  if (failure !== undefined && !warned) {
    warned = true;
    const reason = failure instanceof Error ? failure.message : String(failure);
    console.warn(
      `Customer Lens: running on ${pool.length + 1} thread(s) instead of ${count + 1}, as a ` +
        `worker thread could not start: ${reason.split("\n")[0]}`,
    );
  }
  return pool.length;
}

/**
 * Runs a job's tasks on up to `threads` threads (the caller and `threads - 1` pool workers) and
 * returns when all are done. Results are whatever the kernel wrote into the shared arrays, the same
 * bit for bit at every thread count when each task writes only its own slots.
 *
 * @param job The kernel, its tasks and its shared arrays.
 * @param options `threads` (already checked by {@linkcode resolveThreads}) and the caller's
 *   `action` for error messages.
 * @returns What ran where.
 * @throws {TypeError} When an array is not in shared memory.
 * @throws {Error} When a task failed: `Cannot <action> as a task failed in a worker thread: ...`
 *   (the pool is terminated first).
 */
export function runParallel<P>(
  job: ParallelJob<P>,
  options: { threads: number; action: string },
): ParallelRun {
  for (const [name, array] of Object.entries(job.arrays)) {
    if (!(array.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError(
        `Cannot ${options.action} as the kernel array ${name} is not in shared memory: ` +
          "create it with sharedArray or toShared",
      );
    }
  }
  const wanted = Math.max(1, Math.min(options.threads, job.tasks));
  const workers = wanted > 1 ? ensureWorkers(wanted - 1) : 0;
  const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL.ranBy + 1 + workers)));
  const message = new SharedArrayBuffer(MESSAGE_BYTES);
  const posted = workers > 0 ? describeArrays(job.arrays) : {};
  for (let w = 0; w < workers; w++) {
    const post: JobMessage = {
      module: job.module,
      name: job.name,
      tasks: job.tasks,
      arrays: posted,
      params: job.params,
      control: control.buffer as SharedArrayBuffer,
      message,
      slot: w + 1,
    };
    pool[w].postMessage(post);
  }
  // The first time a kernel runs on the pool, wait until every worker has its module loaded (an
  // import takes 50-100 ms), so the caller does not run every task alone while workers start.
  // Later calls do not wait for anyone: the caller returns when every task has completed, and a
  // worker that wakes late finds nothing left to claim (waiting for each worker to wake cost a
  // millisecond a call on a loaded machine, in boosting's many small calls).
  const kernelKey = `${job.module}#${job.name}`;
  if ((loadedKernels.get(kernelKey) ?? 0) < workers) {
    for (let loaded = Atomics.load(control, CONTROL.loaded); loaded < workers;) {
      Atomics.wait(control, CONTROL.loaded, loaded);
      loaded = Atomics.load(control, CONTROL.loaded);
    }
    loadedKernels.set(kernelKey, workers);
  }
  let ownError: unknown;
  try {
    while (Atomics.load(control, CONTROL.failed) === 0) {
      const task = Atomics.add(control, CONTROL.next, 1);
      if (task >= job.tasks) break;
      job.kernel(task, job.arrays, job.params);
      Atomics.add(control, CONTROL.ranBy, 1);
      Atomics.add(control, CONTROL.completed, 1);
    }
  } catch (error) {
    ownError = error;
    writeError(control, new Uint8Array(message), error);
  }
  for (let completed = Atomics.load(control, CONTROL.completed); completed < job.tasks;) {
    if (Atomics.load(control, CONTROL.failed) !== 0) break;
    // A failing worker notifies without completing a task: the timeout covers a failure that lands
    // between the check above and this wait.
    Atomics.wait(control, CONTROL.completed, completed, 20);
    completed = Atomics.load(control, CONTROL.completed);
  }
  if (Atomics.load(control, CONTROL.failed) !== 0) {
    terminateWorkers();
    if (workers === 0 && ownError !== undefined) throw ownError;
    throw new Error(
      `Cannot ${options.action} as a task failed in a worker thread: ` +
        readError(control, new Uint8Array(message)),
    );
  }
  const run: ParallelRun = {
    name: job.name,
    threads: workers + 1,
    tasksByThread: Array.from({ length: workers + 1 }, (_, i) => control[CONTROL.ranBy + i]),
  };
  for (const runs of observers) runs.push(run);
  return run;
}
