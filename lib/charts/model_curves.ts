import * as Plot from "@observablehq/plot";
import type { DataFrame } from "../core/frame.ts";
import type { Chart } from "./chart.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";

/** Curves to compare, one per model: name to the frame a `lib/evaluate` function returned. */
export type ModelCurves = Readonly<Record<string, DataFrame>>;

/** Options for {@linkcode rocChart}, {@linkcode gainsChart} and {@linkcode calibrationChart}. */
export interface ModelCurveChartOptions extends ChartOptions {
  /** Column of each frame along the horizontal axis. Default: the chart's usual column. */
  x?: string;
  /** Column of each frame along the vertical axis. Default: the chart's usual column. */
  y?: string;
}

/** Options for {@linkcode precisionRecallChart}. */
export interface PrecisionRecallChartOptions extends ModelCurveChartOptions {
  /** Draw a horizontal line at this precision: the base rate (contacting at random). */
  baseRate?: number;
}

interface CurveSpec {
  action: string;
  x: string;
  y: string;
  xLabel: string;
  yLabel: string;
  /** A reference line: the diagonal y = x, or a horizontal line at a fixed height. */
  reference?: "diagonal" | number;
  curve?: "linear" | "step-after";
  /** Prepend (0, 0) to each curve (cumulative gains start there). */
  fromOrigin?: boolean;
  markers?: boolean;
}

/** How each chart reads and draws its frames (the columns `lib/evaluate` writes). */
const SPECS = {
  roc: {
    action: "draw ROC chart",
    x: "fpr",
    y: "tpr",
    xLabel: "false positive rate (share of stayers flagged)",
    yLabel: "true positive rate (share of churners caught)",
    reference: "diagonal",
  },
  precisionRecall: {
    action: "draw precision-recall chart",
    x: "recall",
    y: "precision",
    xLabel: "recall (share of churners caught)",
    yLabel: "precision (share of contacts who churn)",
    curve: "step-after",
  },
  gains: {
    action: "draw gains chart",
    x: "cumulative_customers_share",
    y: "cumulative_positives_share",
    xLabel: "share of customers contacted (highest scores first)",
    yLabel: "share of all churners reached",
    reference: "diagonal",
    fromOrigin: true,
    markers: true,
  },
  calibration: {
    action: "draw calibration chart",
    x: "mean_predicted",
    y: "observed_rate",
    xLabel: "mean predicted probability",
    yLabel: "observed churn rate",
    reference: "diagonal",
    markers: true,
  },
} as const satisfies Record<string, CurveSpec>;

function drawCurves(
  curves: ModelCurves,
  defaults: CurveSpec,
  options: PrecisionRecallChartOptions,
): Chart {
  const { x, y, baseRate, ...chartOptions } = options;
  const spec: CurveSpec = {
    ...defaults,
    x: x ?? defaults.x,
    y: y ?? defaults.y,
    ...(baseRate === undefined ? {} : { reference: baseRate }),
  };
  const action = spec.action;
  const names = Object.keys(curves);
  if (names.length === 0) throw new RangeError(`Cannot ${action} as no curve was given: 0 models`);
  const rows: { model: string; x: number; y: number }[] = [];
  for (const name of names) {
    const frame = curves[name];
    for (const column of [spec.x, spec.y]) {
      if (!frame.columns.includes(column)) {
        throw new TypeError(
          `Cannot ${action} as column "${column}" is missing for ${name}: available columns are ${
            frame.columns.join(", ")
          }`,
        );
      }
    }
    if (spec.fromOrigin) rows.push({ model: name, x: 0, y: 0 });
    const xs = frame.getColumn(spec.x).toArray() as number[];
    const ys = frame.getColumn(spec.y).toArray() as number[];
    xs.forEach((x, i) => rows.push({ model: name, x: Number(x), y: Number(ys[i]) }));
  }
  const marks: Plot.Markish[] = [];
  if (spec.reference === "diagonal") {
    marks.push(Plot.line([[0, 0], [1, 1]], { stroke: "#999", strokeDasharray: "4,3" }));
  } else if (typeof spec.reference === "number") {
    marks.push(Plot.ruleY([spec.reference], { stroke: "#999", strokeDasharray: "4,3" }));
  }
  marks.push(
    Plot.line(rows, {
      x: "x",
      y: "y",
      stroke: "model",
      curve: spec.curve ?? "linear",
      strokeWidth: 2,
    }),
  );
  if (spec.markers) marks.push(Plot.dot(rows, { x: "x", y: "y", fill: "model", r: 3 }));
  return renderChart(
    {
      marks,
      x: { domain: [0, 1], grid: true },
      y: { domain: [0, 1], grid: true },
      color: { legend: true, label: "model", domain: names },
    },
    { width: 520, height: 420, xLabel: spec.xLabel, yLabel: spec.yLabel, ...chartOptions },
  );
}

