# Reference values for proportions and multiple testing:
#   - Wilson interval: prop.test(x, n, correct = FALSE)$conf.int (95% and 90%)
#   - studies per detection: 1 / yield, limits 1 / Wilson limits
#   - homogeneity of k proportions: prop.test(x, n, correct = FALSE) and, for k = 2, correct = TRUE;
#     cross-checked against chisq.test on the k x 2 table
#   - pairwise.prop.test(x, n, correct = FALSE, p.adjust.method = "holm")
#   - p.adjust(p, "BH") and p.adjust(p, "holm")
# Run from this directory: Rscript proportions.R
source("fixture_io.R")

# --- single proportions ---------------------------------------------------------------------------
singles <- list(c(0, 10), c(10, 10), c(1, 1), c(0, 1), c(3, 47), c(120, 400), c(38, 412), c(1, 2000),
                c(1999, 2000), c(5, 5), c(17, 30))
fx <- new_fixture()
for (s in singles) {
  name <- sprintf("x%d_n%d", s[1], s[2])
  put(fx, name, "x", s[1]); put(fx, name, "n", s[2])
  ci <- suppressWarnings(prop.test(s[1], s[2], correct = FALSE))$conf.int
  ci90 <- suppressWarnings(prop.test(s[1], s[2], correct = FALSE, conf.level = 0.9))$conf.int
  put(fx, name, "estimate", s[1] / s[2])
  put(fx, name, "lower", ci[1]); put(fx, name, "upper", ci[2])
  put(fx, name, "lower90", ci90[1]); put(fx, name, "upper90", ci90[2])
  put(fx, name, "per_detection.estimate", s[2] / s[1])  # Inf when x = 0
  put(fx, name, "per_detection.lower", 1 / ci[2])
  put(fx, name, "per_detection.upper", 1 / ci[1])
}
write_fixture(fx, "wilson")

# --- comparisons of yields across modalities ------------------------------------------------------
groups <- list(
  modalities = list(labels = c("MRI", "CT", "PET-CT", "US"), x = c(38, 51, 9, 4), n = c(412, 530, 61, 118)),
  grade_g1 = list(labels = c("MRI", "CT", "PET-CT", "US"), x = c(6, 9, 1, 0), n = c(130, 171, 12, 40)),
  grade_g2_3 = list(labels = c("MRI", "CT", "PET-CT", "US"), x = c(32, 42, 8, 4), n = c(282, 359, 49, 78)),
  two_groups = list(labels = c("MRI", "CT"), x = c(38, 51), n = c(412, 530)),
  two_groups_close = list(labels = c("MRI", "CT"), x = c(20, 21), n = c(200, 205)),
  # two modalities with no detection: their pair has no test (NA in R, left out of the adjustment)
  with_untestable_pair = list(labels = c("MRI", "CT", "XR", "US"), x = c(12, 30, 0, 0), n = c(150, 210, 25, 40)),
  five_regions = list(labels = c("extremity", "trunk", "retroperitoneum", "uterus", "other"),
                      x = c(14, 9, 22, 17, 3), n = c(160, 95, 140, 120, 44))
)
fx <- new_fixture()
for (name in names(groups)) {
  g <- groups[[name]]
  put(fx, name, "labels", g$labels); put(fx, name, "x", g$x); put(fx, name, "n", g$n)
  pt <- suppressWarnings(prop.test(g$x, g$n, correct = FALSE))
  ch <- suppressWarnings(chisq.test(cbind(g$x, g$n - g$x), correct = FALSE))
  stopifnot(all.equal(unname(pt$statistic), unname(ch$statistic)))
  put(fx, name, "homogeneity.statistic", pt$statistic)
  put(fx, name, "homogeneity.df", pt$parameter)
  put(fx, name, "homogeneity.p", pt$p.value)
  if (length(g$x) == 2) {
    ptc <- suppressWarnings(prop.test(g$x, g$n, correct = TRUE))
    put(fx, name, "homogeneity_corrected.statistic", ptc$statistic)
    put(fx, name, "homogeneity_corrected.p", ptc$p.value)
  }
  raw <- suppressWarnings(pairwise.prop.test(g$x, g$n, correct = FALSE, p.adjust.method = "none"))$p.value
  adj <- suppressWarnings(pairwise.prop.test(g$x, g$n, correct = FALSE, p.adjust.method = "holm"))$p.value
  k <- length(g$x)
  first <- second <- character(0); p_raw <- p_adj <- numeric(0)
  for (i in 1:(k - 1)) for (j in (i + 1):k) {
    first <- c(first, g$labels[i]); second <- c(second, g$labels[j])
    p_raw <- c(p_raw, raw[j - 1, i]); p_adj <- c(p_adj, adj[j - 1, i])
  }
  put(fx, name, "pairs.first", first); put(fx, name, "pairs.second", second)
  put(fx, name, "pairs.p", p_raw); put(fx, name, "pairs.holm", p_adj)
}
write_fixture(fx, "proportion_comparisons")

# --- multiple testing -----------------------------------------------------------------------------
set.seed(42)
vectors <- list(
  textbook = c(0.01, 0.02, 0.03, 0.04, 0.05),
  with_ties = c(0.04, 0.001, 0.04, 0.2, 0.04, 0.9, 0.001, 1),
  zeros_and_ones = c(0, 1, 0.5, 0, 1e-300, 0.3),
  single = c(0.03),
  tiny = c(1e-12, 3e-15, 2e-8, 0.5),
  many_features = c(runif(40, 0, 0.2) ^ 2, runif(60)),
  unsorted = c(0.8, 0.012, 0.3, 0.0004, 0.049, 0.051, 0.02)
)
fx <- new_fixture()
for (name in names(vectors)) {
  p <- vectors[[name]]
  put(fx, name, "p", p)
  put(fx, name, "bh", p.adjust(p, method = "BH"))
  put(fx, name, "holm", p.adjust(p, method = "holm"))
}
write_fixture(fx, "p_adjust")
