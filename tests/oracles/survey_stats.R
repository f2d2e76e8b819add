#!/usr/bin/env Rscript
# Independent oracle: weighted survey statistics computed with R's `survey` package.
#
# Run from the repository root:
#
#     Rscript tests/oracles/survey_stats.R     # writes tests/oracles/output/survey-stats.json
#
# Needs the Debian packages r-base-core, r-cran-survey and r-cran-jsonlite
# (written against survey 4.1.1 / jsonlite 1.8.4 on Debian bookworm).
#
# Data: fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv (1,615 rows, UTF-8,
# one header row, `weight` column).  Design: svydesign(ids=~1, weights=~weight, data=d),
# i.e. a single-stage, unstratified, with-replacement design with unequal weights.
#
# Sections of the output (see tests/oracles/README.md for the formulas):
#   weighted        per-category weighted proportions, SEs and intervals (q0001, q0026)
#   weightsSummary  min/max/mean of the weights, Kish effective n, deff, efficiency
#   svychisq        Rao-Scott F and Chisq tests + unweighted Pearson, with the cell tables
#   rake            raking from unit weights to chosen margins, then trimWeights()
#   zeroWeights     rows of weight 0: a numeric summary (svyvar, svyquantile) and a Rao-Scott crosstab
#
# Every survey-package number is ALSO recomputed here from the plain formulas documented in
# the README, and the script stops if the two disagree (tolerance 1e-9), so the README
# formulas are known to be the ones R uses.
#
# Category labels are ordered by Unicode code point (C-locale sort), like crosstabs.py.
# Floats are written with jsonlite digits = NA, i.e. 15 significant digits (not a full
# 17-digit round trip); match them in TypeScript with ~1e-9 relative tolerance.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

invisible(Sys.setlocale("LC_COLLATE", "C"))   # factor()/sort() order = byte order = code point
options(survey.lonely.psu = "fail", warn = 1)

FIXTURE <- "fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv"
OUTPUT <- "tests/oracles/output/survey-stats.json"
TOL <- 1e-9

if (!file.exists(FIXTURE)) stop("run from the repository root: ", FIXTURE, " not found")

check <- function(a, b, what, tol = TOL) {
  a <- as.numeric(a); b <- as.numeric(b)
  if (length(a) != length(b)) stop("check failed (length) for ", what)
  err <- max(abs(a - b) / pmax(1, abs(b)))
  if (!is.finite(err) || err > tol) stop(sprintf("check failed for %s: max rel err %g", what, err))
  invisible(TRUE)
}

cpsort <- function(x) sort(unique(x), method = "radix")   # code-point order for UTF-8 strings
ci_list <- function(ci) list(lower = unname(ci[1]), upper = unname(ci[2]))

# ---------------------------------------------------------------------------------------
# Read the data: every cell as a string, trimmed; "NA" (how R wrote this export's skipped
# questions) is blank, i.e. missing, as survey reads it.
# ---------------------------------------------------------------------------------------
raw <- read.csv(FIXTURE, colClasses = "character", na.strings = character(0),
                check.names = FALSE, fileEncoding = "UTF-8-BOM", encoding = "UTF-8")
trim <- function(x) gsub("^[ \t\r\n]+|[ \t\r\n]+$", "", x)
VARS <- c("q0001", "q0005", "q0026", "age3", "racethn4", "educ3", "kids")
d <- data.frame(lapply(raw[VARS], function(x) { x <- trim(x); x[x == "NA"] <- ""; x }), stringsAsFactors = FALSE)
d$weight <- as.numeric(raw$weight)
if (any(is.na(d$weight))) stop("non-numeric weight")
n_all <- nrow(d)
if (n_all != 1615) stop("expected 1615 rows, got ", n_all)

variables <- lapply(setNames(VARS, VARS), function(v) {
  x <- d[[v]]
  labs <- cpsort(x[x != ""])
  list(labels = labs,
       firstAppearanceOrder = unique(x[x != ""]),
       counts = as.list(setNames(as.vector(table(factor(x, levels = labs))), labs)),
       blank = sum(x == ""),
       specialCategoriesPresent = I(intersect(c("No answer", "NA"), labs)))
})

design <- svydesign(ids = ~1, weights = ~weight, data = d)
w <- d$weight
n <- length(w)
W <- sum(w)

