/**
 * The Pareto/NBD log-likelihood and its exact gradient (through the derivatives of 2F1), for
 * {@linkcode fitParetoNbd}. Private to `clv`.
 *
 * @module
 */
import { digamma, hyp2f1, hyp2f1Derivatives, logAddExp, logGamma } from "./_special.ts";
import type { CompressedSummary } from "./_summary_input.ts";

/** Pareto/NBD parameters (the public `ParetoNbdParams`, restated to avoid an import circle). */
export interface ParetoNbdParams {
  /** Shape of the purchase-rate gamma. */
  r: number;
  /** Scale of the purchase-rate gamma. */
  alpha: number;
  /** Shape of the dropout-rate gamma. */
  s: number;
  /** Scale of the dropout-rate gamma. */
  beta: number;
}

/**
 * `log A0` of the Pareto/NBD likelihood (Fader and Hardie 2005, "A note on deriving the
 * Pareto/NBD model and related expressions", equations 22-24), with the two 2F1 terms
 * subtracted in log space: `L1 + log(1 - exp(L2 - L1))`, -Infinity when t_x = T.
 */
export function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return combineLogA0(logA0Term(p, x, tx), logA0Term(p, x, T));
}

/**
 * The distinct (x, t) pairs of a summary's rows, for both t = t_x and t = T: the two 2F1 terms of
 * `log A0` depend on the parameters and on (x, t) only, so each is computed once per pair and
 * shared by every row that has it (on CDNOW's master file, 5,119 pairs instead of 2 x 11,104
 * rows). Also the distinct frequencies, for the terms that depend on x alone.
 */
interface PairIndex {
  tx: Float64Array;
  T: Float64Array;
  /** Frequency of each pair. */
  pairX: Float64Array;
  /** Time (t_x or T) of each pair. */
  pairT: Float64Array;
  /** Row i's (x_i, t_x_i) pair. */
  atTx: Int32Array;
  /** Row i's (x_i, T_i) pair. */
  atT: Int32Array;
  /** The distinct frequencies. */
  levels: Float64Array;
  /** Row i's index into `levels`. */
  level: Int32Array;
}

// Keyed by the frequency array; the fitters pass the same arrays at every evaluation.
const pairCache = new WeakMap<Float64Array, PairIndex>();

function pairIndex(x: Float64Array, tx: Float64Array, T: Float64Array): PairIndex {
  const cached = pairCache.get(x);
  if (cached !== undefined && cached.tx === tx && cached.T === T) return cached;
  const index = new Map<number, Map<number, number>>();
  const pairX: number[] = [], pairT: number[] = [];
  const levelOf = new Map<number, number>();
  const levels: number[] = [];
  const at = (xi: number, t: number): number => {
    let byT = index.get(xi);
    if (byT === undefined) index.set(xi, byT = new Map());
    let k = byT.get(t);
    if (k === undefined) {
      byT.set(t, k = pairX.length);
      pairX.push(xi);
      pairT.push(t);
    }
    return k;
  };
  const n = x.length;
  const atTx = new Int32Array(n), atT = new Int32Array(n), level = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    atTx[i] = at(x[i], tx[i]);
    atT[i] = at(x[i], T[i]);
    let l = levelOf.get(x[i]);
    if (l === undefined) {
      levelOf.set(x[i], l = levels.length);
      levels.push(x[i]);
    }
    level[i] = l;
  }
  const built: PairIndex = {
    tx,
    T,
    pairX: Float64Array.from(pairX),
    pairT: Float64Array.from(pairT),
    atTx,
    atT,
    levels: Float64Array.from(levels),
    level,
  };
  pairCache.set(x, built);
  return built;
}

/**
 * `log 2F1(r + s + x, b2; r + s + x + 1; |alpha - beta| / (max + t)) - (r + s + x) log(max + t)`,
 * one of the two terms of {@linkcode logA0}.
 */
function logA0Term(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const maxAB = Math.max(alpha, beta);
  const absAB = Math.abs(alpha - beta);
  const second = alpha >= beta ? s + 1 : r + x;
  const rsx = r + s + x;
  return Math.log(hyp2f1(rsx, second, rsx + 1, absAB / (maxAB + t))) - rsx * Math.log(maxAB + t);
}

/** `log A0` from its two terms: `l1 + log(1 - exp(l2 - l1))`, -Infinity when l2 >= l1. */
function combineLogA0(l1: number, l2: number): number {
  const d = l2 - l1;
  return d >= 0 ? -Infinity : l1 + Math.log(-Math.expm1(d));
}

/**
 * The Pareto/NBD log-likelihood, weighted rows. Each 2F1 term is computed once per distinct
 * (x, t) pair and each log-gamma once per distinct x (the same arithmetic as {@linkcode logA0}
 * row by row, so the same value to the last bit).
 */
export function paretoNbdLogLikelihood(
  p: ParetoNbdParams,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  w: Float64Array,
): number {
  const { r, alpha, s, beta } = p;
  const index = pairIndex(x, tx, T);
  const { pairX, pairT, atTx, atT, levels, level } = index;
  const terms = new Float64Array(pairX.length);
  for (let k = 0; k < pairX.length; k++) terms[k] = logA0Term(p, pairX[k], pairT[k]);
  const byX = new Float64Array(levels.length);
  for (let k = 0; k < levels.length; k++) byX[k] = logGamma(r + levels[k]);
  const head = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const logS = Math.log(s);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const first = -(r + xi) * Math.log(alpha + T[i]) - s * Math.log(beta + T[i]);
    const second = logS - Math.log(r + s + xi) + combineLogA0(terms[atTx[i]], terms[atT[i]]);
    sum += w[i] * (byX[level[i]] + head + logAddExp(first, second));
  }
  return sum;
}

