# Shared helpers for the R scripts that write the reference fixtures.
#
# Every fixture is a "long" CSV file with the columns
#     case,key,index,value
# one row per element of a vector (index is 1-based); scalars have index 1.
# Numbers are written with sprintf("%.17g") (full double precision, round-trips exactly);
# NA/NaN is written as NA, infinities as Inf / -Inf, logicals as 1/0.
# Input data sets used by the Java tests are written as ordinary CSV files beside them.

fixture_dir <- normalizePath(file.path("..", "fixtures"), mustWork = FALSE)
dir.create(fixture_dir, showWarnings = FALSE, recursive = TRUE)

fmt_num <- function(v) {
  v <- as.double(v)
  out <- sprintf("%.17g", v)
  out[is.na(v)] <- "NA"
  out[is.infinite(v) & v > 0] <- "Inf"
  out[is.infinite(v) & v < 0] <- "-Inf"
  out
}

new_fixture <- function() {
  fx <- new.env()
  fx$case <- character(0); fx$key <- character(0)
  fx$index <- integer(0); fx$value <- character(0)
  fx
}

put <- function(fx, case, key, value) {
  if (is.factor(value)) value <- as.character(value)
  if (is.logical(value)) value <- as.integer(value)
  v <- if (is.numeric(value)) fmt_num(value) else as.character(value)
  if (any(grepl(",", v))) stop("fixture values must not contain commas: ", key)
  n <- length(v)
  if (n == 0) return(invisible(fx))
  fx$case <- c(fx$case, rep(case, n)); fx$key <- c(fx$key, rep(key, n))
  fx$index <- c(fx$index, seq_len(n)); fx$value <- c(fx$value, v)
  invisible(fx)
}

write_fixture <- function(fx, name) {
  df <- data.frame(case = fx$case, key = fx$key, index = fx$index, value = fx$value)
  path <- file.path(fixture_dir, paste0(name, ".csv"))
  write.table(df, path, sep = ",", row.names = FALSE, col.names = TRUE, quote = FALSE)
  cat("wrote", path, "(", nrow(df), "values )\n")
}

# Input data sets: written with enough digits, then read back, so that R and Java see the same numbers.
write_dataset <- function(df, name) {
  path <- file.path(fixture_dir, paste0(name, ".csv"))
  out <- df
  for (col in names(out)) if (is.double(out[[col]])) out[[col]] <- fmt_num(out[[col]])
  write.csv(out, path, row.names = FALSE, quote = FALSE, na = "NA")
  cat("wrote", path, "(", nrow(df), "rows )\n")
  read.csv(path, stringsAsFactors = FALSE)
}

# 2x2 table in the project's layout: rows = feature present / absent, columns = outcome yes / no,
# cells a b / c d; the same matrix R's tests take.
as_table <- function(a, b, c, d) matrix(c(a, c, b, d), nrow = 2)