# ---------------------------------------------------------------------------------------
# weightsSummary
# ---------------------------------------------------------------------------------------
kish_neff <- W^2 / sum(w^2)
weightsSummary <- list(
  n = n, sum = W, sumOfSquares = sum(w^2),
  min = min(w), max = max(w), mean = mean(w),
  kishNeff = kish_neff,
  designEffect = n / kish_neff,
  efficiency = kish_neff / n,
  formula = list(kishNeff = "(sum w)^2 / sum(w^2)", designEffect = "n / kishNeff",
                 efficiency = "kishNeff / n")
)

# ---------------------------------------------------------------------------------------
# weighted: per-category proportions for single-choice questions
# ---------------------------------------------------------------------------------------
Z <- qnorm(0.975)
wilson <- function(p, nn, z = Z) {
  # Wilson score interval for proportion p with (effective) sample size nn.
  centre <- (p + z^2 / (2 * nn)) / (1 + z^2 / nn)
  half <- (z / (1 + z^2 / nn)) * sqrt(p * (1 - p) / nn + z^2 / (4 * nn^2))
  c(centre - half, centre + half)
}
has_svy_wilson <- "wilson" %in% eval(formals(svyciprop)$method)

weighted_for <- function(v) {
  labs <- variables[[v]]$labels
  x <- d[[v]]
  # all categories at once: svymean of the factor (same as svymean of each indicator)
  f <- factor(x, levels = labs)
  dd <- update(design, .f = f)
  m <- svymean(~.f, dd, deff = "replace")
  est <- unname(coef(m)); V <- unname(vcov(m)); se <- sqrt(diag(V))
  deffs <- unname(diag(as.matrix(attr(m, "deff"))))
  cats <- lapply(seq_along(labs), function(k) {
    cat <- labs[k]
    y <- as.numeric(x == cat)
    dk <- update(design, .y = y)
    mk <- svymean(~.y, dk)
    p <- unname(coef(mk)); vk <- unname(vcov(mk))[1, 1]
    check(p, est[k], paste(v, cat, "indicator vs factor mean"))
    check(vk, V[k, k], paste(v, cat, "indicator vs factor var"))
    # plain formulas
    check(p, sum(w * y) / W, paste(v, cat, "p formula"))
    check(vk, n / (n - 1) * sum(w^2 * (y - p)^2) / W^2, paste(v, cat, "var formula"))
    neff_design <- p * (1 - p) / vk
    ci_beta <- confint(svyciprop(~I(.y == 1), dk, method = "beta"))
    ci_logit <- confint(suppressWarnings(svyciprop(~.y, dk, method = "logit")))
    ci_mean <- confint(svyciprop(~I(.y == 1), dk, method = "mean"))
    cnt <- sum(y)
    pt <- prop.test(cnt, n, correct = FALSE)$conf.int
    check(pt, wilson(cnt / n, n), paste(v, cat, "prop.test vs Wilson formula"))
    out <- list(
      label = cat,
      count = cnt,
      unweightedProportion = cnt / n,
      weightedProportion = p,
      variance = vk,
      se = sqrt(vk),
      deffReplace = deffs[k],
      nEffDesign = neff_design,
      wilsonDesignNeff = ci_list(wilson(p, neff_design)),
      wilsonKishNeff = ci_list(wilson(p, kish_neff)),
      svycipropBeta = ci_list(ci_beta),
      svycipropLogit = ci_list(ci_logit),
      svycipropMean = ci_list(ci_mean),
      unweightedWilson = ci_list(pt)
    )
    if (has_svy_wilson) {
      ci_w <- confint(svyciprop(~I(.y == 1), dk, method = "wilson"))
      out$svycipropWilson <- ci_list(ci_w)
    } else {
      out$svycipropWilson <- NULL
    }
    out
  })
  list(n = n, sumOfWeights = W, labels = labs,
       covariance = V,
       categories = setNames(cats, labs))
}

weighted <- list(q0001 = weighted_for("q0001"), q0026 = weighted_for("q0026"))
weighted_notes <- list(
  z = Z,
  level = 0.95,
  degreesOfFreedom = degf(design),
  svycipropHasWilson = has_svy_wilson,
  wilsonDesignNeff = paste(
    "Wilson score interval with z = qnorm(0.975) and n replaced by nEffDesign = p(1-p)/Var(p),",
    "Var = svymean's linearisation variance (the Korn-Graubard effective n that svyciprop's",
    "'beta' method uses; here degf = n-1 so its t-ratio adjustment is exactly 1).",
    "Computed by this script: survey", as.character(packageVersion("survey")),
    "has no svyciprop(method='wilson')."),
  wilsonKishNeff = "Wilson score interval with n replaced by the Kish effective n of ALL weights",
  svycipropBeta = "confint(svyciprop(~I(y==1), design, method='beta')) (Korn-Graubard Clopper-Pearson on nEff)",
  svycipropLogit = "confint(svyciprop(~y, design, method='logit')) (svyciprop's default)",
  svycipropMean = "confint(svyciprop(~I(y==1), design, method='mean')) = p +- qt(0.975, degf) * se",
  unweightedWilson = "prop.test(count, n, correct=FALSE)$conf.int (Wilson score interval, unweighted)",
  deffReplace = "svymean(..., deff='replace'): Var / (svyvar(y)/n), svyvar = n/(n-1) * sum w (y-p)^2 / sum w"
)

