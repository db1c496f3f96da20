/**
 * The explorer's "Who moved" page: `--transactions FILE --batch FILE` fits the segment models on
 * the history (RFM score edges, k-means on log RFM, BG/NBD + Gamma-Gamma, the churn model), then
 * applies the batch of new transactions without refitting (`updateSnapshot`) and reports who
 * moved between segments (transition matrices and charts) and the drift report (PSI).
 *
 * Needs nodejs-polars, imported only when a batch is given (so `--allow-ffi`, `--allow-sys` and
 * read access to the two files and Deno's npm cache; README, "Explore the results"). Nothing is
 * written.
 *
 * @module
 */
import { esc, layout } from "./html.ts";

/** A transition matrix as plain data. */
export interface TransitionMatrix {
  /** Segments before (rows), `"(new)"` last for customers first seen in the batch. */
  from: string[];
  /** Segments after (columns). */
  to: string[];
  /** `counts[i][j]`: customers from `from[i]` to `to[j]`. */
  counts: number[][];
  /** The chart (SVG, drawn with lib/charts). */
  svg: string;
}

/** What the page and `/api/transitions` show. */
export interface Transitions {
  /** The history and batch files. */
  transactions: string;
  batch: string;
  /** The fit date (last history day) and the batch date (its last day), `YYYY-MM-DD`. */
  fitDate: string;
  batchDate: string;
  /** Batch rows and customers, and customers in the batch not seen before. */
  batchRows: number;
  batchCustomers: number;
  newCustomers: number;
  /** One transition matrix per segment column. */
  matrices: Record<string, TransitionMatrix>;
  /** PSI per variable. */
  drift: { variable: string; kind: string; psi: number; level: string }[];
  /** The refit recommendation. */
  recommendation: string;
}

const DAY = 86_400_000;

/** Ends of the UTC day of a date (the analysis date after that day's purchases). */
function nextMidnight(ms: number): Date {
  return new Date(Math.floor(ms / DAY) * DAY + DAY);
}

/**
 * Fits the models on the history and applies the batch.
 *
 * @param options The history (`transactions`) and the `batch` file (CSV or Parquet, canonical
 * columns, read with `readTransactions`).
 * @returns The transitions and drift report.
 * @throws {Error} With the house messages for unreadable files, missing columns, and batch rows
 * dated on or before the history's last day.
 */
