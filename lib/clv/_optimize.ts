/**
 * The optimiser every CLV fit uses: quasi-Newton (BFGS) minimisation with exact or
 * central-difference gradients and a backtracking (Armijo) line search, then Newton polishing with
 * a finite-difference Hessian, which also gives the observed information. Private to `clv`.
 *
 * @module
 */

/** What {@linkcode minimize} found. */
export interface MinimizeResult {
  /** The minimiser. */
  x: Float64Array;
  /** The function's value there. */
  value: number;
  /** The gradient there (exact, or by central differences). */
  gradient: Float64Array;
  /** The finite-difference Hessian there (row-major, k x k). */
  hessian: number[][];
  /** BFGS iterations plus Newton steps taken. */
  iterations: number;
  /** Evaluations of `f`, gradients and Hessians included. */
  evaluations: number;
  /**
   * The Newton decrement `sqrt(g' H^-1 g)` at the end: for a negative log-likelihood, the
   * distance to the optimum measured in standard errors. Infinity when H is not positive
   * definite.
   */
  decrement: number;
  /** Whether the Hessian is positive definite and `decrement <= tol`. */
  converged: boolean;
  /** Whether the search stopped at a known boundary ({@linkcode MinimizeOptions.atBoundary}). */
  atBoundary: boolean;
}

/** Options for {@linkcode minimize}. */
export interface MinimizeOptions {
  /** Most iterations (BFGS and Newton steps together). */
  maxIter: number;
  /** Largest Newton decrement accepted as converged (see {@linkcode MinimizeResult.decrement}). */
  tol: number;
  /**
   * Recognises a known boundary of the domain, where the minimum is approached only as some
   * coordinates run off to infinity (e.g. a model turning into a simpler one). Once a step ends
   * there and lowered `f` by at most {@linkcode BOUNDARY_DECREASE} of `|f|`, the search stops (no
   * Newton polishing: there is no interior minimum to polish), as the rest of the way only
   * creeps towards the limit while each evaluation grows dearer (2F1 series near z = 1).
   */
  atBoundary?: (x: Float64Array) => boolean;
}

/**
 * Largest move of the Newton polish (in any coordinate) after which the Hessian is reused rather
 * than recomputed.
 */
const HESSIAN_REUSE = 1e-5;

/** Relative rounding noise of `f` tolerated by a Newton step near the optimum. */
const NEWTON_NOISE = 1e-12;

/**
 * Relative decrease of `f` per step below which a search at a known boundary stops: `f` then
 * falls geometrically towards its limit (each step about halves the rest), so the value left on
 * the table is of the same order, about 1e-7 relative.
 */
export const BOUNDARY_DECREASE = 1e-7;

const GRADIENT_STEP = 1e-5;
const HESSIAN_STEP = 1e-4;
/** Longest step, per coordinate, one line search tries (log-parameters: a factor e^2). */
const MAX_STEP = 2;

/**
 * The objective, or Infinity where it is not finite or not defined: a line search that steps so
 * far that a parameter overflows (the special functions then refuse NaN arguments with a
 * RangeError) has left the domain, and backs off like from any other worse point.
 */
function safe(f: (x: Float64Array) => number, x: Float64Array): number {
  let v: number;
  try {
    v = f(x);
  } catch (error) {
    if (error instanceof RangeError && x.some((xi) => !Number.isFinite(Math.exp(xi)))) {
      return Infinity;
    }
    throw error;
  }
  return Number.isFinite(v) ? v : Infinity;
}

/**
 * Central-difference gradient, step `h` in every coordinate.
 *
 * @param f The function.
 * @param x Where.
 * @param h The step.
 * @returns The gradient.
 */
