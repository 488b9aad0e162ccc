package org.lmsregistry.analysis.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.disclosure.SmallCellSuppression;
import org.lmsregistry.analysis.spark.RegistryData;

/**
 * What every analysis works on: the data read, the cohort selected from it, the disclosure threshold and
 * the confidence level; and where it records how long its phases took.
 */
public final class AnalysisContext {

    private final SparkSession spark;
    private final RegistryData data;
    private final Cohort cohort;
    private final SmallCellSuppression suppression;
    private final double confidenceLevel;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    public AnalysisContext(SparkSession spark, RegistryData data, Cohort cohort, int minCell, double confidenceLevel) {
        this.spark = spark;
        this.data = data;
        this.cohort = cohort;
        this.suppression = new SmallCellSuppression(minCell);
        this.confidenceLevel = confidenceLevel;
    }

    public SparkSession spark() {
        return spark;
    }

    public RegistryData data() {
        return data;
    }

    public Cohort cohort() {
        return cohort;
    }

    public SmallCellSuppression suppression() {
        return suppression;
    }

    public int minCell() {
        return suppression.threshold();
    }

    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** Seconds spent per phase (e.g. {@code aggregateSeconds}, {@code statisticsSeconds}). */
    public Map<String, Double> timings() {
        return timings;
    }

    /** Adds the seconds since {@code startNanos} to a phase and returns the current time. */
    public long lap(String phase, long startNanos) {
        long now = System.nanoTime();
        timings.merge(phase, Math.round((now - startNanos) / 1e6) / 1e3, Double::sum);
        return now;
    }
}
