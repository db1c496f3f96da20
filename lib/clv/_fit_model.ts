/**
 * The maximum-likelihood plumbing every CLV model shares: optimise in log-parameters, check
 * convergence, derive standard errors from the observed information, and collect (and log)
 * warnings. Private to `clv`.
 *
 * @module
 */
import { convergenceGap, invertSymmetric, minimize } from "./_optimize.ts";

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
}): LogParameterFit<K> {
  const { model, names } = spec;
  const toParams = (z: ArrayLike<number>) =>
    Object.fromEntries(names.map((k, i) => [k, Math.exp(z[i])])) as Record<K, number>;
  const gradient = spec.logLikGradient;
  const result = minimize(
    (z) => -spec.logLik(toParams(z)),
    names.map((k) => Math.log(spec.start[k])),
    { maxIter: spec.maxIter, tol: spec.tol },
    gradient === undefined ? undefined : (z) => {
      const params = toParams(z);
      const g = gradient(params);
      return Float64Array.from(names, (k) => -params[k] * g[k]);
    },
  );
  const params = Object.freeze(toParams(result.x));
  const shown = names.map((k) => `${k} = ${params[k]}`).join(", ");
  const warnings: string[] = [];
  if (!result.converged) {
    warnings.push(
      `${model} fit did not converge in ${result.iterations} iterations: ${
        convergenceGap(result.decrement)
      }, so these parameters are not a maximum (${shown}); raise maxIter, check the summary's ` +
        `time unit, or do not use this fit`,
    );
  }
  const extreme = names.filter((k) => params[k] > 1e6 || params[k] < 1e-6);
  if (extreme.length > 0) {
    warnings.push(
      `${model} parameter${extreme.length > 1 ? "s" : ""} ${
        extreme.map((k) => `${k} = ${params[k]}`).join(", ")
      } ran to an extreme: the data hardly identify ${
        extreme.length > 1 ? "them" : "it"
      }, so treat the fit with care`,
    );
  }
  const cov = invertSymmetric(result.hessian);
  if (cov === null) {
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
