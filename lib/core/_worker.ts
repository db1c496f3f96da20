/**
 * The worker side of {@linkcode runParallel} (worker_pool.ts): one of these runs in each pool
 * thread. It announces that it started, then for each job it imports the kernel's module (once;
 * imports are cached), tells the caller it is loaded, claims task numbers from the job's shared counter until none are left or
 * another thread failed, and counts each task it completes. Every exception is caught and written to the job's
 * shared error area, so the caller, which is blocked in `Atomics.wait`, always wakes.
 *
 * A plain module with no imports from `lib/` but the protocol constants: loading it costs a few
 * milliseconds, and kernel modules are held to the same rule (typed arrays only, no
 * nodejs-polars), so a worker starts fast and never loads the native add-on.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { CONTROL, type JobMessage, openArrays, writeError } from "./_worker_protocol.ts";

const { ready, index } = workerData as { ready: SharedArrayBuffer; index: number };

parentPort!.on("message", async (job: JobMessage) => {
  const control = new Int32Array(job.control);
  let announced = false;
  const announce = () => {
    announced = true;
    Atomics.add(control, CONTROL.loaded, 1);
    Atomics.notify(control, CONTROL.loaded);
  };
  try {
    const module = await import(job.module);
    const kernel = module[job.name];
    const arrays = openArrays(job.arrays);
    announce();
    if (typeof kernel !== "function") {
      throw new TypeError(`${job.module} has no kernel named ${job.name}`);
    }
    // A worker that wakes after the others finished finds no task left and touches nothing.
    while (Atomics.load(control, CONTROL.failed) === 0) {
      const task = Atomics.add(control, CONTROL.next, 1);
      if (task >= job.tasks) break;
      kernel(task, arrays, job.params);
      Atomics.add(control, CONTROL.ranBy + job.slot, 1);
      if (Atomics.add(control, CONTROL.completed, 1) + 1 === job.tasks) {
        Atomics.notify(control, CONTROL.completed);
      }
    }
  } catch (error) {
    writeError(control, new Uint8Array(job.message), error);
    Atomics.notify(control, CONTROL.completed);
    if (!announced) announce();
  }
});

const started = new Int32Array(ready);
Atomics.store(started, index, 1);
Atomics.notify(started, index);
