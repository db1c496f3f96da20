/**
 * The kernel behind `customerLifetimeValue`'s intervals, run by the worker pool
 * (lib/core/worker_pool.ts) over fixed blocks of {@linkcode DRAWS_PER_TASK} parameter draws: each
 * draw values every customer at its parameters. Imports only the purchase models' formulas
 * (`_kernels.ts`, which reaches nothing but the import-free special functions), so a worker thread
 * never loads nodejs-polars.
 *
 * @module
 */
import {
  bgNbdKernel,
  modifiedBgNbdKernel,
  paretoNbdKernel,
  type PurchaseKernel,
} from "./_kernels.ts";

/** Draws per task: fixed, never derived from the thread count. */
export const DRAWS_PER_TASK = 10;

/** The purchase models' formulas by name (a kernel receives names, not functions). */
export const PURCHASE_KERNELS: Readonly<
  Record<string, (params: readonly number[]) => PurchaseKernel>
> = {
  bg_nbd: bgNbdKernel,
  modified_bg_nbd: modifiedBgNbdKernel,
  pareto_nbd: paretoNbdKernel,
};

/** The customers and the cash-flow steps, shared by the point value and every draw. */
export interface ClvInputs {
  /** Frequency of each distinct history. */
  ux: Float64Array;
  /** Recency of each distinct history. */
  utx: Float64Array;
  /** Age of each distinct history. */
  uT: Float64Array;
  /** Each customer's distinct history. */
  row: Int32Array;
  /** Each customer's frequency. */
  x: Float64Array;
  /** Each customer's mean repeat spend. */
  monetary: Float64Array;
  /** Step ends. */
  ends: Float64Array;
  /** Discount factor of each step. */
  discounts: Float64Array;
}

/** Discounted expected purchases over the horizon for each distinct history. */
function discountedPurchases(kernel: PurchaseKernel, inputs: ClvInputs): Float64Array {
  const { ux, utx, uT, ends, discounts } = inputs;
  const out = new Float64Array(ux.length);
  for (let u = 0; u < ux.length; u++) {
    let previous = 0, total = 0;
    for (let k = 0; k < ends.length; k++) {
      const cumulative = kernel.conditional(ux[u], utx[u], uT[u], ends[k]);
      total += (cumulative - previous) * discounts[k];
      previous = cumulative;
    }
    out[u] = total;
  }
  return out;
}

/** Gamma-Gamma's expected spend per purchase at parameters (p, q, v). */
function expectedSpend(p: number, q: number, v: number, x: number, m: number): number {
  return x === 0 ? (p * v) / (q - 1) : (p * (v + x * m)) / (p * x + q - 1);
}

/**
 * Every customer's CLV at the given parameters, written to `out` from `offset`.
 *
 * @param kernel The purchase model's formulas at its parameters.
 * @param spend Gamma-Gamma's `[p, q, v]`.
 * @param margin The margin.
 * @param inputs Customers and steps.
 * @param out Where to write (n values).
 * @param offset The first slot.
 */
export function customerValues(
  kernel: PurchaseKernel,
  spend: ArrayLike<number>,
  margin: number,
  inputs: ClvInputs,
  out: Float64Array,
  offset: number,
): void {
  const future = discountedPurchases(kernel, inputs);
  const { row, x, monetary } = inputs;
  const p = spend[0], q = spend[1], v = spend[2];
  for (let i = 0; i < row.length; i++) {
    out[offset + i] = margin * future[row[i]] * expectedSpend(p, q, v, x[i], monetary[i]);
  }
}

/** The shared arrays of {@linkcode clvDrawBlock}. */
export interface ClvDrawArrays extends ClvInputs {
  /** Purchase-model parameters of each draw, 4 per draw. */
  purchaseDraws: Float64Array;
  /** Gamma-Gamma parameters of each draw, `[p, q, v]` per draw. */
  spendDraws: Float64Array;
  /** Each customer's group, or empty for per-customer output. */
  group: Int32Array;
  /**
   * Output, draw-major: draw d's value of customer i at `d * n + i`, or with groups draw d's
   * total of group g at `d * groups + g` (summed in customer order).
   */
  out: Float64Array;
}

/** The parameters of {@linkcode clvDrawBlock}. */
export interface ClvDrawParams {
  /** The purchase model's name in {@linkcode PURCHASE_KERNELS}. */
  family: string;
  /** The margin. */
  margin: number;
  /** Total draws. */
  draws: number;
  /** Number of groups (0 for per-customer output). */
  groups: number;
}

/**
 * Task t: draws `t * DRAWS_PER_TASK` onwards, each valuing every customer at its parameters (and,
 * with groups, summing the values per group in customer order).
 *
 * @param task The block number.
 * @param arrays Customers, steps, drawn parameters and output.
 * @param params Model name, margin, draws and groups.
 */
export function clvDrawBlock(task: number, arrays: ClvDrawArrays, params: ClvDrawParams): void {
  const n = arrays.row.length;
  const { groups } = params;
  const values = groups > 0 ? new Float64Array(n) : arrays.out;
  const start = task * DRAWS_PER_TASK;
  const end = Math.min(params.draws, start + DRAWS_PER_TASK);
  for (let d = start; d < end; d++) {
    const kernel = PURCHASE_KERNELS[params.family](
      Array.from(arrays.purchaseDraws.subarray(4 * d, 4 * d + 4)),
    );
    const spend = arrays.spendDraws.subarray(3 * d, 3 * d + 3);
    customerValues(kernel, spend, params.margin, arrays, values, groups > 0 ? 0 : d * n);
    if (groups > 0) {
      const sums = new Float64Array(groups);
      for (let i = 0; i < n; i++) sums[arrays.group[i]] += values[i];
      arrays.out.set(sums, d * groups);
    }
  }
}
