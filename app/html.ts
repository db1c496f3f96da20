/**
 * HTML for the explorer's pages, rendered on the server. Every text from the data goes through
 * {@linkcode esc}; data handed to the browser's charts goes in a `<script type="application/json">`
 * block through {@linkcode jsonForScript}. The pages load only `/static/` files (no CDN).
 *
 * @module
 */
import {
  AT_RISK,
  CUSTOMER_VIEW_COLUMNS,
  type CustomerRecord,
  type Kpi,
  NOTEBOOK_07,
  SEGMENT_COLUMNS,
  type SegmentColumn,
  type SegmentSummary,
  type WhatIf,
} from "./data.ts";

/**
 * Escapes text for HTML content and double- or single-quoted attributes.
 *
 * @param value Any value; null and undefined give "".
 * @returns The escaped text.
 */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  if (!/[&<>"']/.test(text)) return text;
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/**
 * JSON safe inside `<script type="application/json">` and in any response: `<`, `>`, `&` and the
 * line separators are written as `\uXXXX` escapes, so no text can close the script element.
 *
 * @param value A JSON-serialisable value.
 * @returns The JSON text.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A number with `digits` decimals and thousands separators (`1,234.50`): `toFixed` and a regular
 * expression, about ten times faster than `Intl.NumberFormat` for the thousands of cells a page
 * has, with the same digits.
 */
function fixed(v: number, digits: number): string {
  const text = Math.abs(v).toFixed(digits);
  const dot = text.indexOf(".");
  const whole = dot < 0 ? text : text.slice(0, dot);
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, ",") : whole;
  const sign = v < 0 && Number(text) !== 0 ? "-" : "";
  return sign + grouped + (dot < 0 ? "" : text.slice(dot));
}

/** Money: `12,345.68`; missing: `–`. */
export function money(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? "–" : fixed(v, 2);
}
/** Share as a percentage: `12.3%`. */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? "–" : `${fixed(v * 100, 1)}%`;
}
/** A count: `12,345`. */
export function count(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? "–" : fixed(v, 0);
}
/** A mean of counts or days, one decimal. */
export function decimal(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? "–" : fixed(v, 1);
}

/** How each customer column is displayed. */
export const COLUMN_FORMAT: Record<string, (v: number | null) => string> = {
  recency_days: count,
  frequency: count,
  monetary: money,
  churn_probability: percent,
  probability_alive: percent,
  clv: money,
  clv_p10: money,
  clv_p90: money,
  offer_budget: money,
  expected_gain: money,
  rank: count,
};

function formatKpi(k: Kpi): string {
  return k.unit === "money"
    ? money(k.value)
    : k.unit === "share"
    ? percent(k.value)
    : count(k.value);
}

const PAGES = [
  ["/", "Overview"],
  ["/segments", "Segments"],
  ["/whatif", "What-if"],
] as const;

/** The "Who moved" navigation item while no batch is loaded: shown, disabled, saying why. */
const NO_BATCH_NAV = '<span class="nav-disabled" id="nav-transitions" aria-disabled="true" ' +
  'title="No batch loaded: start the explorer with --transactions FILE --batch FILE">Who moved</span>';

function transitionsLink(current: boolean): string {
  return `<a href="/transitions" id="nav-transitions"${
    current ? ' aria-current="page"' : ""
  }>Who moved</a>`;
}

/**
 * A page with the "Who moved" navigation item enabled (the server applies it to every page when
 * a batch is loaded; data on a page is escaped, so only the navigation item matches).
 *
 * @param page A page from {@linkcode layout}.
 * @returns The page with the item as a link to `/transitions`.
 */
export function withBatchNav(page: string): string {
  return page.replace(NO_BATCH_NAV, transitionsLink(false));
}

/**
 * The page frame: header, navigation, content, scripts.
 *
 * @param title The page title (escaped here).
 * @param body The page's HTML (already escaped).
 * @param options The current path (for the navigation), the data for the charts, and `batch`:
 * whether a batch is loaded (the "Who moved" item is a link then, shown disabled otherwise).
 */
export function layout(
  title: string,
  body: string,
  options: { path: string; data?: unknown; status?: string; batch?: boolean } = { path: "" },
): string {
  const nav =
    PAGES.map(([href, label]) =>
      `<a href="${href}"${options.path === href ? ' aria-current="page"' : ""}>${label}</a>`
    ).join("") + (options.batch ? transitionsLink(options.path === "/transitions") : NO_BATCH_NAV);
  const data = options.data === undefined
    ? ""
    : `<script type="application/json" id="page-data">${jsonForScript(options.data)}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Customer Lens</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header><strong>Customer Lens</strong> <nav>${nav}</nav>
<form class="find" action="/customer" method="get"><input name="id" placeholder="Customer id" aria-label="Customer id"><button>Open</button></form></header>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
${data}
<script src="/static/vendor/d3-7.9.2.min.js"></script>
<script src="/static/vendor/plot-0.6.17.umd.min.js"></script>
<script src="/static/app.js"></script>
</body>
</html>
`;
}

