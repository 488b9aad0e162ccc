package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.disclosure.SuppressedTable;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.output.Plots;
import org.lmsregistry.analysis.output.ResultTable;
import org.lmsregistry.analysis.stats.BenjaminiHochbergQValues;
import org.lmsregistry.analysis.stats.BreslowDayTest;
import org.lmsregistry.analysis.stats.DerSimonianLairdMetaAnalysis;
import org.lmsregistry.analysis.stats.FisherExactTest;
import org.lmsregistry.analysis.stats.LogisticRegression;
import org.lmsregistry.analysis.stats.MantelHaenszelTest;
import org.lmsregistry.analysis.stats.PearsonChiSquareTest;
import org.lmsregistry.analysis.stats.RatioPerIncrement;
import org.lmsregistry.analysis.stats.TwoByTwoTable;
import org.lmsregistry.analysis.stats.WoolfOddsRatio;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.record.RecordType;

/**
 * Imaging features against a binary outcome within a horizon (distant metastasis, local recurrence or
 * death on or before day h from diagnosis; patients censored alive and event-free before h are left out).
 *
 * <p>One Spark pass brings one narrow row of primitives per cohort patient to the driver ({@link
 * PatientCovariates}: site, outcome and covariates, nothing identifying), where the eligibility per site, the
 * 2x2 tables per site and feature and the distinct (outcome, covariates) patterns of every logistic model are
 * counted ({@link #countsOf}). The models are
 * fitted on the patterns with frequency weights, which is the fit on the patients, and the per-feature
 * statistics are computed on all cores and assembled in a fixed order. The statistics are the R-checked
 * classes of {@code org.lmsregistry.analysis.stats}: per site Woolf odds
 * ratio, Fisher's exact test and Pearson's chi-square; across sites Mantel-Haenszel, Breslow-Day and
 * DerSimonian-Laird with I&sup2;; logistic regression per unit and per SD, crude and adjusted; a
 * multivariable model on request; Benjamini-Hochberg q-values across features.
 */
public final class AssociationsJob {

