// Customer Lens explorer: the pages' charts (Observable Plot, served from /static/vendor/),
// sortable tables, the live row filter and the what-if sliders. Data comes from the page's
// <script type="application/json" id="page-data"> block; text from the data is only ever set as
// text (textContent, Plot's text channels), never as HTML.
"use strict";
(function () {
  const dataElement = document.getElementById("page-data");
  const data = dataElement ? JSON.parse(dataElement.textContent) : {};
  const money = (v) =>
    v == null
      ? "–"
      : v.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (v) => v == null ? "–" : (v * 100).toFixed(1) + "%";
  const segmentUrl = (by, name) =>
    `/segment?by=${encodeURIComponent(by)}&name=${encodeURIComponent(name)}`;

  function mount(id, plot) {
    const el = document.getElementById(id);
    if (!el || !plot) return;
    el.replaceChildren(plot);
    el.dataset.rendered = "true";
  }

  function charts() {
    if (typeof Plot === "undefined") return;
    if (data.chart === "overview" || data.chart === "segments") {
      const segments = data.segments;
      const plot = data.chart === "overview"
        ? Plot.plot({
          marginLeft: 160,
          width: 900,
          x: { label: "Expected CLV (total)", grid: true },
          y: { label: null },
          marks: [
            Plot.barX(segments, {
              y: "segment",
              x: "clv_total",
              fill: "churn_probability_mean",
              sort: { y: "-x" },
              tip: true,
              channels: { customers: "customers", "churn prob.": "churn_probability_mean" },
            }),
            Plot.ruleX([0]),
          ],
          color: { label: "Mean churn probability", legend: true, scheme: "reds", domain: [0, 1] },
        })
        : Plot.plot({
          width: 900,
          height: 420,
          inset: 36,
          grid: true,
          x: { label: "Mean churn probability", tickFormat: "%" },
          y: { label: "Mean CLV per customer" },
          r: { range: [4, 30] },
          marks: [
            Plot.dot(segments, {
              x: "churn_probability_mean",
              y: "clv_mean",
              r: "customers",
              fill: "#457b9d",
              fillOpacity: 0.6,
              tip: true,
              channels: { segment: "segment", customers: "customers", action: "action" },
            }),
            Plot.text(segments, {
              x: "churn_probability_mean",
              y: "clv_mean",
              text: "segment",
              dy: -14,
            }),
          ],
        });
      plot.addEventListener("click", () => {
        if (plot.value) location.href = segmentUrl(data.by, plot.value.segment);
      });
      mount(data.chart === "overview" ? "chart-overview" : "chart-segments", plot);
    } else if (data.chart === "segment" && data.customers.length > 0) {
      mount(
        "chart-segment",
        Plot.plot({
          width: 900,
          height: 380,
          grid: true,
          x: { label: "Churn probability", tickFormat: "%" },
          y: { label: "Expected CLV", type: "symlog" },
          marks: [
            Plot.dot(data.customers, {
              x: "churn_probability",
              y: "clv",
              stroke: "#1d3557",
              tip: true,
              channels: { customer: "customer_id", action: "action", next: "next_product" },
            }),
            Plot.crosshair(data.customers, { x: "churn_probability", y: "clv" }),
          ],
        }),
      );
    } else if (data.chart === "customer") {
      const c = data.customer;
      if (c.clv == null) return;
      const row = [{ label: "CLV", clv: c.clv, p10: c.clv_p10 ?? c.clv, p90: c.clv_p90 ?? c.clv }];
      mount(
        "chart-customer",
        Plot.plot({
          width: 700,
          height: 110,
          marginLeft: 60,
          x: { label: "Expected CLV with its p10–p90 interval", grid: true },
          y: { label: null },
          marks: [
            Plot.ruleY(row, {
              y: "label",
              x1: "p10",
              x2: "p90",
              strokeWidth: 3,
              stroke: "#457b9d",
            }),
            Plot.dot(row, {
              y: "label",
              x: "clv",
              r: 6,
              fill: "#e63946",
              tip: true,
              channels: { p10: "p10", p90: "p90" },
            }),
          ],
        }),
      );
    }
  }

  // Sortable tables: click a heading to sort the rows shown (numbers by their data-value).
  function sortable() {
    for (const table of document.querySelectorAll("table.sortable:not([data-sortable])")) {
      table.dataset.sortable = "true";
      table.querySelectorAll("thead th").forEach((th, index) => {
        th.addEventListener("click", () => {
          const descending = th.getAttribute("aria-sort") === "ascending";
          table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          const body = table.tBodies[0];
          const key = (tr) => {
            const td = tr.cells[index];
            const raw = td.dataset.value;
            if (raw !== undefined && raw !== "" && !Number.isNaN(Number(raw))) return Number(raw);
            return td.textContent.trim();
          };
          const rows = [...body.rows];
          rows.sort((a, b) => {
            const x = key(a), y = key(b);
            const c = typeof x === "number" && typeof y === "number"
              ? x - y
              : String(x).localeCompare(String(y));
            return descending ? -c : c;
          });
          body.replaceChildren(...rows);
        });
      });
    }
  }

  // The segment page's filter narrows the rows shown while typing (the form asks the server).
  function liveFilter() {
    const input = document.getElementById("filter");
    const table = document.getElementById("customers");
    if (!input || !table) return;
    input.addEventListener("input", () => {
      const q = input.value.trim().toLowerCase();
      for (const tr of table.tBodies[0].rows) {
        tr.hidden = q !== "" && !tr.textContent.toLowerCase().includes(q);
      }
    });
  }

  // What-if: moving a slider asks the server for the results block and swaps it in.
  function whatIf() {
    const form = document.getElementById("whatif");
    if (!form) return;
    let timer = 0;
    let sequence = 0;
    const update = () => {
      const budget = form.elements.budget.value, threshold = form.elements.threshold.value;
      document.getElementById("budget-out").textContent = money(Number(budget));
      document.getElementById("threshold-out").textContent = pct(Number(threshold));
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const mine = ++sequence;
        const params = new URLSearchParams({ budget, threshold, fragment: "1" });
        const response = await fetch(`/whatif?${params}`);
        if (!response.ok || mine !== sequence) return;
        const html = await response.text();
        const holder = document.createElement("template");
        holder.innerHTML = html; // the server's own escaped HTML
        document.getElementById("whatif-results").replaceWith(holder.content);
        history.replaceState(
          null,
          "",
          `/whatif?budget=${encodeURIComponent(budget)}&threshold=${encodeURIComponent(threshold)}`,
        );
        sortable();
        document.body.dataset.whatifUpdates = String(mine);
      }, 150);
    };
    form.addEventListener("input", update);
  }

  try {
    charts();
  } catch (error) {
    console.error("chart failed", error);
  }
  sortable();
  liveFilter();
  whatIf();
  document.body.dataset.ready = "true";
})();
