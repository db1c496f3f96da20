"""Reference values for lib/forecast/calendar_regression.ts from statsmodels OLS.

Monthly revenue from tests/fixtures/forecast_series.csv regressed on an intercept, a linear trend
(0, 1, 2, ...), month dummies (January the reference level) and the number of England and Wales
bank holidays in the month (the list in ukBankHolidays), with statsmodels 0.13.5 `OLS`; the
forecast for the next 6 months with `get_prediction(...).summary_frame(alpha=0.05)` (observation
intervals, t distribution).

Run: /usr/bin/python3 tests/reference/calendar_regression_reference.py
Writes tests/fixtures/calendar_regression_reference.json.
"""
import csv
import json
import pathlib

import numpy as np
import statsmodels
import statsmodels.api as sm

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOLIDAYS = """2009-01-01 2009-04-10 2009-04-13 2009-05-04 2009-05-25 2009-08-31 2009-12-25 2009-12-28
2010-01-01 2010-04-02 2010-04-05 2010-05-03 2010-05-31 2010-08-30 2010-12-27 2010-12-28
2011-01-03 2011-04-22 2011-04-25 2011-04-29 2011-05-02 2011-05-30 2011-08-29 2011-12-26 2011-12-27
2012-01-02 2012-04-06 2012-04-09 2012-05-07 2012-06-04 2012-06-05 2012-08-27 2012-12-25 2012-12-26""".split()

dates, values = [], []
with open(ROOT / "tests/fixtures/forecast_series.csv") as f:
    for row in csv.DictReader(f):
        if row["series"] == "monthly_revenue":
            dates.append(row["date"])
            values.append(float(row["value"]))


def design(year, month, t):
    x = [1.0, float(t)]
    x += [1.0 if month == level else 0.0 for level in range(2, 13)]
    x.append(float(sum(1 for h in HOLIDAYS if h.startswith(f"{year:04d}-{month:02d}"))))
    return x


rows = [design(int(d[:4]), int(d[5:7]), t) for t, d in enumerate(dates)]
fit = sm.OLS(np.array(values), np.array(rows)).fit()
future = []
year, month = int(dates[-1][:4]), int(dates[-1][5:7])
for h in range(1, 7):
    month += 1
    if month > 12:
        year, month = year + 1, 1
    future.append(design(year, month, len(dates) - 1 + h))
frame = fit.get_prediction(np.array(future)).summary_frame(alpha=0.05)
out = {
    "source": "statsmodels OLS, get_prediction(...).summary_frame(alpha=0.05)",
    "statsmodels": statsmodels.__version__,
    "terms": ["intercept", "trend"] + [f"month_{m}" for m in range(2, 13)] + ["holidays"],
    "estimate": [float(v) for v in fit.params],
    "std_error": [float(v) for v in fit.bse],
    "sse": float(fit.ssr),
    "forecast": [float(v) for v in frame["mean"]],
    "lower_95": [float(v) for v in frame["obs_ci_lower"]],
    "upper_95": [float(v) for v in frame["obs_ci_upper"]],
}
(ROOT / "tests/fixtures/calendar_regression_reference.json").write_text(json.dumps(out, indent=1) + "\n")
print(out["terms"], out["sse"])
