/**
 * The maximum-likelihood plumbing every CLV model shares: optimise in log-parameters, check
 * convergence, derive standard errors from the observed information, and collect (and log)
 * warnings. Private to `clv`.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import { requireInteger, requirePositive } from "../core/errors.ts";
import { convergenceGap, invertSymmetric, minimize } from "./_optimize.ts";
import {
  type ClvSummaryColumns,
  compressSummary,
  readSummary,
  requireRepeatBuyers,
  resolveSummaryColumns,
} from "./_summary_input.ts";

/** What a purchase model at its no-dropout boundary means, for the fitters' warnings. */
export const NO_DROPOUT = "the data show no sign of customers dropping out, so the model has " +
  "become the NBD (purchasing without dropout): P(alive) is 1 for everyone and expected " +
  "purchases ignore recency, so lapsed frequent buyers look active. Use a longer calibration " +
  "period, or read its forecasts as the NBD's";

/**
 * Models whose search stops at their boundary once a step improves the log-likelihood by less
 * than `BOUNDARY_DECREASE` (1e-7, in `_optimize.ts`) of its size: the Pareto/NBD, whose 2F1 series need
 * about (r + x) / (1 - z) terms with z = (beta - alpha) / (beta + t) -> 1 as beta -> infinity, so
 * each evaluation grows dearer on the way to the no-dropout limit (on Online Retail to 2011-09-10,
 * from milliseconds to seconds: the whole fit took about 200 s, 0.8 s with this stop, its
 * log-likelihood 1e-7 relative short of the limit). The BG/NBD family's evaluations stay cheap,
 * so those fits run on to the limit as before.
 */
export const STOP_AT_BOUNDARY: ReadonlySet<string> = new Set(["Pareto/NBD"]);

/** What {@linkcode fitLogParameters} returns. */
export interface LogParameterFit<K extends string> {
  /** Maximum-likelihood parameters. */
  params: Readonly<Record<K, number>>;
  /** The log-likelihood there. */
  logLikelihood: number;
  /** Delta-method standard errors (NaN when the Hessian is not positive definite). */
  standardErrors: Readonly<Record<K, number>>;
  /** Covariance of the log-parameters (NaN-filled when the Hessian is not positive definite). */
  logParameterCovariance: readonly (readonly number[])[];
  /** Whether the optimiser converged. */
  converged: boolean;
  /** Optimiser iterations. */
  iterations: number;
  /** Warnings (also logged with console.warn, prefixed by the function name). */
  warnings: string[];
}

/**
 * Maximises `logLik` over positive parameters through their logarithms.
 *
 * @param spec Model name (for messages), parameter names, log-likelihood, start (parameters,
 *   not logs) and limits.
 * @returns The fit.
 */
