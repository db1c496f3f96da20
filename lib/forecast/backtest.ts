import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { requireInteger, requireOneOf } from "../core/errors.ts";
import { formatDate } from "../core/time.ts";
import {
  boundColumns,
  readSeries,
  requireHorizon,
  requireLevels,
  type SeriesColumns,
} from "./_series.ts";
import { driftForecast, naiveForecast, seasonalNaiveForecast } from "./baselines.ts";
import { fitCalendarRegression, type FitCalendarRegressionOptions } from "./calendar_regression.ts";
import {
  fitExponentialSmoothing,
  type FitExponentialSmoothingOptions,
} from "./exponential_smoothing.ts";

/** What a forecasting model gets at each backtest origin. */
export interface ForecastRequest {
  /** Periods ahead. */
  horizon: number;
  /** Interval levels, in percent. */
  levels: number[];
  /** Seed for models whose intervals are simulated. */
  seed?: number;
}

/**
 * A forecasting method for {@linkcode backtest}: a name and a function from a training series
 * (columns `date` and `value`) to a forecast table (`date`, `horizon`, `forecast`,
 * `lower_<level>`, `upper_<level>`), as the forecasters of this module return.
 */
export interface ForecastModel {
  /** The name shown in the results. */
  name: string;
  /** Fits on `train` and forecasts. */
  forecast(train: DataFrame, request: ForecastRequest): DataFrame;
}

/** Options for {@linkcode baselineModel}. */
export interface BaselineModelOptions {
  /** `"naive"`, `"seasonal_naive"` or `"drift"`. */
  kind: "naive" | "seasonal_naive" | "drift";
  /** Season length, for `"seasonal_naive"`. */
  seasonalPeriods?: number;
  /** Name in the results (default: the kind). */
  name?: string;
}

/**
 * A baseline forecaster ({@linkcode naiveForecast}, {@linkcode seasonalNaiveForecast} or
 * {@linkcode driftForecast}) as a {@linkcode ForecastModel} for {@linkcode backtest}.
 *
 * @param options `kind`, `seasonalPeriods` for the seasonal naive, `name`.
 * @returns The model.
 * @throws {RangeError} When `kind` is unknown or `seasonalPeriods` is missing for the seasonal
 *   naive.
 *
 * @example A seasonal naive model for weekly data
 * ```ts
 * import assert from "node:assert/strict";
 * import { baselineModel } from "./backtest.ts";
 *
 * const model = baselineModel({ kind: "seasonal_naive", seasonalPeriods: 52 });
 * assert.equal(model.name, "seasonal_naive");
 * ```
 */
export function baselineModel(options: BaselineModelOptions): ForecastModel {
  const action = "build a baseline model";
  const kind = requireOneOf(
    options?.kind,
    ["naive", "seasonal_naive", "drift"] as const,
    "kind",
    action,
  );
  const name = options.name ?? kind;
  if (kind === "seasonal_naive") {
    const m = requireInteger(options.seasonalPeriods, "seasonalPeriods", action, 2);
    return {
      name,
      forecast: (train, r) => seasonalNaiveForecast(train, { ...r, seasonalPeriods: m }),
    };
  }
  if (kind === "drift") return { name, forecast: (train, r) => driftForecast(train, r) };
  return { name, forecast: (train, r) => naiveForecast(train, r) };
}

/**
 * Holt-Winters / ETS ({@linkcode fitExponentialSmoothing}) as a {@linkcode ForecastModel}: refitted
 * at every backtest origin.
 *
 * @param options The fit options (not `fixed`, `date`, `value`) and a `name` (default `"ets"`).
 * @returns The model.
 * @throws Never itself; fitting errors surface when {@linkcode backtest} runs it.
 *
 * @example Damped additive trend with additive yearly seasonality
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponentialSmoothingModel } from "./backtest.ts";
 *
 * const model = exponentialSmoothingModel({
 *   name: "ets_AdA",
 *   trend: "additive",
 *   damped: true,
 *   seasonal: "additive",
 *   seasonalPeriods: 52,
 * });
 * assert.equal(model.name, "ets_AdA");
 * ```
 */
export function exponentialSmoothingModel(
  options: Omit<FitExponentialSmoothingOptions, "fixed" | "date" | "value"> & { name?: string },
): ForecastModel {
  const { name, ...fit } = options ?? {};
  return {
    name: name ?? "ets",
    forecast: (train, r) => fitExponentialSmoothing(train, fit).forecast(r),
  };
}

