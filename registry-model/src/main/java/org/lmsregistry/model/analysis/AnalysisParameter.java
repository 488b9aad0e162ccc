package org.lmsregistry.model.analysis;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job option a statistician may set: its JSON name, its command-line option, its type and rule,
 * and the jobs that take it. A white list: nothing else reaches a job's command line from a
 * request, so a request cannot redirect the output, the master or the JVM.
 */
public enum AnalysisParameter {
    MIN_CELL("minCell", "--min-cell", Type.INTEGER, 2, 1000, List.of(), all()),
    CONFIDENCE("confidence", "--confidence", Type.DECIMAL, 0, 1, List.of(), all()),
    OUTCOME("outcome", "--outcome", Type.CHOICE, 0, 0,
            Arrays.stream(AssociationOutcome.values()).map(AssociationOutcome::option).toList(),
            EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    HORIZON_DAYS("horizonDays", "--horizon-days", Type.INTEGER, 1, 36_500, List.of(),
            EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    SIZE_CUT_MM("sizeCutMm", "--size-cut-mm", Type.INTEGER, 1, 2_000, List.of(), EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    FEATURES("features", "--features", Type.NAMES, 0, 0, List.of(), EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    CONTINUOUS("continuous", "--continuous", Type.NAMES, 0, 0, List.of(), EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    ADJUST("adjust", "--adjust", Type.NAMES, 0, 0, List.of(), EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    MODEL("model", "--model", Type.NAMES, 0, 0, List.of(), EnumSet.of(AnalysisJob.ASSOCIATIONS)),
    ENDPOINT("endpoint", "--endpoint", Type.CHOICE, 0, 0,
            Arrays.stream(SurvivalEndpoint.values()).map(SurvivalEndpoint::option).toList(),
            EnumSet.of(AnalysisJob.SURVIVAL)),
    FEATURE("feature", "--feature", Type.NAME, 0, 0, List.of(), EnumSet.of(AnalysisJob.SURVIVAL)),
    COVARIATES("covariates", "--covariates", Type.NAMES, 0, 0, List.of(), EnumSet.of(AnalysisJob.SURVIVAL)),
    MAX_YEARS("maxYears", "--max-years", Type.INTEGER, 1, 50, List.of(),
            EnumSet.of(AnalysisJob.SURVIVAL, AnalysisJob.ADHERENCE));

    /** How a value is written and checked. */
    public enum Type {
        /** a whole number from min to max */
        INTEGER,
        /** a number strictly between min and max */
        DECIMAL,
        /** one of {@link #choices()} */
        CHOICE,
        /** a feature or covariate name, see {@link #NAME} */
        NAME,
        /** a non-empty list of names */
        NAMES
    }

    /** Feature and covariate names as the jobs spell them (lower case, digits, underscores). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String key;
    private final String option;
    private final Type type;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final Set<AnalysisJob> jobs;

    AnalysisParameter(String key, String option, Type type, double min, double max, List<String> choices,
            Set<AnalysisJob> jobs) {
        this.key = key;
        this.option = option;
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.jobs = jobs;
    }

    private static Set<AnalysisJob> all() {
        return EnumSet.allOf(AnalysisJob.class);
    }

    /** The name in a request's {@code parameters} JSON. */
    public String key() {
        return key;
    }

    /** The job's command-line option. */
    public String option() {
        return option;
    }

    public Type type() {
        return type;
    }

    /** The allowed values of a {@link Type#CHOICE}; empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean appliesTo(AnalysisJob job) {
        return jobs.contains(job);
    }
}