export async function loadTransitions(
  options: { transactions: string; batch: string },
): Promise<Transitions> {
  const lib = await import("../lib/mod.ts");
  const pl = (await import("nodejs-polars")).default;
  const history = lib.cleanTransactions(lib.readTransactions(options.transactions)).data;
  const batch = lib.cleanTransactions(lib.readTransactions(options.batch)).data;
  const lastMs = (df: typeof history) =>
    Number(
      df.select(
        pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64).max().alias(
          "m",
        ),
      )
        .getColumn("m").get(0),
    );
  const last = lastMs(history);
  const asOf = nextMidnight(last);
  // The batch's analysis date: the end of its last day, at least a day after the history's.
  const batchAsOf = new Date(
    Math.max(asOf.getTime() + DAY, batch.height === 0 ? 0 : nextMidnight(lastMs(batch)).getTime()),
  );
  const features = ["recency_days", "frequency", "monetary"];
  const rfm = lib.computeRfm(history, { asOf });
  const logged = lib.log1pTransform(rfm, { features });
  const scaler = lib.fitStandardScaler(logged, { features });
  const kmeans = lib.fitKMeans(scaler.transform(logged), { k: 4, seed: 42, features });
  const summary = lib.clvSummary(lib.addRevenue(history), {
    asOf,
    timeUnit: "days",
    monetary: "revenue",
  });
  // The churn model learns who bought nothing in the last 90 days of the history.
  const cutoff = new Date(last - 90 * DAY);
  const churnModel = lib.fitLogisticPipeline(
    lib.churnDataset(history, { cutoff, horizonDays: 90 }),
    { target: "churned", numeric: features, log1p: features },
  );
  const models = {
    rfmScores: lib.fitRfmScores(rfm),
    kmeans,
    scaler,
    log1p: features,
    purchaseModel: lib.fitBgNbd(summary),
    spendModel: lib.fitGammaGamma(summary),
    clv: { horizon: 365, timeUnit: "days" as const, discountRate: 0.01, discountPeriod: 30 },
    churnModel,
  };
  const start = lib.customerSnapshot(history, { asOf, models });
  const next = lib.updateSnapshot(start, { batch, asOf: batchAsOf });
  const report = lib.driftReport(start.customers, next.customers);
  const known = new Set(
    (start.customers.getColumn("customer_id").toArray() as unknown[]).map(String),
  );
  const batchIds = new Set(
    (batch.getColumn("customer_id").toArray() as unknown[]).filter((v) => v != null).map(String),
  );
  const matrices: Record<string, TransitionMatrix> = {};
  for (const [column, matrix] of Object.entries(report.transitions)) {
    const to = matrix.columns.slice(1);
    matrices[column] = {
      from: (matrix.getColumn("from_segment").toArray() as unknown[]).map(String),
      to,
      counts: Array.from(
        { length: matrix.height },
        (_, i) => to.map((c) => Number(matrix.getColumn(c).get(i))),
      ),
      svg: lib.transitionChart(matrix, { title: `Who moved: ${column.replace("_", " ")}` }).svg,
    };
  }
  return {
    transactions: options.transactions,
    batch: options.batch,
    fitDate: new Date(asOf.getTime() - DAY).toISOString().slice(0, 10),
    batchDate: new Date(batchAsOf.getTime() - DAY).toISOString().slice(0, 10),
    batchRows: batch.height,
    batchCustomers: batchIds.size,
    newCustomers: [...batchIds].filter((id) => !known.has(id)).length,
    matrices,
    drift: report.table.toRecords().map((r) => ({
      variable: String(r.variable),
      kind: String(r.kind),
      psi: Number(r.psi),
      level: String(r.level),
    })),
    recommendation: report.recommendation,
  };
}

/** The "Who moved" page. */
export function transitionsPage(t: Transitions): string {
  const matrices = Object.entries(t.matrices).map(([column, m]) => {
    const head = m.to.map((s) => `<th>${esc(s)}</th>`).join("");
    const rows = m.from.map((f, i) =>
      `<tr><th>${esc(f)}</th>${m.counts[i].map((c) => `<td class="num">${c}</td>`).join("")}</tr>`
    ).join("\n");
    return `<h2>${esc(column.replace("_", " "))}</h2>
<table class="transitions" id="matrix-${
      esc(column)
    }"><thead><tr><th>from \\ to</th>${head}</tr></thead>
<tbody>${rows}</tbody></table>
<figure class="chart">${m.svg}</figure>`;
  }).join("\n");
  const drift = t.drift.map((d) =>
    `<tr><td>${esc(d.variable)}</td><td>${esc(d.kind)}</td><td class="num">${
      d.psi.toFixed(3)
    }</td><td>${esc(d.level)}</td></tr>`
  ).join("\n");
  return layout(
    "Who moved",
    `<p>Models fitted on ${esc(t.transactions)} up to ${esc(t.fitDate)}; the batch ${
      esc(t.batch)
    } (${t.batchRows} rows, ${t.batchCustomers} customers, ${t.newCustomers} new) applied up to ${
      esc(t.batchDate)
    } without refitting. Every customer is rescored: recency and tenure advance for everyone.</p>
<p id="recommendation"><strong>${esc(t.recommendation)}</strong></p>
${matrices}
<h2>Drift (population stability index)</h2>
<p>Below 0.1 stable, 0.1 to 0.25 a moderate shift (watch), 0.25 or more a major shift (refit).</p>
<table id="drift"><thead><tr><th>variable</th><th>kind</th><th>PSI</th><th>level</th></tr></thead>
<tbody>${drift}</tbody></table>`,
    { path: "/transitions", batch: true },
  );
}
