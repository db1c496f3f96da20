import type { DataFrame } from "../core/frame.ts";
import pl from "nodejs-polars";
import { formatExamples, requireInteger, requireOneOf } from "../core/errors.ts";
import { createRandom } from "../core/random.ts";
import { quantileSorted } from "../core/quantile.ts";
import { formatDate } from "../core/time.ts";
import {
  forecastFrame,
  futureDates,
  normalBounds,
  readSeries,
  requireHorizon,
  requireLevels,
  type SeriesColumns,
  type SeriesPeriod,
} from "./_series.ts";
import {
  fitInitialStates,
  heuristicStates,
  holtWintersFilter,
  type HoltWintersSpec,
  type InitialStates,
  nelderMead,
  pack,
  type Smoothing,
  unpack,
} from "./_holt_winters.ts";

/** Smoothing parameters of an {@linkcode ExponentialSmoothingModel}, as applicable. */
export interface ExponentialSmoothingParams {
  /** Level smoothing, in (0, 1). */
  alpha: number;
  /** Trend smoothing (statsmodels' `smoothing_trend`, 0 <= beta <= alpha); with a trend only. */
  beta?: number;
  /** Seasonal smoothing (0 <= gamma <= 1 - alpha); with seasonality only. */
  gamma?: number;
  /** Damping of the trend, in [0.8, 0.995]; damped models only. */
  phi?: number;
}

/** Fixed parameters and initial states, for a model evaluated rather than fitted. */
export interface ExponentialSmoothingFixed extends ExponentialSmoothingParams {
  /** Initial level (the state before the first observation). */
  initialLevel: number;
  /** Initial trend; with a trend only. */
  initialTrend?: number;
  /** The `seasonalPeriods` initial seasonal states, for the first season's periods in order. */
  initialSeasonal?: number[];
}

/** Options for {@linkcode fitExponentialSmoothing}. */
export interface FitExponentialSmoothingOptions extends SeriesColumns {
  /** `"additive"` or `"none"` (default). */
  trend?: "additive" | "none";
  /** Damp the trend by `phi` per period (default false; needs a trend). */
  damped?: boolean;
  /** `"additive"`, `"multiplicative"` or `"none"` (default). */
  seasonal?: "additive" | "multiplicative" | "none";
  /** Periods in one season (52 weekly, 12 monthly, 7 daily); required with seasonality. */
  seasonalPeriods?: number;
  /**
   * Evaluate the model at these parameters and initial states instead of estimating them (e.g.
   * to reproduce another program's fit). Nothing is estimated then, so `sigma^2 = sse / n`.
   */
  fixed?: ExponentialSmoothingFixed;
}

/** Options for {@linkcode ExponentialSmoothingModel.forecast}. */
export interface ExponentialSmoothingForecastOptions {
  /** Periods ahead: a positive integer. */
  horizon: number;
  /** Central prediction-interval levels, in percent. Default `[80, 95]`. */
  levels?: number[];
  /**
   * Seed of the simulated intervals (multiplicative seasonality only): required there, an
   * integer from 0 to 2^32 - 1; ignored for analytic intervals.
   */
  seed?: number;
  /** Simulated paths for simulated intervals (default 5,000). */
  simulations?: number;
}

