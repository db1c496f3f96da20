#!/usr/bin/env Rscript
# Reference values for lib/kpi/csat_score_test.ts: the Wilson score interval and score test of a
# proportion, from R's prop.test(correct = FALSE) (R 4.2.2, Debian r-base-core). Run with
#
#     Rscript tests/reference/kpi_scores_reference.R
#
# and paste the printed values into the test (they are quoted there with this script's name).
show <- function(label, x) {
  cat(label, "conf.int", sprintf("%.17g", x$conf.int), "p.value", sprintf("%.17g", x$p.value),
      "z", sprintf("%.17g", sqrt(unname(x$statistic))), "\n")
}
suppressWarnings({
  show("6 of 8, p = 0.5, 95%", prop.test(6, 8, p = 0.5, correct = FALSE))
  show("10 of 10, p = 0.8, 90%", prop.test(10, 10, p = 0.8, correct = FALSE, conf.level = 0.9))
  show("37 of 120, p = 0.25, 99%", prop.test(37, 120, p = 0.25, correct = FALSE, conf.level = 0.99))
})
