package org.lmsregistry.web.analysis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job option a statistician may set from the web, its JSON name, its command-line option and its
 * rule. A white list: nothing else reaches the child's command line, so a request cannot redirect
 * the output, the master or the JVM.
 */
public enum AnalysisParameter {
    MIN_CELL("minCell", "--min-cell", Type.INTEGER, 2, 1000, null, all()),
    CONFIDENCE("confidence", "--confidence", Type.DECIMAL, 0, 1, null, all()),
    OUTCOME("outcome", "--outcome", Type.CHOICE, 0, 0,
            List.of("metastasis", "local_recurrence", "recurrence", "death"), EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    HORIZON_DAYS("horizonDays", "--horizon-days", Type.INTEGER, 1, 36_500, null,
            EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    SIZE_CUT_MM("sizeCutMm", "--size-cut-mm", Type.INTEGER, 1, 2_000, null, EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    FEATURES("features", "--features", Type.NAMES, 0, 0, null, EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    CONTINUOUS("continuous", "--continuous", Type.NAMES, 0, 0, null, EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    ADJUST("adjust", "--adjust", Type.NAMES, 0, 0, null, EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    MODEL("model", "--model", Type.NAMES, 0, 0, null, EnumSet.of(AnalysisKind.ASSOCIATIONS)),
    ENDPOINT("endpoint", "--endpoint", Type.CHOICE, 0, 0,
            List.of("local_recurrence", "metastasis", "recurrence_free", "death", "disease_death"),
            EnumSet.of(AnalysisKind.SURVIVAL)),
    FEATURE("feature", "--feature", Type.NAME, 0, 0, null, EnumSet.of(AnalysisKind.SURVIVAL)),
    COVARIATES("covariates", "--covariates", Type.NAMES, 0, 0, null, EnumSet.of(AnalysisKind.SURVIVAL)),
    MAX_YEARS("maxYears", "--max-years", Type.INTEGER, 1, 50, null,
            EnumSet.of(AnalysisKind.SURVIVAL, AnalysisKind.ADHERENCE));

    /** How a value is written and checked. */
    public enum Type {
        INTEGER, DECIMAL, CHOICE, NAME, NAMES
    }

    /** Feature and covariate names as the jobs spell them (lower case, digits, underscores). */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String key;
    private final String option;
    private final Type type;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final Set<AnalysisKind> kinds;

    AnalysisParameter(String key, String option, Type type, double min, double max, List<String> choices,
            Set<AnalysisKind> kinds) {
        this.key = key;
        this.option = option;
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = choices == null ? List.of() : choices;
        this.kinds = kinds;
    }

    private static Set<AnalysisKind> all() {
        return EnumSet.allOf(AnalysisKind.class);
    }

    public String key() {
        return key;
    }

    public String option() {
        return option;
    }

    public Type type() {
        return type;
    }

    public List<String> choices() {
        return choices;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    boolean appliesTo(AnalysisKind kind) {
        return kinds.contains(kind);
    }
}