/**
 * A calendar regression ({@linkcode fitCalendarRegression}) as a {@linkcode ForecastModel}:
 * refitted at every backtest origin.
 *
 * @param options The fit options (not `date`, `value`) and a `name` (default `"calendar"`).
 * @returns The model.
 * @throws Never itself; fitting errors surface when {@linkcode backtest} runs it.
 *
 * @example Week-of-year dummies and UK bank holidays
 * ```ts
 * import assert from "node:assert/strict";
 * import { calendarRegressionModel } from "./backtest.ts";
 * import { ukBankHolidays } from "./calendar_regression.ts";
 *
 * const model = calendarRegressionModel({ yearly: "dummies", holidays: ukBankHolidays() });
 * assert.equal(model.name, "calendar");
 * ```
 */
export function calendarRegressionModel(
  options: Omit<FitCalendarRegressionOptions, "date" | "value"> & { name?: string } = {},
): ForecastModel {
  const { name, ...fit } = options ?? {};
  return {
    name: name ?? "calendar",
    forecast: (train, r) => fitCalendarRegression(train, fit).forecast(r),
  };
}

/** Options for {@linkcode backtest}. */
export interface BacktestOptions extends SeriesColumns {
  /** The models to compare (at least one; names unique). */
  models: ForecastModel[];
  /** Periods ahead at each origin: a positive integer. */
  horizon: number;
  /**
   * Number of forecast origins: the last `origins` training ends, one period apart, each followed
   * by `horizon` observed periods, so every horizon is scored `origins` times.
   */
  origins: number;
  /** Interval levels scored for coverage, in percent. Default `[80, 95]`. */
  levels?: number[];
  /** Season length for the MASE scale (the in-sample seasonal naive error). Default 1. */
  seasonalPeriods?: number;
  /** Seed passed to models with simulated intervals. */
  seed?: number;
}

/** What {@linkcode backtest} returns. */
export interface BacktestResult {
  /**
   * One row per model and horizon: `model`, `horizon`, `n` (origins scored), `mae`, `rmse`,
   * `mape` (percent, over actuals that are not 0), `mase`, `coverage_<level>` (share of actuals
   * inside the interval).
   */
  metrics: DataFrame;
  /** The same measures, one row per model, over all horizons together. */
  summary: DataFrame;
  /**
   * Every forecast scored: `model`, `origin` (last training date), `date`, `horizon`, `actual`,
   * `forecast`, `lower_<level>`, `upper_<level>`.
   */
  forecasts: DataFrame;
}

/**
 * Rolling-origin backtest (time-series cross-validation, Tashman 2000; FPP3 section 5.10): for
 * each origin, every model is fitted on the series up to that origin and forecasts `horizon`
 * periods, which are scored against what happened. Errors: MAE, RMSE, MAPE (percent, leaving out
 * actuals equal to 0, where it is undefined) and MASE (Hyndman and Koehler 2006: absolute errors
 * divided by the in-sample MAE of the seasonal naive forecast on that origin's training data),
 * per model and horizon; and the coverage of each prediction interval, which for honest 80% and
 * 95% intervals should be near 0.8 and 0.95 (with `origins` scored points per horizon, a
 * coverage is only as precise as that count allows).
 *
 * Cost: `origins x models` fits.
 *
 * @param series A regular series (see {@linkcode regularSeries}), complete periods only.
 * @param options `models`, `horizon`, `origins` (required), `levels`, `seasonalPeriods`, `seed`,
 *   column names.
 * @returns `{ metrics, summary, forecasts }`.
 * @throws {TypeError} When a column is missing or has the wrong type, or models is not an array.
 * @throws {RangeError} When `horizon` or `origins` is not a positive integer, the series is too
 *   short for them, model names repeat, or a model fails at an origin (naming the model, origin
 *   and the model's own message).
 *
 * @example Naive against drift on a trending series
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { backtest, baselineModel } from "./backtest.ts";
 *
 * const dates = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2011, 0, 3 + 7 * i)));
 * const series = pl.DataFrame({
 *   date: pl.Series("date", dates).cast(pl.Date),
 *   value: dates.map((_, i) => 100 + 5 * i + (i % 2)),
 * });
 * const { summary } = backtest(series, {
 *   models: [baselineModel({ kind: "naive" }), baselineModel({ kind: "drift" })],
 *   horizon: 3,
 *   origins: 5,
 * });
 * const mae = summary.getColumn("mae").toArray() as number[];
 * assert.ok(mae[1] < mae[0]); // drift follows the trend
 * ```
 */