# ---------------------------------------------------------------------------------------
# svychisq: Rao-Scott tests
# ---------------------------------------------------------------------------------------
rao_scott_manual <- function(a, b, wts) {
  # Re-implementation of survey:::svychisq.survey.design for ids=~1 (no strata/fpc).
  ra <- cpsort(a); cb <- cpsort(b)
  nr <- length(ra); nc <- length(cb); N <- length(a)
  # cell indicators, cell index = i + (j-1)*nr (rows vary fastest)
  cell <- match(a, ra) + (match(b, cb) - 1) * nr
  Y <- outer(cell, seq_len(nr * nc), "==") * 1
  Wt <- sum(wts)
  phat <- colSums(Y * wts) / Wt
  Xc <- sweep(Y, 2, phat) * wts / Wt
  V <- crossprod(Xc) * N / (N - 1)
  mf1 <- expand.grid(rows = 1:nr, cols = 1:nc)
  X1 <- model.matrix(~factor(rows) + factor(cols), mf1)
  X12 <- model.matrix(~factor(rows) * factor(cols), mf1)
  C <- qr.resid(qr(X1), X12[, -(1:(nr + nc - 1)), drop = FALSE])
  iD <- diag(ifelse(phat == 0, 0, 1 / phat))
  Delta <- solve(t(C) %*% (iD / N) %*% C, t(C) %*% iD %*% V %*% iD %*% C)
  P <- matrix(phat, nr, nc)
  E <- outer(rowSums(P), colSums(P))
  X2 <- N * sum((P - E)^2 / E)
  list(phat = P, V = V, Delta = Delta, X2 = X2, nu = N - 1)
}

chisq_case <- function(rv, cv, data = d, wcol = "weight") {
  keep <- data[[rv]] != "" & data[[cv]] != ""
  sub <- data[keep, ]
  sub$weight <- sub[[wcol]]
  ra <- cpsort(sub[[rv]]); cb <- cpsort(sub[[cv]])
  sub$.r <- factor(sub[[rv]], levels = ra)
  sub$.c <- factor(sub[[cv]], levels = cb)
  des <- svydesign(ids = ~1, weights = ~weight, data = sub)
  N <- nrow(sub)
  rF <- svychisq(~.r + .c, des, statistic = "F")
  rC <- svychisq(~.r + .c, des, statistic = "Chisq")
  tab <- svytable(~.r + .c, des, Ntotal = 1)
  counts <- table(sub$.r, sub$.c)
  up <- suppressWarnings(chisq.test(counts, correct = FALSE))
  # manual re-computation
  man <- rao_scott_manual(sub[[rv]], sub[[cv]], sub$weight)
  trD <- sum(diag(man$Delta)); trD2 <- sum(diag(man$Delta %*% man$Delta))
  d0 <- trD^2 / trD2
  df <- (length(ra) - 1) * (length(cb) - 1)
  check(unclass(tab), man$phat, paste(rv, cv, "svytable"))
  check(rF$statistic, man$X2 / trD, paste(rv, cv, "F statistic"))
  check(rF$parameter, c(d0, d0 * man$nu), paste(rv, cv, "F ndf/ddf"))
  check(rF$p.value, pf(man$X2 / trD, d0, d0 * man$nu, lower.tail = FALSE), paste(rv, cv, "F p"), 1e-7)
  check(rC$statistic, man$X2, paste(rv, cv, "Chisq statistic"))
  check(rC$p.value, pchisq(man$X2 / (trD / df), df, lower.tail = FALSE), paste(rv, cv, "Chisq p"), 1e-7)
  ev <- eigen(man$Delta, only.values = TRUE)$values
  if (is.complex(ev)) { check(Im(ev), rep(0, length(ev)), "eigenvalues real"); ev <- Re(ev) }
  ev <- sort(ev, decreasing = TRUE)
  check(sum(ev), trD, "sum eigenvalues = trace"); check(sum(ev^2), trD2, "sum eigenvalues^2")
  list(
    rowVariable = rv, columnVariable = cv,
    n = N, droppedBlank = sum(!keep), sumOfWeights = sum(sub$weight),
    rowLabels = ra, columnLabels = cb,
    counts = unclass(matrix(as.vector(counts), length(ra), length(cb))),
    weightedProportions = matrix(as.vector(tab), length(ra), length(cb)),
    weightedCountsScaledToN = matrix(as.vector(tab) * N, length(ra), length(cb)),
    pearsonOnWeightedTable = list(statistic = man$X2, df = df,
      note = "chisq.test(svytable(~a+b, design, Ntotal=N), correct=FALSE)$statistic, N = n rows"),
    designEffectEigenvalues = I(ev),
    traceDelta = trD, traceDelta2 = trD2, meanEigenvalue = trD / df,
    F = list(statistic = unname(rF$statistic),
             ndf = unname(rF$parameter["ndf"]), ddf = unname(rF$parameter["ddf"]),
             p = rF$p.value, method = rF$method,
             call = "svychisq(~a+b, design, statistic='F')"),
    Chisq = list(statistic = unname(rC$statistic), df = unname(rC$parameter["df"]),
                 p = rC$p.value,
                 adjustedStatistic = man$X2 / (trD / df),
                 method = rC$method,
                 note = paste("R reports the UNADJUSTED Pearson X2 of the N-scaled weighted table as",
                              "the statistic; the first-order correction is only inside p:",
                              "p = pchisq(X2 / mean(eigenvalues), df). adjustedStatistic = X2 / mean(eigenvalues)."),
                 call = "svychisq(~a+b, design, statistic='Chisq')"),
    unweightedPearson = list(statistic = unname(up$statistic), df = unname(up$parameter),
                             p = up$p.value, call = "chisq.test(table(a, b), correct=FALSE)")
  )
}

