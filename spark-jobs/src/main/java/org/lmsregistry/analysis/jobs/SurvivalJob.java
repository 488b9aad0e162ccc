package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.output.Plots;
import org.lmsregistry.analysis.output.ResultTable;
import org.lmsregistry.analysis.stats.CoxRegression;
import org.lmsregistry.analysis.stats.DesignMatrix;
import org.lmsregistry.analysis.stats.KaplanMeier;
import org.lmsregistry.analysis.stats.LogRankTest;
import org.lmsregistry.analysis.stats.RatioPerIncrement;

/**
 * Time to event: Kaplan-Meier curves with numbers at risk by grade and by a chosen feature, log-rank tests,
 * and a Cox proportional-hazards model (Efron ties) with hazard ratios and Wald intervals. One Spark pass
 * over the cached cohort brings the endpoint, the groups and the model's covariates of each patient to the
 * driver, which counts (group, time, event) for the curves; the statistics are the R-checked classes.
 */
public final class SurvivalJob {

    /** Covariates known to the Cox model besides the features: margin (R1, R2 vs R0), age per 10 years from 60. */
    public static final String MARGIN = "margin";
    public static final String AGE_10Y = "age_per_10y";

    /**
     * Options.
     *
     * @param endpoint    the endpoint
     * @param covariates  Cox model covariates (feature names, grade, size, margin, age_per_10y)
     * @param feature     binary feature for the second set of Kaplan-Meier curves
     * @param maxYears    the curves and yearly tables run to this many years
     */
    public record Options(Endpoints endpoint, List<String> covariates, String feature, int maxYears) {

        public Options {
            covariates = List.copyOf(covariates);
            if (maxYears < 1) {
                throw new IllegalArgumentException("--max-years must be 1 or more");
            }
        }

