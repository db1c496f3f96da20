/**
 * Fixtures shared by the segmentation tests (and `tests/datasets/segmentation_test.ts`): the
 * scikit-learn reference cases, the frames they name, a seeded generator for synthetic data, and
 * the bad-input checks every cluster metric must pass.
 *
 * Reference values: tests/reference/cluster_metrics_reference.py (scikit-learn 1.2.1) writes
 * tests/fixtures/cluster_reference_{metrics,dbscan,kdistance}.json. Cases on the bundled Mall
 * data (`data/...`) are whole-dataset tests: they run in tests/datasets, the others here.
 *
 * @module
 */
import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { root } from "../../tests/_helpers.ts";
import type { DataFrame } from "../core/frame.ts";

/** What every reference case names: the CSV file and the feature columns. */
export interface ReferenceCase {
  /** Case name, e.g. `"blobs_kmeans4"`. */
  name: string;
  /** CSV path relative to the repository root. */
  file: string;
  /** Feature columns. */
  features: string[];
}

/** A cluster-metric case: labels and scikit-learn's score for each metric. */
export interface MetricCase extends ReferenceCase {
  /** One label per row. */
  labels: number[];
  /** `sklearn.metrics.silhouette_score(X, labels)`. */
  silhouette_score: number;
  /** `sklearn.metrics.silhouette_samples(X, labels)`. */
  silhouette_samples: number[];
  /** `sklearn.metrics.davies_bouldin_score(X, labels)`. */
  davies_bouldin_score: number;
  /** `sklearn.metrics.calinski_harabasz_score(X, labels)`. */
  calinski_harabasz_score: number;
}

/** A DBSCAN case: `sklearn.cluster.DBSCAN(eps, min_samples).fit(X)`. */
export interface DbscanCase extends ReferenceCase {
  /** eps. */
  eps: number;
  /** min_samples. */
  min_samples: number;
  /** Number of clusters. */
  n_clusters: number;
  /** `labels_`. */
  labels: number[];
  /** `core_sample_indices_`. */
  core_sample_indices: number[];
  /** Border rows within eps of core rows of two clusters. */
  contested_rows?: number[];
  /** Pairs of rows exactly eps apart. */
  exact_pairs?: number;
}

/** A k-distance case: `NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X)` column k. */
export interface KDistanceCase extends ReferenceCase {
  /** k. */
  k: number;
  /** The k-distances, descending. */
  k_distance: number[];
}

/** Which reference cases: on small test fixtures, or on the bundled datasets (`data/`). */
export type CaseScope = "fixtures" | "datasets";

function cases<T extends ReferenceCase>(json: string, scope: CaseScope): T[] {
  const all: T[] = JSON.parse(Deno.readTextFileSync(root(`tests/fixtures/${json}`))).cases;
  return all.filter((c) => c.file.startsWith("data/") === (scope === "datasets"));
}

/**
 * The cluster-metric reference cases.
 *
 * @param scope Fixture cases (lib tests) or dataset cases (tests/datasets).
 * @returns The cases.
 */
export function metricCases(scope: CaseScope): MetricCase[] {
  return cases("cluster_reference_metrics.json", scope);
}

/**
 * The DBSCAN reference cases.
 *
 * @param scope Fixture cases (lib tests) or dataset cases (tests/datasets).
 * @returns The cases.
 */
export function dbscanCases(scope: CaseScope): DbscanCase[] {
  return cases("cluster_reference_dbscan.json", scope);
}

/**
 * The k-distance reference cases.
 *
 * @param scope Fixture cases (lib tests) or dataset cases (tests/datasets).
 * @returns The cases.
 */
export function kDistanceCases(scope: CaseScope): KDistanceCase[] {
  return cases("cluster_reference_kdistance.json", scope);
}

const frames = new Map<string, DataFrame>();

/**
 * Reads a reference case's CSV once per test run.
 *
 * @param file Path relative to the repository root.
 * @returns The frame.
 */
export function loadFrame(file: string): DataFrame {
  if (!frames.has(file)) frames.set(file, pl.readCSV(root(file)));
  return frames.get(file)!;
}

/**
 * A seeded uniform generator in [0, 1) (a 32-bit LCG), for synthetic test data.
 *
 * @param seed The seed.
 * @returns The generator.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A cluster metric: `(df, labels, { features })`. */
export type ClusterMetric = (
  df: DataFrame,
  labels: ArrayLike<number>,
  options?: { features?: readonly string[] },
) => unknown;

/**
 * Asserts the errors every cluster metric gives for bad labels and features: one distinct label,
 * n distinct labels, a length mismatch, a NaN feature, a text feature and an empty frame.
 *
 * @param metric The metric.
 * @param action Its action in messages, e.g. `"compute Davies-Bouldin score"`.
 */