CHISQ_CASES <- list(c("q0001", "age3"), c("q0026", "racethn4"), c("q0005", "kids"))
svychisq_out <- list()
for (cs in CHISQ_CASES) svychisq_out[[paste(cs[1], "x", cs[2])]] <- chisq_case(cs[1], cs[2])

# ---------------------------------------------------------------------------------------
# rake: unit starting weights, three margins
# ---------------------------------------------------------------------------------------
rk <- d[d$age3 != "" & d$racethn4 != "" & d$educ3 != "", ]
rk$one <- 1
NR <- nrow(rk)
MARGINS <- c("age3", "racethn4", "educ3")
SHARES <- list(
  age3 = c("18 - 34" = 0.30, "35 - 64" = 0.45, "65 and up" = 0.25),
  racethn4 = c("Black" = 0.12, "Hispanic" = 0.16, "Other" = 0.10, "White" = 0.62),
  educ3 = c("College or more" = 0.30, "High school or less" = 0.40, "Some college" = 0.30)
)
for (m in MARGINS) {
  if (!identical(names(SHARES[[m]]), cpsort(rk[[m]]))) stop("target labels for ", m, " do not match data")
  check(sum(SHARES[[m]]), 1, paste("shares", m))
}
pop_margins <- lapply(MARGINS, function(m) {
  df <- data.frame(names(SHARES[[m]]), Freq = unname(SHARES[[m]]) * NR, stringsAsFactors = FALSE)
  names(df)[1] <- m
  df
})
EPS <- 1e-10; MAXIT <- 100
unit <- svydesign(ids = ~1, weights = ~one, data = rk)
raked <- rake(unit, sample.margins = list(~age3, ~racethn4, ~educ3),
              population.margins = pop_margins,
              control = list(maxit = MAXIT, epsilon = EPS))
rw <- weights(raked)

# Manual IPF with rake()'s exact loop and stopping rule, to count the sweeps.
ipf <- function(maxit) {
  wt <- rep(1, NR)
  key <- interaction(rk$age3, rk$racethn4, rk$educ3, drop = TRUE)
  tab <- function(wt) tapply(wt, key, sum)
  eps_abs <- if (EPS < 1) EPS * NR else EPS
  old <- tab(wt); iter <- 0; converged <- FALSE; deltas <- c()
  while (iter < maxit) {
    for (m in MARGINS) {
      cur <- tapply(wt, rk[[m]], sum)
      f <- SHARES[[m]] * NR / cur[names(SHARES[[m]])]
      wt <- wt * unname(f[rk[[m]]])
    }
    new <- tab(wt)
    delta <- max(abs(old - new)); deltas <- c(deltas, delta)
    if (delta < eps_abs) { converged <- TRUE; break }
    old <- new; iter <- iter + 1
  }
  list(w = wt, iter = iter, sweeps = iter + 1, converged = converged, deltas = deltas,
       epsAbs = eps_abs)
}
man_rake <- ipf(MAXIT)
if (!man_rake$converged) stop("manual raking did not converge")
check(man_rake$w, rw, "manual IPF weights vs rake()", 1e-8)
# rake(maxit = sweeps) must converge, rake(maxit = sweeps - 1) must warn
w_ok <- tryCatch({ rake(unit, list(~age3, ~racethn4, ~educ3), pop_margins,
                        control = list(maxit = man_rake$sweeps, epsilon = EPS)); TRUE },
                 warning = function(e) FALSE)
