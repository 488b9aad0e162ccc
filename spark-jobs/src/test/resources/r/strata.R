# Reference values across strata (sites), for sets of 2x2 tables:
#   - mantelhaen.test(x) for 2 x 2 x K (correct = TRUE and FALSE): MH odds ratio, RGB 95% CI, CMH tests
#   - Breslow-Day test of homogeneity, with and without Tarone's correction: base R has no function,
#     so it is computed here from the textbook formula (Breslow & Day 1980, eq. 4.30; Tarone 1985),
#     solving for the expected cell with uniroot(); strata with a zero margin are left out.
#   - DerSimonian-Laird random effects: metafor::rma(measure = "OR", method = "DL") on the sites
#     whose table has no zero row/column total; cross-checked against the textbook formulas here.
# Tables are in the project's layout: a b / c d = feature x outcome. Each set is K rows of (a, b, c, d).
# Run from this directory after datasets.R: Rscript strata.R
source("fixture_io.R")
suppressPackageStartupMessages(library(metafor))

ucb <- UCBAdmissions  # Admit x Gender x Dept; feature = Male, outcome = Admitted
ucb_sets <- t(sapply(1:6, function(k) c(ucb["Admitted", "Male", k], ucb["Rejected", "Male", k],
                                        ucb["Admitted", "Female", k], ucb["Rejected", "Female", k])))
# mantelhaen.test help page: Delay x Response x Penicillin level; feature = no delay, outcome = cured
rabbits <- rbind(c(0, 6, 0, 5), c(3, 3, 0, 6), c(6, 0, 2, 4), c(5, 1, 6, 0), c(2, 0, 5, 0))

sets <- list(
  ucb_admissions = ucb_sets,
  rabbits = rabbits,
  homogeneous = rbind(c(20, 30, 10, 40), c(15, 25, 8, 35), c(30, 50, 18, 60), c(12, 20, 6, 28)),
  heterogeneous = rbind(c(40, 10, 10, 40), c(12, 30, 25, 20), c(30, 30, 20, 40), c(8, 40, 6, 42),
                        c(25, 5, 15, 20)),
  with_tiny_strata = rbind(c(10, 5, 4, 12), c(0, 0, 0, 0), c(1, 0, 0, 0), c(7, 9, 3, 14), c(0, 1, 0, 0)),
  one_stratum = rbind(c(12, 5, 7, 20)),
  zero_cells = rbind(c(0, 12, 3, 15), c(5, 0, 8, 10), c(4, 9, 0, 11), c(6, 10, 3, 12)),
  infinite_or = rbind(c(5, 0, 3, 6), c(4, 2, 0, 7), c(3, 0, 0, 2))
)
# the synthetic cohort (datasets.R): necrosis x recurrence within 2 years by site (sites sorted)
cohort <- read.csv(file.path(fixture_dir, "cohort.csv"), stringsAsFactors = FALSE)
sets$cohort_sites <- t(sapply(sort(unique(cohort$site)), function(s) {
  d <- cohort[cohort$site == s, ]
  c(sum(d$necrosis == 1 & d$recurrence_2y == 1), sum(d$necrosis == 1 & d$recurrence_2y == 0),
    sum(d$necrosis == 0 & d$recurrence_2y == 1), sum(d$necrosis == 0 & d$recurrence_2y == 0))
}))

breslow_day <- function(tabs, psi, tarone) {
  keep <- apply(tabs, 1, function(t) sum(t) >= 2 && t[1] + t[2] > 0 && t[3] + t[4] > 0 &&
                                    t[1] + t[3] > 0 && t[2] + t[4] > 0)
  tabs <- tabs[keep, , drop = FALSE]
  if (nrow(tabs) < 2) return(NULL)
  A <- V <- numeric(nrow(tabs))
  for (k in seq_len(nrow(tabs))) {
    a <- tabs[k, 1]; r <- tabs[k, 1] + tabs[k, 2]; s <- tabs[k, 1] + tabs[k, 3]; n <- sum(tabs[k, ])
    f <- function(x) x * (n - r - s + x) - psi * (r - x) * (s - x)
    A[k] <- uniroot(f, c(max(0, r + s - n), min(r, s)), tol = 1e-13)$root
    V[k] <- 1 / (1 / A[k] + 1 / (r - A[k]) + 1 / (s - A[k]) + 1 / (n - r - s + A[k]))
  }
  X2 <- sum((tabs[, 1] - A)^2 / V)
  if (tarone) X2 <- X2 - (sum(tabs[, 1]) - sum(A))^2 / sum(V)
  list(statistic = X2, df = nrow(tabs) - 1, p = pchisq(X2, nrow(tabs) - 1, lower.tail = FALSE))
}

