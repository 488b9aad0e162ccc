package org.lmsregistry.analysis.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.disclosure.SmallCellSuppression;
import org.lmsregistry.analysis.spark.PatientLevelBroadcast;
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
    private final SurveillanceStudies surveillanceStudies;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    /** A context whose jobs read the surveillance studies from the source themselves. */
    public AnalysisContext(SparkSession spark, RegistryData data, Cohort cohort, int minCell, double confidenceLevel) {
        this(spark, data, cohort, minCell, confidenceLevel, SurveillanceStudies.read(data, cohort));
    }

    /** A context with the session's surveillance studies (shared by the jobs of one session). */
    public AnalysisContext(SparkSession spark, RegistryData data, Cohort cohort, int minCell, double confidenceLevel,
            SurveillanceStudies surveillanceStudies) {
        this.spark = spark;
        this.data = data;
        this.cohort = cohort;
        this.suppression = new SmallCellSuppression(minCell);
        this.confidenceLevel = confidenceLevel;
        this.surveillanceStudies = surveillanceStudies;
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

    /** The surveillance studies, coded ({@link SurveillanceStudies}). */
    Dataset<Row> surveillanceStudies() {
        return surveillanceStudies.rows(this);
    }

    /** {@link SurveillanceStudies#mayHoldOtherValues}. */
    boolean surveillanceStudiesMayHoldOtherValues() {
        return surveillanceStudies.mayHoldOtherValues(this);
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

    /**
     * Setting: the largest cohort (patients) whose patient-level tables are broadcast to every task when joined
     * with record-level tables (the studies), so that the millions of study rows are joined where they lie
     * instead of shuffled. Above it (a very large registry on a cluster) Spark chooses the join itself.
     */
    public static final String BROADCAST_MAX_PATIENTS = PatientLevelBroadcast.SETTING;

    /** Default of {@link #BROADCAST_MAX_PATIENTS}: a few columns of 4M patients are a few hundred MB at most. */
    public static final long DEFAULT_BROADCAST_MAX_PATIENTS = PatientLevelBroadcast.DEFAULT_MAX_PATIENTS;

    /**
     * A table with at most one row per cohort patient, marked for a broadcast join when the cohort is small
     * enough ({@link #BROADCAST_MAX_PATIENTS}); otherwise unchanged.
     */
    public Dataset<Row> patientLevel(Dataset<Row> perPatient) {
        return cohort.size() <= PatientLevelBroadcast.maxPatients(spark) ? functions.broadcast(perPatient) : perPatient;
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
