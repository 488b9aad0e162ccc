package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.lmsregistry.analysis.cohort.PatientTable;

/**
 * The former formulation of the associations' counts, kept as the reference of the tests: every patient gives
 * one row per count it takes part in (kind, site, whether the outcome is known, the outcome, the covariate values
 * as doubles, the grade as its ordinal) and Spark counts identical rows: the eligibility per site, the 2x2 cells
 * per binary feature and site and every model's covariate patterns. The radiomics are joined on site code and
 * pseudonym from the full patient table, not on the patient key.
 */
final class SparkCountedPatterns {

    /** The counts: eligibility and cells as {@link AssociationsJob.Counts} has them, the patterns of every model. */
    record Counted(Map<String, long[]> eligibility, Map<String, Map<String, long[]>> cells,
                   List<CovariatePatterns> patterns) {
    }

    private static final String OUTCOME = "_outcome";
    private static final String KNOWN = "_known";
    private static final int ELIGIBILITY = -1;

    private SparkCountedPatterns() {
    }

    static Counted count(AnalysisContext ctx, AssociationsJob.Options o, List<String> radiomics, List<String> binary,
            List<List<String>> models) {
        Map<String, Features.Feature> allBinary = Features.binary(o.sizeCutMm());
        Map<String, Features.Feature> allContinuous = Features.continuous(radiomics);
        Set<String> covariates = new LinkedHashSet<>(binary);
        models.forEach(covariates::addAll);
        Dataset<Row> p = PatientTable.of(ctx.data()).join(ctx.cohort().patients().select(PatientTable.KEY),
                PatientTable.KEY, "left_semi");
        if (covariates.stream().anyMatch(c -> c.startsWith("radiomics_"))) {
            p = p.join(PatientTable.radiomics(ctx.data(), radiomics), new String[] {PatientTable.SITE,
                PatientTable.PSEUDONYM}, "left");
        }
        List<Column> cols = new ArrayList<>();
        cols.add(col(PatientTable.SITE));
        cols.add(o.outcome().byHorizon(o.horizonDays()).as(OUTCOME));
        cols.add(o.outcome().knownAtHorizon(o.horizonDays()).as(KNOWN));
        for (String c : covariates) {
            cols.add(AssociationsJob.covariate(c, allBinary, allContinuous).as(c));
        }
        return countRows(p.select(cols.toArray(Column[]::new)), binary, models, !o.model().isEmpty());
    }

    private static Counted countRows(Dataset<Row> analysis, List<String> binary, List<List<String>> models,
            boolean multivariable) {
        int width = models.stream().mapToInt(List::size).max().orElse(1);
        List<Column> entries = new ArrayList<>();
        entries.add(entry(ELIGIBILITY, col(KNOWN), List.of(), width));
        for (int i = 0; i < binary.size(); i++) {
            Column value = col(binary.get(i));
            entries.add(when(col(KNOWN).and(value.isNotNull()), entry(-2 - i, lit(true), List.of(value), width)));
        }
        for (int m = 0; m < models.size(); m++) {
            List<Column> covariates = new ArrayList<>();
            for (String c : models.get(m)) {
                covariates.add(col(c));
            }
            Column needed = col(KNOWN).and(covariates.get(0).isNotNull());
            if (m == models.size() - 1 && multivariable) {
                for (Column c : covariates) {
                    needed = needed.and(c.isNotNull());
                }
            }
            // a pattern counted once per site, as the job once counted a binary feature's own model
            entries.add(when(needed, entry(m, lit(true), covariates, width)));
        }
        Dataset<Row> rows = analysis.select(explode(array(entries.toArray(Column[]::new))).as("x"))
                .where(col("x").isNotNull()).select("x.*");
        Column[] keys = Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new);
        List<Row> counted = rows.groupBy(keys).agg(functions.count(lit(1)).as("n")).collectAsList();

        Map<String, long[]> eligibility = new TreeMap<>();
        Map<String, Map<String, long[]>> cells = new HashMap<>();
        List<List<Row>> byModel = new ArrayList<>();
        models.forEach(m -> byModel.add(new ArrayList<>()));
        int nField = 4 + width;
        for (Row r : counted) {
            int kind = r.getInt(0);
            boolean outcome = r.getBoolean(3);
            long n = r.getLong(nField);
            if (kind == ELIGIBILITY) {
                long[] e = eligibility.computeIfAbsent(r.getString(1), k -> new long[3]);
                boolean known = r.getBoolean(2);
                e[0] += n;
                e[1] += known ? n : 0;
                e[2] += known && outcome ? n : 0;
            } else if (kind < ELIGIBILITY) {
                long[] t = cells.computeIfAbsent(binary.get(-2 - kind), k -> new HashMap<>())
                        .computeIfAbsent(r.getString(1), k -> new long[4]);
                t[(r.getDouble(4) != 0 ? 0 : 2) + (outcome ? 0 : 1)] += n;
            } else {
                byModel.get(kind).add(r);
            }
        }
        List<CovariatePatterns> patterns = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            List<Row> rs = byModel.get(m);
            int k = models.get(m).size();
            double[][] values = new double[k][rs.size()];
            boolean[] outcome = new boolean[rs.size()];
            long[] n = new long[rs.size()];
            for (int i = 0; i < rs.size(); i++) {
                Row r = rs.get(i);
                for (int j = 0; j < k; j++) {
                    values[j][i] = r.isNullAt(4 + j) ? Double.NaN : r.getDouble(4 + j);
                }
                outcome[i] = r.getBoolean(3);
                n[i] = r.getLong(nField);
            }
            // counted by site: the same pattern at several sites is one pattern of the model
            patterns.add(new CovariatePatterns(models.get(m), values, outcome, n).merged());
        }
        return new Counted(eligibility, cells, patterns);
    }

    private static Column entry(int kind, Column known, List<Column> values, int width) {
        List<Column> fields = new ArrayList<>();
        fields.add(lit(kind).as("kind"));
        fields.add(col(PatientTable.SITE).as("site"));
        fields.add(known.as("known"));
        fields.add(col(OUTCOME).as("outcome"));
        for (int j = 0; j < width; j++) {
            fields.add((j < values.size() ? values.get(j).cast("double") : lit(null).cast("double")).as("c" + j));
        }
        return struct(fields.toArray(Column[]::new));
    }
}