    /**
     * Options.
     *
     * @param outcome     the outcome
     * @param horizonDays the horizon, days from diagnosis
     * @param binary      binary features to analyse (empty: all known)
     * @param continuous  continuous features to analyse (empty: all known, radiomics included)
     * @param adjust      covariates of the adjusted models (feature names, {@code grade}, {@code size})
     * @param model       covariates of one multivariable model to report in full (empty: none)
     * @param sizeCutMm   the cut of the binary feature {@code size_gt_<cut>mm}
     */
    public record Options(Outcomes outcome, int horizonDays, List<String> binary, List<String> continuous,
            List<String> adjust, List<String> model, int sizeCutMm) {

        public Options {
            binary = List.copyOf(binary);
            continuous = List.copyOf(continuous);
            adjust = List.copyOf(adjust);
            model = List.copyOf(model);
            if (horizonDays <= 0) {
                throw new IllegalArgumentException("the horizon must be 1 day or more, was " + horizonDays);
            }
        }

        public static Options defaults() {
            return new Options(Outcomes.METASTASIS, 1095, List.of(), List.of(), List.of(Features.GRADE, Features.SIZE),
                    List.of(), 100);
        }

        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", outcome.key());
            m.put("horizonDays", horizonDays);
            m.put("binaryFeatures", binary);
            m.put("continuousFeatures", continuous);
            m.put("adjust", adjust);
            m.put("model", model);
            m.put("sizeCutMm", sizeCutMm);
            return m;
        }
    }

    /** Keys of the fits: crude and adjusted model of a feature, the multivariable model. */
    private static final String CRUDE = "crude/";
    private static final String ADJUSTED = "adjusted/";
    private static final String MODEL = "model";
    /**
     * What the statistics need from the cohort.
     *
     * @param eligibility per site (sorted): patients, patients with the outcome known, events among them
     * @param cells       per binary feature and site: the 2x2 cells a, b, c, d of the eligible patients
     * @param patients    the patients' site, outcome and covariates, from which each model's patterns are taken
     * @param models      the models, in order (the last one the multivariable model when {@code multivariable})
     */
    record Counts(Map<String, long[]> eligibility, Map<String, Map<String, long[]>> cells, PatientCovariates patients,
                  List<List<String>> models, boolean multivariable) {

        /** The patterns of model m (taken when called: call it where they are needed, then drop them). */
        CovariatePatterns patterns(int m) {
            return patients.patterns(models.get(m), multivariable && m == models.size() - 1);
        }
    }

    private AssociationsJob() {
    }

    public static AnalysisResult run(AnalysisContext ctx, Options o) {
        long t0 = System.nanoTime();
        Dataset<Row> p = ctx.cohort().patients();
        List<String> radiomics = radiomicsNames(ctx, p);
        t0 = ctx.lap("aggregateSeconds", t0);
        Map<String, Features.Feature> allBinary = Features.binary(o.sizeCutMm());
        Map<String, Features.Feature> allContinuous = Features.continuous(radiomics);
        Map<String, Features.Feature> binary = select(allBinary, o.binary(), "binary");
        Map<String, Features.Feature> continuous = select(allContinuous, o.continuous(), "continuous");
        List<String> known = Features.names(allBinary, allContinuous);
        for (String c : concat(o.adjust(), o.model())) {
            if (!known.contains(c)) {
                throw new IllegalArgumentException("unknown covariate " + c + "; known: " + known);
            }
        }

        List<String> features = new ArrayList<>(binary.keySet());
        features.addAll(continuous.keySet());
        List<List<String>> models = models(features, o);
        Counts counts = countsOf(ctx, o, radiomics, new ArrayList<>(binary.keySet()), models);
        t0 = System.nanoTime();

        AnalysisResult result = new AnalysisResult("associations", "Imaging features and " + o.outcome().label()
                + " within " + o.horizonDays() + " days of diagnosis");
        Map<String, Boolean> isBinary = new HashMap<>();
        allBinary.keySet().forEach(k -> isBinary.put(k, true));
        // every model fitted once, on both cores; the results are assembled below in the fixed feature order
        Map<String, CovariatePatterns.Fitted> fits = fitAll(features, o, models, counts, isBinary,
                ctx.confidenceLevel());
        List<String> sites = eligibilityTable(ctx, result, counts.eligibility());
        Map<String, Map<String, TwoByTwoTable>> tables = tables(counts.cells(), binary.keySet(), sites);
        Map<TwoByTwoTable, FisherExactTest.Result> fisher = fisherAll(tables, ctx.confidenceLevel());

        String base = "association/" + o.outcome().key() + "/";
        ResultTable.Builder twoByTwo = ResultTable.builder("two_by_two",
                "2x2 tables by site and feature, with per-site odds ratios and tests")
                .text("feature", "Binary feature").text("site", "Site code, or ALL for the crude pooled table")
                .count("a_feature_event", "Feature present, outcome").count("b_feature_no_event", "Feature present, no outcome")
                .count("c_no_feature_event", "Feature absent, outcome").count("d_no_feature_no_event",
                        "Feature absent, no outcome")
                .number("odds_ratio", "Sample odds ratio (Woolf)").number("or_lower", "Lower Woolf limit")
                .number("or_upper", "Upper Woolf limit").number("fisher_p", "Fisher's exact test, two-sided")
                .number("chi_square", "Pearson chi-square (no correction)").number("chi_square_p", "Its p-value")
                .number("yates_p", "Chi-square p-value with Yates' correction").text("flags", "Conditions");
        twoByTwo.note("Per-site estimates are not shown for tables with a hidden cell (they could reveal it); those "
                + "sites still count in the pooled estimates.");
        ResultTable.Builder binaryTable = ResultTable.builder("binary_features",
                "Binary features: crude, site-stratified, random-effects and adjusted odds ratios")
                .text("feature", "Feature").text("label", "Feature label").count("patients", "Patients with the feature known")
                .count("events", "Of them, with the outcome")
                .number("crude_or", "Crude OR (all sites pooled, Woolf)").number("crude_lower", "Lower limit")
                .number("crude_upper", "Upper limit").number("fisher_p", "Fisher's exact p (pooled table)")
                .number("mh_or", "Mantel-Haenszel OR (sites as strata)").number("mh_lower", "Lower RGB limit")
                .number("mh_upper", "Upper RGB limit").number("mh_p", "CMH test p (continuity corrected, as R)")
                .number("breslow_day_p", "Breslow-Day test of homogeneity, p")
                .number("dl_or", "DerSimonian-Laird random-effects OR").number("dl_lower", "Lower limit")
                .number("dl_upper", "Upper limit").number("dl_p", "Wald p").number("i_squared", "I squared, %")
                .number("tau_squared", "Between-site variance of the log OR")
                .number("adjusted_or", "Adjusted OR (logistic)").number("adjusted_lower", "Lower Wald limit")
                .number("adjusted_upper", "Upper Wald limit").number("adjusted_p", "Wald p")
                .text("adjusted_for", "Covariates of the adjusted model").number("q_mh", "BH q-value of the CMH p")
                .number("q_adjusted", "BH q-value of the adjusted p (all features)");
        List<Plots.IntervalRow> adjustedRows = new ArrayList<>();
        Map<String, Object[]> binaryRows = new LinkedHashMap<>();
        Map<String, Double> mhP = new LinkedHashMap<>();
        Map<String, Double> adjustedP = new LinkedHashMap<>();

        for (Features.Feature f : binary.values()) {
            Map<String, TwoByTwoTable> bySite = tables.get(f.name());
            String id = base + f.name() + "/";
            List<TwoByTwoTable> strata = new ArrayList<>();
            List<Plots.IntervalRow> forest = new ArrayList<>();
            // the per-site tables and the pooled one are published together: one sites x {a, b, c, d} table whose
            // column totals are the pooled cells, suppressed jointly so that no hidden cell can be recovered
            long[][] cells2 = new long[Math.max(1, sites.size())][4];
            long a = 0, b = 0, c = 0, d = 0;
            for (int si = 0; si < sites.size(); si++) {
                TwoByTwoTable t = bySite.get(sites.get(si));
                strata.add(t);
                cells2[si] = new long[] {t.a(), t.b(), t.c(), t.d()};
                a += t.a();
                b += t.b();
                c += t.c();
                d += t.d();
            }
            SuppressedTable joint = Disclosure.table(ctx.suppression(), cells2);
            for (int si = 0; si < sites.size(); si++) {
                String site = sites.get(si);
                ShownCount[] shown = {joint.cell(si, 0), joint.cell(si, 1), joint.cell(si, 2), joint.cell(si, 3),
                    joint.rowTotals().get(si)};
                Plots.IntervalRow r = twoByTwoRow(ctx, result, twoByTwo, f, site, bySite.get(site), shown,
                        id + "site/" + site, false, fisher);
                if (r != null) {
                    forest.add(r);
                }
            }
            TwoByTwoTable pooled = TwoByTwoTable.of(a, b, c, d);
            ShownCount[] pooledShown = {joint.columnTotals().get(0), joint.columnTotals().get(1),
                joint.columnTotals().get(2), joint.columnTotals().get(3), joint.grandTotal()};
            Plots.IntervalRow crude = twoByTwoRow(ctx, result, twoByTwo, f, DescribeJob.OVERALL, pooled, pooledShown,
                    id + "crude", true, fisher);
            if (crude != null) {
                forest.add(crude);
            }
            Object[] row = new Object[binaryTable.columnCount()];
            row[0] = f.name();
            row[1] = f.label();
            row[2] = pooledShown[4];
            row[3] = pooledShown[0].suppressed() || pooledShown[2].suppressed() ? Disclosure.hidden()
                    : ctx.suppression().show(a + c);
            if (crude != null) {
                row[4] = crude.estimate();
                row[5] = crude.lower();
                row[6] = crude.upper();
                row[7] = result.estimate(id + "crude").pValue();
            }
            stratified(ctx, result, f, id, strata, row, forest, mhP);
            // logistic: crude and adjusted
            List<String> adjust = adjustmentFor(f.name(), o.adjust());
            LogisticRegression.Coefficient adj = logistic(ctx, result, fits.get(ADJUSTED + f.name()), f.name(), adjust,
                    id + "logistic_adjusted", "Adjusted odds ratio of " + f.label());
            logistic(ctx, result, fits.get(CRUDE + f.name()), f.name(), List.of(), id + "logistic_crude",
                    "Crude odds ratio of " + f.label() + " (logistic)");
            if (adj != null) {
                RatioPerIncrement r = adj.perUnit();
                row[19] = r.ratio();
                row[20] = r.lower();
                row[21] = r.upper();
                row[22] = adj.pValue();
                adjustedP.put(f.name(), adj.pValue());
                adjustedRows.add(new Plots.IntervalRow(f.label(), r.ratio(), r.lower(), r.upper(), false));
            }
            row[23] = String.join(" + ", adjust);
            binaryRows.put(f.name(), row);
            result.add(new AnalysisResult.ReportFigure("forest_" + f.name(), f.label() + ": odds ratio by site",
                    Plots.intervals(f.label() + " and " + o.outcome().label() + " by day " + o.horizonDays(),
                            "Odds ratio (log scale)", forest, true, 1.0),
                    "Per-site Woolf odds ratios with 95% limits (squares; sites with small cells left out), the "
                            + "crude pooled, Mantel-Haenszel and DerSimonian-Laird odds ratios (diamonds)."));
        }

        // continuous features
        ResultTable.Builder contTable = ResultTable.builder("continuous_features",
                "Continuous features: logistic regression per unit and per standard deviation, crude and adjusted")
                .text("feature", "Feature").text("label", "Feature label").text("unit", "Unit")
                .count("patients", "Patients with the value known").count("events", "Of them, with the outcome")
                .number("sd", "Sample standard deviation").number("or_per_unit", "Crude OR per unit")
                .number("lower", "Lower Wald limit").number("upper", "Upper Wald limit")
                .number("or_per_sd", "Crude OR per SD").number("lower_sd", "Lower limit per SD")
                .number("upper_sd", "Upper limit per SD").number("p", "Wald p (crude)")
                .number("adjusted_or_per_unit", "Adjusted OR per unit").number("adjusted_lower", "Lower limit")
                .number("adjusted_upper", "Upper limit").number("adjusted_or_per_sd", "Adjusted OR per SD")
                .number("adjusted_p", "Wald p (adjusted)").text("adjusted_for", "Covariates of the adjusted model")
                .number("q_adjusted", "BH q-value of the adjusted p (all features)");
        Map<String, Object[]> contRows = new LinkedHashMap<>();
        for (Features.Feature f : continuous.values()) {
            String id = base + f.name() + "/";
            Object[] row = new Object[contTable.columnCount()];
            row[0] = f.name();
            row[1] = f.label();
            row[2] = f.unit();
            CovariatePatterns.Fitted crudeFit = fits.get(CRUDE + f.name());
            LogisticRegression.Fit crude = crudeFit.fit();
            if (crude != null) {
                LogisticRegression.Coefficient cf = crude.coefficient(f.name());
                RatioPerIncrement unit = cf.perUnit();
                RatioPerIncrement sd = crude.perStandardDeviation(f.name());
                row[3] = ctx.suppression().show(crude.observations());
                row[4] = ctx.suppression().show(crude.events());
                row[5] = crude.standardDeviations().get(f.name());
                row[6] = unit.ratio();
                row[7] = unit.lower();
                row[8] = unit.upper();
                row[9] = sd.ratio();
                row[10] = sd.lower();
                row[11] = sd.upper();
                row[12] = cf.pValue();
                result.add(ratioEstimate(ctx, id + "logistic_per_unit", f.label() + ": odds ratio per " + f.unit(), unit,
                        cf, crude, "Logistic regression (IRLS as R glm), Wald interval; per unit"));
                result.add(ratioEstimate(ctx, id + "logistic_per_sd", f.label() + ": odds ratio per SD", sd, cf, crude,
                        "Logistic regression (IRLS as R glm), Wald interval; per sample SD "
                                + crude.standardDeviations().get(f.name())));
            } else {
                notEstimable(result, id + "logistic_per_unit", f.label(), crudeFit.whyNot());
            }
            List<String> adjust = adjustmentFor(f.name(), o.adjust());
            CovariatePatterns.Fitted adjustedFit = fits.get(ADJUSTED + f.name());
            LogisticRegression.Fit adjusted = adjustedFit.fit();
            if (adjusted != null) {
                LogisticRegression.Coefficient cf = adjusted.coefficient(f.name());
                RatioPerIncrement unit = cf.perUnit();
                RatioPerIncrement sd = adjusted.perStandardDeviation(f.name());
                row[13] = unit.ratio();
                row[14] = unit.lower();
                row[15] = unit.upper();
                row[16] = sd.ratio();
                row[17] = cf.pValue();
                adjustedP.put(f.name(), cf.pValue());
                result.add(ratioEstimate(ctx, id + "logistic_adjusted_per_unit", f.label()
                        + ": adjusted odds ratio per " + f.unit(), unit, cf, adjusted,
                        "Logistic regression adjusted for " + String.join(" + ", adjust) + "; per unit"));
                result.add(ratioEstimate(ctx, id + "logistic_adjusted_per_sd", f.label() + ": adjusted odds ratio per SD",
                        sd, cf, adjusted, "Logistic regression adjusted for " + String.join(" + ", adjust)
                                + "; per sample SD"));
            } else {
                notEstimable(result, id + "logistic_adjusted_per_unit", f.label(), adjustedFit.whyNot());
            }
            row[18] = String.join(" + ", adjust);
            contRows.put(f.name(), row);
        }

        // Benjamini-Hochberg across features
        Map<String, Double> qMh = qValues(mhP);
        Map<String, Double> qAdj = qValues(adjustedP);
        for (Map.Entry<String, Object[]> e : binaryRows.entrySet()) {
            e.getValue()[24] = qMh.get(e.getKey());
            e.getValue()[25] = qAdj.get(e.getKey());
            binaryTable.row(e.getValue());
        }
        for (Map.Entry<String, Object[]> e : contRows.entrySet()) {
            e.getValue()[19] = qAdj.get(e.getKey());
            contTable.row(e.getValue());
        }
        qMh.forEach((k, q) -> result.add(Estimate.of(base + k + "/q_value_mantel_haenszel", "BH q-value of the CMH "
                + "test of " + k, "q_value", "Benjamini-Hochberg across " + qMh.size() + " binary features (as R "
                + "p.adjust BH)").value(q).build()));
        qAdj.forEach((k, q) -> result.add(Estimate.of(base + k + "/q_value_adjusted", "BH q-value of the adjusted "
                + "Wald test of " + k, "q_value", "Benjamini-Hochberg across " + qAdj.size() + " features (as R "
                + "p.adjust BH)").value(q).build()));

        result.add(twoByTwo.build());
        result.add(binaryTable.build());
        result.add(contTable.build());
        if (!o.model().isEmpty()) {
            result.add(modelTable(ctx, result, fits.get(MODEL), o.model(), base + "model/"));
        }
        if (!adjustedRows.isEmpty()) {
            result.figures().add(0, new AnalysisResult.ReportFigure("forest_adjusted", "Adjusted odds ratios",
                    Plots.intervals("Adjusted odds ratios of binary features (" + String.join(" + ", o.adjust()) + ")",
                            "Odds ratio (log scale)", adjustedRows, true, 1.0),
                    "Logistic regression of " + o.outcome().label() + " by day " + o.horizonDays()
                            + " on each feature with the adjustment covariates; 95% Wald limits."));
        }
        result.summary().put("outcome", o.outcome().key());
        result.summary().put("horizonDays", o.horizonDays());
        long knownOutcome = 0;
        long events = 0;
        for (long[] site : counts.eligibility().values()) {
            knownOutcome += site[1];
            events += site[2];
        }
        result.summary().put("patientsWithKnownOutcome", ctx.suppression().show(knownOutcome));
        result.summary().put("events", ctx.suppression().show(events));
        result.summary().put("sites", sites);
        result.note("Outcome: " + o.outcome().label() + " recorded on or before day " + o.horizonDays()
                + " from diagnosis. Patients alive and event-free at a last follow-up before that day are left out "
                + "(censored); patients who died before it without the event count as without it.");
        result.note("Odds ratios: Woolf (0.5 added to every cell of a table with a zero cell, flagged); Fisher's exact "
                + "test as R fisher.test; chi-square as R chisq.test; Mantel-Haenszel with the Robins-Breslow-"
                + "Greenland interval and the continuity-corrected CMH test as R mantelhaen.test; Breslow-Day "
                + "without Tarone's correction; DerSimonian-Laird as metafor rma(method = \"DL\").");
        result.note("Logistic regression as R glm(family = binomial) with Wald intervals; adjusted models add "
                + String.join(" + ", o.adjust()) + " (grade: G2 and G3 against G1; size: pathological diameter per "
                + "cm), leaving out a covariate that is the feature itself. Complete cases only.");
        ctx.lap("statisticsSeconds", t0);
        return result;
    }

    /**
     * The models: per feature, the feature with its adjustment covariates (its crude model is fitted on the same
     * patterns); then the multivariable model, if asked for.
     */
    static List<List<String>> models(List<String> features, Options o) {
        List<List<String>> models = new ArrayList<>();
        for (String f : features) {
            models.add(concat(List.of(f), adjustmentFor(f, o.adjust())));
        }
        if (!o.model().isEmpty()) {
            models.add(o.model());
        }
        return models;
    }

    /**
     * Counts what the statistics need from one narrow row per cohort patient brought to the driver
     * ({@link PatientCovariates}: site, whether the outcome is known, the outcome, the binary features and every
     * model's covariates; radiomics joined only when a model needs them): the eligibility per site, the 2x2 cells
     * per binary feature and site, and the patients from which each model's patterns are taken. Timings:
     * {@code patientValuesSeconds} (the Spark pass), {@code aggregateSeconds} (the cells).
     */
    static Counts countsOf(AnalysisContext ctx, Options o, List<String> radiomics, List<String> binary,
            List<List<String>> models) {
        long t0 = System.nanoTime();
        Dataset<Row> p = ctx.cohort().patients();
        Map<String, Features.Feature> allBinary = Features.binary(o.sizeCutMm());
        Map<String, Features.Feature> allContinuous = Features.continuous(radiomics);
        Set<String> covariates = new LinkedHashSet<>(binary);
        models.forEach(covariates::addAll);
        List<Column> cols = new ArrayList<>();
        cols.add(col(PatientTable.SITE));
        cols.add(o.outcome().knownAtHorizon(o.horizonDays()));
        cols.add(o.outcome().byHorizon(o.horizonDays()));
        for (String c : covariates) {
            cols.add(covariate(c, allBinary, allContinuous).as(c));
        }
        Dataset<Row> source = needsRadiomics(covariates)
                ? p.join(radiomicsByPatient(ctx, p, radiomics), PatientTable.KEY, "left") : p;
        PatientCovariates patients = PatientCovariates.collect(source.select(cols.toArray(Column[]::new)),
                List.copyOf(covariates));
        t0 = ctx.lap("patientValuesSeconds", t0);
        Map<String, Map<String, long[]>> cells = new LinkedHashMap<>();
        for (String f : binary) {
            cells.put(f, patients.cells(f));
        }
        ctx.lap("aggregateSeconds", t0);
        return new Counts(patients.eligibility(), cells, patients, List.copyOf(models), !o.model().isEmpty());
    }

    private static boolean needsRadiomics(Set<String> covariates) {
        return covariates.stream().anyMatch(c -> c.startsWith("radiomics_"));
    }

    /** A covariate as a column: a feature, the grade as its ordinal, or the size in cm. */
    static Column covariate(String name, Map<String, Features.Feature> binary,
            Map<String, Features.Feature> continuous) {
        if (Features.GRADE.equals(name)) {
            return gradeOrdinal(col(PatientTable.GRADE));
        }
        if (Features.SIZE.equals(name)) {
            return col(PatientTable.DIAMETER_MM).cast("double").divide(10);
        }
        Features.Feature f = binary.containsKey(name) ? binary.get(name) : continuous.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown covariate " + name);
        }
        return f.column();
    }

    /** The grade as its {@link FnclccGrade} ordinal, a small int to group on instead of a string (-1: unknown code). */
    static Column gradeOrdinal(Column grade) {
        Column ordinal = when(grade.isNull(), lit(null).cast("int"));
        for (FnclccGrade g : FnclccGrade.values()) {
            ordinal = ordinal.when(grade.equalTo(g.name()), lit(g.ordinal()));
        }
        return ordinal.otherwise(lit(-1));
    }

    /**
     * The radiomics values of the patients, one column per feature, keyed by the patient key (8 bytes to group
     * and join on instead of site code and pseudonym).
     */
    private static Dataset<Row> radiomicsByPatient(AnalysisContext ctx, Dataset<Row> patients, List<String> names) {
        Dataset<Row> r = ctx.data().table(RecordType.RADIOMICS_VALUE);
        List<Column> values = new ArrayList<>();
        for (String name : names) {
            values.add(functions.first(when(col("ibsi_feature").equalTo(name), col("value")), true)
                    .as("radiomics_" + name));
        }
        return ctx.patientLevel(r.select(PatientTable.keyFor(ctx.data(), patients).as(PatientTable.KEY),
                col("ibsi_feature"), col("value")).groupBy(PatientTable.KEY).agg(values.get(0), values.subList(1, values.size())
                .toArray(Column[]::new)));
    }

    /** Every logistic model fitted, on all cores; keyed {@code crude/<feature>}, {@code adjusted/<feature>}, model. */
    private static Map<String, CovariatePatterns.Fitted> fitAll(List<String> features, Options o,
            List<List<String>> models, Counts counts, Map<String, Boolean> isBinary, double level) {
        List<String> keys = new ArrayList<>();
        List<Supplier<CovariatePatterns.Fitted[]>> tasks = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            int m = i;
            List<String> crude = List.of(features.get(i));
            List<String> adjusted = models.get(i);
            keys.add(CRUDE + features.get(i));
            keys.add(ADJUSTED + features.get(i));
            // the patterns made in the task and dropped after it: a model taken on the driver has one per patient
            tasks.add(() -> {
                CovariatePatterns pt = counts.patterns(m);
                return new CovariatePatterns.Fitted[] {pt.fit(crude, isBinary, level), pt.fit(adjusted, isBinary,
                    level)};
            });
        }
        if (!o.model().isEmpty()) {
            int m = features.size();
            keys.add(MODEL);
            tasks.add(() -> new CovariatePatterns.Fitted[] {counts.patterns(m).fit(o.model(), isBinary, level)});
        }
        CovariatePatterns.Fitted[] done = IntStream.range(0, tasks.size()).parallel()
                .mapToObj(i -> tasks.get(i).get()).flatMap(Arrays::stream).toArray(CovariatePatterns.Fitted[]::new);
        Map<String, CovariatePatterns.Fitted> out = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), done[i]);
        }
        return out;
    }

    /** Fisher's exact test of every non-empty site and pooled table, on all cores (a table shared is done once). */
    private static Map<TwoByTwoTable, FisherExactTest.Result> fisherAll(Map<String, Map<String, TwoByTwoTable>> tables,
            double level) {
        Set<TwoByTwoTable> all = new LinkedHashSet<>();
        for (Map<String, TwoByTwoTable> bySite : tables.values()) {
            long a = 0, b = 0, c = 0, d = 0;
            for (TwoByTwoTable t : bySite.values()) {
                all.add(t);
                a += t.a();
                b += t.b();
                c += t.c();
                d += t.d();
            }
            all.add(TwoByTwoTable.of(a, b, c, d));
        }
        List<TwoByTwoTable> todo = all.stream().filter(t -> t.total() > 0).toList();
        FisherExactTest.Result[] done = todo.parallelStream().map(t -> FisherExactTest.of(t, level))
                .toArray(FisherExactTest.Result[]::new);
        Map<TwoByTwoTable, FisherExactTest.Result> out = new HashMap<>();
        for (int i = 0; i < todo.size(); i++) {
            out.put(todo.get(i), done[i]);
        }
        return out;
    }

    static List<String> radiomicsNames(AnalysisContext ctx, Dataset<Row> p) {
        List<String> names = new ArrayList<>();
        for (Row r : ctx.data().table(RecordType.RADIOMICS_VALUE).select("ibsi_feature").distinct()
                .orderBy("ibsi_feature").limit(200).collectAsList()) {
            names.add(r.getString(0));
        }
        return names;
    }

    private static Map<String, Features.Feature> select(Map<String, Features.Feature> all, List<String> wanted,
            String kind) {
        if (wanted.isEmpty()) {
            return all;
        }
        Map<String, Features.Feature> m = new LinkedHashMap<>();
        for (String w : wanted) {
            Features.Feature f = all.get(w);
            if (f == null) {
                throw new IllegalArgumentException("unknown " + kind + " feature " + w + "; known: " + all.keySet());
            }
            m.put(w, f);
        }
        return m;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The adjustment covariates for a feature, without the ones that are the feature itself. */
    static List<String> adjustmentFor(String feature, List<String> adjust) {
        List<String> out = new ArrayList<>();
        for (String a : adjust) {
            boolean same = a.equals(feature)
                    || (Features.GRADE.equals(a) && feature.equals("high_grade"))
                    || (Features.SIZE.equals(a) && feature.equals("diameter_cm"));
            if (!same) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> eligibilityTable(AnalysisContext ctx, AnalysisResult result,
            Map<String, long[]> eligibility) {
        Map<String, long[]> bySite = new TreeMap<>();
        eligibility.forEach((site, e) -> bySite.put(site, new long[] {e[2], e[1] - e[2], e[0] - e[1]}));
        List<String> sites = new ArrayList<>(bySite.keySet());
        ResultTable.Builder b = ResultTable.builder("outcome_by_site", "Outcome at the horizon by site")
                .text("site", "Site code").count("events", "Patients with the outcome by the horizon")
                .count("no_event", "Patients known to be without it").count("censored",
                        "Patients censored before the horizon (left out)")
                .count("patients", "Patients in the cohort");
        if (!sites.isEmpty()) {
            long[][] cells = bySite.values().toArray(long[][]::new);
            SuppressedTable st = Disclosure.table(ctx.suppression(), cells);
            for (int i = 0; i < sites.size(); i++) {
                b.row(sites.get(i), st.cell(i, 0), st.cell(i, 1), st.cell(i, 2), st.rowTotals().get(i));
            }
            b.row(DescribeJob.OVERALL, st.columnTotals().get(0), st.columnTotals().get(1), st.columnTotals().get(2),
                    st.grandTotal());
        }
        result.add(b.build());
        return sites;
    }

    private static Map<String, Map<String, TwoByTwoTable>> tables(Map<String, Map<String, long[]>> counts,
            Iterable<String> features, List<String> sites) {
        Map<String, Map<String, TwoByTwoTable>> out = new LinkedHashMap<>();
        for (String f : features) {
            Map<String, TwoByTwoTable> bySite = new LinkedHashMap<>();
            for (String s : sites) {
                long[] t = counts.getOrDefault(f, Map.of()).getOrDefault(s, new long[4]);
                bySite.put(s, TwoByTwoTable.of(t[0], t[1], t[2], t[3]));
            }
            out.put(f, bySite);
        }
        return out;
    }

    /** Writes one 2x2 row and its estimate; returns the forest row when the estimate may be shown. */
    private static Plots.IntervalRow twoByTwoRow(AnalysisContext ctx, AnalysisResult result, ResultTable.Builder b,
            Features.Feature f, String site, TwoByTwoTable t, ShownCount[] shown, String id, boolean pooled,
            Map<TwoByTwoTable, FisherExactTest.Result> fisherResults) {
        List<String> flags = new ArrayList<>();
        boolean hidden = shown[0].suppressed() || shown[1].suppressed() || shown[2].suppressed()
                || shown[3].suppressed();
        Object[] row = {f.name(), site, shown[0], shown[1], shown[2], shown[3], null, null, null, null, null, null,
            null, null};
        Estimate.Builder e = Estimate.of(id, f.label() + " and the outcome" + (pooled ? ", all sites pooled (crude)"
                : ", site " + site), "odds_ratio", "Woolf odds ratio with logit interval")
                .count("a", shown[0]).count("b", shown[1]).count("c", shown[2]).count("d", shown[3])
                .count("total", shown[4]);
        Plots.IntervalRow forest = null;
        if (hidden) {
            flags.add("suppressed_small_cells");
        } else if (t.total() == 0) {
            flags.add("empty_table");
        } else {
            WoolfOddsRatio.Result w = WoolfOddsRatio.of(t, ctx.confidenceLevel());
            FisherExactTest.Result fisher = fisherResults.get(t);
            e.value(w.estimate()).interval(w.lower(), w.upper(), w.confidenceLevel())
                    .test("Fisher's exact test, two-sided", null, null, fisher.pValue())
                    .detail("logOddsRatio", w.logOddsRatio()).detail("standardError", w.standardError())
                    .detail("fisherConditionalMle", fisher.oddsRatio()).detail("fisherLower", fisher.lower())
                    .detail("fisherUpper", fisher.upper());
            row[6] = w.estimate();
            row[7] = w.lower();
            row[8] = w.upper();
            row[9] = fisher.pValue();
            if (w.zeroCellCorrected()) {
                flags.add("zero_cell_corrected");
            }
            if (!t.hasZeroMargin()) {
                PearsonChiSquareTest.Result chi = PearsonChiSquareTest.uncorrected(t);
                PearsonChiSquareTest.Result yates = PearsonChiSquareTest.yatesCorrected(t);
                e.detail("chiSquare", chi.statistic()).detail("chiSquareP", chi.pValue())
                        .detail("yatesChiSquare", yates.statistic()).detail("yatesP", yates.pValue());
                row[10] = chi.statistic();
                row[11] = chi.pValue();
                row[12] = yates.pValue();
            } else {
                flags.add("zero_margin");
            }
            forest = new Plots.IntervalRow(pooled ? "Crude (all sites)" : site, w.estimate(), w.lower(), w.upper(),
                    pooled);
        }
        flags.forEach(e::flag);
        row[13] = String.join(";", flags);
        b.row(row);
        result.add(e.build());
        return forest;
    }

    private static void stratified(AnalysisContext ctx, AnalysisResult result, Features.Feature f, String id,
            List<TwoByTwoTable> strata, Object[] row, List<Plots.IntervalRow> forest, Map<String, Double> mhP) {
        try {
            MantelHaenszelTest.Result mh = MantelHaenszelTest.of(strata, ctx.confidenceLevel());
            row[8] = mh.oddsRatio();
            row[9] = mh.lower();
            row[10] = mh.upper();
            row[11] = mh.correctedPValue();
            mhP.put(f.name(), mh.correctedPValue());
            Estimate.Builder e = Estimate.of(id + "mantel_haenszel", f.label() + ": Mantel-Haenszel odds ratio across "
                    + "sites", "odds_ratio", "Mantel-Haenszel with Robins-Breslow-Greenland interval (as R mantelhaen.test)")
                    .value(mh.oddsRatio()).interval(mh.lower(), mh.upper(), mh.confidenceLevel())
                    .test("Cochran-Mantel-Haenszel chi-square with continuity correction", mh.correctedChiSquare(), 1,
                            mh.correctedPValue())
                    .detail("chiSquareUncorrected", mh.chiSquare()).detail("pValueUncorrected", mh.pValue())
                    .detail("logStandardError", mh.logStandardError()).detail("strataUsed", mh.strataUsed())
                    .detail("strataIgnored", mh.strataIgnored());
            if (!mh.confidenceIntervalDefined()) {
                e.flag("interval_undefined");
            }
            result.add(e.build());
            forest.add(new Plots.IntervalRow("Mantel-Haenszel", mh.oddsRatio(), mh.lower(), mh.upper(), true));
        } catch (IllegalArgumentException ex) {
            result.add(Estimate.of(id + "mantel_haenszel", f.label() + ": Mantel-Haenszel odds ratio", "odds_ratio",
                    "Mantel-Haenszel").flag("not_estimable").detail("reason", ex.getMessage()).build());
        }
        try {
            BreslowDayTest.Result bd = BreslowDayTest.of(strata);
            row[12] = bd.pValue();
            result.add(Estimate.of(id + "breslow_day", f.label() + ": homogeneity of the odds ratio across sites",
                    "homogeneity_test", "Breslow-Day test (without Tarone's correction)")
                    .test("Breslow-Day chi-square", bd.statistic(), bd.degreesOfFreedom(), bd.pValue())
                    .detail("strataUsed", bd.strataUsed()).detail("commonOddsRatio", bd.commonOddsRatio()).build());
        } catch (IllegalArgumentException ex) {
            result.add(Estimate.of(id + "breslow_day", f.label() + ": homogeneity across sites", "homogeneity_test",
                    "Breslow-Day test").flag("not_estimable").detail("reason", ex.getMessage()).build());
        }
        try {
            DerSimonianLairdMetaAnalysis.Result dl = DerSimonianLairdMetaAnalysis.of(strata, ctx.confidenceLevel());
            row[13] = dl.oddsRatio();
            row[14] = dl.lower();
            row[15] = dl.upper();
            row[16] = dl.pValue();
            row[17] = dl.iSquaredPercent();
            row[18] = dl.tauSquared();
            result.add(Estimate.of(id + "dersimonian_laird", f.label() + ": random-effects pooled odds ratio",
                    "odds_ratio", "DerSimonian-Laird random-effects meta-analysis of site log odds ratios (as metafor)")
                    .value(dl.oddsRatio()).interval(dl.lower(), dl.upper(), dl.confidenceLevel())
                    .test("Wald z", dl.z(), null, dl.pValue()).detail("tauSquared", dl.tauSquared())
                    .detail("iSquaredPercent", dl.iSquaredPercent()).detail("hSquared", dl.hSquared())
                    .detail("q", dl.q()).detail("qDegreesOfFreedom", dl.qDegreesOfFreedom())
                    .detail("qPValue", dl.qPValue()).detail("sitesUsed", dl.sitesUsed())
                    .detail("sitesExcluded", dl.sitesExcluded())
                    .detail("sitesZeroCellCorrected", dl.sitesZeroCellCorrected()).build());
            forest.add(new Plots.IntervalRow("DerSimonian-Laird", dl.oddsRatio(), dl.lower(), dl.upper(), true));
        } catch (IllegalArgumentException ex) {
            result.add(Estimate.of(id + "dersimonian_laird", f.label() + ": random-effects pooled odds ratio",
                    "odds_ratio", "DerSimonian-Laird").flag("not_estimable").detail("reason", ex.getMessage()).build());
        }
    }

    private static void notEstimable(AnalysisResult result, String id, String label, String whyNot) {
        result.add(Estimate.of(id, label, "odds_ratio", "Logistic regression").flag("not_estimable")
                .detail("reason", whyNot).build());
    }

    private static LogisticRegression.Coefficient logistic(AnalysisContext ctx, AnalysisResult result,
            CovariatePatterns.Fitted fitted, String feature, List<String> adjust, String id, String label) {
        LogisticRegression.Fit fit = fitted.fit();
        if (fit == null) {
            notEstimable(result, id, label, fitted.whyNot());
            return null;
        }
        LogisticRegression.Coefficient c = fit.coefficient(feature);
        result.add(ratioEstimate(ctx, id, label, c.perUnit(), c, fit, "Logistic regression (IRLS as R glm), Wald "
                + "interval" + (adjust.isEmpty() ? "" : "; adjusted for " + String.join(" + ", adjust))));
        return c;
    }

    private static Estimate ratioEstimate(AnalysisContext ctx, String id, String label, RatioPerIncrement r,
            LogisticRegression.Coefficient c, LogisticRegression.Fit fit, String method) {
        return Estimate.of(id, label, "odds_ratio", method).value(r.ratio()).interval(r.lower(), r.upper(),
                r.confidenceLevel()).test("Wald z", c.z(), null, c.pValue()).detail("increment", r.increment())
                .detail("logOddsRatio", c.estimate()).detail("standardError", c.standardError())
                .count("patients", ctx.suppression().show(fit.observations()))
                .count("events", ctx.suppression().show(fit.events())).build();
    }

    private static ResultTable modelTable(AnalysisContext ctx, AnalysisResult result, CovariatePatterns.Fitted fitted,
            List<String> covariates, String base) {
        ResultTable.Builder b = ResultTable.builder("model", "Multivariable logistic model: " + String.join(" + ",
                covariates))
                .text("coefficient", "Model term").number("log_odds_ratio", "Coefficient")
                .number("standard_error", "Wald standard error").number("odds_ratio", "exp(coefficient)")
                .number("lower", "Lower Wald limit").number("upper", "Upper Wald limit").number("p", "Wald p");
        LogisticRegression.Fit fit = fitted.fit();
        if (fit == null) {
            String why = fitted.whyNot();
            result.warn("the model " + covariates + " could not be fitted: " + why);
            return b.note("Not estimable: " + why).build();
        }
        for (LogisticRegression.Coefficient c : fit.coefficients()) {
            RatioPerIncrement r = c.perUnit();
            b.row(c.name(), c.estimate(), c.standardError(), r.ratio(), r.lower(), r.upper(), c.pValue());
            String name = c.name().equals("(Intercept)") ? "intercept" : c.name();
            Estimate.Builder e = Estimate.of(base + name, "Model " + String.join(" + ", covariates) + ": "
                    + c.name(), name.equals("intercept") ? "odds" : "odds_ratio",
                    "Multivariable logistic regression (IRLS as R glm), Wald interval")
                    .value(r.ratio()).interval(r.lower(), r.upper(), r.confidenceLevel())
                    .test("Wald z", c.z(), null, c.pValue()).detail("coefficient", c.estimate())
                    .detail("coefficientLower", c.lower()).detail("coefficientUpper", c.upper())
                    .detail("standardError", c.standardError())
                    .count("patients", ctx.suppression().show(fit.observations()))
                    .count("events", ctx.suppression().show(fit.events()));
            result.add(e.build());
        }
        b.note("Complete cases: " + ctx.suppression().show(fit.observations()).text() + " patients, "
                + ctx.suppression().show(fit.events()).text() + " events; deviance " + fit.deviance() + ", AIC "
                + fit.aic() + ".");
        return b.build();
    }

    private static Map<String, Double> qValues(Map<String, Double> p) {
        Map<String, Double> q = new LinkedHashMap<>();
        if (p.isEmpty()) {
            return q;
        }
        List<String> keys = new ArrayList<>(p.keySet());
        double[] values = keys.stream().mapToDouble(p::get).toArray();
        double[] adj = BenjaminiHochbergQValues.of(values);
        for (int i = 0; i < keys.size(); i++) {
            q.put(keys.get(i), adj[i]);
        }
        return q;
    }
}