w_short <- tryCatch({ rake(unit, list(~age3, ~racethn4, ~educ3), pop_margins,
                           control = list(maxit = man_rake$sweeps - 1, epsilon = EPS)); TRUE },
                    warning = function(e) FALSE)
if (!w_ok || w_short) stop("sweep count does not reproduce rake()'s convergence")

cell_table <- function(wts) {
  key <- paste(rk$age3, rk$racethn4, rk$educ3, sep = "\u0001")
  ks <- cpsort(key)
  lapply(ks, function(k) {
    idx <- which(key == k)
    ww <- wts[idx]
    if (max(ww) - min(ww) > 1e-9 * max(1, max(ww))) stop("weight not constant in cell ", k)
    parts <- strsplit(k, "\u0001", fixed = TRUE)[[1]]
    list(age3 = parts[1], racethn4 = parts[2], educ3 = parts[3], count = length(idx),
         weight = mean(ww))
  })
}
margins_of <- function(wts) {
  lapply(setNames(MARGINS, MARGINS), function(m) {
    labs <- names(SHARES[[m]])
    tot <- tapply(wts, factor(rk[[m]], levels = labs), sum)
    list(labels = labs, total = unname(as.vector(tot)), share = unname(as.vector(tot)) / sum(wts))
  })
}

q1_labs <- cpsort(rk$q0001[rk$q0001 != ""])
q0001_under <- function(des_cal, wts) {
  dd <- update(des_cal, .f = factor(rk$q0001, levels = q1_labs))
  m_cal <- svymean(~.f, dd)
  rk2 <- rk; rk2$.w <- wts; rk2$.f <- factor(rk$q0001, levels = q1_labs)
  fixed <- svydesign(ids = ~1, weights = ~.w, data = rk2)
  m_fix <- svymean(~.f, fixed)
  check(coef(m_cal), coef(m_fix), "raked estimates: calibrated vs fixed design")
  # fixed-weight SE by plain formula
  for (k in seq_along(q1_labs)) {
    y <- as.numeric(rk$q0001 == q1_labs[k]); p <- sum(wts * y) / sum(wts)
    check(vcov(m_fix)[k, k], NR / (NR - 1) * sum(wts^2 * (y - p)^2) / sum(wts)^2, "fixed-weight var")
  }
  setNames(lapply(seq_along(q1_labs), function(k) list(
    label = q1_labs[k],
    weightedProportion = unname(coef(m_cal))[k],
    seRakedDesign = unname(SE(m_cal))[k],
    seFixedWeights = unname(SE(m_fix))[k]
  )), q1_labs)
}

# R's raking variance, re-implemented (svyrecvar's "raking" branch + onestage)
raking_var_manual <- function(des, y) {
  wts <- weights(des); p <- sum(wts * y) / sum(wts)
  x <- matrix(wts * (y - p) / sum(wts))
  ps <- des$postStrata[[length(des$postStrata)]]
  for (it in 1:10) for (margin in ps) {
    psw <- attr(margin, "weights")
    x <- x - psw * ave(x / psw, margin)
  }
  x <- x - mean(x)
  sum(x^2) * NR / (NR - 1)
}
for (k in seq_along(q1_labs)) {
  y <- as.numeric(rk$q0001 == q1_labs[k])
  dk <- update(raked, .y = y)
  check(vcov(svymean(~.y, dk)), raking_var_manual(raked, y), "raked variance re-implementation")
}

