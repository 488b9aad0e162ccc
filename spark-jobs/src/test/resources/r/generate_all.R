# Regenerates every fixture in ../fixtures from scratch. Run from this directory:
#     Rscript generate_all.R
# Needs R (>= 4.2) with the packages survival and metafor (Debian: r-base-core r-cran-survival r-cran-metafor).
scripts <- c("datasets.R", "two_by_two.R", "strata.R", "proportions.R", "regression.R", "survival.R")
for (s in scripts) {
  cat("==>", s, "\n")
  local(source(s, local = TRUE, chdir = TRUE))
}
cat("R", R.version$major, ".", R.version$minor, " survival ", as.character(packageVersion("survival")),
    " metafor ", as.character(packageVersion("metafor")), "\n", sep = "")