/** A message box for a page that cannot show its data. */
export function missingPage(title: string, path: string, message: string): string {
  return layout(title, `<p class="missing" id="missing">${esc(message)}</p>`, { path });
}

/** The overview page. */
export function overviewPage(
  kpis: Kpi[],
  segments: SegmentSummary[],
  source: string,
  kpiTable: { source: string; header: string[]; rows: string[][] } | null,
): string {
  const rows = kpis.map((k) =>
    `<tr data-kpi="${esc(k.key)}"><th scope="row">${esc(k.label)}</th><td class="num">${
      esc(formatKpi(k))
    }</td></tr>`
  ).join("\n");
  const table07 = kpiTable
    ? `<h2>KPI table of notebook 07</h2><p class="note">From ${esc(kpiTable.source)}.</p>
<table id="kpi-table-07"><thead><tr>${
      kpiTable.header.map((h) => `<th>${esc(h)}</th>`).join("")
    }</tr></thead><tbody>${
      kpiTable.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")
    }</tbody></table>`
    : `<p class="note" id="kpi-note">${
      esc(
        `${NOTEBOOK_07} exports no KPI table (kpis.csv) in this results folder, so these KPIs are ` +
          `computed from ${source}.`,
      )
    }</p>`;
  return layout(
    "Overview",
    `<table id="kpis" class="kpis"><tbody>
${rows}
</tbody></table>
${table07}
<h2>Value and churn risk by RFM segment</h2>
<p class="note">Each bar is a segment's expected CLV; hover for its size and churn risk. Click a bar to open the segment.</p>
<div class="chart" id="chart-overview"></div>`,
    { path: "/", data: { chart: "overview", segments, by: "rfm_segment" } },
  );
}

function segmentLink(by: SegmentColumn, name: string): string {
  return `/segment?by=${encodeURIComponent(by)}&name=${encodeURIComponent(name)}`;
}

/** The segments page. */
export function segmentsPage(segments: SegmentSummary[], by: SegmentColumn): string {
  const tabs = SEGMENT_COLUMNS.map((c) =>
    `<a href="/segments?by=${c}"${c === by ? ' aria-current="true"' : ""}>${
      c === "rfm_segment" ? "RFM segments" : "k-means segments"
    }</a>`
  ).join(" · ");
  const rows = segments.map((s) =>
    `<tr data-segment="${esc(s.segment)}">
<td><a href="${esc(segmentLink(by, s.segment))}">${esc(s.segment)}</a></td>
<td class="num" data-key="customers">${count(s.customers)}</td>
<td class="num" data-key="share">${percent(s.share)}</td>
<td class="num" data-key="clv_total">${money(s.clv_total)}</td>
<td class="num" data-key="clv_mean">${money(s.clv_mean)}</td>
<td class="num" data-key="churn_probability_mean">${percent(s.churn_probability_mean)}</td>
<td class="num" data-key="at_risk_share">${percent(s.at_risk_share)}</td>
<td class="num" data-key="recency_days_mean">${decimal(s.recency_days_mean)}</td>
<td class="num" data-key="frequency_mean">${decimal(s.frequency_mean)}</td>
<td class="num" data-key="monetary_mean">${money(s.monetary_mean)}</td>
<td data-key="action">${esc(s.action)} <span class="note">(${percent(s.action_share)})</span></td>
</tr>`
  ).join("\n");
  return layout(
    "Segments",
    `<p>${tabs}</p>
<p class="note">Churn risk: mean churn probability, and the share of customers at or above ${
      AT_RISK * 100
    }%. Profile: mean recency (days), orders and spend. Action: the most common recommended action in the segment (its share).</p>
<div class="chart" id="chart-segments"></div>
<table id="segments" class="sortable"><thead><tr>
<th>Segment</th><th>Customers</th><th>Share</th><th>CLV total</th><th>CLV mean</th><th>Churn prob. mean</th><th>At risk</th><th>Recency (days)</th><th>Orders</th><th>Spend mean</th><th>Action</th>
</tr></thead><tbody>
${rows}
</tbody></table>`,
    { path: "/segments", data: { chart: "segments", segments, by } },
  );
}

const LIST_COLUMNS = [
  "rank",
  "customer_id",
  "recency_days",
  "frequency",
  "monetary",
  "churn_probability",
  "clv",
  "next_product",
  "action",
  "expected_gain",
] as const;

