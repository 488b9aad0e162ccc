# Reference values for time-to-event methods (package survival):
#   - Kaplan-Meier: survfit(Surv(time, status) ~ group) with the defaults (Greenwood variance,
#     conf.type = "log"); every time point of every curve: n.risk, n.event, n.censor, surv, std.err
#     (of -log S), lower, upper; and summary(fit, times = ..., extend = TRUE) at fixed times
#   - log-rank: survdiff(Surv(time, status) ~ group) (rho = 0): observed, expected, variance, chisq
#   - Cox PH: coxph(Surv(time, status) ~ ..., ties = "efron"): coef, se, z, p, HR and Wald 95% CI,
#     log-likelihoods, Wald / likelihood-ratio / score tests
# Cases use a CSV data set from ../fixtures or small inline data written into the fixture itself.
# Run from this directory after datasets.R: Rscript survival.R
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

cohort <- read.csv(file.path(fixture_dir, "cohort.csv"), stringsAsFactors = FALSE)
lung <- read.csv(file.path(fixture_dir, "lung.csv"), stringsAsFactors = FALSE)
data_sets <- list(cohort = cohort, lung = lung)

inline <- list(
  ties = data.frame(time = c(1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5, 6, 6, 6, 7, 8, 8, 9, 10),
                    status = c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1),
                    group = c("A", "B", "A", "A", "B", "B", "A", "A", "B", "A", "B", "B", "A", "B", "A", "B",
                              "A", "B", "B", "A"),
                    x = c(0.2, 1.4, -0.3, 0.8, 1.1, 0.9, -1.2, 0.1, 2.0, -0.5, 1.7, 0.6, -0.8, 0.3, -1.5, 1.2,
                          0.0, 0.7, 1.9, -0.9)),
  all_censored = data.frame(time = c(3, 5, 5, 8, 12), status = c(0, 0, 0, 0, 0), group = "A"),
  single_event = data.frame(time = 4, status = 1, group = "A"),
  single_censored = data.frame(time = 4, status = 0, group = "A"),
  last_is_event = data.frame(time = c(1, 2, 2, 3, 4), status = c(1, 1, 0, 1, 1), group = "A"),
  event_free_group = data.frame(time = c(2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                                status = c(1, 0, 1, 0, 0, 1, 0, 0, 1, 0),
                                group = c("A", "B", "A", "B", "B", "A", "B", "B", "A", "B")),
  three_groups = data.frame(time = c(5, 8, 8, 12, 15, 16, 20, 22, 25, 30, 31, 35, 40, 41, 45),
                            status = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0),
                            group = rep(c("low", "mid", "high"), 5))
)

km_cases <- list(
  cohort_all = list(data = "cohort", time = "time_months", status = "recurred", times = c(6, 12, 24, 36, 60, 120)),
  cohort_by_grade = list(data = "cohort", time = "time_months", status = "recurred", group = "grade",
                         times = c(12, 24, 36, 60)),
  cohort_by_site = list(data = "cohort", time = "time_months", status = "recurred", group = "site",
                        times = c(12, 24, 60)),
  lung_all = list(data = "lung", time = "time", status = "status", times = c(100, 365, 730, 1000)),
  lung_by_sex = list(data = "lung", time = "time", status = "status", group = "sex", times = c(180, 365, 730)),
  ties = list(data = "ties", times = c(0.5, 1, 2.5, 5, 10, 11)),
  ties_by_group = list(data = "ties", group = "group", times = c(1, 5, 8)),
  all_censored = list(data = "all_censored", times = c(1, 5, 12)),
  single_event = list(data = "single_event", times = c(3, 4, 5)),
  single_censored = list(data = "single_censored", times = c(3, 4)),
  last_is_event = list(data = "last_is_event", times = c(0.5, 2, 3.5, 4, 10))
)

logrank_cases <- list(
  cohort_by_grade = list(data = "cohort", time = "time_months", status = "recurred", group = "grade"),
  cohort_by_necrosis = list(data = "cohort", time = "time_months", status = "recurred", group = "necrosis"),
  cohort_by_site = list(data = "cohort", time = "time_months", status = "recurred", group = "site"),
  lung_by_sex = list(data = "lung", time = "time", status = "status", group = "sex"),
  lung_by_ecog = list(data = "lung", time = "time", status = "status", group = "ph_ecog"),
  ties = list(data = "ties", group = "group"),
  event_free_group = list(data = "event_free_group", group = "group"),
  three_groups = list(data = "three_groups", group = "group")
)

cox_cases <- list(
  cohort_necrosis = list(data = "cohort", time = "time_months", status = "recurred", terms = "necrosis"),
  cohort_adjusted = list(data = "cohort", time = "time_months", status = "recurred",
                         terms = c("adc", "grade", "size_cm"), factors = c(grade = "G1"), per_sd = "adc"),
  cohort_diameter = list(data = "cohort", time = "time_months", status = "recurred", terms = "diameter_mm",
                         per_sd = "diameter_mm"),
  lung_age = list(data = "lung", time = "time", status = "status", terms = "age"),
  lung_multi = list(data = "lung", time = "time", status = "status", terms = c("age", "sex", "ph_ecog")),
  ties_x = list(data = "ties", terms = c("x")),
  ties_x_group = list(data = "ties", terms = c("x", "group"), factors = c(group = "A"))
)

get_data <- function(cs, name, fx) {
  if (!is.null(data_sets[[cs$data]])) {
    put(fx, name, "data", cs$data)
    d <- data_sets[[cs$data]]
    d$time__ <- d[[cs$time]]; d$status__ <- d[[cs$status]]
    put(fx, name, "time_column", cs$time); put(fx, name, "status_column", cs$status)
  } else {
    d <- inline[[cs$data]]
    put(fx, name, "data", "inline")
    put(fx, name, "inline.time", d$time); put(fx, name, "inline.status", d$status)
    if (!is.null(d$group)) put(fx, name, "inline.group", d$group)
    if (!is.null(d$x)) put(fx, name, "inline.x", d$x)
    d$time__ <- d$time; d$status__ <- d$status
  }
  d
}