export function numericGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  h = GRADIENT_STEP,
): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    y[i] = x[i] + h;
    const up = f(y);
    y[i] = x[i] - h;
    const down = f(y);
    y[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/**
 * Central-difference Hessian, step `h` (four evaluations per off-diagonal pair).
 *
 * @param f The function.
 * @param x Where.
 * @param h The step.
 * @returns The symmetric Hessian, row-major.
 */
export function numericHessian(
  f: (x: Float64Array) => number,
  x: Float64Array,
  h = HESSIAN_STEP,
): number[][] {
  const k = x.length;
  const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const y = Float64Array.from(x);
  const f0 = f(x);
  const at = (i: number, di: number, j: number, dj: number) => {
    y.set(x);
    y[i] += di;
    y[j] += dj;
    return f(y);
  };
  for (let i = 0; i < k; i++) {
    H[i][i] = (at(i, h, i, 0) - 2 * f0 + at(i, -h, i, 0)) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) /
        (4 * h * h);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/**
 * A Hessian as the central-difference Jacobian of an exact gradient, symmetrised (2k gradient
 * evaluations).
 *
 * @param g The gradient.
 * @param x Where.
 * @param h The step.
 * @returns The symmetric Hessian, row-major.
 */
export function gradientJacobian(
  g: (x: Float64Array) => Float64Array,
  x: Float64Array,
  h = GRADIENT_STEP,
): number[][] {
  const k = x.length;
  const J = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const y = Float64Array.from(x);
  for (let j = 0; j < k; j++) {
    y[j] = x[j] + h;
    const up = g(y);
    y[j] = x[j] - h;
    const down = g(y);
    y[j] = x[j];
    for (let i = 0; i < k; i++) J[i][j] = (up[i] - down[i]) / (2 * h);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) J[i][j] = J[j][i] = 0.5 * (J[i][j] + J[j][i]);
  }
  return J;
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky decomposition.
 *
 * @param A The matrix, row-major.
 * @returns Its inverse, or `null` when it is not positive definite.
 */
export function invertSymmetric(A: readonly (readonly number[])[]): number[][] | null {
  const k = A.length;
  const L = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let m = 0; m < j; m++) s -= L[i][m] * L[j][m];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  // Inverse of L, then L^-T L^-1.
  const Li = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    Li[i][i] = 1 / L[i][i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let m = j; m < i; m++) s -= L[i][m] * Li[m][j];
      Li[i][j] = s / L[i][i];
    }
  }
  const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < k; m++) s += Li[m][i] * Li[m][j];
      inv[i][j] = s;
      inv[j][i] = s;
    }
  }
  return inv;
}