/** Table rows of customers (used by the segment and what-if pages). */
export function customerRows(records: CustomerRecord[]): string {
  return records.map((r) =>
    `<tr data-id="${esc(r.customer_id)}">${
      LIST_COLUMNS.map((c) => {
        const v = r[c];
        if (c === "customer_id") {
          return `<td data-key="customer_id"><a href="/customer/${
            esc(encodeURIComponent(String(v)))
          }">${esc(v)}</a></td>`;
        }
        const f = COLUMN_FORMAT[c];
        return f
          ? `<td class="num" data-key="${c}" data-value="${esc(v)}">${f(v as number | null)}</td>`
          : `<td data-key="${c}">${esc(v)}</td>`;
      }).join("")
    }</tr>`
  ).join("\n");
}

/**
 * A table of customers. Without `sortLink` its headings sort the rows shown, in the browser; with
 * it each heading is a link that asks the server to sort the whole list.
 */
function customerTable(
  id: string,
  records: CustomerRecord[],
  sortLink?: (column: string) => { href: string; state?: "ascending" | "descending" },
): string {
  const head = LIST_COLUMNS.map((c) => {
    const label = esc(c.replaceAll("_", " "));
    if (!sortLink) return `<th data-key="${c}">${label}</th>`;
    const link = sortLink(c);
    return `<th data-key="${c}"${link.state ? ` aria-sort="${link.state}"` : ""}><a href="${
      esc(link.href)
    }">${label}</a></th>`;
  }).join("");
  return `<table id="${id}"${
    sortLink ? "" : ' class="sortable"'
  }><thead><tr>${head}</tr></thead><tbody>
${customerRows(records)}
</tbody></table>`;
}

/** A segment's customers. */
export function segmentPage(
  summary: SegmentSummary,
  by: SegmentColumn,
  records: CustomerRecord[],
  total: number,
  q: string,
  sort: { column: string; descending: boolean } = { column: "rank", descending: false },
): string {
  const base = `/segment?by=${encodeURIComponent(by)}&name=${encodeURIComponent(summary.segment)}${
    q ? `&q=${encodeURIComponent(q)}` : ""
  }`;
  const sortLink = (column: string) => {
    const current = sort.column === column;
    const descending = current ? !sort.descending : column !== "rank" && column !== "customer_id";
    return {
      href: `${base}&sort=${column}&order=${descending ? "desc" : "asc"}`,
      state: current ? (sort.descending ? "descending" as const : "ascending" as const) : undefined,
    };
  };
  const csv = `/export/customers.csv?by=${encodeURIComponent(by)}&segment=${
    encodeURIComponent(summary.segment)
  }${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  return layout(
    `Segment ${summary.segment}`,
    `<p><a href="/segments?by=${by}">All segments</a> · ${esc(by)}</p>
<table class="kpis" id="segment-summary"><tbody>
<tr><th>Customers</th><td class="num" data-key="customers">${count(summary.customers)}</td></tr>
<tr><th>CLV total</th><td class="num" data-key="clv_total">${money(summary.clv_total)}</td></tr>
<tr><th>Mean churn probability</th><td class="num" data-key="churn_probability_mean">${
      percent(summary.churn_probability_mean)
    }</td></tr>
<tr><th>Most common action</th><td data-key="action">${esc(summary.action)}</td></tr>
</tbody></table>
<form class="filter" method="get" action="/segment">
<input type="hidden" name="by" value="${esc(by)}"><input type="hidden" name="name" value="${
      esc(summary.segment)
    }">
<input name="q" id="filter" value="${
      esc(q)
    }" placeholder="Filter: id, product, action" aria-label="Filter">
<button>Filter</button> <a id="export-csv" href="${esc(csv)}" download>Export all ${
      count(total)
    } as CSV</a>
</form>
<p class="note" id="shown">Showing ${count(records.length)} of ${count(total)} customers, by ${
      esc(sort.column.replaceAll("_", " "))
    }${
      sort.descending ? ", largest first" : ""
    }. Click a column heading to sort the whole segment by it; type in the filter to narrow the rows shown, press Filter to search the whole segment.</p>