export function assertMetricInputErrors(metric: ClusterMetric, action: string): void {
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  assert.throws(
    () => metric(df, [1, 1, 1, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot ${action} as the number of distinct labels must be from 2 to n - 1 (inclusive): 1 distinct label (1) for n = 4 rows`,
  );
  assert.throws(
    () => metric(df, [0, 1, 2, 3], { features: ["x"] }),
    (e) =>
      e instanceof RangeError && /4 distinct labels \(0, 1, 2, 3\) for n = 4 rows$/.test(e.message),
  );
  assert.throws(
    () => metric(df, [0, 1, 1, 0, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /labels and rows differ in length: 5 labels, 4 rows$/.test(e.message),
  );
  assert.throws(
    () => metric(df, [0, 0, 1, 1], { features: ["x", "y"] }),
    (e) => e instanceof RangeError && /feature "y" has 1 row with missing, NaN/.test(e.message),
  );
  assert.throws(
    () => metric(df, [0, 0, 1, 1], { features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric/.test(e.message),
  );
  assert.throws(
    () => metric(pl.DataFrame({ x: [] as number[] }), []),
    (e) => e instanceof RangeError && /the frame is empty: 0 rows$/.test(e.message),
  );
}

/**
 * The chosen columns of a frame as arrays of rows.
 *
 * @param df The frame.
 * @param features The columns.
 * @returns One array per row.
 */
export function featureRows(df: DataFrame, features: readonly string[]): number[][] {
  return df.select(...features).rows() as number[][];
}

/** The parts of a fitted k-means model {@linkcode assertConsistent} checks. */
export interface KMeansFit {
  /** Number of clusters. */
  readonly k: number;
  /** Centroids. */
  readonly centroids: readonly (readonly number[])[];
  /** Label of each training row. */
  readonly labels: Int32Array;
  /** Sum of squared distances to the centroids. */
  readonly inertia: number;
  /** Rows per cluster. */
  readonly sizes: Int32Array;
}

/**
 * Asserts that a k-means fit is self-consistent: every row sits at its nearest centroid, the
 * inertia is the sum of those squared distances, the sizes count the labels and no cluster is
 * empty.
 *
 * @param model The fitted model.
 * @param points The training rows (see {@linkcode featureRows}).
 */
export function assertConsistent(model: KMeansFit, points: number[][]): void {
  const sqDist = (a: readonly number[], b: readonly number[]) =>
    a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
  let inertia = 0;
  points.forEach((p, i) => {
    const d = model.centroids.map((c) => sqDist(p, c));
    const nearest = Math.min(...d);
    assert.ok(
      d[model.labels[i]] <= nearest * (1 + 1e-12),
      `row ${i} is not at its nearest centroid`,
    );
    inertia += d[model.labels[i]];
  });
  assert.ok(Math.abs(inertia - model.inertia) <= 1e-9 * inertia, "inertia matches the centroids");
  const sizes = new Int32Array(model.k);
  for (const l of model.labels) sizes[l]++;
  assert.deepEqual(model.sizes, sizes);
  assert.ok([...sizes].every((s) => s > 0), "no empty cluster");
}

/**
 * Asserts that the median inertia of ten seeded fits is within 0.1% of scikit-learn's median
 * (tests/reference/kmeans_reference.py: `KMeans(n_clusters=k, n_init=10, algorithm="lloyd",
 * random_state=s)` for s = 0..9), and, where scikit-learn finds one optimum for every seed, that
 * every seed finds it too.
 *
 * No check of the worst seed against scikit-learn's worst otherwise: on the Mall data with k = 2
 * only ~15% of k-means++ starts reach the best optimum in either library (measured: 13% here over
 * 1,000 seeds, 17% for scikit-learn over 400), so the worst of ten restarts is luck for both.
 *
 * @param name The case, for messages.
 * @param k Number of clusters.
 * @param inertias The ten fits' inertias (seeds 0 to 9).
 * @param skMedian scikit-learn's median inertia over seeds 0 to 9.
 * @param skMax scikit-learn's largest inertia over seeds 0 to 9.
 */
export function assertNoWorseThanSklearn(
  name: string,
  k: number,
  inertias: readonly number[],
  skMedian: number,
  skMax: number,
): void {
  const sorted = [...inertias].sort((a, b) => a - b);
  const median = (sorted[4] + sorted[5]) / 2;
  assert.ok(median <= skMedian * 1.001, `${name} k=${k}: median ${median} vs sklearn ${skMedian}`);
  if (skMedian === skMax) {
    // scikit-learn's ten seeds all reached this optimum. Ours may miss it with one seed, by little:
    // each restart runs its own stream (issue 17), and on Mall k = 4 a restart reaches the better
    // optimum 43% of the time (2,000 restarts) against scikit-learn's 47% (300 seeds of n_init=1),
    // so ten restarts all miss with probability about 0.4% per seed (seed 4 does, 0.27% above).
    assert.ok(sorted[8] <= skMedian * 1.001, `${name} k=${k}: two seeds missed ${skMedian}`);
    assert.ok(sorted[9] <= skMedian * 1.005, `${name} k=${k}: a seed missed ${skMedian} by > 0.5%`);
  }
}
