# Reference values for single 2x2 tables:
#   - sample odds ratio with Woolf (1955) 95% CI: no base-R function, computed from the formula
#     (0.5 added to every cell when any cell is zero)
#   - fisher.test(): two-sided p, conditional MLE odds ratio and its 95% CI
#   - chisq.test(correct = TRUE / FALSE)
# Run from this directory after datasets.R: Rscript two_by_two.R
source("fixture_io.R")

tables <- list(
  typical        = c(12, 5, 7, 20),
  large          = c(120, 340, 85, 410),
  balanced_large = c(500, 480, 450, 520),
  strong         = c(50, 2, 3, 60),
  very_strong    = c(200, 3, 4, 210),
  symmetric      = c(5, 5, 5, 5),
  symmetric_odd  = c(3, 7, 7, 3),
  tiny           = c(1, 1, 1, 1),
  extreme        = c(1, 30, 29, 1),
  zero_a         = c(0, 10, 5, 8),
  zero_b         = c(6, 0, 4, 5),
  zero_diagonal  = c(3, 0, 0, 3),
  zero_row       = c(0, 0, 5, 9),
  zero_column    = c(0, 7, 0, 9),
  skewed         = c(2, 48, 1, 149),
  rare_outcome   = c(3, 997, 1, 1999),
  near_independence = c(10, 11, 9, 10),   # |O - E| = 0.025 < 0.5: Yates correction is |O - E|
  half_deviation = c(10, 10, 9, 11)        # |O - E| = 0.5 exactly
)
# the synthetic cohort (datasets.R): necrosis x recurrence within 2 years, all sites pooled
cohort <- read.csv(file.path(fixture_dir, "cohort.csv"), stringsAsFactors = FALSE)
tables$cohort_necrosis <- c(sum(cohort$necrosis == 1 & cohort$recurrence_2y == 1),
                            sum(cohort$necrosis == 1 & cohort$recurrence_2y == 0),
                            sum(cohort$necrosis == 0 & cohort$recurrence_2y == 1),
                            sum(cohort$necrosis == 0 & cohort$recurrence_2y == 0))

woolf <- function(a, b, c, d, level = 0.95) {
  corrected <- any(c(a, b, c, d) == 0)
  if (corrected) { a <- a + 0.5; b <- b + 0.5; c <- c + 0.5; d <- d + 0.5 }
  lor <- log((a * d) / (b * c))
  se <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)
  z <- qnorm((1 + level) / 2)
  list(estimate = exp(lor), lower = exp(lor - z * se), upper = exp(lor + z * se),
       log = lor, se = se, corrected = corrected)
}

fx <- new_fixture()
for (name in names(tables)) {
  t <- tables[[name]]
  put(fx, name, "table", t)
  w <- do.call(woolf, as.list(t))
  put(fx, name, "woolf.estimate", w$estimate)
  put(fx, name, "woolf.lower", w$lower)
  put(fx, name, "woolf.upper", w$upper)
  put(fx, name, "woolf.log", w$log)
  put(fx, name, "woolf.se", w$se)
  put(fx, name, "woolf.corrected", w$corrected)

  m <- as_table(t[1], t[2], t[3], t[4])
  f <- fisher.test(m)
  put(fx, name, "fisher.p", f$p.value)
  put(fx, name, "fisher.estimate", f$estimate)
  put(fx, name, "fisher.lower", f$conf.int[1])
  put(fx, name, "fisher.upper", f$conf.int[2])
  f90 <- fisher.test(m, conf.level = 0.90)
  put(fx, name, "fisher90.lower", f90$conf.int[1])
  put(fx, name, "fisher90.upper", f90$conf.int[2])

  # chisq.test returns NaN (with a warning) when a row or column total is zero
  for (correct in c(TRUE, FALSE)) {
    ch <- suppressWarnings(chisq.test(m, correct = correct))
    tag <- if (correct) "yates" else "pearson"
    put(fx, name, paste0(tag, ".statistic"), ch$statistic)
    put(fx, name, paste0(tag, ".df"), ch$parameter)
    put(fx, name, paste0(tag, ".p"), ch$p.value)
  }
}
write_fixture(fx, "two_by_two")

# r x c tables (chisq.test without correction, as for k x 2 homogeneity and larger tables)
rxc <- list(
  three_by_two = matrix(c(12, 30, 9, 40, 55, 61), nrow = 3),
  two_by_three = matrix(c(10, 20, 15, 25, 30, 12), nrow = 2),
  four_by_three = matrix(c(5, 9, 14, 3, 12, 8, 6, 11, 20, 4, 2, 9), nrow = 4),
  two_by_two_no_correction = matrix(c(12, 7, 5, 20), nrow = 2)
)
fx <- new_fixture()
for (name in names(rxc)) {
  m <- rxc[[name]]
  put(fx, name, "rows", nrow(m))
  put(fx, name, "cells", as.vector(t(m)))  # row-major
  ch <- suppressWarnings(chisq.test(m, correct = FALSE))
  put(fx, name, "statistic", ch$statistic)
  put(fx, name, "df", ch$parameter)
  put(fx, name, "p", ch$p.value)
}
write_fixture(fx, "contingency")