        public static Options defaults() {
            return new Options(Endpoints.RECURRENCE_FREE, List.of(Features.GRADE, Features.SIZE, PatientTable.DEEP,
                    PatientTable.PERIPHERAL_ENHANCEMENT), PatientTable.PERIPHERAL_ENHANCEMENT, 10);
        }

        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", endpoint.key());
            m.put("covariates", covariates);
            m.put("feature", feature);
            m.put("maxYears", maxYears);
            return m;
        }
    }

    static final double DAYS_PER_YEAR = 365.25;

    private SurvivalJob() {
    }

    public static AnalysisResult run(AnalysisContext ctx, Options o) {
        long t0 = System.nanoTime();
        Map<String, Features.Feature> binary = Features.binary(100);
        Map<String, Features.Feature> continuous = Features.continuous(List.of());
        Features.Feature feature = binary.get(o.feature());
        if (feature == null) {
            throw new IllegalArgumentException("unknown binary feature " + o.feature() + "; known: " + binary.keySet());
        }
        List<String> knownCovariates = new ArrayList<>(Features.names(binary, continuous));
        knownCovariates.add(MARGIN);
        knownCovariates.add(AGE_10Y);
        for (String c : o.covariates()) {
            if (!knownCovariates.contains(c)) {
                throw new IllegalArgumentException("unknown covariate " + c + "; known: " + knownCovariates);
            }
        }
        Endpoints ep = o.endpoint();
        // one pass over the cached cohort: the columns the curves and the model read, for every patient the
        // endpoint can be decided for (usable or not); the counts per group and time are made here, not by
        // two more Spark aggregations
        List<String> numeric = new ArrayList<>();
        for (String c : List.of(AGE_10Y, Features.SIZE)) {
            if (o.covariates().contains(c)) {
                numeric.add(c);
            }
        }
        for (Features.Feature f : binary.values()) {
            if (o.covariates().contains(f.name())) {
                numeric.add(f.name());
            }
        }
        for (Features.Feature f : continuous.values()) {
            if (o.covariates().contains(f.name())) {
                numeric.add(f.name());
            }
        }
        List<Column> cols = new ArrayList<>();
        cols.add(ep.usable().as("_usable"));
        cols.add(ep.time().cast("double").as("_time"));
        cols.add(ep.event().as("_event"));
        cols.add(col(PatientTable.GRADE));
        cols.add(col(PatientTable.SURGICAL_MARGIN).as(MARGIN));
        cols.add(feature.column().as("_feature"));
        for (String c : numeric) {
            cols.add(c.equals(AGE_10Y) ? col(PatientTable.AGE).minus(60).cast("double").divide(10).as(AGE_10Y)
                    : c.equals(Features.SIZE) ? col(PatientTable.DIAMETER_MM).cast("double").divide(10).as(Features.SIZE)
                    : binary.containsKey(c) ? binary.get(c).column().as(c) : continuous.get(c).column().as(c));
        }
        List<Row> decided = ctx.cohort().patients().where(ep.usable().isNotNull()).select(cols.toArray(Column[]::new))
                .collectAsList();
        List<Row> subjects = new ArrayList<>(decided.size());
        long excluded = 0;
        // Kaplan-Meier input: counts per (group, time, event), hashed while counting (a patient each) and put in
        // that order once (a few thousand distinct keys)
        Map<List<Object>, Long> gradeCounts = new HashMap<>();
        Map<List<Object>, Long> featureCounts = new HashMap<>();
        for (Row r : decided) {
            if (!r.getBoolean(0)) {
                excluded++;
                continue;
            }
            subjects.add(r);
            double time = r.getDouble(1);
            boolean event = r.getBoolean(2);
            gradeCounts.merge(List.of(r.isNullAt(3) ? "UNKNOWN" : r.getString(3), time, event), 1L, Long::sum);
            if (!r.isNullAt(5)) {
                featureCounts.merge(List.of(r.getBoolean(5) ? "yes" : "no", time, event), 1L, Long::sum);
            }
        }
        List<Row> byGrade = countRows(gradeCounts);
        List<Row> byFeature = countRows(featureCounts);
        t0 = ctx.lap("aggregateSeconds", t0);

        AnalysisResult result = new AnalysisResult("survival", "Time to event: " + ep.label());
        String base = "survival/" + ep.key() + "/";
        km(ctx, result, o, base + "km/grade/", "grade", "FNCLCC grade", byGrade);
        km(ctx, result, o, base + "km/" + feature.name() + "/", feature.name(), feature.label(), byFeature);

        Map<String, Boolean> isBinary = new HashMap<>();
        binary.keySet().forEach(k -> isBinary.put(k, true));
        Covariates cov = new Covariates(subjects, numeric, PatientTable.GRADE, Map.of(MARGIN, "R0"));
        double[] time = new double[subjects.size()];
        boolean[] event = new boolean[subjects.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = subjects.get(i).getDouble(1);
            event[i] = subjects.get(i).getBoolean(2);
        }
        cox(ctx, result, cov, time, event, o.covariates(), isBinary, base + "cox/");

        long events = 0;
        for (boolean e : event) {
            events += e ? 1 : 0;
        }
        result.summary().put("endpoint", ep.key());
        result.summary().put("patients", ctx.suppression().show(time.length));
        result.summary().put("events", ctx.suppression().show(events));
        result.summary().put("patientsNotAtRisk", ctx.suppression().show(excluded));
        result.note("Endpoint: " + ep.label() + ". Patients without the event are censored at their last follow-up "
                + "or death; patients without a start (no surgery for local recurrence, no metastasis for death from "
                + "the disease) or without follow-up are left out.");
        result.note("Kaplan-Meier with Greenwood standard errors and log-scale limits (as R survfit); log-rank as R "
                + "survdiff; Cox proportional hazards with Efron ties (as R coxph), Wald intervals. Survival "
                + "estimates are not shown where fewer than " + ctx.minCell() + " patients are at risk.");
        ctx.lap("statisticsSeconds", t0);
        return result;
    }

    private static int compareGroupTimeEvent(List<Object> a, List<Object> b) {
        int c = ((String) a.get(0)).compareTo((String) b.get(0));
        if (c == 0) {
            c = Double.compare((Double) a.get(1), (Double) b.get(1));
        }
        return c != 0 ? c : Boolean.compare((Boolean) a.get(2), (Boolean) b.get(2));
    }

    /** (group, time, event, n) rows of counts, ordered by group, time and event. */
    private static List<Row> countRows(Map<List<Object>, Long> counts) {
        Map<List<Object>, Long> ordered = new TreeMap<>(SurvivalJob::compareGroupTimeEvent);
        ordered.putAll(counts);
        List<Row> rows = new ArrayList<>(ordered.size());
        ordered.forEach((k, n) -> rows.add(RowFactory.create(k.get(0), k.get(1), k.get(2), n)));
        return rows;
    }

    /** Expands (group, time, event, n) counts into subject arrays. */
    private static void km(AnalysisContext ctx, AnalysisResult result, Options o, String id, String grouping,
            String label, List<Row> counts) {
        int n = 0;
        for (Row r : counts) {
            n += (int) r.getLong(3);
        }
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        String[] group = new String[n];
        int i = 0;
        for (Row r : counts) {
            for (long k = 0; k < r.getLong(3); k++) {
                group[i] = r.getString(0);
                time[i] = r.getDouble(1);
                event[i] = r.getBoolean(2);
                i++;
            }
        }
        ResultTable.Builder t = ResultTable.builder("km_" + grouping, "Kaplan-Meier estimates by " + label
                + ", yearly, with numbers at risk")
                .text("group", label).number("years", "Years from the start").count("at_risk", "Patients at risk")
                .count("events_so_far", "Events up to this time").number("survival", "Kaplan-Meier estimate")
                .number("lower", "Lower limit (log scale)").number("upper", "Upper limit");
        if (n == 0) {
            result.add(t.note("No patients.").build());
            return;
        }
        Map<String, KaplanMeier.Curve> curves = KaplanMeier.byGroup(time, event, group, ctx.confidenceLevel());
        // group sizes with their total (all patients of the curves), suppressed together
        List<String> groupNames = new ArrayList<>(curves.keySet());
        long[][] sizes = new long[groupNames.size()][1];
        for (int g = 0; g < sizes.length; g++) {
            sizes[g][0] = curves.get(groupNames.get(g)).subjects();
        }
        org.lmsregistry.analysis.disclosure.SuppressedTable groupSizes = Disclosure.table(ctx.suppression(), sizes);
        List<Plots.Curve> lines = new ArrayList<>();
        double[] riskYears = new double[o.maxYears() + 1];
        List<String[]> riskText = new ArrayList<>();
        for (int y = 0; y <= o.maxYears(); y++) {
            riskYears[y] = y;
        }
        for (Map.Entry<String, KaplanMeier.Curve> e : curves.entrySet()) {
            KaplanMeier.Curve c = e.getValue();
            String[] atRiskText = new String[riskYears.length];
            for (int y = 0; y <= o.maxYears(); y++) {
                double day = y * DAYS_PER_YEAR;
                int atRisk = c.atRisk(day);
                // at the start, the numbers at risk are the group sizes: published as suppressed together
                ShownCount shownRisk = y == 0 && atRisk == c.subjects()
                        ? groupSizes.cell(groupNames.indexOf(e.getKey()), 0) : ctx.suppression().show(atRisk);
                int eventsSoFar = 0;
                KaplanMeier.Step last = null;
                for (KaplanMeier.Step s : c.steps()) {
                    if (s.time() > day) {
                        break;
                    }
                    eventsSoFar += s.events();
                    last = s;
                }
                atRiskText[y] = shownRisk.text();
                boolean show = atRisk >= ctx.minCell() && !shownRisk.suppressed();
                double surv = last == null ? 1.0 : last.survival();
                Double lo = last == null ? 1.0 : last.lower();
                Double hi = last == null ? 1.0 : last.upper();
                t.row(e.getKey(), (double) y, shownRisk, ctx.suppression().show(eventsSoFar), show ? surv : null,
                        show ? lo : null, show ? hi : null);
                if (show && y > 0) {
                    Estimate.Builder est = Estimate.of(id + e.getKey() + "/year_" + y, "Kaplan-Meier estimate at " + y
                            + " years, " + label + " " + e.getKey(), "survival",
                            "Kaplan-Meier, Greenwood variance, log-scale interval").value(surv)
                            .count("atRisk", shownRisk).count("eventsSoFar", ctx.suppression().show(eventsSoFar));
                    if (last == null || last.confidenceLimitsDefined()) {
                        est.interval(lo, hi, ctx.confidenceLevel());
                    }
                    result.add(est.build());
                }
            }
            riskText.add(atRiskText);
            // the curve on a monthly grid, while enough patients are at risk
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int m = 0; m <= o.maxYears() * 12; m++) {
                double day = m * DAYS_PER_YEAR / 12;
                if (c.atRisk(day) < ctx.minCell()) {
                    break;
                }
                xs.add(m / 12.0);
                ys.add(c.survivalAt(day));
            }
            lines.add(new Plots.Curve(e.getKey() + " (n " + groupSizes.cell(groupNames.indexOf(e.getKey()), 0).text()
                    + ")",
                    xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()));
            median(ctx, result, id + e.getKey() + "/median", label + " " + e.getKey(), c);
        }
        t.note("Numbers at risk and events below " + ctx.minCell() + " are shown as <" + ctx.minCell()
                + "; survival is not shown where fewer patients are at risk.");
        result.add(t.build());
        if (curves.size() >= 2) {
            try {
                LogRankTest.Result lr = LogRankTest.of(time, event, group);
                Estimate.Builder e = Estimate.of(id + "log_rank", "Log-rank test of equal survival by " + label,
                        "test", "Log-rank test (as R survdiff)").test("log-rank chi-square", lr.chiSquare(),
                        lr.degreesOfFreedom(), lr.pValue());
                for (LogRankTest.Group g : lr.groups()) {
                    e.count("subjects_" + g.label(), groupSizes.cell(groupNames.indexOf(g.label()), 0))
                            .detail("observed_" + g.label(), g.observed() < ctx.minCell() ? null : g.observed())
                            .detail("expected_" + g.label(), g.expected());
                }
                result.add(e.build());
            } catch (IllegalArgumentException ex) {
                result.add(Estimate.of(id + "log_rank", "Log-rank test by " + label, "test", "Log-rank test")
                        .flag("not_estimable").detail("reason", ex.getMessage()).build());
            }
        }
        result.add(new AnalysisResult.ReportFigure("km_" + grouping, "Kaplan-Meier curves by " + label,
                Plots.survival(label, "Years", lines, riskYears, riskText),
                "Kaplan-Meier estimates on a monthly grid, drawn while at least " + ctx.minCell()
                        + " patients are at risk; numbers at risk yearly under the curves."));
    }

    /** Median time with the limits where the confidence band crosses 0.5 (as R survfit's print). */
    private static void median(AnalysisContext ctx, AnalysisResult result, String id, String label,
            KaplanMeier.Curve c) {
        Double med = null;
        Double lo = null;
        Double hi = null;
        for (KaplanMeier.Step s : c.steps()) {
            if (med == null && s.survival() <= 0.5) {
                med = s.time();
            }
            if (lo == null && s.confidenceLimitsDefined() && s.lower() <= 0.5) {
                lo = s.time();
            }
            if (hi == null && s.confidenceLimitsDefined() && s.upper() <= 0.5) {
                hi = s.time();
            }
        }
        Estimate.Builder e = Estimate.of(id, "Median time to event, " + label, "median_days",
                "Kaplan-Meier median; limits where the log-scale confidence band crosses 0.5");
        if (med == null || c.atRisk(med) < ctx.minCell()) {
            e.flag(med == null ? "not_reached" : "suppressed_few_at_risk");
        } else {
            e.value(med);
            if (lo != null) {
                e.detail("lower", lo);
            }
            e.detail("upper", hi);
        }
        result.add(e.build());
    }

    private static void cox(AnalysisContext ctx, AnalysisResult result, Covariates cov, double[] time,
            boolean[] event, List<String> covariates, Map<String, Boolean> isBinary, String base) {
        ResultTable.Builder t = ResultTable.builder("cox", "Cox proportional-hazards model: "
                + String.join(" + ", covariates))
                .text("term", "Model term").number("coefficient", "Log hazard ratio")
                .number("standard_error", "Standard error").number("hazard_ratio", "Hazard ratio")
                .number("lower", "Lower Wald limit").number("upper", "Upper Wald limit").number("p", "Wald p")
                .number("hr_per_sd", "Hazard ratio per SD (numeric terms)");
        if (covariates.isEmpty()) {
            result.add(t.note("No covariates given.").build());
            return;
        }
        int[] rows = cov.completeCases(covariates, null);
        try {
            DesignMatrix x = cov.design(covariates, rows, isBinary);
            CoxRegression.Fit fit = CoxRegression.fit(x, Covariates.pick(time, rows), Covariates.pick(event, rows),
                    ctx.confidenceLevel());
            List<Plots.IntervalRow> forest = new ArrayList<>();
            for (CoxRegression.Coefficient c : fit.coefficients()) {
                boolean numeric = !isBinary.containsKey(c.name()) && !c.name().startsWith(Features.GRADE)
                        && !c.name().startsWith(MARGIN);
                RatioPerIncrement sd = numeric ? fit.perStandardDeviation(c.name()) : null;
                t.row(c.name(), c.estimate(), c.standardError(), c.hazardRatio(), c.lower(), c.upper(), c.pValue(),
                        sd == null ? null : sd.ratio());
                Estimate.Builder e = Estimate.of(base + c.name(), "Hazard ratio of " + c.name() + " (model "
                        + String.join(" + ", covariates) + ")", "hazard_ratio",
                        "Cox proportional hazards, Efron ties (as R coxph), Wald interval").value(c.hazardRatio())
                        .interval(c.lower(), c.upper(), c.confidenceLevel()).test("Wald z", c.z(), null, c.pValue())
                        .detail("coefficient", c.estimate()).detail("standardError", c.standardError())
                        .count("patients", ctx.suppression().show(fit.subjects()))
                        .count("events", ctx.suppression().show(fit.events()));
                if (sd != null) {
                    e.detail("hazardRatioPerSd", sd.ratio()).detail("perSdLower", sd.lower())
                            .detail("perSdUpper", sd.upper()).detail("sd", sd.increment());
                }
                result.add(e.build());
                forest.add(new Plots.IntervalRow(c.name(), c.hazardRatio(), c.lower(), c.upper(), false));
            }
            result.add(Estimate.of(base + "global", "Global tests of the Cox model", "test",
                    "Likelihood-ratio, Wald and score tests (as R coxph)")
                    .test("likelihood ratio", fit.likelihoodRatioTest().statistic(),
                            fit.likelihoodRatioTest().degreesOfFreedom(), fit.likelihoodRatioTest().pValue())
                    .detail("wald", fit.waldTest().statistic()).detail("waldP", fit.waldTest().pValue())
                    .detail("score", fit.scoreTest().statistic()).detail("scoreP", fit.scoreTest().pValue())
                    .detail("logLikelihood", fit.logLikelihood()).detail("iterations", fit.iterations())
                    .count("patients", ctx.suppression().show(fit.subjects()))
                    .count("events", ctx.suppression().show(fit.events())).build());
            t.note("Complete cases: " + ctx.suppression().show(fit.subjects()).text() + " patients, "
                    + ctx.suppression().show(fit.events()).text() + " events. grade: G2, G3 against G1; margin: R1, R2 "
                    + "against R0; size per cm; age_per_10y = (age - 60) / 10.");
            result.add(new AnalysisResult.ReportFigure("cox_forest", "Cox model hazard ratios",
                    Plots.intervals("Hazard ratios (" + String.join(" + ", covariates) + ")", "Hazard ratio (log scale)",
                            forest, true, 1.0), "Cox proportional hazards with Efron ties; 95% Wald limits."));
        } catch (IllegalArgumentException ex) {
            result.warn("the Cox model " + covariates + " could not be fitted: " + ex.getMessage());
            t.note("Not estimable: " + ex.getMessage());
        }
        result.add(t.build());
    }
}
