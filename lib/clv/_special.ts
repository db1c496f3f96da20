/**
 * Special functions for the CLV models: log-gamma, log-beta and the Gaussian hypergeometric
 * function 2F1 on [0, 1). Private to `clv`.
 *
 * @module
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * `log Γ(x)` for x > 0: Lanczos (g = 7, 9 terms) below 10, Stirling's series with five
 * correction terms from 10 on; about 1e-15 relative error either way (checked against
 * scipy.special.gammaln in the test).
 *
 * @param x A positive number.
 * @returns `log Γ(x)`.
 */
export function logGamma(x: number): number {
  if (x >= 10) {
    const inv = 1 / x;
    const inv2 = inv * inv;
    const series = inv *
      (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188)))));
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
  }
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The digamma function ψ(x) = d/dx log Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) - 1/x up to
 * x >= 10, then the asymptotic series to x^-10 (about 1e-14 absolute error).
 *
 * @param x A positive number.
 * @returns ψ(x).
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  return shift + Math.log(x) - 0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
}

/**
 * `log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b)`.
 *
 * @param a A positive number.
 * @param b A positive number.
 * @returns `log B(a, b)`.
 */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Most series terms {@linkcode hyp2f1} sums before giving up. */
export const HYP2F1_MAX_TERMS = 2_000_000;

/**
 * The Gaussian hypergeometric function `2F1(a, b; c; z)` for a, b, c > 0 and 0 <= z < 1, by its
 * power series `sum_k (a)_k (b)_k / ((c)_k k!) z^k`. With positive parameters every term is
 * positive, so the sum has no cancellation and its relative error stays near machine precision;
 * the terms shrink like `z^k k^(a + b - c - 1)`, so z close to 1 needs many terms (about 35,000
 * at z = 0.999). This is the case the BG/NBD and Pareto/NBD formulas need (Fader and Hardie's
 * notes on implementing them evaluate the same series). The series is summed until a term
 * adds less than 1e-17 of the total and the terms are shrinking.
 *
 * A negative c that is not a whole number is accepted too (the series is defined for every c but
 * 0, -1, -2, ...): BG/NBD needs it for one-time buyers when a + b < 1 (c = a + b - 1), as
 * lifetimes gets through scipy. Then only the first terms, while c + k < 0, change sign, so the
 * cancellation stays small.
 *
 * @param a First numerator parameter, > 0.
 * @param b Second numerator parameter, > 0.
 * @param c Denominator parameter, > 0, or negative and not a whole number.
 * @param z Argument in [0, 1).
 * @returns `2F1(a, b; c; z)`.
 * @throws {RangeError} When a parameter is out of range or the series does not settle within
 *   {@linkcode HYP2F1_MAX_TERMS} terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const cOk = c > 0 || (c < 0 && Math.abs(c - Math.round(c)) > 1e-9);
  if (!(a > 0 && b > 0 && cOk && z >= 0 && z < 1)) {
    throw new RangeError(
      `Cannot evaluate 2F1 as it needs a, b > 0, c > 0 or negative and not a whole number, and ` +
        `0 <= z < 1: got a = ${a}, b = ${b}, c = ${c}, z = ${z}`,
    );
  }
  let term = 1;
  let sum = 1;
  for (let k = 0; k < HYP2F1_MAX_TERMS; k++) {
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    term *= ratio;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum) && c + k > 0 && ratio < 1) return sum;
    if (!Number.isFinite(sum)) break;
  }
  throw new RangeError(
    `Cannot evaluate 2F1 as its series did not converge: a = ${a}, b = ${b}, c = ${c}, z = ${z}`,
  );
}

/** `2F1(a, b; c; z)` and its partial derivatives, from {@linkcode hyp2f1Derivatives}. */
export interface Hyp2f1WithDerivatives {
  /** The value. */
  value: number;
  /** ∂/∂a. */
  da: number;
  /** ∂/∂b. */
  db: number;
  /** ∂/∂c. */
  dc: number;
  /** ∂/∂z. */
  dz: number;
}

/**
 * `2F1(a, b; c; z)` with its partial derivatives in a, b, c and z, from the same power series as
 * {@linkcode hyp2f1}: term k's log-derivative in a is `sum_{j<k} 1 / (a + j)` (likewise b, and
 * minus for c), and `∂/∂z = sum_k T_k (a + k)(b + k) / (c + k)`. Same domain and errors.
 *
 * @param a First numerator parameter, > 0.
 * @param b Second numerator parameter, > 0.
 * @param c Denominator parameter, > 0.
 * @param z Argument in [0, 1).
 * @returns The value and its four partial derivatives.
 * @throws {RangeError} As {@linkcode hyp2f1}.
 */
export function hyp2f1Derivatives(
  a: number,
  b: number,
  c: number,
  z: number,
): Hyp2f1WithDerivatives {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) hyp2f1(a, b, c, z); // throws
  let term = 1, value = 1, da = 0, db = 0, dc = 0, dz = 0;
  let sa = 0, sb = 0, sc = 0;
  for (let k = 0; k < HYP2F1_MAX_TERMS; k++) {
    const growth = ((a + k) * (b + k)) / (c + k);
    dz += term * growth;
    const ratio = (growth / (k + 1)) * z;
    sa += 1 / (a + k);
    sb += 1 / (b + k);
    sc += 1 / (c + k);
    term *= ratio;
    value += term;
    da += term * sa;
    db += term * sb;
    dc -= term * sc;
    if (term <= 1e-17 * value && ratio < 1) return { value, da, db, dc, dz };
    if (!Number.isFinite(value)) break;
  }
  throw new RangeError(
    `Cannot evaluate 2F1 as its series did not converge: a = ${a}, b = ${b}, c = ${c}, z = ${z}`,
  );
}

/**
 * `log(exp(x) + exp(y))` without overflow.
 *
 * @param x A number or -Infinity.
 * @param y A number or -Infinity.
 * @returns The log of the sum of exponentials.
 */
export function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}