rake_out <- list(
  rows = NR,
  startingWeights = "unit (1 for every row); the weight column is ignored",
  populationTotal = NR,
  targets = lapply(setNames(MARGINS, MARGINS), function(m) list(
    labels = names(SHARES[[m]]), share = unname(SHARES[[m]]), total = unname(SHARES[[m]]) * NR)),
  call = paste0("rake(svydesign(ids=~1, weights=~one, data=rk), sample.margins=list(~age3,~racethn4,~educ3), ",
                "population.margins=list(data.frame(age3=..., Freq=share*N), ...), ",
                "control=list(maxit=", MAXIT, ", epsilon=", EPS, "))"),
  convergence = list(
    epsilonAbsolute = man_rake$epsAbs,
    rule = paste("after each full sweep (age3, then racethn4, then educ3) compare the weighted",
                 "age3 x racethn4 x educ3 table with the previous sweep's (initially the unit-weight table);",
                 "stop when max |change| < epsilon * sum(starting weights) (epsilon < 1 is relative)"),
    sweeps = man_rake$sweeps,
    rakeIterCounter = man_rake$iter,
    maxAbsChangePerSweep = I(man_rake$deltas),
    note = paste("rake() does not return its iteration count; 'sweeps' is from a re-implementation",
                 "of its loop and is confirmed by rake(maxit=sweeps) converging while",
                 "rake(maxit=sweeps-1) warns 'did not converge'. rakeIterCounter is rake()'s internal",
                 "`iter` at the break (= sweeps - 1).")
  ),
  cells = cell_table(rw),
  weightsSummary = list(min = min(rw), max = max(rw), mean = mean(rw), sum = sum(rw),
                        kishNeff = sum(rw)^2 / sum(rw^2),
                        designEffect = NR / (sum(rw)^2 / sum(rw^2))),
  margins = margins_of(rw),
  q0001 = list(
    labels = q1_labs,
    categories = q0001_under(raked, rw),
    notes = list(
      seRakedDesign = paste("SE(svymean(~q0001, raked)): R's linearisation for raked designs, which",
                            "residualises the influence values against the raking margins (10 fixed",
                            "backfitting passes, see README) before the usual with-replacement formula"),
      seFixedWeights = "SE(svymean(~q0001, svydesign(ids=~1, weights=~rakedw))): raked weights treated as fixed"
    )
  )
)

# ---------------------------------------------------------------------------------------
# trimWeights on the raked design
# ---------------------------------------------------------------------------------------
TRIM_UPPER <- 6
TRIM_LOWER <- 0.37
trimmed <- trimWeights(raked, upper = TRIM_UPPER, lower = TRIM_LOWER)
tw <- weights(trimmed)
outside <- rw < TRIM_LOWER | rw > TRIM_UPPER
if (!any(rw > TRIM_UPPER) || !any(rw < TRIM_LOWER)) stop("trim bounds do not bite on both sides")
# manual trimWeights (strict = FALSE)
tw_man <- pmax(TRIM_LOWER, pmin(rw, TRIM_UPPER))
trimmings <- rw - tw_man
tw_man[!outside] <- tw_man[!outside] + sum(trimmings) / sum(!outside)
check(tw_man, tw, "trimWeights re-implementation")
trimmed_strict <- trimWeights(raked, upper = TRIM_UPPER, lower = TRIM_LOWER, strict = TRUE)
tsw <- weights(trimmed_strict)

rake_out$trim <- list(
  call = sprintf("trimWeights(raked, upper=%s, lower=%s)", TRIM_UPPER, TRIM_LOWER),
  upper = TRIM_UPPER, lower = TRIM_LOWER,
  rowsAboveUpper = sum(rw > TRIM_UPPER), rowsBelowLower = sum(rw < TRIM_LOWER),
  totalTrimmed = sum(trimmings),
  addedToEachUntrimmedRow = sum(trimmings) / sum(!outside),
  untrimmedRows = sum(!outside),
  rule = paste("w' = min(max(w, lower), upper); the net amount removed, sum(w - w'), is spread",
               "EQUALLY (additively, not proportionally) over the rows that were inside the bounds;",
               "no re-raking, so the margins no longer hit the targets; sum of weights is preserved;",
               "with strict=FALSE (default) rows pushed past a bound by the redistribution are not re-trimmed"),
  cells = cell_table(tw),
  weightsSummary = list(min = min(tw), max = max(tw), mean = mean(tw), sum = sum(tw),
                        kishNeff = sum(tw)^2 / sum(tw^2),
                        designEffect = NR / (sum(tw)^2 / sum(tw^2)),
                        rowsStillAboveUpper = sum(tw > TRIM_UPPER + 1e-12)),
  margins = margins_of(tw),
  q0001 = list(
    labels = q1_labs,
    categories = q0001_under(trimmed, tw),
    notes = list(
      seRakedDesign = paste("SE(svymean(~q0001, trimmed)): trimWeights keeps the raked design's raking",
                            "information (postStrata, with the PRE-trim weights in it), so this SE still",
                            "applies the raking residualisation even though the margins no longer match"),
      seFixedWeights = "SE with the trimmed weights treated as fixed"
    )
  ),
  strict = list(
    call = sprintf("trimWeights(raked, upper=%s, lower=%s, strict=TRUE)", TRIM_UPPER, TRIM_LOWER),
    note = "repeats the trim until no weight is outside the bounds",
    cells = cell_table(tsw),
    weightsSummary = list(min = min(tsw), max = max(tsw), sum = sum(tsw),
                          kishNeff = sum(tsw)^2 / sum(tsw^2)),
    margins = margins_of(tsw)
  )
)

