/**
 * Typed arrays passed to pool kernels as raw `SharedArrayBuffer`s inside the job's `params`
 * (import-free, for kernel modules).
 *
 * Why: measured here (Deno 2.9.6, 2026-12-03), `node:worker_threads` `postMessage` of a typed
 * array over a `SharedArrayBuffer` costs time in proportion to its length on the receiving side
 * (about 30 ms per million doubles, 240 ms for an 8 MB array, per worker and per call), while the
 * raw `SharedArrayBuffer` itself crosses in constant time (0.1 ms for 32 MB) and stays shared.
 * `runParallel` posts its `arrays` as typed arrays, so kernels that run many short jobs over large
 * arrays pass the buffers in `params` instead ({@linkcode packShared}) and rebuild the views once
 * per job and thread ({@linkcode unpackShared}).
 *
 * @module
 */

/** The typed arrays that can be packed. */
export type PackableArray = Float64Array | Int32Array | Uint8Array;

/** One packed array: its buffer, element type, byte offset and length. */
export type PackedArray = [SharedArrayBuffer, "f64" | "i32" | "u8", number, number];

/** Packed arrays by name (plain data: structured-cloned to workers in constant time). */
export type PackedArrays = Record<string, PackedArray>;

const views = new WeakMap<PackedArrays, Record<string, PackableArray>>();

/**
 * Packs typed arrays over `SharedArrayBuffer`s for a job's `params`.
 *
 * @param arrays The arrays, each over a `SharedArrayBuffer`.
 * @returns Their buffers and layouts.
 * @throws {TypeError} When an array is not over a `SharedArrayBuffer`.
 */
export function packShared(arrays: Record<string, PackableArray>): PackedArrays {
  const packed: PackedArrays = {};
  for (const [name, array] of Object.entries(arrays)) {
    if (!(array.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError(`Cannot pack ${name} as it is not in shared memory`);
    }
    const type = array instanceof Float64Array ? "f64" : array instanceof Int32Array ? "i32" : "u8";
    packed[name] = [array.buffer, type, array.byteOffset, array.length];
  }
  return packed;
}

/**
 * The typed arrays of a packed set, built once per packed object (so once per job and thread).
 *
 * @param packed From {@linkcode packShared}.
 * @returns Views over the shared buffers, by name.
 */
export function unpackShared<T>(packed: PackedArrays): T {
  let found = views.get(packed);
  if (found === undefined) {
    found = {};
    for (const [name, [buffer, type, offset, length]] of Object.entries(packed)) {
      found[name] = type === "f64"
        ? new Float64Array(buffer, offset, length)
        : type === "i32"
        ? new Int32Array(buffer, offset, length)
        : new Uint8Array(buffer, offset, length);
    }
    views.set(packed, found);
  }
  return found as T;
}
