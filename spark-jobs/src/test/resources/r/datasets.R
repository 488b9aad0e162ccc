# Input data sets shared by the reference scripts and the Java tests.
#   cohort.csv  synthetic multi-site leiomyosarcoma cohort (5 sites, 400 patients; seeded, no real data)
#   lung.csv    survival::lung (NCCTG advanced lung cancer), complete cases of the columns used
#   infert.csv  datasets::infert (infertility after abortion, matched case-control)
#   logistic_small.csv  12 observations, one covariate (a small, overlapping logistic data set)
# Values are rounded so that the CSV holds them exactly; every script reads the CSV back.
# Run from this directory: Rscript datasets.R
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

set.seed(20240611)
sites <- c("AMS", "BCN", "LYO", "MIL", "OSL")
per_site <- c(96, 74, 58, 110, 62)
site <- rep(sites, per_site)
n <- length(site)
site_shift <- c(AMS = -0.3, BCN = 0.1, LYO = 0.4, MIL = -0.1, OSL = 0.3)[site]
site_necrosis_effect <- c(AMS = 1.4, BCN = 0.3, LYO = 1.0, MIL = 0.6, OSL = -0.2)[site]
grade <- sample(c("G1", "G2", "G3"), n, replace = TRUE, prob = c(0.25, 0.40, 0.35))
size_cm <- round(rlnorm(n, log(8), 0.5), 1)
diameter_mm <- round(size_cm * 10 * exp(rnorm(n, 0, 0.15)))
adc <- round(rnorm(n, 1.15 - 0.12 * (grade == "G3"), 0.25), 2)
necrosis <- rbinom(n, 1, plogis(-1.2 + 0.9 * (grade != "G1") + 0.12 * (size_cm - 8)))
lp <- -1.3 + site_necrosis_effect * necrosis + 0.6 * (grade == "G2") + 1.1 * (grade == "G3") +
  0.06 * (size_cm - 8) - 1.0 * (adc - 1.1) + site_shift
recurrence_2y <- rbinom(n, 1, plogis(lp))
# time to recurrence in whole months (ties), administrative censoring between 6 and 120 months
event_time <- ceiling(rweibull(n, shape = 1.1, scale = 70 * exp(-0.8 * (lp + 1))))
censor_time <- ceiling(runif(n, 6, 120))
time_months <- pmin(event_time, censor_time)
recurred <- as.integer(event_time <= censor_time)
cohort <- data.frame(patient = sprintf("P%03d", seq_len(n)), site, grade, size_cm, diameter_mm, adc,
                     necrosis, recurrence_2y, time_months, recurred)
cohort <- write_dataset(cohort, "cohort")

lung_cc <- na.omit(survival::lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung_out <- data.frame(time = lung_cc$time, status = as.integer(lung_cc$status == 2), age = lung_cc$age,
                       sex = lung_cc$sex, ph_ecog = lung_cc$ph.ecog)
invisible(write_dataset(lung_out, "lung"))

inf <- datasets::infert
invisible(write_dataset(data.frame(case = inf$case, age = inf$age, parity = inf$parity,
                                   spontaneous = inf$spontaneous, induced = inf$induced,
                                   education = as.character(inf$education)), "infert"))

invisible(write_dataset(data.frame(x = c(0.5, 1.2, 1.9, 2.3, 3.1, 3.3, 4.0, 4.4, 5.2, 6.0, 1.0, 4.9),
                                   y = c(0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1)), "logistic_small"))
