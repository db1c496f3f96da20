/**
 * Holt-Winters recursions (the error-correction form statsmodels' `ExponentialSmoothing` uses)
 * and their least-squares fit. Private to `forecast`.
 *
 * @module
 */

/** Which components a model has. */
export interface HoltWintersSpec {
  trend: boolean;
  damped: boolean;
  seasonal: "none" | "additive" | "multiplicative";
  /** Season length (1 when not seasonal). */
  m: number;
}

/** Smoothing parameters (beta, gamma, phi unused when the component is absent; phi 1 undamped). */
export interface Smoothing {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** Initial states: level, trend and the m seasonal states s[0..m-1] (for y[0]..y[m-1]). */
export interface InitialStates {
  level: number;
  trend: number;
  seasonal: number[];
}

/** The states after the last observation, and the one-step residuals. */
export interface FilterResult {
  sse: number;
  level: number;
  trend: number;
  /** All seasonal states: s[t] is used for y[t]; s[n..n+m-1] are the latest m. */
  seasonal: Float64Array;
  residuals: Float64Array;
  fitted: Float64Array;
}

/**
 * Runs the recursions over `y`, as statsmodels 0.13 `holt_win_add_add_dam` and friends:
 * prediction `(l + phi b) (+|*) s[t]`; level `alpha (y (-|/) s[t]) + (1 - alpha)(l + phi b)`;
 * trend `beta (l' - l) + (1 - beta) phi b`; season
 * `gamma (y (-|/) (l + phi b)) + (1 - gamma) s[t]`. O(n).
 */
export function holtWintersFilter(
  y: ArrayLike<number>,
  spec: HoltWintersSpec,
  p: Smoothing,
  x: InitialStates,
  keep = true,
): FilterResult {
  const n = y.length;
  const m = spec.m;
  const seasonal = new Float64Array(n + m);
  const residuals = new Float64Array(keep ? n : 0);
  const fitted = new Float64Array(keep ? n : 0);
  const phi = spec.trend ? (spec.damped ? p.phi : 1) : 0;
  const alpha = p.alpha;
  const beta = spec.trend ? p.beta : 0;
  const gamma = p.gamma;
  let l = x.level;
  let b = spec.trend ? x.trend : 0;
  if (spec.seasonal !== "none") { for (let i = 0; i < m; i++) seasonal[i] = x.seasonal[i]; }
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const base = l + phi * b;
    let pred: number;
    let lNew: number;
    if (spec.seasonal === "additive") {
      pred = base + seasonal[t];
      lNew = alpha * (y[t] - seasonal[t]) + (1 - alpha) * base;
      seasonal[t + m] = gamma * (y[t] - base) + (1 - gamma) * seasonal[t];
    } else if (spec.seasonal === "multiplicative") {
      pred = base * seasonal[t];
      lNew = alpha * (y[t] / seasonal[t]) + (1 - alpha) * base;
      seasonal[t + m] = gamma * (y[t] / base) + (1 - gamma) * seasonal[t];
    } else {
      pred = base;
      lNew = alpha * y[t] + (1 - alpha) * base;
    }
    const e = y[t] - pred;
    sse += e * e;
    if (keep) {
      residuals[t] = e;
      fitted[t] = pred;
    }
    b = beta * (lNew - l) + (1 - beta) * phi * b;
    l = lNew;
  }
  return {
    sse: Number.isFinite(sse) ? sse : Infinity,
    level: l,
    trend: b,
    seasonal,
    residuals,
    fitted,
  };
}

/** Initial states from a packed vector: [level, (trend), s0..s(m-2)], the last season implied. */
export function unpack(v: ArrayLike<number>, spec: HoltWintersSpec): InitialStates {
  let k = 0;
  const level = v[k++];
  const trend = spec.trend ? v[k++] : 0;
  const seasonal: number[] = [];
  if (spec.seasonal !== "none") {
    let sum = 0;
    for (let i = 0; i < spec.m - 1; i++) {
      seasonal.push(v[k]);
      sum += v[k++];
    }
    // Additive seasons sum to 0, multiplicative ones average 1: the level absorbs the rest, and
    // the one-step predictions do not change (the constraint removes an exact flat direction).
    seasonal.push(spec.seasonal === "additive" ? -sum : spec.m - sum);
  }
  return { level, trend, seasonal };
}

/** A packed vector from initial states, normalising the seasons first (see {@linkcode unpack}). */
export function pack(x: InitialStates, spec: HoltWintersSpec): number[] {
  const out = [x.level];
  if (spec.trend) out.push(x.trend);
  if (spec.seasonal === "additive") {
    const mean = x.seasonal.reduce((a, b) => a + b, 0) / spec.m;
    out[0] += mean;
    out.push(...x.seasonal.slice(0, spec.m - 1).map((s) => s - mean));
  } else if (spec.seasonal === "multiplicative") {
    const mean = x.seasonal.reduce((a, b) => a + b, 0) / spec.m;
    out[0] *= mean;
    if (spec.trend) out[1] *= mean;
    out.push(...x.seasonal.slice(0, spec.m - 1).map((s) => s / mean));
  }
  return out;
}

