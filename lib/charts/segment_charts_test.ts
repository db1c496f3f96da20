import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { silhouettePlot } from "./silhouette_plot.ts";
import { profileHeatmap } from "./profile_heatmap.ts";
import { snakePlot } from "./snake_plot.ts";
import { kMetricsChart } from "./k_metrics_chart.ts";

Deno.test("silhouettePlot draws one area per cluster and a mean rule, deterministically", () => {
  const samples = [0.9, 0.8, 0.7, 0.2, -0.1, 0.5, 0.6];
  const labels = [0, 0, 0, 1, 1, 2, 2];
  const chart = silhouettePlot(samples, { labels, names: { 2: "Loyal" } });
  assert.equal((chart.svg.match(/<path /g) ?? []).length >= 3, true);
  assert.match(chart.svg, /Segment 1/);
  assert.match(chart.svg, /Loyal/);
  assert.equal(chart.svg, silhouettePlot(samples, { labels, names: { 2: "Loyal" } }).svg);
  assert.throws(() => silhouettePlot([0.1], { labels: [0, 1] }), RangeError);
  assert.throws(() => silhouettePlot([], { labels: [] }), RangeError);
});

Deno.test("profileHeatmap labels each segment x feature index", () => {
  const profile = pl.DataFrame({
    segment: ["Careful", "Big spenders"],
    income_index: [52, 148],
    score_index: [160, 35],
    description: ["", ""],
  });
  const svg = profileHeatmap(profile, { title: "Profiles" }).svg;
  for (const v of ["52", "148", "160", "35"]) assert.match(svg, new RegExp(`>${v}<`));
  assert.match(svg, />Careful</);
  assert.throws(
    () => profileHeatmap(pl.DataFrame({ segment: ["a"] })),
    /no column ends in "_index"/,
  );
  assert.throws(
    () => profileHeatmap(pl.DataFrame({ x_index: [1] })),
    /column "segment" is missing/,
  );
});

Deno.test("snakePlot plots standardised segment means", () => {
  const df = pl.DataFrame({ recency: [5, 10, 200, 300], spend: [900, 800, 20, 10] });
  const chart = snakePlot(df, { labels: [0, 0, 1, 1], names: { 0: "Active", 1: "Lapsed" } });
  assert.match(chart.svg, />Active</);
  assert.match(chart.svg, />recency</);
  assert.throws(() => snakePlot(df, { labels: [0] }), RangeError);
});

Deno.test("kMetricsChart has four titled panels", () => {
  const table = pl.DataFrame({
    k: [2, 3],
    inertia: [10, 5],
    silhouette: [0.4, 0.6],
    davies_bouldin: [0.9, 0.6],
    calinski_harabasz: [50, 90],
  });
  const svg = kMetricsChart(table, { title: "Choosing k" }).svg;
  for (const t of ["inertia (look", "silhouette (higher", "Davies-Bouldin", "Calinski-Harabasz"]) {
    assert.ok(svg.includes(t), t);
  }
  assert.throws(() => kMetricsChart(table.drop("silhouette")), TypeError);
});

Deno.test("profileHeatmap and kMetricsChart take other column names", () => {
  const profile = pl.DataFrame({ segment: ["A", "B"], spend_index: [40, 160] });
  const renamed = pl.DataFrame({ cluster: ["A", "B"], spend_idx: [40, 160] });
  assert.equal(
    profileHeatmap(renamed, { segment: "cluster", suffix: "_idx" }).svg,
    profileHeatmap(profile).svg,
  );
  const table = pl.DataFrame({ clusters: [2, 3, 4], score: [0.2, 0.5, 0.4] });
  const svg = kMetricsChart(table, { k: "clusters", panels: [["score", "my score"]] }).svg;
  assert.ok(svg.includes("my score"));
});