/**
 * ROC curves of several models on one chart (from {@linkcode rocCurve}), with the diagonal of a
 * random ranking. Higher and further left is better; the area under each is its ROC AUC.
 *
 * @param curves Model name to `rocCurve` output (`fpr`, `tpr`).
 * @param options Columns (default `fpr`, `tpr`), title and size.
 * @returns The chart.
 * @throws {TypeError} When a curve lacks `fpr` or `tpr`.
 * @throws {RangeError} When no curve is given.
 *
 * @example One model
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { rocChart } from "./model_curves.ts";
 *
 * const roc = pl.DataFrame({ fpr: [0, 0, 1], tpr: [0, 1, 1] });
 * assert.match(rocChart({ logistic: roc }).svg, /logistic/);
 * ```
 */
export function rocChart(curves: ModelCurves, options: ModelCurveChartOptions = {}): Chart {
  return drawCurves(curves, SPECS.roc, options);
}

/**
 * Precision-recall curves of several models (from {@linkcode precisionRecallCurve}), with a
 * horizontal line at the base rate (the precision of contacting at random).
 *
 * @param curves Model name to `precisionRecallCurve` output (`recall`, `precision`).
 * @param options Columns (default `recall`, `precision`), title, size and the base rate to draw.
 * @returns The chart.
 * @throws {TypeError} When a curve lacks `recall` or `precision`.
 * @throws {RangeError} When no curve is given.
 *
 * @example One model
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { precisionRecallChart } from "./model_curves.ts";
 *
 * const pr = pl.DataFrame({ recall: [1, 0.5, 0], precision: [0.5, 1, 1] });
 * assert.match(precisionRecallChart({ boosting: pr }, { baseRate: 0.5 }).svg, /boosting/);
 * ```
 */
export function precisionRecallChart(
  curves: ModelCurves,
  options: PrecisionRecallChartOptions = {},
): Chart {
  return drawCurves(curves, SPECS.precisionRecall, options);
}

/**
 * Cumulative gains curves (from {@linkcode gainsTable}): the share of all churners found when
 * contacting the top x% of customers by score, against the diagonal of contacting at random.
 *
 * @param tables Model name to `gainsTable` output.
 * @param options Columns (default `cumulative_customers_share`, `cumulative_positives_share`),
 * title and size.
 * @returns The chart.
 * @throws {TypeError} When a table lacks the cumulative columns.
 * @throws {RangeError} When no table is given.
 *
 * @example One model
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { gainsChart } from "./model_curves.ts";
 *
 * const gains = pl.DataFrame({
 *   cumulative_customers_share: [0.5, 1],
 *   cumulative_positives_share: [0.9, 1],
 * });
 * assert.match(gainsChart({ logistic: gains }).svg, /logistic/);
 * ```
 */
export function gainsChart(tables: ModelCurves, options: ModelCurveChartOptions = {}): Chart {
  return drawCurves(tables, SPECS.gains, options);
}

/**
 * Reliability diagram (from {@linkcode calibrationTable}): observed churn rate against the mean
 * predicted probability in each bin. On the diagonal, a predicted 30% means 30% churn.
 *
 * @param tables Model name to `calibrationTable` output.
 * @param options Columns (default `mean_predicted`, `observed_rate`), title and size.
 * @returns The chart.
 * @throws {TypeError} When a table lacks `mean_predicted` or `observed_rate`.
 * @throws {RangeError} When no table is given.
 *
 * @example One model
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { calibrationChart } from "./model_curves.ts";
 *
 * const cal = pl.DataFrame({ mean_predicted: [0.1, 0.8], observed_rate: [0.12, 0.75] });
 * assert.match(calibrationChart({ logistic: cal }).svg, /logistic/);
 * ```
 */
export function calibrationChart(
  tables: ModelCurves,
  options: ModelCurveChartOptions = {},
): Chart {
  return drawCurves(tables, SPECS.calibration, options);
}
