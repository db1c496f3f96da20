#!/usr/bin/env Rscript
# Reference values for lib/experiment tests: two-proportion z tests, Welch t tests, SRM
# chi-square tests, sample sizes / power for proportions and means, and Holm /
# Benjamini-Hochberg / Bonferroni adjustments, CUPED and beta-binomial summaries, from R's
# stats package.
#
# Run with Debian's R (r-base-core, R 4.2.2):
#
#     Rscript tests/reference/experiment_reference.R
#
# writes tests/fixtures/experiment_reference.json. Functions used: prop.test(correct = FALSE)
# (its X-squared is the square of the pooled z statistic; the interval is the unpooled Wald
# interval), t.test(var.equal = FALSE), chisq.test(x, p = shares), p.adjust, power.prop.test and
# power.t.test (strict = FALSE, the default), with uniroot's tol lowered to 1e-12 so that n
# carries full precision. The delta-method relative effect is written out here from its
# formula (Var(mt / mc) = vt / mc^2 + mt^2 vc / mc^4), independently of the TypeScript code.
# Numbers are printed with 17 significant digits.

num <- function(x) {
  if (is.infinite(x)) return(if (x > 0) "\"Infinity\"" else "\"-Infinity\"")
  sprintf("%.17g", x)
}
vec <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]")
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(fields), unlist(fields)), collapse = ", "), "}")
}
str <- function(s) sprintf("\"%s\"", s)
r_alt <- c("two-sided" = "two.sided", greater = "greater", less = "less")

relative <- function(mt, vt, mc, vc, alt, alpha) {
  eff <- mt / mc - 1
  se <- sqrt(vt / mc^2 + mt^2 * vc / mc^4)
  z <- eff / se
  p <- switch(alt, "two-sided" = 2 * pnorm(-abs(z)), greater = pnorm(z, lower.tail = FALSE),
              less = pnorm(z))
  ci <- switch(alt,
    "two-sided" = eff + c(-1, 1) * qnorm(1 - alpha / 2) * se,
    greater = c(eff - qnorm(1 - alpha) * se, Inf),
    less = c(-Inf, eff + qnorm(1 - alpha) * se))
  obj(effect = num(eff), confidenceInterval = vec(ci), pValue = num(p))
}

# Two proportions
proportions <- c()
arms <- list(c(200, 2000, 230, 2000), c(45, 1000, 30, 1100), c(1, 50, 9, 60),
             c(5120, 100000, 5290, 100000), c(300, 310, 305, 312))
for (a in arms) for (alt in names(r_alt)) for (alpha in c(0.05, 0.01)) {
  xc <- a[1]; nc <- a[2]; xt <- a[3]; nt <- a[4]
  r <- suppressWarnings(prop.test(c(xt, xc), c(nt, nc), correct = FALSE,
                                  alternative = r_alt[[alt]], conf.level = 1 - alpha))
  pt <- xt / nt; pc <- xc / nc
  z <- sign(pt - pc) * sqrt(unname(r$statistic))
  proportions <- c(proportions, obj(
    control = obj(successes = num(xc), trials = num(nc)),
    treatment = obj(successes = num(xt), trials = num(nt)),
    alternative = str(alt), alpha = num(alpha),
    statistic = num(z), pValue = num(r$p.value), confidenceInterval = vec(r$conf.int),
    effect = num(pt - pc),
    relative = relative(pt, pt * (1 - pt) / nt, pc, pc * (1 - pc) / nc, alt, alpha)))
}

# Welch
set.seed(20261203)
samples <- list(
  list(control = round(rnorm(40, 50, 10), 3), treatment = round(rnorm(35, 55, 14), 3)),
  list(control = round(rexp(200, 1 / 30), 2), treatment = round(rexp(180, 1 / 33), 2)),
  list(control = c(12, 15, 9, 20, 14, 11), treatment = c(18, 22, 13, 25, 19, 16, 21)),
  list(control = c(1.5, 2.5), treatment = c(2, 4, 9)))