/**
 * One term of `log A0` ({@linkcode logA0Term}) and its gradient in (r, alpha, s, beta), through
 * the derivatives of 2F1, written to `out[at..at + 4]`.
 */
function logA0TermGradient(
  p: ParetoNbdParams,
  x: number,
  t: number,
  out: Float64Array,
  at: number,
): number {
  const { r, alpha, s, beta } = p;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const d = alphaLarger ? alpha - beta : beta - alpha;
  const b2 = alphaLarger ? s + 1 : r + x;
  const A = r + s + x;
  const q = m + t;
  const z = d / q;
  const h = hyp2f1Derivatives(A, b2, A + 1, z);
  const logQ = Math.log(q);
  // d/d(r, alpha, s, beta) of A (and C = A + 1): (1, 0, 1, 0); of b2, m and d by branch.
  const hA = (h.da + h.dc) / h.value;
  const hB = h.db / h.value;
  const hZ = h.dz / h.value;
  // dz = dd / q - d dm / q^2
  if (alphaLarger) {
    // b2 = s + 1, m = alpha, d = alpha - beta
    out[at] = hA - logQ;
    out[at + 1] = hZ * (1 / q - d / (q * q)) - A / q;
    out[at + 2] = hA + hB - logQ;
    out[at + 3] = hZ * (-1 / q);
  } else {
    // b2 = r + x, m = beta, d = beta - alpha
    out[at] = hA + hB - logQ;
    out[at + 1] = hZ * (-1 / q);
    out[at + 2] = hA - logQ;
    out[at + 3] = hZ * (1 / q - d / (q * q)) - A / q;
  }
  return Math.log(h.value) - A * logQ;
}

/**
 * `log A0` and its gradient in (r, alpha, s, beta), through the derivatives of the two 2F1 terms.
 */
export function logA0Gradient(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  out: Float64Array,
): number {
  const g = new Float64Array(8);
  const l1 = logA0TermGradient(p, x, tx, g, 0);
  const l2 = logA0TermGradient(p, x, T, g, 4);
  return combineLogA0Gradient(l1, l2, g, 0, g, 4, out);
}

function combineLogA0Gradient(
  l1: number,
  l2: number,
  g1: Float64Array,
  at1: number,
  g2: Float64Array,
  at2: number,
  out: Float64Array,
): number {
  const delta = l2 - l1;
  if (delta >= 0) {
    out.fill(0);
    return -Infinity;
  }
  const e = Math.exp(delta);
  for (let i = 0; i < 4; i++) out[i] = (g1[at1 + i] - e * g2[at2 + i]) / (1 - e);
  return l1 + Math.log(-Math.expm1(delta));
}

/**
 * The gradient of {@linkcode paretoNbdLogLikelihood} with respect to r, alpha, s and beta: the 2F1
 * terms and their derivatives once per distinct (x, t) pair, the digammas once per distinct x.
 */
export function paretoNbdGradient(p: ParetoNbdParams, d: CompressedSummary): ParetoNbdParams {
  const { r, alpha, s, beta } = p;
  const { x, tx, T, w } = d;
  const { pairX, pairT, atTx, atT, levels, level } = pairIndex(x, tx, T);
  const values = new Float64Array(pairX.length);
  const grads = new Float64Array(4 * pairX.length);
  for (let k = 0; k < pairX.length; k++) {
    values[k] = logA0TermGradient(p, pairX[k], pairT[k], grads, 4 * k);
  }
  const psiR = digamma(r);
  const psiX = new Float64Array(levels.length);
  for (let k = 0; k < levels.length; k++) psiX[k] = digamma(r + levels[k]) - psiR;
  const logAlpha = Math.log(alpha), logBetaParam = Math.log(beta), logS = Math.log(s);
  const gA0 = new Float64Array(4);
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const A = r + s + xi;
    const logAT = Math.log(alpha + T[i]), logBT = Math.log(beta + T[i]);
    const first = -(r + xi) * logAT - s * logBT;
    const a1 = atTx[i], a2 = atT[i];
    const la0 = combineLogA0Gradient(values[a1], values[a2], grads, 4 * a1, grads, 4 * a2, gA0);
    const second = logS - Math.log(A) + la0;
    const piS = second === -Infinity ? 0 : 1 / (1 + Math.exp(first - second));
    const piF = 1 - piS;
    const wi = w[i];
    g0 += wi * (psiX[level[i]] + logAlpha + piF * -logAT + piS * (-1 / A + gA0[0]));
    g1 += wi * (r / alpha + piF * (-(r + xi) / (alpha + T[i])) + piS * gA0[1]);
    g2 += wi * (logBetaParam + piF * -logBT + piS * (1 / s - 1 / A + gA0[2]));
    g3 += wi * (s / beta + piF * (-s / (beta + T[i])) + piS * gA0[3]);
  }
  return { r: g0, alpha: g1, s: g2, beta: g3 };
}
