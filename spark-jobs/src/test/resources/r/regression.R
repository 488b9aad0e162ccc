# Reference values for logistic regression: glm(family = binomial) with summary() and
# confint.default() (Wald intervals), odds ratios per unit and per SD of a covariate.
# Each case names its data set (a CSV in ../fixtures), the outcome column and the terms in formula
# order; terms listed in "factors" are treated as factors with the given reference level (R's
# treatment contrasts), the others as numeric.
# Run from this directory after datasets.R: Rscript regression.R
source("fixture_io.R")

cohort <- read.csv(file.path(fixture_dir, "cohort.csv"), stringsAsFactors = FALSE)
infert <- read.csv(file.path(fixture_dir, "infert.csv"), stringsAsFactors = FALSE)
small <- read.csv(file.path(fixture_dir, "logistic_small.csv"))

# Frequency-weighted fits: identical (outcome, covariates) rows collapsed into one row with a count, fitted
# with glm(weights = count); the MLE equals the fit of the expanded rows.
collapse <- function(d, columns) {
  d <- d[complete.cases(d[, columns]), columns]
  d$count <- 1
  out <- aggregate(as.formula(paste("count ~", paste(columns, collapse = " + "))), data = d, FUN = sum)
  out[do.call(order, out[columns]), ]
}
cohort_collapsed <- collapse(cohort, c("recurrence_2y", "necrosis", "grade", "site"))
infert_collapsed <- collapse(infert, c("case", "education", "spontaneous", "induced"))
invisible(write_dataset(cohort_collapsed, "cohort_collapsed"))
invisible(write_dataset(infert_collapsed, "infert_collapsed"))
data_sets <- list(cohort = cohort, infert = infert, logistic_small = small, cohort_collapsed = cohort_collapsed,
                  infert_collapsed = infert_collapsed)

cases <- list(
  cohort_diameter = list(data = "cohort", outcome = "recurrence_2y", terms = "diameter_mm", per_sd = "diameter_mm"),
  cohort_adc = list(data = "cohort", outcome = "recurrence_2y", terms = "adc", per_sd = "adc"),
  cohort_necrosis = list(data = "cohort", outcome = "recurrence_2y", terms = "necrosis"),
  cohort_adc_adjusted = list(data = "cohort", outcome = "recurrence_2y", terms = c("adc", "grade", "size_cm"),
                             factors = c(grade = "G1"), per_sd = "adc"),
  cohort_necrosis_adjusted = list(data = "cohort", outcome = "recurrence_2y",
                                  terms = c("necrosis", "grade", "size_cm", "site"),
                                  factors = c(grade = "G1", site = "AMS")),
  infert = list(data = "infert", outcome = "case", terms = c("age", "parity", "spontaneous", "induced")),
  infert_education = list(data = "infert", outcome = "case", terms = c("education", "spontaneous", "induced"),
                          factors = c(education = "0-5yrs")),
  small = list(data = "logistic_small", outcome = "y", terms = "x", per_sd = "x"),
  cohort_collapsed_weighted = list(data = "cohort_collapsed", outcome = "recurrence_2y", weights = "count",
                                   terms = c("necrosis", "grade", "site"), factors = c(grade = "G1", site = "AMS")),
  infert_collapsed_weighted = list(data = "infert_collapsed", outcome = "case", weights = "count",
                                   terms = c("education", "spontaneous", "induced"),
                                   factors = c(education = "0-5yrs"), per_sd = "spontaneous")
)

fx <- new_fixture()
for (name in names(cases)) {
  cs <- cases[[name]]
  d <- data_sets[[cs$data]]
  for (f in names(cs$factors)) d[[f]] <- relevel(factor(d[[f]]), ref = cs$factors[[f]])
  form <- as.formula(paste(cs$outcome, "~", paste(cs$terms, collapse = " + ")))
  w <- if (is.null(cs$weights)) rep(1, nrow(d)) else d[[cs$weights]]
  if (!is.null(cs$weights)) {
    # glm(weights = ) converges to the same MLE but from another start ((w y + 0.5)/(w + 1)), so its last
    # IRLS weights, and with them the standard errors, differ in the 5th digit: the reference is the fit of
    # the expanded rows (what frequency weights mean); the weighted glm's estimates are kept beside it
    fit_w <- glm(form, family = binomial, data = d, weights = w)
    stopifnot(fit_w$converged)
    put(fx, name, "glm_weights.estimate", coef(fit_w))
    d <- d[rep(seq_len(nrow(d)), w), ]
    w <- rep(1, nrow(d))
  }
  fit <- glm(form, family = binomial, data = d)
  stopifnot(fit$converged)
  co <- summary(fit)$coefficients
  ci <- confint.default(fit)
  put(fx, name, "data", cs$data); put(fx, name, "outcome", cs$outcome); put(fx, name, "terms", cs$terms)
  if (!is.null(cs$weights)) put(fx, name, "weights", cs$weights)
  if (!is.null(cs$factors)) {
    put(fx, name, "factors", names(cs$factors)); put(fx, name, "references", unname(cs$factors))
  }
  put(fx, name, "names", rownames(co))
  put(fx, name, "estimate", co[, "Estimate"])
  put(fx, name, "se", co[, "Std. Error"])
  put(fx, name, "z", co[, "z value"])
  put(fx, name, "p", co[, "Pr(>|z|)"])
  put(fx, name, "lower", ci[, 1]); put(fx, name, "upper", ci[, 2])
  put(fx, name, "deviance", fit$deviance); put(fx, name, "null_deviance", fit$null.deviance)
  put(fx, name, "aic", fit$aic); put(fx, name, "iterations", fit$iter); put(fx, name, "n", nobs(fit))
  if (!is.null(cs$per_sd)) {
    v <- cs$per_sd
    s <- sd(d[[v]])
    d$scaled__ <- d[[v]] / s
    form_sd <- as.formula(paste(cs$outcome, "~", paste(sub(paste0("^", v, "$"), "scaled__", cs$terms), collapse = " + ")))
    fit_sd <- glm(form_sd, family = binomial, data = d)
    ci_sd <- confint.default(fit_sd)["scaled__", ]
    put(fx, name, "per_sd.term", v); put(fx, name, "per_sd.sd", s)
    put(fx, name, "per_sd.or", exp(coef(fit_sd)[["scaled__"]]))
    put(fx, name, "per_sd.lower", exp(ci_sd[1])); put(fx, name, "per_sd.upper", exp(ci_sd[2]))
    put(fx, name, "per_unit.or", exp(coef(fit)[[v]]))
    put(fx, name, "per_unit.lower", exp(ci[v, 1])); put(fx, name, "per_unit.upper", exp(ci[v, 2]))
  }
}
write_fixture(fx, "logistic")
