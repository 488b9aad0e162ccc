package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.disclosure.SuppressedTable;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.output.ResultTable;
import org.lmsregistry.analysis.stats.CountedValues;
import org.lmsregistry.analysis.stats.Proportion;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.record.RecordType;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;

/**
 * Table 1 of the cohort, overall and by site (age, sex, primary location, grade, size, depth, follow-up),
 * and the completeness of the data per site. Spark counts and summarises; the shares get Wilson
 * intervals; every count passes small-cell suppression per variable (levels by sites, with totals).
 */
public final class DescribeJob {

    /** Site label of the all-sites column / row. */
    public static final String OVERALL = "ALL";

    private DescribeJob() {
    }

    /** The categorical variables of Table 1 and their levels in display order. */
    static Map<String, List<String>> categoricalLevels() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("sex", names(Sex.values()));
        List<String> age = List.of("<40", "40-49", "50-59", "60-69", "70-79", ">=80");
        m.put("age_group", age);
        m.put("primary_location", names(PrimaryLocation.values()));
        List<String> grades = new ArrayList<>(names(FnclccGrade.values()));
        grades.add("UNKNOWN");
        m.put("grade", grades);
        m.put("depth", new ArrayList<>(names(TumourDepth.values())) {
            {
                add("UNKNOWN");
            }
        });
        m.put("size_group", List.of("<=50 mm", "51-100 mm", "101-150 mm", ">150 mm", "UNKNOWN"));
        m.put("imaging_features", List.of("RECORDED", "NOT_RECORDED"));
        m.put("vital_status", List.of("ALIVE_AT_LAST_FOLLOW_UP", "DIED", "UNKNOWN"));
        return m;
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> e : values) {
            out.add(e.name());
        }
        return out;
    }

    public static AnalysisResult run(AnalysisContext ctx) {
        long t0 = System.nanoTime();
        Dataset<Row> p = ctx.cohort().patients();
        Column age = col(PatientTable.AGE);
        Column ageGroup = when(age.lt(40), "<40").when(age.lt(50), "40-49").when(age.lt(60), "50-59")
                .when(age.lt(70), "60-69").when(age.lt(80), "70-79").otherwise(">=80");
        Column size = col(PatientTable.DIAMETER_MM);
        Column sizeGroup = when(size.isNull(), "UNKNOWN").when(size.leq(50), "<=50 mm").when(size.leq(100), "51-100 mm")
                .when(size.leq(150), "101-150 mm").otherwise(">150 mm");
        Column vital = when(col(PatientTable.DEATH_DAY).isNotNull(), "DIED")
                .when(col(PatientTable.END_DAY).isNotNull(), "ALIVE_AT_LAST_FOLLOW_UP").otherwise("UNKNOWN");
        Column pairs = array(
                struct(lit("sex").as("variable"), col(PatientTable.SEX).as("level")),
                struct(lit("age_group").as("variable"), ageGroup.as("level")),
                struct(lit("primary_location").as("variable"), col(PatientTable.LOCATION).as("level")),
                struct(lit("grade").as("variable"), coalesce(col(PatientTable.GRADE), lit("UNKNOWN")).as("level")),
                struct(lit("depth").as("variable"), coalesce(col(PatientTable.DEPTH), lit("UNKNOWN")).as("level")),
                struct(lit("size_group").as("variable"), sizeGroup.as("level")),
                struct(lit("imaging_features").as("variable"),
                        when(col(PatientTable.HAS_FEATURES), "RECORDED").otherwise("NOT_RECORDED").as("level")),
                struct(lit("vital_status").as("variable"), vital.as("level")));
        List<Row> counts = p.select(col(PatientTable.SITE), explode(pairs).as("x"))
                .groupBy(col(PatientTable.SITE), col("x.variable").as("variable"), col("x.level").as("level"))
                .agg(count(lit(1)).as("n")).collectAsList();
        // site -> patients: every patient has exactly one level of each variable, so the sex counts add up to them
        Map<String, Long> sitePatients = new TreeMap<>();
        for (Row r : counts) {
            if (r.getString(1).equals("sex")) {
                sitePatients.merge(r.getString(0), r.getLong(3), Long::sum);
            }
        }
        List<Summary> continuous = continuousSummaries(p);
        long t1 = System.nanoTime();
        Map<String, long[]> completeness = completeness(ctx, p);
        ctx.lap("completenessSeconds", t1);
        t0 = ctx.lap("aggregateSeconds", t0);

        List<String> sites = new ArrayList<>(sitePatients.keySet());
        AnalysisResult result = new AnalysisResult("describe", "Cohort description (Table 1) and data completeness");
        long total = sitePatients.values().stream().mapToLong(Long::longValue).sum();
        result.summary().put("patients", ctx.suppression().show(total));
        result.summary().put("sites", sites.size());
        result.add(flowTable(ctx));
        result.add(categoricalTable(ctx, result, sites, counts));
        result.add(continuousTable(ctx, continuous));
        result.add(completenessTable(ctx, sites, sitePatients, completeness));
        result.add(gradeFigure(ctx, sites, counts, sitePatients));
        result.note("Shares are of the patients with the variable's site column total; intervals are Wilson "
                + "score intervals (as R prop.test(correct = FALSE)).");
        result.note("Continuous variables: mean, standard deviation and exact quartiles (Spark percentile); "
                + "follow-up is the time from diagnosis to the last recorded event (last follow-up or death), "
                + "in years of 365.25 days.");
        ctx.lap("statisticsSeconds", t0);
        return result;
    }

    private static ResultTable flowTable(AnalysisContext ctx) {
        ResultTable.Builder b = ResultTable.builder("cohort_flow", "Cohort selection")
                .integer("step", "Order of the step").text("criterion", "Selection criterion")
                .count("patients_left", "Patients left after the step");
        List<ShownCount> left = ctx.cohort().shownFlow(ctx.suppression());
        for (int i = 0; i < left.size(); i++) {
            b.row(i, ctx.cohort().flow().get(i).criterion(), left.get(i));
        }
        return b.note("Patients excluded at each step are suppressed as one column with the total excluded; the "
                + "patients left after a step are hidden once an earlier hidden exclusion would let them reveal it.")
                .build();
    }

    private static ResultTable categoricalTable(AnalysisContext ctx, AnalysisResult result, List<String> sites,
            List<Row> counts) {
        ResultTable.Builder b = ResultTable.builder("table1_categorical",
                "Table 1: patients by characteristic, by site and overall")
                .text("variable", "Characteristic").text("level", "Level (registry code)");
        for (String s : sites) {
            b.count("n_" + s, "Patients at site " + s).number("pct_" + s, "Share of the site's patients, %");
        }
        b.count("n_" + OVERALL, "Patients at all sites").number("pct_" + OVERALL, "Share of all patients, %")
                .number("pct_lower_" + OVERALL, "Lower Wilson limit of the overall share, %")
                .number("pct_upper_" + OVERALL, "Upper Wilson limit of the overall share, %");
        Map<String, Map<String, Map<String, Long>>> byVar = new LinkedHashMap<>();
        for (Row r : counts) {
            byVar.computeIfAbsent(r.getString(1), k -> new TreeMap<>())
                    .computeIfAbsent(r.getString(2), k -> new TreeMap<>()).put(r.getString(0), r.getLong(3));
        }
        for (Map.Entry<String, List<String>> v : categoricalLevels().entrySet()) {
            Map<String, Map<String, Long>> levels = byVar.getOrDefault(v.getKey(), Map.of());
            List<String> order = new ArrayList<>(v.getValue());
            for (String seen : new TreeSet<>(levels.keySet())) {
                if (!order.contains(seen)) {
                    order.add(seen);
                }
            }
            long[][] cells = new long[order.size()][sites.size()];
            for (int i = 0; i < order.size(); i++) {
                for (int j = 0; j < sites.size(); j++) {
                    cells[i][j] = levels.getOrDefault(order.get(i), Map.of()).getOrDefault(sites.get(j), 0L);
                }
            }
            if (sites.isEmpty()) {
                continue;
            }
            SuppressedTable st = ctx.suppression().apply(cells);
            long grand = 0;
            for (long[] row : cells) {
                for (long c : row) {
                    grand += c;
                }
            }
            for (int i = 0; i < order.size(); i++) {
                List<Object> row = new ArrayList<>();
                row.add(v.getKey());
                row.add(order.get(i));
                for (int j = 0; j < sites.size(); j++) {
                    ShownCount c = st.cell(i, j);
                    row.add(c);
                    row.add(percent(c, st.columnTotals().get(j)));
                }
                ShownCount overall = st.rowTotals().get(i);
                row.add(overall);
                row.add(percent(overall, st.grandTotal()));
                if (overall.value().isPresent() && grand > 0) {
                    Proportion prop = Proportion.wilson(overall.value().getAsLong(), grand, ctx.confidenceLevel());
                    row.add(100 * prop.lower());
                    row.add(100 * prop.upper());
                    result.add(Estimate.of("share/" + v.getKey() + "/" + order.get(i),
                            "Share of patients with " + v.getKey() + " = " + order.get(i), "proportion",
                            "Wilson score interval").value(prop.estimate())
                            .interval(prop.lower(), prop.upper(), prop.confidenceLevel())
                            .count("patients", overall).count("total", st.grandTotal()).build());
                } else {
                    row.add(null);
                    row.add(null);
                }
                b.row(row.toArray());
            }
            List<Object> totalRow = new ArrayList<>();
            totalRow.add(v.getKey());
            totalRow.add("TOTAL");
            for (int j = 0; j < sites.size(); j++) {
                totalRow.add(st.columnTotals().get(j));
                totalRow.add(null);
            }
            totalRow.add(st.grandTotal());
            totalRow.add(null);
            totalRow.add(null);
            totalRow.add(null);
            b.row(totalRow.toArray());
        }
        b.note("Counts from 1 to " + (ctx.minCell() - 1) + " are shown as <" + ctx.minCell()
                + "; x marks a count hidden so that a small one cannot be recovered from the totals.");
        return b.build();
    }

    static Double percent(ShownCount c, ShownCount total) {
        if (c.value().isEmpty() || total.value().isEmpty() || total.value().getAsLong() == 0) {
            return null;
        }
        return 100.0 * c.value().getAsLong() / total.value().getAsLong();
    }

    /** A continuous variable at a site (or {@link #OVERALL}): its values as counts per distinct value. */
    record Summary(String site, String variable, CountedValues values) {
    }

    /**
     * The continuous variables (integers: ages, diameters in mm, follow-up days) as counts per site, variable and
     * value: a few thousand rows instead of a sort of every value; the driver computes n, mean, standard
     * deviation and exact quartiles from them ({@link CountedValues}: the numbers of Spark's percentile).
     * Follow-up years are the days / 365.25, converted on the driver exactly as Spark would.
     */
    static List<Summary> continuousSummaries(Dataset<Row> p) {
        List<String> variables = List.of("age_years", "diameter_mm", "imaging_diameter_mm", "follow_up_years");
        Dataset<Row> long1 = p.select(col(PatientTable.SITE), explode(array(
                struct(lit(0).as("variable"), col(PatientTable.AGE).cast("double").as("value")),
                struct(lit(1).as("variable"), col(PatientTable.DIAMETER_MM).cast("double").as("value")),
                struct(lit(2).as("variable"), col(PatientTable.IMAGING_DIAMETER_MM).cast("double").as("value")),
                struct(lit(3).as("variable"), col(PatientTable.END_DAY).cast("double").as("value")))).as("x"))
                .select(col(PatientTable.SITE), col("x.variable").as("variable"), col("x.value").as("value"))
                .where(col("value").isNotNull());
        // site -> variable -> value -> patients; the overall counts are the sums over the sites
        Map<String, Map<String, Map<Double, Long>>> bySite = new TreeMap<>();
        for (Row r : long1.groupBy(col(PatientTable.SITE), col("variable"), col("value")).agg(count(lit(1)).as("n"))
                .collectAsList()) {
            String variable = variables.get(r.getInt(1));
            double raw = r.getDouble(2);
            double value = variable.equals("follow_up_years") ? raw / 365.25 : raw;
            long n = r.getLong(3);
            bySite.computeIfAbsent(variable, k -> new TreeMap<>()).computeIfAbsent(r.getString(0),
                    k -> new TreeMap<>()).merge(value, n, Long::sum);
            bySite.get(variable).computeIfAbsent(OVERALL, k -> new TreeMap<>()).merge(value, n, Long::sum);
        }
        // ordered by variable, then site (ALL among the site codes, as before)
        List<Summary> out = new ArrayList<>();
        bySite.forEach((variable, sites) -> sites.forEach((site, values) -> out.add(new Summary(site, variable,
                CountedValues.of(values)))));
        return out;
    }

    private static ResultTable continuousTable(AnalysisContext ctx, List<Summary> rows) {
        ResultTable.Builder b = ResultTable.builder("table1_continuous",
                "Table 1: continuous characteristics, by site and overall")
                .text("variable", "Characteristic").text("site", "Site code, or ALL")
                .count("n", "Patients with a value").number("mean", "Mean").number("sd", "Standard deviation")
                .number("q1", "First quartile").number("median", "Median").number("q3", "Third quartile");
        // n per site with the overall n as total, suppressed together per variable
        Map<String, List<Summary>> byVariable = new LinkedHashMap<>();
        for (Summary r : rows) {
            byVariable.computeIfAbsent(r.variable(), k -> new ArrayList<>()).add(r);
        }
        for (List<Summary> group : byVariable.values()) {
            List<Summary> sites = group.stream().filter(r -> !r.site().equals(OVERALL)).toList();
            long[][] n = new long[Math.max(1, sites.size())][1];
            for (int i = 0; i < sites.size(); i++) {
                n[i][0] = sites.get(i).values().n();
            }
            SuppressedTable st = Disclosure.table(ctx.suppression(), n);
            for (Summary r : group) {
                boolean all = r.site().equals(OVERALL);
                ShownCount shown = all ? st.columnTotals().get(0) : st.cell(sites.indexOf(r), 0);
                CountedValues v = r.values();
                if (shown.suppressed() || v.n() < ctx.minCell()) {
                    b.row(r.variable(), r.site(), shown, null, null, null, null, null);
                    continue;
                }
                // no standard deviation of a single value (as Spark's stddev_samp)
                Double sd = v.n() < 2 ? null : v.sd();
                b.row(r.variable(), r.site(), shown, v.mean(), sd, v.quantile(0.25), v.quantile(0.5), v.quantile(0.75));
            }
        }
        b.note("Summaries of fewer than " + ctx.minCell() + " patients are not shown.");
        return b.build();
    }

    /**
     * Fields whose completeness is reported: name -> [complete per site ...] computed in Spark. The cohort's
     * fields are reduced to flags first, and that narrow per-patient table is left-joined with the tumours'
     * components and with whether the patient has a surveillance study (a distinct of the 64-bit keys of the
     * session's {@link SurveillanceStudies}, partly aggregated where the studies lie, so only distinct keys are
     * shuffled).
     */
    static Map<String, long[]> completeness(AnalysisContext ctx, Dataset<Row> p) {
        String key = PatientTable.KEY;
        Column patientKey = PatientTable.keyFor(ctx.data(), p).as(key);
        Map<String, Column> fields = completenessFields();
        List<Column> patientFlags = new ArrayList<>(List.of(col(key), col(PatientTable.SITE)));
        fields.forEach((name, complete) -> {
            if (!TUMOUR_FIELDS.contains(name) && !name.equals(SURVEILLANCE_FIELD)) {
                patientFlags.add(complete.as(name));
            }
        });
        Dataset<Row> tumours = ctx.data().table(RecordType.TUMOUR).select(patientKey, col("differentiation_score"),
                col("mitoses_per_10hpf"), col("necrosis"), col("stage"));
        Dataset<Row> surveillance = ctx.surveillanceStudies().select(col(key)).distinct()
                .select(col(key), lit(1L).as("surveillance_studies"));
        // every cohort patient kept: left joins from the cohort's flags (Spark cannot broadcast the side of an outer
        // join it keeps whole; such a hint was only warned about and ignored)
        Dataset<Row> withTumours = p.select(patientFlags.toArray(Column[]::new)).join(tumours, key, "left");
        Dataset<Row> x = withTumours.join(surveillance, key, "left");
        List<Column> aggs = new ArrayList<>();
        for (Map.Entry<String, Column> f : fields.entrySet()) {
            Column complete = TUMOUR_FIELDS.contains(f.getKey()) || f.getKey().equals(SURVEILLANCE_FIELD)
                    ? f.getValue() : col(f.getKey());
            aggs.add(functions.sum(when(complete, 1).otherwise(0)).as(f.getKey()));
        }
        List<Row> rows = x.groupBy(PatientTable.SITE).agg(aggs.get(0), aggs.subList(1, aggs.size())
                .toArray(Column[]::new)).collectAsList();
        Map<String, long[]> out = new TreeMap<>();
        for (Row r : rows) {
            long[] v = new long[fields.size()];
            int i = 0;
            for (String f : fields.keySet()) {
                v[i++] = Rows.count(r, f);
            }
            out.put(r.getString(0), v);
        }
        return out;
    }

    /** The completeness fields read from the tumours table (not in the patient table). */
    private static final List<String> TUMOUR_FIELDS = List.of("differentiation_score", "mitoses_per_10hpf",
            "necrosis", "stage");

    /** The completeness field of the surveillance studies. */
    private static final String SURVEILLANCE_FIELD = "surveillance_imaging";

    static Map<String, Column> completenessFields() {
        Map<String, Column> f = new LinkedHashMap<>();
        f.put("age", col(PatientTable.AGE).isNotNull());
        f.put("sex", col(PatientTable.SEX).isNotNull());
        f.put("primary_location", col(PatientTable.LOCATION).isNotNull());
        f.put("depth", col(PatientTable.DEPTH).isNotNull());
        f.put("diameter_mm", col(PatientTable.DIAMETER_MM).isNotNull());
        f.put("differentiation_score", col("differentiation_score").isNotNull());
        f.put("mitoses_per_10hpf", col("mitoses_per_10hpf").isNotNull());
        f.put("necrosis", col("necrosis").isNotNull());
        f.put("grade", col(PatientTable.GRADE).isNotNull());
        f.put("stage", col("stage").isNotNull());
        f.put("imaging_features", col(PatientTable.HAS_FEATURES));
        f.put("t2_signal", col(PatientTable.T2_SIGNAL).isNotNull());
        f.put("adc_mean", col(PatientTable.ADC).isNotNull());
        f.put("surgery", col(PatientTable.SURGERY_DAY).isNotNull());
        f.put("surgical_margin", col(PatientTable.SURGICAL_MARGIN).isNotNull());
        f.put("follow_up", col(PatientTable.END_DAY).isNotNull());
        f.put("surveillance_imaging", col("surveillance_studies").isNotNull());
        return f;
    }

    private static ResultTable completenessTable(AnalysisContext ctx, List<String> sites, Map<String, Long> patients,
            Map<String, long[]> complete) {
        ResultTable.Builder b = ResultTable.builder("completeness", "Data completeness per site")
                .text("field", "Field (t2_signal and adc_mean apply to MRI only)").text("site", "Site code")
                .count("complete", "Patients with the field recorded").count("missing", "Patients without it")
                .count("patients", "Patients at the site").number("percent_complete", "Complete, %");
        List<String> fields = new ArrayList<>(completenessFields().keySet());
        for (int f = 0; f < fields.size(); f++) {
            if (sites.isEmpty()) {
                break;
            }
            long[][] cells = new long[sites.size()][2];
            for (int s = 0; s < sites.size(); s++) {
                long c = complete.getOrDefault(sites.get(s), new long[fields.size()])[f];
                cells[s][0] = c;
                cells[s][1] = patients.get(sites.get(s)) - c;
            }
            SuppressedTable st = ctx.suppression().apply(cells);
            for (int s = 0; s < sites.size(); s++) {
                b.row(fields.get(f), sites.get(s), st.cell(s, 0), st.cell(s, 1), st.rowTotals().get(s),
                        percent(st.cell(s, 0), st.rowTotals().get(s)));
            }
            b.row(fields.get(f), OVERALL, st.columnTotals().get(0), st.columnTotals().get(1), st.grandTotal(),
                    percent(st.columnTotals().get(0), st.grandTotal()));
        }
        return b.build();
    }

    private static AnalysisResult.ReportFigure gradeFigure(AnalysisContext ctx, List<String> sites, List<Row> counts,
            Map<String, Long> sitePatients) {
        List<BarTrace> traces = new ArrayList<>();
        for (String grade : categoricalLevels().get("grade")) {
            double[] share = new double[sites.size()];
            for (int j = 0; j < sites.size(); j++) {
                long n = 0;
                for (Row r : counts) {
                    if (r.getString(0).equals(sites.get(j)) && r.getString(1).equals("grade")
                            && r.getString(2).equals(grade)) {
                        n = r.getLong(3);
                    }
                }
                // small counts are not plotted (a bar height would reveal them)
                share[j] = n < ctx.minCell() ? 0 : 100.0 * n / sitePatients.get(sites.get(j));
            }
            traces.add(BarTrace.builder(sites.toArray(new String[0]), share).name(grade).build());
        }
        Layout layout = Layout.builder().title("FNCLCC grade by site").barMode(Layout.BarMode.STACK)
                .yAxis(Axis.builder().title("% of the site's patients").build()).height(400).width(800).build();
        return new AnalysisResult.ReportFigure("grade_by_site", "FNCLCC grade by site",
                new Figure(layout, traces.toArray(new BarTrace[0])),
                "Share of each site's patients by grade; groups of fewer than " + ctx.minCell() + " patients are left out.");
    }
}
