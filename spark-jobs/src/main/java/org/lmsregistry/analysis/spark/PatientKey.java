package org.lmsregistry.analysis.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The 64-bit patient key: Spark's {@code xxhash64(site_code, patient_pseudonym)}. The analyses join and group
 * on it instead of the two strings (about 70 characters). A snapshot of format version 2 stores it as the
 * {@value #COLUMN} column of every table, computed once when the snapshot is written, so that the jobs read
 * 8 bytes per row instead of decoding the pseudonyms to hash them on every scan; other sources compute it.
 * It is used only when no two patients of the registry share it ({@link #collisionFree}).
 */
public final class PatientKey {

    /** The column name, in snapshots and in the patient table. */
    public static final String COLUMN = "patient_key";

    /** How the key is computed, as recorded in a snapshot's manifest. */
    public static final String EXPRESSION = "xxhash64(site_code, patient_pseudonym)";

    private PatientKey() {
    }

    /** The key computed from the site code and pseudonym columns of a table (Spark's xxhash64, seed 42). */
    public static Column hash() {
        return functions.xxhash64(col("site_code"), col("patient_pseudonym"));
    }

    /**
     * Whether the hash identifies the patients: as many distinct hashes as patient rows. This also fails when
     * a patient is listed twice (the string key is then used, with the same results, only slower); it needs
     * one aggregation of 8-byte values instead of a distinct count of the strings.
     */
    public static boolean collisionFree(Dataset<Row> patients, Column hash) {
        return unique(patients.select(hash.as(COLUMN)));
    }

    /** Whether no two rows of a table share a {@value #COLUMN}. */
    public static boolean unique(Dataset<Row> keyed) {
        Row r = keyed.agg(functions.count(lit(1)), functions.count_distinct(col(COLUMN))).first();
        return r.getLong(0) == r.getLong(1);
    }
}