/** A fitted Holt-Winters / ETS model (see {@linkcode fitExponentialSmoothing}). */
export interface ExponentialSmoothingModel {
  /** The resolved options (`fixed` left out). */
  readonly options: Readonly<{
    trend: "additive" | "none";
    damped: boolean;
    seasonal: "additive" | "multiplicative" | "none";
    seasonalPeriods: number;
    date: string;
    value: string;
  }>;
  /** `"least squares"` (parameters minimise the SSE), or `"fixed"` (given, not estimated). */
  readonly method: "least squares" | "fixed";
  /** Smoothing parameters, only those the model has. */
  readonly params: Readonly<ExponentialSmoothingParams>;
  /** Initial level, trend and seasonal states (seasons normalised: sum 0, or mean 1). */
  readonly initialStates: Readonly<{ level: number; trend: number; seasonal: readonly number[] }>;
  /** Sum of squared one-step-ahead errors over the fitted series. */
  readonly sse: number;
  /** Residual standard deviation, `sqrt(sse / (n - parameterCount))`. */
  readonly sigma: number;
  /** Observations fitted. */
  readonly n: number;
  /** Parameters estimated: smoothing parameters plus free initial states (0 when fixed). */
  readonly parameterCount: number;
  /** `"analytic"` (additive or no seasonality) or `"simulated"` (multiplicative). */
  readonly intervals: "analytic" | "simulated";
  /** Step between dates, inferred from the series. */
  readonly period: SeriesPeriod;
  /** The series with `fitted` (one-step-ahead prediction) and `residual` columns. */
  readonly fitted: DataFrame;
  /** Forecasts `horizon` periods past the series, with prediction intervals. */
  forecast(options: ExponentialSmoothingForecastOptions): DataFrame;
}

const ACTION = "fit exponential smoothing";
/** statsmodels' lower bound on alpha (sqrt of machine epsilon). */
const ALPHA_EPS = Math.sqrt(2.220446049250313e-16);
const PHI_RANGE: [number, number] = [0.8, 0.995];

/** Maps the unit box to smoothing parameters under statsmodels' constraints. */
function toSmoothing(u: number[], spec: HoltWintersSpec): Smoothing {
  let k = 0;
  const alpha = ALPHA_EPS + u[k++] * (1 - 2 * ALPHA_EPS);
  const beta = spec.trend ? u[k++] * alpha : 0;
  const gamma = spec.seasonal !== "none" ? u[k++] * (1 - alpha) : 0;
  const phi = spec.trend && spec.damped ? PHI_RANGE[0] + u[k++] * (PHI_RANGE[1] - PHI_RANGE[0]) : 1;
  return { alpha, beta, gamma, phi };
}

/**
 * Fits Holt-Winters exponential smoothing (the ETS family with additive errors): level, optional
 * additive trend (optionally damped) and optional additive or multiplicative seasonality, the
 * recursions of statsmodels' `ExponentialSmoothing` (its `holt_win_add_add_dam` and friends).
 *
 * **Estimation: least squares.** The smoothing parameters and the initial states (level, trend,
 * m - 1 free seasonal states; the seasons are normalised to sum 0, or average 1, which changes no
 * prediction) minimise the sum of squared one-step-ahead errors (SSE), under statsmodels'
 * constraints: `alpha` in (1.5e-8, 1), `0 <= beta <= alpha`, `0 <= gamma <= 1 - alpha`, `phi` in
 * [0.8, 0.995]. For given smoothing parameters the best initial states are found by
 * (Levenberg-Marquardt) least squares, exact in one step for additive models whose errors are
 * linear in the states; the smoothing parameters by a grid over their box followed by Nelder-Mead
 * from the three best grid points. Not maximum likelihood: with additive errors the two agree on
 * the parameters (the Gaussian likelihood is monotone in the SSE).
 *
 * **Intervals:** with additive or no seasonality the model is ETS(A, Ad, A) in innovations form
 * (ETS beta = alpha * beta here), and the h-step variance is analytic:
 * `sigma^2 (1 + sum_{j<h} c_j^2)`, `c_j = alpha (1 + beta phi_j) + gamma [j mod m = 0]`,
 * `phi_j = phi + ... + phi^j` (Hyndman, Koehler, Ord and Snyder, "Forecasting with Exponential
 * Smoothing", 2008, ch. 6, class 1), normal quantiles around the point forecast. With
 * multiplicative seasonality there is no exact formula: paths are simulated with normal errors of
 * standard deviation `sigma` fed back through the recursions (seeded), and the bounds are their
 * quantiles. `sigma^2 = sse / (n - parameterCount)`.
 *
 * Reference: tests/reference/exponential_smoothing_reference.py (statsmodels 0.13.5): the SSE is
 * at least as low as statsmodels' (to 0.1%), and at statsmodels' parameters the forecasts agree
 * to 1e-9, except at horizons m, 2m, ... where statsmodels 0.13.5 reuses the seasonal state of
 * one season earlier, before the last observation updated it (see that script).
 *
 * Cost: each evaluation of the SSE is O(n); one least-squares solve for the initial states costs
 * O(n k^2) with k = m + 2 states, a fit a few thousand of those (2 to 4 s for a damped trend and
 * 52 weekly seasons on 104 weeks, here; well under a second without seasonality).
 *
 * @param series A regular series (see {@linkcode regularSeries}), every row complete; at least
 *   two full seasons for a seasonal model, strictly positive values for multiplicative seasons.
 * @param options Components, `seasonalPeriods`, column names, or `fixed` parameters.
 * @returns The fitted model.
 * @throws {TypeError} When a column is missing or has the wrong type, or an option has the wrong
 *   type.
 * @throws {RangeError} When an option is out of range, the series is irregular, has missing or
 *   non-finite values or incomplete periods, is shorter than two seasons (seasonal models) or
 *   than the parameters need, or has non-positive values with multiplicative seasonality.
 *
 * @example Monthly data with a yearly pattern
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitExponentialSmoothing } from "./exponential_smoothing.ts";
 *
 * const months = Array.from({ length: 36 }, (_, i) => new Date(Date.UTC(2009, i, 1)));
 * const value = months.map((_, i) => 100 + i + 20 * Math.sin((2 * Math.PI * i) / 12) + (i % 5));
 * const series = pl.DataFrame({ date: pl.Series("date", months).cast(pl.Date), value });
 * const model = fitExponentialSmoothing(series, {
 *   trend: "additive",
 *   seasonal: "additive",
 *   seasonalPeriods: 12,
 * });
 * const f = model.forecast({ horizon: 6 });
 * assert.equal(f.height, 6);
 * assert.ok(model.params.alpha > 0 && model.params.alpha < 1);
 * assert.ok(f.getColumn("lower_95").get(0) < f.getColumn("forecast").get(0));
 * ```
 */