# ---------------------------------------------------------------------------------------
# zeroWeights: a numeric variable in a design where some rows weigh 0 (tests/oracles/zero-weights.csv;
# survey counts a blank weight with weight 0, so it is 0 here: svydesign refuses NA weights)
# ---------------------------------------------------------------------------------------
ZW_FILE <- "tests/oracles/zero-weights.csv"
zraw <- read.csv(ZW_FILE, colClasses = "character", na.strings = character(0), check.names = FALSE)
zw <- trim(zraw$w)
zd <- data.frame(age = suppressWarnings(as.numeric(trim(zraw$age))),
                 w = ifelse(zw == "", 0, as.numeric(zw)),
                 group = trim(zraw$group), pick = trim(zraw$pick), stringsAsFactors = FALSE)
zdes <- svydesign(ids = ~1, weights = ~w, data = zd)
za <- subset(zd, !is.na(age))                          # the rows answering (age not blank)
zades <- svydesign(ids = ~1, weights = ~w, data = za)
zm <- svymean(~age, zades)
zv <- svyvar(~age, zades)
zq <- coef(svyquantile(~age, zades, 0.5, ci = FALSE, qrule = "school"))
zq7 <- coef(svyquantile(~age, zades, c(0, 1), ci = FALSE, qrule = "hf7"))
zpos <- za[za$w > 0, ]
npos <- nrow(zpos)
zmean <- sum(za$w * za$age) / sum(za$w)
check(unname(coef(zm)), zmean, "zeroWeights mean")
check(unname(coef(zv)), npos / (npos - 1) * sum(za$w * (za$age - zmean)^2) / sum(za$w), "zeroWeights svyvar (n = rows of weight > 0)")
nall <- nrow(za)
zv_all <- nall / (nall - 1) * sum(za$w * (za$age - zmean)^2) / sum(za$w)
if (abs(unname(coef(zv)) - zv_all) < 1e-6) stop("zeroWeights: svyvar does not depend on the zero-weight rows; the case tests nothing")
# svyvar is the same with the zero-weight rows dropped from the data
check(unname(coef(svyvar(~age, svydesign(ids = ~1, weights = ~w, data = zpos)))), unname(coef(zv)), "zeroWeights svyvar without the zero rows")
check(unname(zq7), range(zpos$age), "zeroWeights quantiles 0 and 1 = range of rows of weight > 0")
# Rao-Scott on a crosstab with rows of weight 0 (group x pick, over the rows answering both; the
# blank weight among them). svychisq keeps them: N = nrow(model matrix) scales the weighted table
# and Delta, nu = #PSUs - #strata counts every row (degf(design), 12 here, does not), and svymean's
# variance keeps them in its n/(n-1). The rows dropped from the DATA would give other figures.
zx <- chisq_case("group", "pick", data = zd, wcol = "w")
zxs <- zd[zd$group != "" & zd$pick != "", ]
zxdes <- svydesign(ids = ~1, weights = ~w, data = zxs)
zxpos <- svydesign(ids = ~1, weights = ~w, data = zxs[zxs$w > 0, ])
zxF_pos <- svychisq(~group + pick, zxpos, statistic = "F")
check(zx$F$ddf, zx$F$ndf * (nrow(zxs) - 1), "zeroWeights svychisq: nu = rows - 1, zero-weight rows included")
if (abs(unname(zxF_pos$statistic) - zx$F$statistic) < 1e-6) stop("zeroWeights svychisq: the zero-weight rows change nothing; the case tests nothing")
zx$rowsZeroWeight <- sum(zxs$w == 0)
zx$degf <- degf(zxdes)
zx$nu <- nrow(zxs) - 1
zx$withoutZeroWeightRows <- list(
  n = sum(zxs$w > 0),
  F = list(statistic = unname(zxF_pos$statistic), ndf = unname(zxF_pos$parameter["ndf"]),
           ddf = unname(zxF_pos$parameter["ddf"]), p = zxF_pos$p.value),
  note = "svychisq on the rows of weight > 0 only (the zero-weight rows dropped from the data): NOT what svychisq gives on the design that has them")