welch <- c()
for (s in samples) for (alt in names(r_alt)) for (alpha in c(0.05, 0.1)) {
  r <- t.test(s$treatment, s$control, var.equal = FALSE, alternative = r_alt[[alt]],
              conf.level = 1 - alpha)
  mt <- mean(s$treatment); mc <- mean(s$control)
  welch <- c(welch, obj(
    control = vec(s$control), treatment = vec(s$treatment),
    alternative = str(alt), alpha = num(alpha),
    statistic = num(unname(r$statistic)), degreesOfFreedom = num(unname(r$parameter)),
    pValue = num(r$p.value), confidenceInterval = vec(r$conf.int), effect = num(mt - mc),
    relative = relative(mt, var(s$treatment) / length(s$treatment), mc,
                        var(s$control) / length(s$control), alt, alpha)))
}

# SRM
srm <- c()
cases <- list(list(c(50800, 49200), c(0.5, 0.5)), list(c(50100, 49900), c(0.5, 0.5)),
              list(c(10300, 9800, 19900), c(0.25, 0.25, 0.5)), list(c(900, 100), c(0.9, 0.1)),
              list(c(5, 15), c(0.5, 0.5)))
for (case in cases) {
  r <- chisq.test(case[[1]], p = case[[2]])
  srm <- c(srm, obj(counts = vec(case[[1]]), expectedShares = vec(case[[2]]),
                    statistic = num(unname(r$statistic)), pValue = num(r$p.value)))
}

# Sample size and power
sizes <- c()
for (p1 in c(0.2, 0.05, 0.5)) for (d in c(0.01, 0.03, -0.02)) for (pw in c(0.8, 0.9))
  for (alt in c("two-sided", "one-sided")) for (alpha in c(0.05, 0.01)) {
    r <- power.prop.test(p1 = p1, p2 = p1 + d, power = pw, sig.level = alpha,
                         alternative = sub("-", ".", alt), tol = 1e-12)
    q <- power.prop.test(p1 = p1, p2 = p1 + d, n = 1000, sig.level = alpha,
                         alternative = sub("-", ".", alt))
    sizes <- c(sizes, obj(kind = str("proportion"), baseline = num(p1), mde = num(d),
                          power = num(pw), alpha = num(alpha), alternative = str(alt),
                          perGroup = num(r$n), powerAt1000 = num(q$power)))
  }
for (delta in c(1, 2.5, 0.3)) for (sd in c(5, 1)) for (pw in c(0.8, 0.95))
  for (alt in c("two-sided", "one-sided")) {
    r <- power.t.test(delta = delta, sd = sd, power = pw, sig.level = 0.05,
                      alternative = sub("-", ".", alt), tol = 1e-12)
    q <- power.t.test(delta = delta, sd = sd, n = 50, sig.level = 0.05,
                      alternative = sub("-", ".", alt))
    sizes <- c(sizes, obj(kind = str("mean"), sd = num(sd), mde = num(delta), power = num(pw),
                          alpha = num(0.05), alternative = str(alt), perGroup = num(r$n),
                          powerAt50 = num(q$power)))
  }

# Multiple-comparison adjustments
adjust <- c()
set.seed(7)
for (p in list(c(0.01, 0.04, 0.03), c(0.001, 0.2, 0.049, 0.049, 0.8, 0.0002, 1, 0),
               round(runif(20)^3, 6))) {
  adjust <- c(adjust, obj(pValues = vec(p), holm = vec(p.adjust(p, "holm")),
                          bh = vec(p.adjust(p, "BH")), bonferroni = vec(p.adjust(p, "bonferroni"))))
}

