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
  const { r, alpha, s, beta } = p;
  const maxAB = Math.max(alpha, beta);
  const absAB = Math.abs(alpha - beta);
  const second = alpha >= beta ? s + 1 : r + x;
  const rsx = r + s + x;
  const l1 = Math.log(hyp2f1(rsx, second, rsx + 1, absAB / (maxAB + tx))) -
    rsx * Math.log(maxAB + tx);
  const l2 = Math.log(hyp2f1(rsx, second, rsx + 1, absAB / (maxAB + T))) -
    rsx * Math.log(maxAB + T);
  const d = l2 - l1;
  return d >= 0 ? -Infinity : l1 + Math.log(-Math.expm1(d));
}

/** The Pareto/NBD log-likelihood, weighted rows. */
export function paretoNbdLogLikelihood(
  p: ParetoNbdParams,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  w: Float64Array,
): number {
  const { r, alpha, s, beta } = p;
  const head = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const logS = Math.log(s);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const first = -(r + xi) * Math.log(alpha + T[i]) - s * Math.log(beta + T[i]);
    const second = logS - Math.log(r + s + xi) + logA0(p, xi, tx[i], T[i]);
    sum += w[i] * (logGamma(r + xi) + head + logAddExp(first, second));
  }
  return sum;
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
  const { r, alpha, s, beta } = p;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const d = alphaLarger ? alpha - beta : beta - alpha;
  const b2 = alphaLarger ? s + 1 : r + x;
  const A = r + s + x;
  // d/d(r, alpha, s, beta) of A (and C = A + 1), b2, m and d.
  const dA = [1, 0, 1, 0];
  const dB2 = alphaLarger ? [0, 0, 1, 0] : [1, 0, 0, 0];
  const dM = alphaLarger ? [0, 1, 0, 0] : [0, 0, 0, 1];
  const dD = alphaLarger ? [0, 1, 0, -1] : [0, -1, 0, 1];
  const term = (t: number, grad: number[]): number => {
    const q = m + t;
    const z = d / q;
    const h = hyp2f1Derivatives(A, b2, A + 1, z);
    const logQ = Math.log(q);
    for (let i = 0; i < 4; i++) {
      const dz = dD[i] / q - (d * dM[i]) / (q * q);
      grad[i] = (h.da * dA[i] + h.db * dB2[i] + h.dc * dA[i] + h.dz * dz) / h.value -
        dA[i] * logQ - (A * dM[i]) / q;
    }
    return Math.log(h.value) - A * logQ;
  };
  const g1 = [0, 0, 0, 0], g2 = [0, 0, 0, 0];
  const l1 = term(tx, g1);
  const l2 = term(T, g2);
  const delta = l2 - l1;
  if (delta >= 0) {
    out.fill(0);
    return -Infinity;
  }
  const e = Math.exp(delta);
  for (let i = 0; i < 4; i++) out[i] = (g1[i] - e * g2[i]) / (1 - e);
  return l1 + Math.log(-Math.expm1(delta));
}

/** The gradient of {@linkcode paretoNbdLogLikelihood} with respect to r, alpha, s and beta. */
export function paretoNbdGradient(p: ParetoNbdParams, d: CompressedSummary): ParetoNbdParams {
  const { r, alpha, s, beta } = p;
  const { x, tx, T, w } = d;
  const psiR = digamma(r);
  const logAlpha = Math.log(alpha), logBetaParam = Math.log(beta), logS = Math.log(s);
  const gA0 = new Float64Array(4);
  const g = [0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const A = r + s + xi;
    const logAT = Math.log(alpha + T[i]), logBT = Math.log(beta + T[i]);
    const first = -(r + xi) * logAT - s * logBT;
    const la0 = logA0Gradient(p, xi, tx[i], T[i], gA0);
    const second = logS - Math.log(A) + la0;
    const piS = second === -Infinity ? 0 : 1 / (1 + Math.exp(first - second));
    const piF = 1 - piS;
    const wi = w[i];
    g[0] += wi * (digamma(r + xi) - psiR + logAlpha + piF * -logAT + piS * (-1 / A + gA0[0]));
    g[1] += wi * (r / alpha + piF * (-(r + xi) / (alpha + T[i])) + piS * gA0[1]);
    g[2] += wi * (logBetaParam + piF * -logBT + piS * (1 / s - 1 / A + gA0[2]));
    g[3] += wi * (s / beta + piF * (-s / (beta + T[i])) + piS * gA0[3]);
  }
  return { r: g[0], alpha: g[1], s: g[2], beta: g[3] };
}