# ---- Kaplan-Meier ---------------------------------------------------------------------------------
fx <- new_fixture()
for (name in names(km_cases)) {
  cs <- km_cases[[name]]
  d <- get_data(cs, name, fx)
  if (is.null(cs$group)) {
    d$g__ <- "all"
  } else {
    d$g__ <- as.character(d[[cs$group]])
    put(fx, name, "group_column", cs$group)
  }
  fit <- survfit(Surv(time__, status__) ~ g__, data = d)
  levels <- sort(unique(d$g__))
  put(fx, name, "groups", levels)
  put(fx, name, "times", cs$times)
  ends <- cumsum(if (is.null(fit$strata)) length(fit$time) else fit$strata)
  starts <- c(1, head(ends, -1) + 1)
  for (k in seq_along(levels)) {
    idx <- starts[k]:ends[k]
    g <- levels[k]
    put(fx, name, paste0(g, ".time"), fit$time[idx])
    put(fx, name, paste0(g, ".n.risk"), fit$n.risk[idx])
    put(fx, name, paste0(g, ".n.event"), fit$n.event[idx])
    put(fx, name, paste0(g, ".n.censor"), fit$n.censor[idx])
    put(fx, name, paste0(g, ".surv"), fit$surv[idx])
    put(fx, name, paste0(g, ".std.err"), fit$std.err[idx])
    put(fx, name, paste0(g, ".lower"), fit$lower[idx])
    put(fx, name, paste0(g, ".upper"), fit$upper[idx])
    sub <- survfit(Surv(time__, status__) ~ 1, data = d[d$g__ == g, ])
    sm <- summary(sub, times = cs$times, extend = TRUE)
    put(fx, name, paste0(g, ".at.surv"), sm$surv)
    put(fx, name, paste0(g, ".at.n.risk"), sm$n.risk)
    put(fx, name, paste0(g, ".at.std.err"), sm$std.err)  # standard error of S (not log S)
  }
}
write_fixture(fx, "kaplan_meier")

# ---- log-rank -------------------------------------------------------------------------------------
fx <- new_fixture()
for (name in names(logrank_cases)) {
  cs <- logrank_cases[[name]]
  d <- get_data(cs, name, fx)
  d$g__ <- as.character(d[[cs$group]])
  put(fx, name, "group_column", cs$group)
  sd <- survdiff(Surv(time__, status__) ~ g__, data = d)
  put(fx, name, "groups", sub("^g__=", "", names(sd$n)))
  put(fx, name, "n", as.vector(sd$n))
  put(fx, name, "observed", sd$obs)
  put(fx, name, "expected", sd$exp)
  put(fx, name, "variance", as.vector(t(sd$var)))
  put(fx, name, "chisq", sd$chisq)
  df <- sum(sd$exp > 0) - 1
  put(fx, name, "df", df)
  put(fx, name, "p", pchisq(sd$chisq, df, lower.tail = FALSE))
}
write_fixture(fx, "log_rank")

# ---- Cox ------------------------------------------------------------------------------------------
fx <- new_fixture()
for (name in names(cox_cases)) {
  cs <- cox_cases[[name]]
  d <- get_data(cs, name, fx)
  for (f in names(cs$factors)) d[[f]] <- relevel(factor(d[[f]]), ref = cs$factors[[f]])
  put(fx, name, "terms", cs$terms)
  if (!is.null(cs$factors)) {
    put(fx, name, "factors", names(cs$factors)); put(fx, name, "references", unname(cs$factors))
  }
  form <- as.formula(paste("Surv(time__, status__) ~", paste(cs$terms, collapse = " + ")))
  fit <- coxph(form, data = d, ties = "efron")
  s <- summary(fit)
  co <- s$coefficients
  put(fx, name, "names", rownames(co))
  put(fx, name, "coef", co[, "coef"]); put(fx, name, "se", co[, "se(coef)"])
  put(fx, name, "z", co[, "z"]); put(fx, name, "p", co[, "Pr(>|z|)"])
  put(fx, name, "hr", s$conf.int[, "exp(coef)"])
  put(fx, name, "lower", s$conf.int[, "lower .95"]); put(fx, name, "upper", s$conf.int[, "upper .95"])
  put(fx, name, "loglik", fit$loglik)
  # summary()$waldtest rounds the statistic to 2 decimals: use the unrounded fit$wald.test
  df <- length(coef(fit))
  put(fx, name, "wald", c(fit$wald.test, df, pchisq(fit$wald.test, df, lower.tail = FALSE)))
  put(fx, name, "lr", s$logtest); put(fx, name, "score", s$sctest)
  stopifnot(all.equal(unname(s$logtest[1]), 2 * diff(fit$loglik)), all.equal(unname(s$sctest[1]), fit$score))
  put(fx, name, "n", fit$n); put(fx, name, "nevent", fit$nevent); put(fx, name, "iter", fit$iter)
  if (!is.null(cs$per_sd)) {
    v <- cs$per_sd
    sdv <- sd(d[[v]])
    put(fx, name, "per_sd.term", v); put(fx, name, "per_sd.sd", sdv)
    put(fx, name, "per_sd.hr", exp(coef(fit)[[v]] * sdv))
    ci <- confint(fit)[v, ] * sdv
    put(fx, name, "per_sd.lower", exp(ci[1])); put(fx, name, "per_sd.upper", exp(ci[2]))
  }
}
write_fixture(fx, "cox")
