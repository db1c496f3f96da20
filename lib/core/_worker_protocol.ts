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
  /** How many threads (the caller's included) have finished the job. */
  done: 1,
  /** 1 once any thread's task threw: the others stop claiming tasks. */
  failed: 2,
  /** Byte length of the UTF-8 error message written by the failing thread. */
  messageLength: 3,
  /** How many workers have imported the kernel's module (the caller waits for all of them). */
  loaded: 4,
  /** First of one word per thread: how many tasks that thread ran (slot 0 is the caller). */
  ranBy: 5,
} as const;

/** Bytes kept for the first error's message. */
export const MESSAGE_BYTES = 2048;

/** The message each worker receives for one job. */
export interface JobMessage {
  module: string;
  name: string;
  tasks: number;
  arrays: Record<string, unknown>;
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
