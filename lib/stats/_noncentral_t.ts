/**
 * The noncentral t distribution's CDF, for power calculations (not exported from the library).
 *
 * Algorithm AS 243, R. V. Lenth, "Cumulative distribution function of the non-central t
 * distribution", Applied Statistics 38 (1989), as R's `pnt` implements it (same constants,
 * error bound 1e-12 and 1000 terms; the normal approximation of Abramowitz & Stegun 26.7.10
 * beyond df = 4e5), so that `power.t.test` results agree with R.
 *
 * @module
 */
import { incompleteBeta, logGamma } from "./_special.ts";
import { normal } from "./normal.ts";

const SQRT_2_OVER_PI = 0.79788456080286535588;
const LOG_SQRT_PI = 0.57236494292470008707;

/**
 * `P(T <= t)` (or `P(T > t)` with `lowerTail = false`) for the noncentral t with `df` degrees
 * of freedom and noncentrality `ncp`.
 */
export function noncentralTCdf(t: number, df: number, ncp: number, lowerTail = true): number {
  let negdel = false;
  let tt = t;
  let del = ncp;
  if (t < 0) {
    negdel = true;
    tt = -t;
    del = -ncp;
  }
  if (df > 4e5 || del * del > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    const z = (tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s);
    return lowerTail !== negdel ? normal.cdf(z) : normal.sf(z);
  }
  let tnc = 0;
  const x = t * t / (t * t + df);
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    let q = SQRT_2_OVER_PI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(df / (t * t + df), b);
    const albeta = LOG_SQRT_PI + logGamma(b) - logGamma(0.5 + b);
    let xodd = incompleteBeta(a, b, x, df / (t * t + df)).lower;
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    const bx = b * x;
    let xeven = bx < Number.EPSILON ? bx : 1 - rxb;
    let geven = bx * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= 1000; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= x * (a + b - 1) / a;
      geven *= x * (a + b - 0.5) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break;
      if (s <= 0 && it > 1) break;
      if (Math.abs(2 * s * (xodd - godd)) < 1e-12) break;
    }
  }
  tnc += normal.cdf(-del);
  const lower = lowerTail !== negdel;
  if (lower) return Math.min(tnc, 1);
  return 1 - tnc;
}
