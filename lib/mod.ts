/**
 * Customer Lens: customer analytics over nodejs-polars DataFrames, for notebooks on Deno.
 *
 * One module per domain, each re-exported here:
 * - `io`: {@linkcode readTransactions}, {@linkcode scanTransactions} (lazy, for files too big to
 *   read at once), {@linkcode exportCsv} and loaders for the bundled datasets;
 * - `governance`: for an analyst's own data, keyed pseudonyms ({@linkcode pseudonymize},
 *   {@linkcode loadKey}), {@linkcode detectPersonalData}, {@linkcode suppressSmallCells},
 *   {@linkcode forgetCustomers} and {@linkcode retainRecent};
 * - `quality`: {@linkcode checkTransactions} and {@linkcode cleanTransactions};
 * - `integrate`: {@linkcode joinSources} (one table per customer from named sources, with
 *   findings and a feature dictionary) and {@linkcode groupSummary};
 * - `eda`: descriptive statistics, correlations, outliers, revenue over time, concentration;
 * - `prep`: fitted scalers and encoders, train/test split;
 * - `rfm`, `segmentation`, `survival`, `evaluate`, `churn`, `basket`, `recommend`: the analyses;
 * - `clv`: customer lifetime value ({@linkcode clvSummary}, {@linkcode fitBgNbd},
 *   {@linkcode fitParetoNbd}, {@linkcode fitModifiedBgNbd}, {@linkcode fitGammaGamma}) and the
 *   customer view that joins it with the other analyses into one ranked row per customer
 *   ({@linkcode customerView}, {@linkcode exportCustomerView});
 * - `kpi`: customer KPIs per period ({@linkcode kpiTable}), {@linkcode unitEconomics} and survey
 *   scores ({@linkcode npsScore}, {@linkcode csatScore});
 * - `sql`: the same summaries as SQL for DuckDB, ClickHouse, Trino, Spark SQL and BigQuery
 *   ({@linkcode rfmSql}, {@linkcode clvSummarySql}, {@linkcode kpiTableSql},
 *   {@linkcode basketPairsSql}) and an embedded DuckDB reader
 *   ({@linkcode queryDuckDb});
 * - `stats`: distribution functions accurate in the far tails ({@linkcode normal},
 *   {@linkcode studentT}, {@linkcode chiSquare}, {@linkcode beta}: CDF, survival, quantile);
 * - `experiment`: A/B tests ({@linkcode twoProportionTest}, {@linkcode welchTest},
 *   {@linkcode srmTest}, {@linkcode sampleSize}, {@linkcode power}, {@linkcode adjustPValues},
 *   {@linkcode cupedAdjust}, {@linkcode betaBinomialSummary}, {@linkcode ratioTest},
 *   {@linkcode sequentialTest});
 * - `forecast`: sales forecasting ({@linkcode regularSeries}, baselines,
 *   {@linkcode fitExponentialSmoothing}, {@linkcode backtest});
 * - `charts`: Observable Plot charts that display in Jupyter and save to SVG or PNG;
 * - `display`: {@linkcode showTable}, tables rounded for reading;
 * - `util`: the environment table, the seeded random generator and the thread settings
 *   ({@linkcode setDefaultThreads}: how many cores the numeric kernels use).
 *
 * The private `core` module under them all holds the argument checks and house error messages,
 * dtype helpers, the numpy-compatible quantile, the feature matrix, the grid index, time
 * constants and XML escaping; it is not exported here.
 *
 * Layers, lowest first: core, stats, io, governance, quality, integrate, eda and prep, rfm,
 * segmentation, survival, evaluate, churn, basket, recommend, clv, kpi, sql, experiment, forecast,
 * charts, display, util. A module imports only from layers before its own (never from a sibling in its layer), nothing
 * in `lib/` imports tools, tests or notebooks, and no files import each other in a circle;
 * `tests/layering_test.ts` enforces all three. Notebooks and `tools/` sit on top and use this
 * file.
 *
 * @example Read, check and clean a transaction log
 * ```ts
 * import { checkTransactions, cleanTransactions, readTransactions } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const raw = readTransactions("tests/fixtures/transactions_small.csv");
 * const findings = checkTransactions(raw);
 * const { data } = cleanTransactions(raw);
 * assert.ok(findings.height >= 0 && data.height <= raw.height);
 * ```
 *
 @module
 */
export * from "./stats/mod.ts";
export * from "./io/mod.ts";
export * from "./governance/mod.ts";
export * from "./quality/mod.ts";
export * from "./integrate/mod.ts";
export * from "./eda/mod.ts";
export * from "./charts/mod.ts";
export * from "./util/mod.ts";
export * from "./segmentation/mod.ts";
export * from "./rfm/mod.ts";
export * from "./prep/mod.ts";
export * from "./evaluate/mod.ts";
export * from "./survival/mod.ts";
export * from "./churn/mod.ts";
export * from "./basket/mod.ts";
export * from "./recommend/mod.ts";
export * from "./clv/mod.ts";
export * from "./kpi/mod.ts";
export * from "./sql/mod.ts";
export * from "./experiment/mod.ts";
export * from "./forecast/mod.ts";
export * from "./display/mod.ts";
export type { DataFrame, DataType, Expr, LazyFrame, Series } from "./core/frame.ts";
