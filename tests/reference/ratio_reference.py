"""Reference values for lib/experiment/ratio_test.ts: the delta-method ratio-metric test.

Run with Debian's Python (python3-numpy, python3-scipy):

    /usr/bin/python3 tests/reference/ratio_reference.py

writes tests/fixtures/ratio_reference.json. The delta method is written here independently of
the TypeScript code, in matrix form: for an arm with per-unit numerators y and denominators x,
the ratio is g(mean y, mean x) = mean y / mean x; its variance is grad(g)' Sigma grad(g) / n
with Sigma = np.cov([y, x]) (ddof 1) and grad(g) = (1 / mean x, -mean y / mean x^2)
(Deng, Knoblich and Lu, KDD 2018). The difference is tested with a Wald z test
(scipy.stats.norm); the relative lift Rt / Rc - 1 uses grad = (1 / Rc, -Rt / Rc^2) on
diag(Var Rt, Var Rc). Seeded samples (numpy default_rng).
"""
import json

import numpy as np
from scipy.stats import norm


def arm_stats(y, x):
    y = np.asarray(y, float)
    x = np.asarray(x, float)
    sigma = np.cov(np.vstack([y, x]), ddof=1)
    grad = np.array([1 / x.mean(), -y.mean() / x.mean() ** 2])
    return y.mean() / x.mean(), float(grad @ sigma @ grad) / len(y)


def test(c, t, alternative, alpha):
    rc, vc = arm_stats(*c)
    rt, vt = arm_stats(*t)
    se = np.sqrt(vc + vt)
    effect = rt - rc
    z = effect / se
    def p_and_ci(est, se_):
        zz = est / se_
        if alternative == "two-sided":
            q = norm.ppf(1 - alpha / 2)
            return 2 * norm.sf(abs(zz)), [est - q * se_, est + q * se_]
        q = norm.ppf(1 - alpha)
        if alternative == "greater":
            return norm.sf(zz), [est - q * se_, "Infinity"]
        return norm.cdf(zz), ["-Infinity", est + q * se_]
    p, ci = p_and_ci(effect, se)
    rel = rt / rc - 1
    grad = np.array([1 / rc, -rt / rc ** 2])
    rel_se = float(np.sqrt(grad @ np.diag([vt, vc]) @ grad))
    rel_p, rel_ci = p_and_ci(rel, rel_se)
    return {
        "control": {"numerator": list(map(float, c[0])), "denominator": list(map(float, c[1]))},
        "treatment": {"numerator": list(map(float, t[0])), "denominator": list(map(float, t[1]))},
        "alternative": alternative, "alpha": alpha,
        "statistic": float(z), "pValue": float(p), "confidenceInterval": [float(v) if not isinstance(v, str) else v for v in ci],
        "effect": float(effect), "standardError": float(se),
        "controlRatio": float(rc), "controlVariance": vc, "treatmentRatio": float(rt), "treatmentVariance": vt,
        "relative": {"effect": float(rel), "standardError": rel_se, "pValue": float(rel_p),
                     "confidenceInterval": [float(v) if not isinstance(v, str) else v for v in rel_ci]},
    }


rng = np.random.default_rng(20261203)
cases = []
# Hand-made small case (also in the doc example).
hand_c = ([10, 0, 25, 5, 0, 12], [2, 1, 3, 1, 1, 2])
hand_t = ([14, 3, 30, 9, 2, 20], [2, 1, 3, 2, 1, 2])
for alt in ["two-sided", "greater", "less"]:
    cases.append(test(hand_c, hand_t, alt, 0.05))
# Seeded: sessions ~ 1 + Poisson(1.5), revenue per session ~ gamma, some visitors spend nothing.
for n_c, n_t, lift, alt, alpha in [(50, 60, 0.0, "two-sided", 0.05), (200, 180, 0.1, "two-sided", 0.1),
                                   (500, 500, 0.05, "greater", 0.05), (120, 90, -0.08, "less", 0.01)]:
    def draw(n, scale):
        x = 1 + rng.poisson(1.5, n)
        spend = rng.gamma(2.0, 10.0 * scale, n) * x * (rng.random(n) < 0.4)
        return np.round(spend, 2), x
    cases.append(test(draw(n_c, 1.0), draw(n_t, 1.0 + lift), alt, alpha))

with open("tests/fixtures/ratio_reference.json", "w") as f:
    json.dump({"ratio": cases}, f)
    f.write("\n")
print(f"wrote {len(cases)} cases")