# CUPED (Deng, Xu, Kohavi & Walker 2013), written out: theta = cov(x, y) / var(x) pooled over
# both arms, y' = y - theta (x - mean x), then Welch on the adjusted values.
set.seed(11)
pre <- round(rgamma(300, shape = 2, scale = 50), 2)
post <- round(0.8 * pre + rnorm(300, 0, 30) + c(rep(0, 150), rep(8, 150)), 2)
arm <- rep(c("control", "treatment"), each = 150)
theta <- cov(pre, post) / var(pre)
adjusted <- post - theta * (pre - mean(pre))
r <- t.test(adjusted[arm == "treatment"], adjusted[arm == "control"], var.equal = FALSE)
raw <- t.test(post[arm == "treatment"], post[arm == "control"], var.equal = FALSE)
cuped <- obj(
  control = obj(metric = vec(post[arm == "control"]), covariate = vec(pre[arm == "control"])),
  treatment = obj(metric = vec(post[arm == "treatment"]),
                  covariate = vec(pre[arm == "treatment"])),
  theta = num(theta), correlation = num(cor(pre, post)),
  varianceReduction = num(1 - var(adjusted) / var(post)),
  adjustedStatistic = num(unname(r$statistic)), adjustedPValue = num(r$p.value),
  adjustedConfidenceInterval = vec(r$conf.int), rawConfidenceInterval = vec(raw$conf.int))

# Beta-binomial summaries by numerical integration (independent of the closed forms used in
# the TypeScript code): P(pt > pc) = int f_c(x) P(pt > x) dx and
# E[max(pc - pt, 0)] = int f_c(x) (x F_t(x) - m_t F_t'(x)) dx with t' ~ Beta(a_t + 1, b_t).
bayes <- c()
for (case in list(c(200, 2000, 230, 2000, 1, 1), c(3, 40, 9, 45, 1, 1), c(50, 1000, 48, 1000, 2, 30),
                  c(1200, 10000, 1290, 10000, 1, 1))) {
  ac <- case[5] + case[1]; bc <- case[6] + case[2] - case[1]
  at <- case[5] + case[3]; bt <- case[6] + case[4] - case[3]
  lo <- min(qbeta(1e-14, ac, bc), qbeta(1e-14, at, bt))
  hi <- max(qbeta(1e-14, ac, bc, lower.tail = FALSE), qbeta(1e-14, at, bt, lower.tail = FALSE))
  int <- function(f) integrate(f, lo, hi, rel.tol = 1e-13, subdivisions = 10000L)$value
  mt <- at / (at + bt); mc <- ac / (ac + bc)
  better <- int(function(x) dbeta(x, ac, bc) * pbeta(x, at, bt, lower.tail = FALSE))
  loss_t <- int(function(x) dbeta(x, ac, bc) * (x * pbeta(x, at, bt) - mt * pbeta(x, at + 1, bt)))
  loss_c <- int(function(x) dbeta(x, at, bt) * (x * pbeta(x, ac, bc) - mc * pbeta(x, ac + 1, bc)))
  bayes <- c(bayes, obj(
    control = obj(successes = num(case[1]), trials = num(case[2])),
    treatment = obj(successes = num(case[3]), trials = num(case[4])),
    prior = obj(alpha = num(case[5]), beta = num(case[6])),
    probabilityTreatmentBetter = num(better), lossTreatment = num(loss_t), lossControl = num(loss_c),
    treatmentInterval = vec(qbeta(c(0.025, 0.975), at, bt))))
}

out <- paste0("{\n\"generator\": \"tests/reference/experiment_reference.R (", R.version.string,
              ")\",\n\"twoProportion\": [\n", paste(proportions, collapse = ",\n"),
              "],\n\"welch\": [\n", paste(welch, collapse = ",\n"),
              "],\n\"srm\": [\n", paste(srm, collapse = ",\n"),
              "],\n\"sampleSize\": [\n", paste(sizes, collapse = ",\n"),
              "],\n\"adjust\": [\n", paste(adjust, collapse = ",\n"),
              "],\n\"betaBinomial\": [\n", paste(bayes, collapse = ",\n"),
              "],\n\"cuped\": ", cuped, "\n}\n")
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
writeLines(out, file.path(here, "..", "fixtures", "experiment_reference.json"))
cat("written", file.path(here, "..", "fixtures", "experiment_reference.json"), "\n")
