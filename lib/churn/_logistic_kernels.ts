/**
 * Kernels of {@linkcode fitLogisticRegression} for the worker pool (lib/core/worker_pool.ts):
 * the penalised Newton step's gradient and X'WX, and the log-odds and log-loss of a trial step,
 * each over one fixed chunk of {@linkcode LOGISTIC_CHUNK} rows. Each task writes its chunk's
 * partial sums into its own slots; the caller adds the partials in task order, so the result is
 * the same bit for bit at every thread count. Import-free (workers import this module). Not part
 * of the public API.
 *
 * The kernels take their arrays as raw `SharedArrayBuffer`s in `params`, not as typed arrays in
 * `arrays`: measured here (Deno 2.9.6, 2026-12-03), posting a job to a `node:worker_threads`
 * worker costs time in proportion to the length of every typed array in the message (~40 ms for
 * 800 KB, ~300 ms for 8 MB: the message is walked element by element), while a raw
 * `SharedArrayBuffer` posts in ~0.1 ms whatever its size. Views are rebuilt per task (cheap).
 *
 * @module
 */

/**
 * Rows per task. Measured here (80,000 x 20): X'WX in chunks of 2,048 or 4,096 rows took ~9 ms
 * per Newton step against ~13 ms as whole-column dot products, because a chunk of every column
 * (21 x 16 KB) stays in the L2 cache while the 1 x 4 tiles below read it.
 */
export const LOGISTIC_CHUNK = 2048;

/** Parameters of {@linkcode logisticPass}: Float64 shared buffers, sizes and what to compute. */
export interface PassParams {
  /** Features, column-major: feature j of row i at `j * n + i`. */
  x: SharedArrayBuffer;
  /** Targets, 0 or 1. */
  y: SharedArrayBuffer;
  /** Parameters, intercept first (p = d + 1 values). */
  beta: SharedArrayBuffer;
  /** Log-odds of each row: written from `beta` when `loss`, read otherwise. */
  eta: SharedArrayBuffer;
  /** Per task, `stride` slots ({@linkcode passStride}). */
  out: SharedArrayBuffer;
  /** Rows. */
  n: number;
  /** Features. */
  d: number;
  /** Whether to compute the log-odds at `beta` and the log-loss (else `eta` is read as it is). */
  loss: boolean;
  /** Whether to compute the gradient and X'WX at `eta`. */
  derivatives: boolean;
}

/**
 * Slots per task of {@linkcode logisticPass}: the log-loss, then with derivatives the gradient
 * (p values) and the lower triangle of X'WX by rows (p (p + 1) / 2 values), p = d + 1.
 */
export function passStride(d: number, derivatives: boolean): number {
  const p = d + 1;
  return derivatives ? 1 + p + (p * (p + 1)) / 2 : 1;
}

let scratchW = new Float64Array(0);
let scratchR = new Float64Array(0);
let scratchWx = new Float64Array(0);

/**
 * Task t, over rows `[t · chunk, (t + 1) · chunk)`, writing at `out[t · stride]`:
 * - with `loss`: the log-odds `beta[0] + sum_j x_j beta[j + 1]` into `eta`, and slot 0 the sum
 *   of the rows' log-losses `log(1 + exp(η))` (y = 0) or `log(1 + exp(-η))` (y = 1), computed
 *   without overflow;
 * - with `derivatives`: slots 1 to p the unpenalised gradient `X'(p - y)`, then entry (a, b),
 *   b <= a, of `X'WX` (W = p(1 - p), X with a leading column of ones) at slot
 *   `1 + p + a (a + 1) / 2 + b`. X'WX is built in 1 x 4 tiles: each pass over the chunk loads
 *   `w x_a` once for four columns b.
 *
 * Both in one task read the chunk's features once from memory: the line search's trial step,
 * usually accepted, comes with the next Newton step's derivatives.
 */
export function logisticPass(task: number, _arrays: unknown, params: PassParams): void {
  const { n, d } = params;
  const x = new Float64Array(params.x);
  const y = new Float64Array(params.y);
  const eta = new Float64Array(params.eta);
  const out = new Float64Array(params.out);
  const start = task * LOGISTIC_CHUNK;
  const end = Math.min(n, start + LOGISTIC_CHUNK);
  const base = task * passStride(d, params.derivatives);
  if (params.loss) {
    linearPredictorRows(x, n, d, new Float64Array(params.beta), eta, start, end);
    let loss = 0;
    for (let i = start; i < end; i++) {
      const v = y[i] === 1 ? -eta[i] : eta[i];
      loss += v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }
    out[base] = loss;
  }
  if (params.derivatives) chunkDerivatives(x, y, eta, out, base + 1, n, d, start, end);
}

/** The gradient and X'WX of rows [start, end) at `out[at]` (see {@linkcode logisticPass}). */
function chunkDerivatives(
  x: Float64Array,
  y: Float64Array,
  eta: Float64Array,
  out: Float64Array,
  at: number,
  n: number,
  d: number,
  start: number,
  end: number,
): void {
  const len = end - start;
  if (scratchW.length < len) {
    scratchW = new Float64Array(LOGISTIC_CHUNK);
    scratchR = new Float64Array(LOGISTIC_CHUNK);
    scratchWx = new Float64Array(LOGISTIC_CHUNK);
  }
  const w = scratchW;
  const r = scratchR;
  const wx = scratchWx;
  const p = d + 1;
  const h = at + p; // X'WX, lower triangle by rows
  let g0 = 0;
  let h0 = 0;
  for (let k = 0; k < len; k++) {
    const v = eta[start + k];
    const e = Math.exp(-Math.abs(v));
    const prob = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    const wk = e / ((1 + e) * (1 + e)); // p(1 - p) without cancellation
    const rk = prob - y[start + k];
    w[k] = wk;
    r[k] = rk;
    g0 += rk;
    h0 += wk;
  }
  out[at] = g0;
  out[h] = h0;
  for (let a = 1; a < p; a++) {
    const oa = (a - 1) * n + start;
    let ga = 0;
    let sa = 0;
    for (let k = 0; k < len; k++) {
      const xa = x[oa + k];
      const u = w[k] * xa;
      wx[k] = u;
      ga += r[k] * xa;
      sa += u;
    }
    out[at + a] = ga;
    const row = h + (a * (a + 1)) / 2;
    out[row] = sa;
    let b = 1;
    for (; b + 3 <= a; b += 4) {
      const b0 = (b - 1) * n + start;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let k = 0; k < len; k++) {
        const u = wx[k];
        c0 += u * x[b0 + k];
        c1 += u * x[b1 + k];
        c2 += u * x[b2 + k];
        c3 += u * x[b3 + k];
      }
      out[row + b] = c0;
      out[row + b + 1] = c1;
      out[row + b + 2] = c2;
      out[row + b + 3] = c3;
    }
    for (; b <= a; b++) {
      const ob = (b - 1) * n + start;
      let c = 0;
      for (let k = 0; k < len; k++) c += wx[k] * x[ob + k];
      out[row + b] = c;
    }
  }
}

/** Row i's log-odds `beta[0] + sum_j x[j n + i] beta[j + 1]`, into eta[i], for rows [start, end). */
export function linearPredictorRows(
  x: Float64Array,
  n: number,
  d: number,
  beta: ArrayLike<number>,
  eta: Float64Array,
  start: number,
  end: number,
): void {
  eta.fill(beta[0], start, end);
  for (let j = 0; j < d; j++) {
    const b = beta[j + 1];
    const o = j * n;
    for (let i = start; i < end; i++) eta[i] += x[o + i] * b;
  }
}
