package org.lmsregistry.analysis.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The bound on the patient-level tables Spark is told to broadcast: a table with at most one row per patient
 * is sent whole to every task when the patients are at most {@code lms.broadcast.maxPatients}, so that the
 * millions of record rows (the studies) are joined where they lie instead of shuffled. Above it (a very large
 * registry on a cluster) Spark chooses the join itself. One setting for the patient table and the jobs.
 */
public final class PatientLevelBroadcast {

    /** The setting (a Spark configuration key, e.g. {@code --conf lms.broadcast.maxPatients=0}). */
    public static final String SETTING = "lms.broadcast.maxPatients";

    /** Its default: a few columns of 4M patients are a few hundred MB at most. */
    public static final long DEFAULT_MAX_PATIENTS = 4_000_000L;

    private PatientLevelBroadcast() {
    }

    /** The largest number of patients whose patient-level tables are broadcast in this session. */
    public static long maxPatients(SparkSession spark) {
        return Long.parseLong(spark.conf().get(SETTING, Long.toString(DEFAULT_MAX_PATIENTS)));
    }
}