/** `sqrt(g' H^-1 g)`, given `H^-1`. */
function newtonDecrement(inv: readonly (readonly number[])[], g: Float64Array): number {
  let q = 0;
  for (let i = 0; i < g.length; i++) {
    for (let j = 0; j < g.length; j++) q += g[i] * inv[i][j] * g[j];
  }
  return Math.sqrt(Math.max(q, 0));
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/**
 * Minimises `f` from `x0`: BFGS on the inverse Hessian with the exact `gradient` when given
 * (central differences otherwise) and an Armijo backtracking line search (steps capped at
 * {@linkcode MAX_STEP} per coordinate), stopping when BFGS's own estimate puts the minimum within
 * `tol / 10`; then up to five Newton steps with a finite-difference Hessian (the central-difference
 * Jacobian of the exact gradient, or second differences of `f`), each kept only when it lowers
 * `f` (or, within one standard error of the optimum, raises it by no more than 1e-12 of |f|, its
 * rounding noise on large sums) (all within `maxIter`). With `atBoundary`, the search may stop
 * early at a known boundary (see {@linkcode MinimizeOptions.atBoundary}). Converged means the Hessian is positive definite and the Newton
 * decrement is at most `tol`: a criterion that does not depend on the scale of `f` or of `x`.
 * Values that are NaN or infinite count as +Infinity, so the line search backs away from them.
 *
 * @param f The function to minimise (e.g. a negative log-likelihood in log-parameters).
 * @param x0 The starting point.
 * @param options Iteration limit and gradient tolerance.
 * @param gradient The exact gradient of `f`, when known.
 * @returns The minimiser, value, gradient, Hessian, iterations and whether it converged.
 */
export function minimize(
  objective: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: MinimizeOptions,
  gradient?: (x: Float64Array) => Float64Array,
): MinimizeResult {
  let evaluations = 0;
  const f = (x: Float64Array) => {
    evaluations++;
    return objective(x);
  };
  const grad = gradient
    ? (_: unknown, x: Float64Array) => {
      evaluations++;
      return gradient(x);
    }
    : numericGradient;
  const hess = gradient
    ? (_: unknown, x: Float64Array) => gradientJacobian((y) => grad(f, y), x)
    : numericHessian;
  const k = x0.length;
  let x = Float64Array.from(x0);
  let fx = safe(f, x);
  if (fx === Infinity) {
    throw new RangeError(
      `Cannot minimise as the objective is not finite at the starting point: ${[...x].join(", ")}`,
    );
  }
  let g = grad(f, x);
  // BFGS stops when the gradient is this small, relative to the value; Newton steps finish.
  const small = () => maxAbs(g) <= 1e-10 * Math.max(1, Math.abs(fx));
  let Hinv: number[][] = Array.from({ length: k }, (_, i) => {
    const row = new Array<number>(k).fill(0);
    row[i] = 1;
    return row;
  });
  let iterations = 0;
  let first = true;
  let boundaryStop = false;
  while (iterations < options.maxIter && !small()) {
    iterations++;
    let p = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s -= Hinv[i][j] * g[j];
      p[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < k; i++) slope += p[i] * g[i];
    // BFGS's inverse-Hessian estimate says the maximum is well within tol: let Newton finish.
    if (!first && slope < 0 && Math.sqrt(-slope) < 0.1 * options.tol) break;
    if (!(slope < 0)) {
      p = g.map((v) => -v);
      slope = -g.reduce((s, v) => s + v * v, 0);
      Hinv = Hinv.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
    }
    const longest = maxAbs(p);
    let t = longest > MAX_STEP ? MAX_STEP / longest : 1;
    let next = x;
    let fNext = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      next = x.map((v, i) => v + t * p[i]);
      fNext = safe(f, next);
      if (fNext <= fx + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(fNext < fx)) break; // no progress possible along this direction
    const gNext = grad(f, next);
    const s = next.map((v, i) => v - x[i]);
    const y = gNext.map((v, i) => v - g[i]);
    let sy = 0;
    for (let i = 0; i < k; i++) sy += s[i] * y[i];
    if (sy > 1e-12) {
      if (first) {
        let yy = 0;
        for (let i = 0; i < k; i++) yy += y[i] * y[i];
        Hinv = Hinv.map((row) => row.map((v) => (v * sy) / yy));
        first = false;
      }
      // H+ = (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      const Hy = Hinv.map((row) => row.reduce((acc, v, j) => acc + v * y[j], 0));
      let yHy = 0;
      for (let i = 0; i < k; i++) yHy += y[i] * Hy[i];
      Hinv = Hinv.map((row, i) =>
        row.map((v, j) =>
          v - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j]
        )
      );
    }
    const decrease = fx - fNext;
    x = next;
    fx = fNext;
    g = gNext;
    if (
      options.atBoundary !== undefined && decrease <= BOUNDARY_DECREASE * Math.abs(fx) &&
      options.atBoundary(x)
    ) {
      boundaryStop = true;
      break;
    }
  }
  // Newton polish with one numeric Hessian (recomputed at the end only if x moved).
  let hessian = hess(f, x);
  const hessianAt = x;
  for (let step = 0; step < 5 && iterations < options.maxIter && !boundaryStop; step++) {
    const inv = invertSymmetric(hessian);
    const dec = inv === null ? Infinity : newtonDecrement(inv, g);
    if (inv === null || dec <= 0.01 * options.tol) break;
    const next = x.map((v, i) => v - inv[i].reduce((acc, h, j) => acc + h * g[j], 0));
    const fNext = safe(f, next);
    // Within one standard error of the optimum a Newton step promises a decrease of dec^2 / 2,
    // which on a sum over a million customers can be below the rounding noise of f (about 1e-12
    // of |f|): there a step that does not raise f beyond that noise is taken on the gradient's
    // word (the decrement is recomputed after it).
    if (!(fNext < fx || (dec < 1 && fNext <= fx + NEWTON_NOISE * Math.abs(fx)))) break;
    iterations++;
    x = next;
    fx = fNext;
    g = grad(f, x);
  }
  // Recomputed only when the Newton steps moved x by more than HESSIAN_REUSE in some coordinate:
  // closer, the Hessian differs by about that much relative (log-parameters), far below what
  // a standard error shows, and recomputing costs 2k gradients.
  if (maxAbs(x.map((v, i) => v - hessianAt[i])) > HESSIAN_REUSE) hessian = hess(f, x);
  const inv = invertSymmetric(hessian);
  const decrement = inv === null ? Infinity : newtonDecrement(inv, g);
  return {
    x,
    value: fx,
    gradient: g,
    hessian,
    iterations,
    evaluations,
    decrement,
    converged: decrement <= options.tol,
    atBoundary: boundaryStop,
  };
}

/**
 * How far a fit is from converged, for its warning.
 *
 * @param decrement The Newton decrement at the end ({@linkcode MinimizeResult.decrement}).
 * @returns A phrase, e.g. "the maximum is still 3.20 standard errors away".
 */
export function convergenceGap(decrement: number): string {
  return Number.isFinite(decrement)
    ? `the maximum is still ${decrement.toPrecision(3)} standard errors away`
    : "the log-likelihood is not concave there (its Hessian is not negative definite)";
}
