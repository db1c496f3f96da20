/**
 * What the caller and the pool's workers share (worker_pool.ts and _worker.ts): the layout of a
 * job's control words and the error area. Kept apart so the worker loads nothing else.
 *
 * @module
 */

/** Indexes into a job's control `Int32Array`. */
export const CONTROL = {
  /** The next unclaimed task number (threads claim with `Atomics.add`). */
  next: 0,
  /** How many tasks have completed (the caller returns when all have). */
  completed: 1,
  /** 1 once any thread's task threw: the others stop claiming tasks. */
  failed: 2,
  /** Byte length of the UTF-8 error message written by the failing thread. */
  messageLength: 3,
  /** How many workers have imported the kernel's module (the caller waits for all of them). */
  loaded: 4,
  /**
   * First of one word per thread: how many tasks that thread ran (slot 0 is the caller), counted
   * before the task counts as completed, so the caller reads final values.
   */
  ranBy: 5,
} as const;

/** Bytes kept for the first error's message. */
export const MESSAGE_BYTES = 2048;

/**
 * A shared typed array as posted to a worker: the raw buffer and where the view lies. Posting the
 * typed array itself through Deno's `node:worker_threads` cost time in proportion to its length
 * (measured 2026-12-03: 30 ms for 100k doubles, 235 ms for 1M, 1.8 s for 4M, against 0.1-4.5 ms
 * for the raw `SharedArrayBuffer`), so the view is rebuilt on the worker's side.
 */
export interface ArrayDescriptor {
  buffer: SharedArrayBuffer;
  type: string;
  byteOffset: number;
  length: number;
}

const TYPES: Record<string, new (b: SharedArrayBuffer, o: number, l: number) => unknown> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
};

/**
 * Describes each array for posting.
 *
 * @param arrays Typed arrays over `SharedArrayBuffer`s.
 * @returns The descriptors, by the same names.
 */
export function describeArrays(
  arrays: Record<string, ArrayBufferView & { length: number }>,
): Record<string, ArrayDescriptor> {
  const out: Record<string, ArrayDescriptor> = {};
  for (const [name, array] of Object.entries(arrays)) {
    out[name] = {
      buffer: array.buffer as SharedArrayBuffer,
      type: array.constructor.name,
      byteOffset: array.byteOffset,
      length: array.length,
    };
  }
  return out;
}

/**
 * Rebuilds the typed arrays {@linkcode describeArrays} described.
 *
 * @param descriptors The posted descriptors.
 * @returns The views over the same shared memory, by name.
 */
export function openArrays(descriptors: Record<string, ArrayDescriptor>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(descriptors)) {
    out[name] = new TYPES[d.type](d.buffer, d.byteOffset, d.length);
  }
  return out;
}

/** The message each worker receives for one job. */
export interface JobMessage {
  module: string;
  name: string;
  tasks: number;
  arrays: Record<string, ArrayDescriptor>;
  params: unknown;
  control: SharedArrayBuffer;
  message: SharedArrayBuffer;
  slot: number;
}

/**
 * Records the first failure of a job: sets the failed flag (only the first thread to fail writes)
 * and the message, truncated to {@linkcode MESSAGE_BYTES}.
 *
 * @param control The job's control words.
 * @param message The job's shared message bytes.
 * @param error What was thrown.
 */
export function writeError(control: Int32Array, message: Uint8Array, error: unknown): void {
  if (Atomics.compareExchange(control, CONTROL.failed, 0, 1) !== 0) return;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const { written } = new TextEncoder().encodeInto(text, message);
  Atomics.store(control, CONTROL.messageLength, written);
}

/**
 * Reads the message {@linkcode writeError} recorded.
 *
 * @param control The job's control words.
 * @param message The job's shared message bytes.
 * @returns The message text.
 */
export function readError(control: Int32Array, message: Uint8Array): string {
  const length = Atomics.load(control, CONTROL.messageLength);
  return new TextDecoder().decode(message.slice(0, length));
}
