/**
 * The purchase models' per-customer formulas as plain functions of their parameters, so a model
 * can be evaluated at parameters other than its fit (the draws behind
 * {@linkcode customerLifetimeValue}'s intervals) without a DataFrame per draw; and a registry from
 * each fitted model to its formulas. Private to `clv`: the public methods of the models call
 * these.
 *
 * @module
 */
import { hyp2f1 } from "./_special.ts";
import { logA0 } from "./_pareto_nbd_likelihood.ts";
import type { ClvTimeUnit } from "./_time_unit.ts";

/** One customer's history: frequency x, recency t_x, age T. */
export interface History {
  /** Frequency. */
  x: number;
  /** Recency. */
  tx: number;
  /** Age. */
  T: number;
}

/** A purchase model's formulas at fixed parameters. */
export interface PurchaseKernel {
  /** E[X(t)] for a new customer. */
  expected(t: number): number;
  /** E[Y(t) | x, t_x, T]. */
  conditional(x: number, tx: number, T: number, t: number): number;
  /** P(alive at T | x, t_x, T). */
  alive(x: number, tx: number, T: number): number;
}

/** What the registry knows of a fitted model. */
export interface ModelFamily {
  /** Model name, for messages. */
  name: string;
  /** Parameter names, in the order of `logParameterCovariance`. */
  names: readonly string[];
  /** The formulas at the given parameters (in `names` order). */
  kernel(params: readonly number[]): PurchaseKernel;
  /** The time unit of the summary the model was fitted on, when known. */
  timeUnit: ClvTimeUnit | undefined;
  /** Whether parameters (in `names` order) are in the domain of the formulas. */
  valid(params: readonly number[]): boolean;
  /** The fitted parameters, in `names` order. */
  fitted: readonly number[];
  /** The covariance of their logarithms (inverse observed information). */
  covariance: readonly (readonly number[])[];
}

const registry = new WeakMap<object, ModelFamily>();

/**
 * Records a fitted model's family.
 *
 * @param model The frozen model object.
 * @param family Its formulas and parameter names.
 * @returns The model.
 */
export function registerModel<T extends object>(model: T, family: ModelFamily): T {
  registry.set(model, family);
  return model;
}

/**
 * The family of a model built by this module's fitters, or undefined.
 *
 * @param model Any value.
 * @returns The family, when the value is a fitted purchase model.
 */
export function modelFamily(model: unknown): ModelFamily | undefined {
  return typeof model === "object" && model !== null ? registry.get(model) : undefined;
}

/**
 * BG/NBD (Fader, Hardie and Lee 2005): equations 9 and 10, and P(alive).
 *
 * @param params `[r, alpha, a, b]`.
 * @returns The formulas.
 */
export function bgNbdKernel([r, alpha, a, b]: readonly number[]): PurchaseKernel {
  /** δ(x > 0) a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x). */
  const aliveOdds = (x: number, tx: number, T: number): number =>
    x === 0 ? 0 : Math.exp(
      Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)),
    );
  return {
    expected: (t) =>
      t === 0 ? 0 : ((a + b - 1) / (a - 1)) *
        (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t))),
    conditional: (x, tx, T, t) => {
      if (t === 0) return 0;
      const c = a + b + x - 1;
      const tail = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
      const numerator = (c / (a - 1)) * (1 - tail * hyp2f1(r + x, b + x, c, t / (alpha + T + t)));
      return numerator / (1 + aliveOdds(x, tx, T));
    },
    alive: (x, tx, T) => 1 / (1 + aliveOdds(x, tx, T)),
  };
}

/**
 * Modified BG/NBD (Batislam, Denizel and Filiztekin 2007): a customer may drop out at time 0.
 *
 * @param params `[r, alpha, a, b]`.
 * @returns The formulas.
 */
export function modifiedBgNbdKernel([r, alpha, a, b]: readonly number[]): PurchaseKernel {
  /** a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x). */
  const deadOdds = (x: number, tx: number, T: number): number =>
    Math.exp(
      Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)),
    );
  return {
    expected: (t) =>
      t === 0 ? 0 : (b / (a - 1)) *
        (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b + 1, a + b, t / (alpha + t))),
    conditional: (x, tx, T, t) => {
      if (t === 0) return 0;
      const tail = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
      const numerator = ((a + b + x) / (a - 1)) *
        (1 - tail * hyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t)));
      return numerator / (1 + deadOdds(x, tx, T));
    },
    alive: (x, tx, T) => 1 / (1 + deadOdds(x, tx, T)),
  };
}

/** `(1 - (b / (b + t))^(s - 1)) / (s - 1)`, with its limit `log((b + t) / b)` at s = 1. */
function powerRatio(b: number, t: number, s: number): number {
  const logRatio = Math.log(b / (b + t));
  const e = s - 1;
  return Math.abs(e) < 1e-12 ? -logRatio : -Math.expm1(e * logRatio) / e;
}

/**
 * Pareto/NBD (Schmittlein, Morrison and Colombo 1987; Fader and Hardie's closed forms).
 *
 * @param params `[r, alpha, s, beta]`.
 * @returns The formulas.
 */
export function paretoNbdKernel([r, alpha, s, beta]: readonly number[]): PurchaseKernel {
  const p = { r, alpha, s, beta };
  const alive = (x: number, tx: number, T: number): number =>
    1 / (1 + Math.exp(
      Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) +
        s * Math.log(beta + T) + logA0(p, x, tx, T),
    ));
  return {
    expected: (t) => t === 0 ? 0 : ((r * beta) / alpha) * powerRatio(beta, t, s),
    conditional: (x, tx, T, t) =>
      t === 0
        ? 0
        : ((r + x) * (beta + T)) / (alpha + T) * powerRatio(beta + T, t, s) * alive(x, tx, T),
    alive,
  };
}