export function fitLogParameters<K extends string>(spec: {
  model: string;
  names: readonly K[];
  logLik: (params: Record<K, number>) => number;
  /** The gradient of `logLik` with respect to the parameters (not their logs), when known. */
  logLikGradient?: (params: Record<K, number>) => Record<K, number>;
  start: Record<K, number>;
  maxIter: number;
  tol: number;
  /**
   * Recognises a known boundary of the parameter space (e.g. no dropout): returns what it means
   * for the analyst, which then replaces the generic warnings of a fit that did not converge or
   * ran to an extreme. For the models in {@linkcode STOP_AT_BOUNDARY} the search also stops
   * there once a step improves the log-likelihood by less than 1e-7 of its size.
   */
  boundary?: (params: Record<K, number>) => string | undefined;
}): LogParameterFit<K> {
  const { model, names } = spec;
  const toParams = (z: ArrayLike<number>) =>
    Object.fromEntries(names.map((k, i) => [k, Math.exp(z[i])])) as Record<K, number>;
  const gradient = spec.logLikGradient;
  const boundaryOf = spec.boundary;
  const result = minimize(
    (z) => -spec.logLik(toParams(z)),
    names.map((k) => Math.log(spec.start[k])),
    {
      maxIter: spec.maxIter,
      tol: spec.tol,
      atBoundary: boundaryOf && STOP_AT_BOUNDARY.has(model)
        ? (z) => boundaryOf(toParams(z)) !== undefined
        : undefined,
    },
    gradient === undefined ? undefined : (z) => {
      const params = toParams(z);
      const g = gradient(params);
      return Float64Array.from(names, (k) => -params[k] * g[k]);
    },
  );
  const params = Object.freeze(toParams(result.x));
  const shown = names.map((k) => `${k} = ${params[k]}`).join(", ");
  const warnings: string[] = [];
  const boundary = spec.boundary?.(params);
  if (boundary !== undefined) {
    warnings.push(`${model} fit ran to a boundary (${shown}): ${boundary}`);
  } else if (!result.converged) {
    warnings.push(
      `${model} fit did not converge in ${result.iterations} iterations: ${
        convergenceGap(result.decrement)
      }, so these parameters are not a maximum (${shown}); raise maxIter, check the summary's ` +
        `time unit, or do not use this fit`,
    );
  }
  const extreme = names.filter((k) => params[k] > 1e6 || params[k] < 1e-6);
  if (extreme.length > 0 && boundary === undefined) {
    warnings.push(
      `${model} parameter${extreme.length > 1 ? "s" : ""} ${
        extreme.map((k) => `${k} = ${params[k]}`).join(", ")
      } ran to an extreme: the data hardly identify ${
        extreme.length > 1 ? "them" : "it"
      }, so treat the fit with care`,
    );
  }
  const cov = invertSymmetric(result.hessian);
  if (cov === null && boundary === undefined) {
    warnings.push(
      `${model} standard errors are NaN as the Hessian of the negative log-likelihood is not ` +
        `positive definite at the optimum`,
    );
  }
  const covariance = cov ?? names.map(() => names.map(() => NaN));
  const standardErrors = Object.freeze(
    Object.fromEntries(
      names.map((k, i) => [k, params[k] * Math.sqrt(covariance[i][i])]),
    ) as Record<K, number>,
  );
  return {
    params,
    logLikelihood: -result.value,
    standardErrors,
    logParameterCovariance: Object.freeze(covariance.map((row) => Object.freeze([...row]))),
    converged: result.converged,
    iterations: result.iterations,
    warnings,
  };
}

/**
 * Logs each warning with `console.warn`, prefixed by the calling function.
 *
 * @param caller The public function's name.
 * @param warnings The warnings.
 */
export function logWarnings(caller: string, warnings: readonly string[]): void {
  for (const warning of warnings) console.warn(`${caller}: ${warning}`);
}

/**
 * What the purchase-model fitters (BG/NBD, modified BG/NBD, Pareto/NBD) do before optimising:
 * resolve and check the options, read and check the summary, compress it to distinct
 * (x, t_x, T) levels, and total its purchases and ages for the starting values.
 *
 * @param summary The summary frame.
 * @param options Column names, `maxIter` (default 500) and `tol` (default 1e-4).
 * @param action What the caller is doing, for error messages.
 * @returns The resolved options, the summary arrays, the compressed levels and the totals.
 */
export function preparePurchaseFit(
  summary: DataFrame,
  options: ClvSummaryColumns & { maxIter?: number; tol?: number },
  action: string,
) {
  const columns = resolveSummaryColumns(options, action);
  const maxIter = requireInteger(options.maxIter ?? 500, "maxIter", action);
  const tol = requirePositive(options.tol ?? 1e-4, "tol", action);
  const resolved = Object.freeze({ ...columns, maxIter, tol });
  const data = readSummary(summary, columns, action);
  requireRepeatBuyers(data.x, action);
  const compressed = compressSummary(data.x, data.tx, data.T);
  const { x, T, w } = compressed;
  let purchases = 0, age = 0, customers = 0;
  for (let i = 0; i < x.length; i++) {
    purchases += w[i] * x[i];
    age += w[i] * T[i];
    customers += w[i];
  }
  return { resolved, data, compressed, totals: { purchases, age, customers } };
}

/**
 * The fields every fitted model reports, from its fit: options, parameters, log-likelihood,
 * standard errors, log-parameter covariance, convergence, iterations, n and warnings.
 *
 * @param fit The optimiser's result.
 * @param options The resolved options to record on the model.
 * @param n The number of customers fitted.
 * @returns The fields, to spread into the frozen model.
 */
export function fitFields<K extends string, O>(fit: LogParameterFit<K>, options: O, n: number) {
  return {
    options,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    logParameterCovariance: fit.logParameterCovariance,
    converged: fit.converged,
    iterations: fit.iterations,
    n,
    warnings: Object.freeze(fit.warnings),
  };
}