export function backtest(series: DataFrame, options: BacktestOptions): BacktestResult {
  const action = "backtest";
  const horizon = requireHorizon(options?.horizon, action);
  const origins = requireInteger(options.origins, "origins", action, 1);
  const levels = requireLevels(options.levels, action);
  const m = requireInteger(options.seasonalPeriods ?? 1, "seasonalPeriods", action, 1);
  if (!Array.isArray(options.models) || options.models.length === 0) {
    throw new TypeError(
      `Cannot ${action} as models is not a non-empty array of models: got ${
        String(options.models)
      }`,
    );
  }
  const names = options.models.map((model) => model.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) {
    throw new RangeError(
      `Cannot ${action} as model names repeat: ${[...new Set(repeated)].join(", ")}`,
    );
  }
  const { dates, values, dateColumn, valueColumn } = readSeries(series, options, action, 2);
  const n = values.length;
  const firstTrain = n - horizon - origins + 1;
  if (firstTrain < Math.max(2, m + 1)) {
    throw new RangeError(
      `Cannot ${action} as the series is too short for ${origins} origins of horizon ${horizon}: ${n} rows leave ${firstTrain} for the first training set`,
    );
  }
  const base = series.select(
    pl.col(dateColumn).alias("date"),
    pl.col(valueColumn).cast(pl.Float64).alias("value"),
  );
  const out = {
    model: [] as string[],
    origin: [] as number[],
    date: [] as number[],
    horizon: [] as number[],
    actual: [] as number[],
    forecast: [] as number[],
    scaled: [] as number[],
    bounds: levels.map(() => ({ lower: [] as number[], upper: [] as number[] })),
  };
  for (let o = 0; o < origins; o++) {
    const size = firstTrain + o;
    const train = base.head(size);
    let scale = 0;
    for (let t = m; t < size; t++) scale += Math.abs(values[t] - values[t - m]);
    scale /= size - m;
    for (const model of options.models) {
      let f: DataFrame;
      try {
        f = model.forecast(train, { horizon, levels, seed: options.seed });
      } catch (error) {
        throw new RangeError(
          `Cannot ${action} as model "${model.name}" failed at origin ${
            formatDate(dates[size - 1])
          }: ${(error as Error).message}`,
        );
      }
      const point = f.getColumn("forecast").toArray() as number[];
      const bounds = levels.map((level) => {
        const [lo, hi] = boundColumns(level);
        return {
          lower: f.getColumn(lo).toArray() as number[],
          upper: f.getColumn(hi).toArray() as number[],
        };
      });
      for (let h = 1; h <= horizon; h++) {
        const t = size - 1 + h;
        out.model.push(model.name);
        out.origin.push(dates[size - 1]);
        out.date.push(dates[t]);
        out.horizon.push(h);
        out.actual.push(values[t]);
        out.forecast.push(point[h - 1]);
        out.scaled.push(scale > 0 ? Math.abs(values[t] - point[h - 1]) / scale : NaN);
        bounds.forEach((b, i) => {
          out.bounds[i].lower.push(b.lower[h - 1]);
          out.bounds[i].upper.push(b.upper[h - 1]);
        });
      }
    }
  }
  const columns: Series[] = [
    pl.Series("model", out.model),
    pl.Series("origin", out.origin.map((d) => new Date(d))).cast(pl.Date),
    pl.Series("date", out.date.map((d) => new Date(d))).cast(pl.Date),
    pl.Series("horizon", out.horizon, pl.Int32),
    pl.Series("actual", out.actual, pl.Float64),
    pl.Series("forecast", out.forecast, pl.Float64),
  ];
  levels.forEach((level, i) => {
    const [lo, hi] = boundColumns(level);
    columns.push(pl.Series(lo, out.bounds[i].lower, pl.Float64));
    columns.push(pl.Series(hi, out.bounds[i].upper, pl.Float64));
  });
  const forecasts = pl.DataFrame(columns);
  const scored = forecasts.withColumns(pl.Series("__scaled", out.scaled, pl.Float64));
  const error = pl.col("actual").sub(pl.col("forecast"));
  const measures = [
    pl.col("actual").count().cast(pl.Int64).alias("n"),
    error.abs().mean().alias("mae"),
    error.pow(2).mean().pow(0.5).alias("rmse"),
    pl.when(pl.col("actual").neq(pl.lit(0))).then(
      error.abs().div(pl.col("actual").abs()).mul(pl.lit(100)),
    )
      .otherwise(pl.lit(null)).mean().alias("mape"),
    pl.col("__scaled").fillNan(pl.lit(null)).mean().alias("mase"),
    ...levels.map((level) => {
      const [lo, hi] = boundColumns(level);
      return pl.col("actual").gtEq(pl.col(lo)).and(pl.col("actual").ltEq(pl.col(hi))).cast(
        pl.Float64,
      ).mean()
        .alias(`coverage_${lo.slice(6)}`);
    }),
  ];
  const order = pl.DataFrame({ model: names, __order: names.map((_, i) => i) });
  const metrics = scored.groupBy(["model", "horizon"]).agg(...measures)
    .join(order, { on: "model" }).sort(["__order", "horizon"]).drop("__order");
  const summary = scored.groupBy("model").agg(...measures)
    .join(order, { on: "model" }).sort("__order").drop("__order");
  return { metrics, summary, forecasts };
}