# A level held only by rows of weight 0: svychisq counts it (nr, nc come from unique() of the data)
# and returns NaN (a zero row/column in the chi-square of svytable). survey drops the empty level.
zxe <- zxs; zxe$pick[zxe$w == 0] <- "Other"
zxeF <- svychisq(~group + pick, svydesign(ids = ~1, weights = ~w, data = zxe), statistic = "F")
if (!is.nan(unname(zxeF$statistic))) stop("zeroWeights: expected svychisq to give NaN for a level held only by zero-weight rows")
zx$levelOnlyInZeroWeightRows <- list(
  change = "pick set to 'Other' on the rows of weight 0",
  F = list(statistic = "NaN", ndf = unname(zxeF$parameter["ndf"]), ddf = unname(zxeF$parameter["ddf"])),
  note = "svychisq counts the level in nr/nc, so the weighted table has an empty column and the statistic is NaN; survey drops the empty column (df 2) and keeps the rows in n")

zeroWeights <- list(
  file = ZW_FILE,
  design = "svydesign(ids=~1, weights=~w, data=rows answering age); a blank weight is 0",
  rows = nrow(zd),
  rowsAnswering = nall,
  rowsZeroWeight = sum(za$w == 0),
  age = list(
    sumOfWeights = sum(za$w),
    mean = unname(coef(zm)),
    svyvar = unname(coef(zv)),
    sd = sqrt(unname(coef(zv))),
    sdCountingZeroWeightRows = sqrt(zv_all),
    median = unname(zq[1]),
    min = unname(zq7[1]),
    max = unname(zq7[2]),
    minMaxAllRows = range(za$age),
    unwtdCount = unname(unwtd.count(~age, zades)[1]),
    nrowDesign = nrow(zades),
    degf = degf(zades)
  ),
  svychisq = list("group x pick" = zx),
  notes = list(
    svyvar = "n/(n-1) * sum w (x - mean)^2 / sum w with n = sum(weights != 0): zero-weight rows are not in n",
    quantiles = "svyquantile's qrules drop rows of weight 0 first (qrule 'school': average at an exact half, as survey's median); min and max are quantiles 0 and 1 (qrule 'hf7'; 'school' and 'math' at 0 give the second value, not the smallest), i.e. the range of the rows of weight > 0",
    unwtdCount = "unwtd.count leaves out rows of weight 0; nrow(design) keeps them; degf counts only PSUs of weight > 0",
    svychisq = "svychisq(~group+pick, design on the rows answering both): rows of weight 0 stay in N (the table is scaled to N and Delta uses N*V) and in nu = rows - 1 (ddf = d0 * nu), although degf(design) leaves them out",
    negativeWeights = "survey 4.1.1 accepts negative weights silently (svydesign neither errors nor warns; svymean of x = 1,2,3 with w = 1,-1,2 is 2.5); Stata refuses pweights < 0 ('negative weights encountered')"
  )
)

# ---------------------------------------------------------------------------------------
out <- list(
  meta = list(
    generator = "tests/oracles/survey_stats.R",
    R = paste(R.version$major, R.version$minor, sep = "."),
    survey = as.character(packageVersion("survey")),
    jsonlite = as.character(packageVersion("jsonlite")),
    fixture = FIXTURE,
    rows = n_all,
    design = "svydesign(ids=~1, weights=~weight, data=d)",
    labelOrder = "Unicode code point (C-locale sort), as in crosstabs.py; firstAppearanceOrder also given",
    reading = paste("all cells read as strings, trimmed of space/tab/CR/LF; 'NA' is blank (missing),",
                    "'No answer' an ordinary category; crosstabs drop rows where either",
                    "variable is blank (kids: its 9 NA)"),
    matrices = "row-major: m[i][j] = row label i, column label j"
  ),
  variables = variables,
  weightsSummary = weightsSummary,
  weighted = c(weighted, list(notes = weighted_notes)),
  svychisq = svychisq_out,
  rake = rake_out,
  zeroWeights = zeroWeights
)

dir.create(dirname(OUTPUT), showWarnings = FALSE, recursive = TRUE)
json <- toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null")
writeLines(json, OUTPUT, useBytes = TRUE)
cat("wrote", OUTPUT, "\n")