${customerTable("customers", records, sortLink)}
<div class="chart" id="chart-segment"></div>`,
    {
      path: "/segments",
      data: {
        chart: "segment",
        customers: records.map((r) => ({
          customer_id: r.customer_id,
          churn_probability: r.churn_probability,
          clv: r.clv,
          action: r.action,
          next_product: r.next_product,
        })),
      },
    },
  );
}

/** One customer's page. */
export function customerPage(r: CustomerRecord): string {
  const f = (c: keyof CustomerRecord) => {
    const fmt = COLUMN_FORMAT[c];
    return fmt ? fmt(r[c] as number | null) : esc(r[c]);
  };
  const field = (c: keyof CustomerRecord, label: string) =>
    `<tr><th scope="row">${esc(label)}</th><td class="${
      COLUMN_FORMAT[c] ? "num" : ""
    }" data-key="${c}">${f(c)}</td></tr>`;
  const segLink = (by: SegmentColumn) =>
    r[by] === null ? "–" : `<a href="${esc(segmentLink(by, r[by] as string))}">${esc(r[by])}</a>`;
  return layout(
    `Customer ${r.customer_id}`,
    `<div class="cards">
<section><h2>History</h2><table class="kpis"><tbody>
${field("recency_days", "Days since last order")}
${field("frequency", "Orders")}
${field("monetary", "Spend")}
</tbody></table></section>
<section><h2>Segment</h2><table class="kpis"><tbody>
<tr><th scope="row">RFM segment</th><td data-key="rfm_segment">${segLink("rfm_segment")}</td></tr>
<tr><th scope="row">k-means segment</th><td data-key="kmeans_segment">${
      segLink("kmeans_segment")
    }</td></tr>
<tr><th scope="row">Contact rank</th><td class="num" data-key="rank">${f("rank")}</td></tr>
</tbody></table></section>
<section><h2>Value and risk</h2><table class="kpis"><tbody>
${field("clv", "Expected CLV")}
<tr><th scope="row">CLV interval (p10 – p90)</th><td class="num" data-key="clv_interval">${
      f("clv_p10")
    } – ${f("clv_p90")}</td></tr>
${field("churn_probability", "Churn probability")}
${field("probability_alive", "P(alive)")}
</tbody></table></section>
<section><h2>Next best action</h2><table class="kpis"><tbody>
${field("action", "Action")}
${field("next_product", "Next product / offer")}
${field("next_product_reason", "Why")}
${field("offer_budget", "Offer budget")}
${field("expected_gain", "Expected gain")}
</tbody></table></section>
</div>
<div class="chart" id="chart-customer"></div>`,
    { path: "", data: { chart: "customer", customer: r } },
  );
}

/** The what-if page's results block (also returned alone for the page's live updates). */
export function whatIfResults(w: WhatIf, records: CustomerRecord[]): string {
  return `<div id="whatif-results">
<table class="kpis" id="whatif-totals"><tbody>
<tr><th scope="row">Customers contacted</th><td class="num" data-key="contacted">${
    count(w.contacted)
  }</td></tr>
<tr><th scope="row">Eligible (ranked, churn probability ≥ threshold)</th><td class="num" data-key="eligible">${
    count(w.eligible)
  }</td></tr>
<tr><th scope="row">Offer budget</th><td class="num" data-key="cost">${money(w.cost)}</td></tr>
<tr><th scope="row">Expected gain (net of offer and contact cost)</th><td class="num" data-key="expected_gain">${
    money(w.expected_gain)
  }</td></tr>
<tr><th scope="row">CLV of those contacted</th><td class="num" data-key="clv">${
    money(w.clv)
  }</td></tr>
</tbody></table>
<p class="note">Who is in: the first ${count(records.length)} of ${
    count(w.contacted)
  }, by contact rank.</p>
${customerTable("whatif-customers", records)}
</div>`;
}

/** The what-if page. */
export function whatIfPage(w: WhatIf, records: CustomerRecord[], maxBudget: number): string {
  return layout(
    "What-if: contact budget and churn threshold",
    `<p class="note">Customers with a contact rank (a positive expected gain) whose churn probability is at or above the threshold are taken in rank order while the sum of their offer budgets stays within the budget. Expected gain (uplift × CLV minus contact and offer cost) and offer budget are notebook 08's per-customer figures. The default budget is the offer budget of the customers notebook 08 marks "act this week".</p>
<form id="whatif" method="get" action="/whatif">
<label>Budget <input type="range" name="budget" id="budget" min="0" max="${
      Math.ceil(maxBudget)
    }" step="any" value="${w.budget}"> <output id="budget-out">${money(w.budget)}</output></label>
<label>Churn threshold <input type="range" name="threshold" id="threshold" min="0" max="1" step="0.01" value="${w.threshold}"> <output id="threshold-out">${
      percent(w.threshold)
    }</output></label>
<button>Apply</button>
</form>
${whatIfResults(w, records)}`,
    { path: "/whatif" },
  );
}

/** The 404 page. */
export function notFoundPage(what: string): string {
  return layout("Not found", `<p class="missing" id="not-found">${esc(what)}</p>`, { path: "" });
}

/** Columns in CSV export order. */
export const EXPORT_COLUMNS = CUSTOMER_VIEW_COLUMNS;