dl_by_formula <- function(yi, vi) {
  w <- 1 / vi; k <- length(yi)
  fixed <- sum(w * yi) / sum(w)
  Q <- sum(w * (yi - fixed)^2)
  C <- sum(w) - sum(w^2) / sum(w)
  tau2 <- max(0, (Q - (k - 1)) / C)
  ws <- 1 / (vi + tau2)
  mu <- sum(ws * yi) / sum(ws)
  list(mu = mu, se = sqrt(1 / sum(ws)), tau2 = tau2, Q = Q, I2 = if (Q > 0) 100 * max(0, (Q - (k - 1)) / Q) else 0)
}

fx <- new_fixture()
for (name in names(sets)) {
  tabs <- sets[[name]]
  put(fx, name, "strata", nrow(tabs))
  put(fx, name, "cells", as.vector(t(tabs)))  # a b c d of stratum 1, then stratum 2, ...

  # mantelhaen.test stops on strata with fewer than 2 subjects (they carry no information)
  usable <- tabs[rowSums(tabs) >= 2, , drop = FALSE]
  if (nrow(usable) == 1) {
    # mantelhaen.test needs K >= 2: add a stratum (2, 0, 0, 0) that contributes exactly 0 to every sum
    usable <- rbind(usable, c(2, 0, 0, 0))
  }
  arr <- array(apply(usable, 1, function(t) as_table(t[1], t[2], t[3], t[4])), dim = c(2, 2, nrow(usable)))
  for (correct in c(FALSE, TRUE)) {
    mh <- mantelhaen.test(arr, correct = correct)
    tag <- if (correct) "mh_corrected" else "mh"
    put(fx, name, paste0(tag, ".statistic"), mh$statistic)
    put(fx, name, paste0(tag, ".p"), mh$p.value)
    put(fx, name, paste0(tag, ".estimate"), mh$estimate)
    put(fx, name, paste0(tag, ".lower"), mh$conf.int[1])
    put(fx, name, paste0(tag, ".upper"), mh$conf.int[2])
  }
  psi <- mantelhaen.test(arr)$estimate
  for (tarone in c(FALSE, TRUE)) {
    bd <- if (is.finite(psi) && psi > 0) breslow_day(tabs, psi, tarone) else NULL
    tag <- if (tarone) "tarone" else "breslow_day"
    if (!is.null(bd)) {
      put(fx, name, paste0(tag, ".statistic"), bd$statistic)
      put(fx, name, paste0(tag, ".df"), bd$df)
      put(fx, name, paste0(tag, ".p"), bd$p)
    }
  }

  informative <- tabs[apply(tabs, 1, function(t) t[1] + t[2] > 0 && t[3] + t[4] > 0 &&
                                              t[1] + t[3] > 0 && t[2] + t[4] > 0), , drop = FALSE]
  if (nrow(informative) >= 2) {
    fit <- rma(ai = informative[, 1], bi = informative[, 2], ci = informative[, 3], di = informative[, 4],
               measure = "OR", method = "DL")
    es <- escalc(measure = "OR", ai = informative[, 1], bi = informative[, 2], ci = informative[, 3],
                 di = informative[, 4])
    chk <- dl_by_formula(es$yi, es$vi)
    stopifnot(all.equal(chk$mu, as.vector(fit$b)), all.equal(chk$se, fit$se), all.equal(chk$tau2, fit$tau2),
              all.equal(chk$Q, fit$QE), all.equal(chk$I2, fit$I2))
    put(fx, name, "dl.sites", nrow(informative))
    put(fx, name, "dl.yi", es$yi)
    put(fx, name, "dl.vi", es$vi)
    put(fx, name, "dl.estimate", as.vector(fit$b))
    put(fx, name, "dl.se", fit$se)
    put(fx, name, "dl.lower", fit$ci.lb)
    put(fx, name, "dl.upper", fit$ci.ub)
    put(fx, name, "dl.z", fit$zval)
    put(fx, name, "dl.p", fit$pval)
    put(fx, name, "dl.tau2", fit$tau2)
    put(fx, name, "dl.Q", fit$QE)
    put(fx, name, "dl.Qp", fit$QEp)
    put(fx, name, "dl.I2", fit$I2)
    put(fx, name, "dl.H2", fit$H2)
  }
}
write_fixture(fx, "strata")