/** Heuristic starting states: first season's mean level, mean change between seasons. */
export function heuristicStates(y: ArrayLike<number>, spec: HoltWintersSpec): InitialStates {
  const m = spec.m;
  if (spec.seasonal === "none") {
    return { level: y[0], trend: y.length > 1 ? y[1] - y[0] : 0, seasonal: [] };
  }
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += y[i] / m;
    second += y[i + m] / m;
  }
  const seasonal: number[] = [];
  for (let i = 0; i < m; i++) {
    seasonal.push(spec.seasonal === "additive" ? y[i] - first : y[i] / first);
  }
  return { level: first, trend: (second - first) / m, seasonal };
}

/** Solves the symmetric positive definite system A x = b (k x k, row-major); null if not SPD. */
function choleskySolve(a: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let r = 0; r < j; r++) s -= l[i * k + r] * l[j * k + r];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let r = 0; r < i; r++) s -= l[i * k + r] * z[r];
    z[i] = s / l[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let r = i + 1; r < k; r++) s -= l[r * k + i] * x[r];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/**
 * Least-squares initial states for fixed smoothing parameters: Levenberg-Marquardt on the
 * packed states with a forward-difference Jacobian. For additive models the residuals are linear
 * in the states, so the first (Gauss-Newton) step is already the exact minimiser.
 */
export function fitInitialStates(
  y: ArrayLike<number>,
  spec: HoltWintersSpec,
  p: Smoothing,
  start: number[],
): { packed: number[]; sse: number } {
  const n = y.length;
  let x = start.slice();
  const k = x.length;
  const run = (v: number[]) => holtWintersFilter(y, spec, p, unpack(v, spec), true);
  let current = run(x);
  if (!Number.isFinite(current.sse)) return { packed: x, sse: Infinity };
  let lambda = 0;
  const linear = spec.seasonal !== "multiplicative";
  for (let iter = 0; iter < 100; iter++) {
    const jac = new Float64Array(n * k);
    for (let j = 0; j < k; j++) {
      const h = (linear ? 1e-3 : 1e-7) * Math.max(1, Math.abs(x[j]));
      const shifted = x.slice();
      shifted[j] += h;
      const r = run(shifted).residuals;
      for (let t = 0; t < n; t++) jac[t * k + j] = (r[t] - current.residuals[t]) / h;
    }
    const a = new Float64Array(k * k);
    const g = new Float64Array(k);
    for (let t = 0; t < n; t++) {
      const row = t * k;
      const e = current.residuals[t];
      for (let i = 0; i < k; i++) {
        const ji = jac[row + i];
        if (ji === 0) continue;
        g[i] -= ji * e;
        for (let j = 0; j <= i; j++) a[i * k + j] += ji * jac[row + j];
      }
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) a[j * k + i] = a[i * k + j];
    let accepted = false;
    for (let tries = 0; tries < 30 && !accepted; tries++) {
      const damped = a.slice();
      for (let i = 0; i < k; i++) {
        damped[i * k + i] += lambda * (a[i * k + i] + 1e-300) + 1e-12 * a[i * k + i];
      }
      const delta = choleskySolve(damped, g, k);
      if (delta !== null) {
        const candidate = x.map((v, i) => v + delta[i]);
        const next = run(candidate);
        if (next.sse <= current.sse) {
          const gain = current.sse - next.sse;
          x = candidate;
          current = next;
          accepted = true;
          lambda = lambda / 10;
          if (gain <= 1e-13 * Math.max(current.sse, 1e-300)) return { packed: x, sse: current.sse };
          break;
        }
      }
      lambda = lambda === 0 ? 1e-6 : lambda * 10;
    }
    if (!accepted) break;
    if (linear && iter >= 1) break;
  }
  return { packed: x, sse: current.sse };
}

/** Nelder-Mead on the unit box (coordinates clamped to [0, 1]). */
export function nelderMead(
  f: (u: number[]) => number,
  start: number[],
  step = 0.1,
  maxEvaluations = 600,
): { u: number[]; value: number } {
  const q = start.length;
  const clamp = (u: number[]) => u.map((v) => Math.min(1, Math.max(0, v)));
  const evaluate = (u: number[]) => ({ u: clamp(u), value: f(clamp(u)) });
  let simplex = [evaluate(start)];
  for (let i = 0; i < q; i++) {
    const u = start.slice();
    u[i] = u[i] + step <= 1 ? u[i] + step : u[i] - step;
    simplex.push(evaluate(u));
  }
  let evaluations = q + 1;
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0].value;
    const worst = simplex[q].value;
    if (Math.abs(worst - best) <= 1e-12 * Math.max(Math.abs(best), 1e-300)) {
      const spread = Math.max(
        ...simplex.map((s) => Math.max(...s.u.map((v, i) => Math.abs(v - simplex[0].u[i])))),
      );
      if (spread < 1e-9) break;
    }
    const centroid = new Array<number>(q).fill(0);
    for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) centroid[j] += simplex[i].u[j] / q;
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[q].u[j] - c));
    const reflected = evaluate(along(-1));
    evaluations++;
    if (reflected.value < simplex[0].value) {
      const expanded = evaluate(along(-2));
      evaluations++;
      simplex[q] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[q - 1].value) {
      simplex[q] = reflected;
    } else {
      const contracted = reflected.value < simplex[q].value
        ? evaluate(along(-0.5))
        : evaluate(along(0.5));
      evaluations++;
      if (contracted.value < Math.min(reflected.value, simplex[q].value)) simplex[q] = contracted;
      else {
        simplex = simplex.map((s, i) =>
          i === 0 ? s : evaluate(s.u.map((v, j) => simplex[0].u[j] + 0.5 * (v - simplex[0].u[j])))
        );
        evaluations += q;
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0];
}