export function fitExponentialSmoothing(
  series: DataFrame,
  options: FitExponentialSmoothingOptions = {},
): ExponentialSmoothingModel {
  const trend = requireOneOf(
    options.trend ?? "none",
    ["additive", "none"] as const,
    "trend",
    ACTION,
  );
  const seasonal = requireOneOf(
    options.seasonal ?? "none",
    ["additive", "multiplicative", "none"] as const,
    "seasonal",
    ACTION,
  );
  const damped = options.damped ?? false;
  if (typeof damped !== "boolean") {
    throw new TypeError(`Cannot ${ACTION} as damped is not a boolean: got ${String(damped)}`);
  }
  if (damped && trend === "none") {
    throw new RangeError(`Cannot ${ACTION} as damped needs a trend: trend is "none"`);
  }
  const m = seasonal === "none"
    ? 1
    : requireInteger(options.seasonalPeriods, "seasonalPeriods", ACTION, 2);
  const { dates, values, period, dateColumn, valueColumn } = readSeries(series, options, ACTION, 2);
  const n = values.length;
  if (seasonal !== "none" && n < 2 * m) {
    throw new RangeError(
      `Cannot ${ACTION} as the series is shorter than two seasons: ${n} rows, seasonalPeriods ${m} needs ${
        2 * m
      }`,
    );
  }
  if (seasonal === "multiplicative") {
    const bad = [...values].flatMap((v, i) => v > 0 ? [] : [`${formatDate(dates[i])}: ${v}`]);
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as multiplicative seasonality needs positive values: column "${valueColumn}" has ${bad.length} values <= 0, e.g. ${
          formatExamples(bad)
        }`,
      );
    }
  }
  const spec: HoltWintersSpec = { trend: trend === "additive", damped, seasonal, m };
  const free = 1 + (spec.trend ? 1 : 0) + (seasonal !== "none" ? 1 : 0) + (damped ? 1 : 0);
  const stateCount = 1 + (spec.trend ? 1 : 0) + (seasonal !== "none" ? m - 1 : 0);

  let smoothing: Smoothing;
  let states: InitialStates;
  let parameterCount: number;
  if (options.fixed !== undefined) {
    ({ smoothing, states } = readFixed(options.fixed, spec));
    parameterCount = 0;
  } else {
    parameterCount = free + stateCount;
    if (n <= parameterCount) {
      throw new RangeError(
        `Cannot ${ACTION} as the series has too few rows for the ${parameterCount} parameters: ${n} rows`,
      );
    }
    ({ smoothing, states } = estimate(values, spec, free));
  }
  const result = holtWintersFilter(values, spec, smoothing, states);
  const sigma = Math.sqrt(result.sse / (n - parameterCount));
  const params: ExponentialSmoothingParams = { alpha: smoothing.alpha };
  if (spec.trend) params.beta = smoothing.beta;
  if (seasonal !== "none") params.gamma = smoothing.gamma;
  if (damped) params.phi = smoothing.phi;
  const fitted = pl.DataFrame([
    pl.Series(dateColumn, dates.map((d) => new Date(d))).cast(series.getColumn(dateColumn).dtype),
    pl.Series(valueColumn, Array.from(values), pl.Float64),
    pl.Series("fitted", Array.from(result.fitted), pl.Float64),
    pl.Series("residual", Array.from(result.residuals), pl.Float64),
  ]);
  const phi = spec.trend ? smoothing.phi : 0;
  const lastDate = dates[n - 1];

  const forecast = (forecastOptions: ExponentialSmoothingForecastOptions): DataFrame => {
    const action = "forecast with exponential smoothing";
    const horizon = requireHorizon(forecastOptions?.horizon, action);
    const levels = requireLevels(forecastOptions.levels, action);
    const point = new Float64Array(horizon);
    let phiH = 0;
    for (let h = 1; h <= horizon; h++) {
      phiH += spec.trend ? Math.pow(phi, h) : 0;
      const base = result.level + phiH * result.trend;
      const s = seasonal === "none" ? 0 : result.seasonal[n + ((h - 1) % m)];
      point[h - 1] = seasonal === "multiplicative" ? base * s : base + s;
    }
    const datesAhead = futureDates(lastDate, period, horizon);
    if (seasonal !== "multiplicative") {
      const sd = new Float64Array(horizon);
      let sum = 0;
      let phiJ = 0;
      for (let h = 1; h <= horizon; h++) {
        sd[h - 1] = sigma * Math.sqrt(1 + sum);
        // c_h, for the next horizon's variance.
        phiJ += spec.trend ? Math.pow(phi, h) : 0;
        const c = smoothing.alpha * (1 + smoothing.beta * phiJ) +
          (seasonal === "additive" && h % m === 0 ? smoothing.gamma : 0);
        sum += c * c;
      }
      return forecastFrame(datesAhead, point, normalBounds(point, sd, levels));
    }
    if (forecastOptions.seed === undefined) {
      throw new TypeError(
        `Cannot ${action} as the intervals of a multiplicative-seasonal model are simulated and need a seed: seed is undefined`,
      );
    }
    const random = createRandom(forecastOptions.seed);
    const paths = requireInteger(forecastOptions.simulations ?? 5000, "simulations", action, 100);
    const draws = Array.from({ length: horizon }, () => new Float64Array(paths));
    const normal = () => {
      const u = 1 - random.next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
    };
    for (let p = 0; p < paths; p++) {
      let l = result.level;
      let b = result.trend;
      const s = result.seasonal.slice(n, n + m);
      const season = Array.from(s);
      for (let h = 0; h < horizon; h++) {
        const base = l + phi * b;
        const si = season[h % m];
        const y = base * si + sigma * normal();
        draws[h][p] = y;
        const lNew = smoothing.alpha * (y / si) + (1 - smoothing.alpha) * base;
        season[h % m] = smoothing.gamma * (y / base) + (1 - smoothing.gamma) * si;
        b = smoothing.beta * (lNew - l) + (1 - smoothing.beta) * phi * b;
        l = lNew;
      }
    }
    for (const d of draws) d.sort();
    return forecastFrame(
      datesAhead,
      point,
      levels.map((level) => ({
        level,
        lower: draws.map((d) => quantileSorted(d, 0.5 - level / 200)),
        upper: draws.map((d) => quantileSorted(d, 0.5 + level / 200)),
      })),
    );
  };

  return Object.freeze({
    options: Object.freeze({
      trend,
      damped,
      seasonal,
      seasonalPeriods: m,
      date: dateColumn,
      value: valueColumn,
    }),
    method: options.fixed !== undefined ? "fixed" as const : "least squares" as const,
    params: Object.freeze(params),
    initialStates: Object.freeze({
      level: states.level,
      trend: states.trend,
      seasonal: Object.freeze([...states.seasonal]),
    }),
    sse: result.sse,
    sigma,
    n,
    parameterCount,
    intervals: seasonal === "multiplicative" ? "simulated" as const : "analytic" as const,
    period,
    fitted,
    forecast,
  });
}

function readFixed(
  fixed: ExponentialSmoothingFixed,
  spec: HoltWintersSpec,
): { smoothing: Smoothing; states: InitialStates } {
  const num = (value: unknown, name: string) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new TypeError(
        `Cannot ${ACTION} as fixed.${name} is not a finite number: got ${String(value)}`,
      );
    }
    return value;
  };
  const smoothing: Smoothing = {
    alpha: num(fixed.alpha, "alpha"),
    beta: spec.trend ? num(fixed.beta, "beta") : 0,
    gamma: spec.seasonal !== "none" ? num(fixed.gamma, "gamma") : 0,
    phi: spec.trend ? (spec.damped ? num(fixed.phi, "phi") : 1) : 0,
  };
  let seasonal: number[] = [];
  if (spec.seasonal !== "none") {
    if (!Array.isArray(fixed.initialSeasonal) || fixed.initialSeasonal.length !== spec.m) {
      throw new RangeError(
        `Cannot ${ACTION} as fixed.initialSeasonal must hold ${spec.m} numbers: got ${
          Array.isArray(fixed.initialSeasonal)
            ? fixed.initialSeasonal.length
            : String(fixed.initialSeasonal)
        }`,
      );
    }
    seasonal = fixed.initialSeasonal.map((s, i) => num(s, `initialSeasonal[${i}]`));
  }
  return {
    smoothing,
    states: {
      level: num(fixed.initialLevel, "initialLevel"),
      trend: spec.trend ? num(fixed.initialTrend, "initialTrend") : 0,
      seasonal,
    },
  };
}

/** Grid over the unit box, then Nelder-Mead from the three best points. */
function estimate(
  y: Float64Array,
  spec: HoltWintersSpec,
  free: number,
): { smoothing: Smoothing; states: InitialStates } {
  const start = pack(heuristicStates(y, spec), spec);
  let warm = start;
  const profile = (u: number[]) => {
    const p = toSmoothing(u, spec);
    // Multiplicative fits are nonlinear: restart from the heuristic too and keep the better.
    const fit = fitInitialStates(y, spec, p, warm);
    if (spec.seasonal === "multiplicative") {
      const fresh = fitInitialStates(y, spec, p, start);
      if (fresh.sse < fit.sse) return fresh;
    }
    return fit;
  };
  const objective = (u: number[]) => {
    const fit = profile(u);
    if (Number.isFinite(fit.sse)) warm = fit.packed;
    return fit.sse;
  };
  const grid = [0.02, 0.25, 0.5, 0.75, 0.98];
  const points: { u: number[]; value: number }[] = [];
  const walk = (prefix: number[]) => {
    if (prefix.length === free) {
      points.push({ u: prefix, value: objective(prefix) });
      return;
    }
    for (const g of grid) walk([...prefix, g]);
  };
  walk([]);
  points.sort((a, b) => a.value - b.value);
  let best = points[0];
  for (const point of points.slice(0, 3)) {
    let found = nelderMead(objective, point.u, 0.1);
    found = nelderMead(objective, found.u, 0.02);
    if (found.value < best.value) best = found;
  }
  const smoothing = toSmoothing(best.u, spec);
  warm = start;
  const fit = profile(best.u);
  return { smoothing, states: unpack(fit.packed, spec) };
}
