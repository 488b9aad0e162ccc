package org.lmsregistry.analysis.spark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.lmsregistry.analysis.Software;
import org.lmsregistry.model.record.RecordType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a Parquet snapshot of the registry: one folder per record type (named by its base name, e.g.
 * {@code imaging_studies/}) with the columns of {@link RegistrySchema}, and {@code manifest.json} with the
 * row counts and digests per table, the content checksum ({@link ContentChecksum}), the software version
 * and the parameters that created it. The snapshot is written to a staging folder beside the target and
 * moved into place only when complete, so a failed run leaves nothing behind.
 */
public final class Snapshots {

    /**
     * Format name and version written into every manifest. Version 2 adds the patient key column to every
     * table ({@code patientKey} in the manifest) and, per table, whether it holds one row per patient;
     * version 1 snapshots are read as before (the key is computed).
     */
    public static final String FORMAT = "lms-registry-snapshot";
    public static final int FORMAT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Snapshots() {
    }

    /**
     * Writes the data as a snapshot, with the patient key ({@link PatientKey}) in every table when no two
     * patients share it.
     *
     * @param data        what to write (its checksum must already be computed from its rows)
     * @param target      the snapshot folder: must not exist or be empty
     * @param filesPerTable Parquet files per table (0 keeps Spark's partitioning)
     * @param parameters  how the snapshot was made (recorded in the manifest)
     * @return the manifest written
     */
    public static Map<String, Object> write(RegistryData data, String target, int filesPerTable,
            Map<String, Object> parameters) {
        return write(data, target, filesPerTable, parameters, PatientKey.hash());
    }

    /**
     * Writes the data as a snapshot, keyed by the given hash of site code and pseudonym (a test seam: a weak
     * hash forces a collision). When two patients share a key no key column is written (the analyses then
     * compute and check it as for any other source), and the manifest says why.
     */
    static Map<String, Object> write(RegistryData data, String target, int filesPerTable,
            Map<String, Object> parameters, Column hash) {
        if (!Storage.absentOrEmpty(target)) {
            throw new IllegalArgumentException("snapshot folder " + target + " exists and is not empty; give a new "
                    + "folder (snapshots are never overwritten)");
        }
        if (!data.source().verified()) {
            throw new IllegalArgumentException("the checksum of " + data.source().location()
                    + " was not computed from its rows");
        }
        Dataset<Row> patients = RegistrySchema.interchange(RecordType.PATIENT, data.table(RecordType.PATIENT));
        Row counts = patients.select(hash.as(PatientKey.COLUMN)).agg(functions.count(functions.lit(1)),
                functions.count_distinct(functions.col(PatientKey.COLUMN))).first();
        boolean keyed = counts.getLong(0) == counts.getLong(1);
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("column", PatientKey.COLUMN);
        key.put("present", keyed);
        key.put("expression", PatientKey.EXPRESSION);
        key.put("type", "bigint");
        key.put("check", "no two patients share a key: " + counts.getLong(0) + " patient rows, " + counts.getLong(1)
                + " distinct keys" + (keyed ? "" : "; not written: analyses of this snapshot compute the key and "
                + "join on site code and pseudonym where it collides"));
        String staging = Storage.stagingFor(target);
        try {
            Map<RecordType, Boolean> onePerPatient = new EnumMap<>(RecordType.class);
            for (RecordType t : RecordType.values()) {
                Dataset<Row> table = RegistrySchema.interchange(t, data.table(t));
                if (keyed) {
                    table = table.withColumn(PatientKey.COLUMN, hash);
                    if (ONE_ROW_EACH_CHECKED.contains(t)) {
                        onePerPatient.put(t, PatientKey.unique(table.select(PatientKey.COLUMN)));
                    }
                }
                if (filesPerTable > 0) {
                    table = table.coalesce(filesPerTable);
                }
                table.write().mode(SaveMode.ErrorIfExists).parquet(Storage.child(staging, t.baseName()));
            }
            // the checksum is recomputed from the files just written: the manifest vouches for them
            RegistryData written = RegistrySources.parquetTables(data.table(RecordType.PATIENT).sparkSession(),
                    staging);
            Map<String, Object> manifest = manifest(data, ContentChecksum.digests(written.tables()), parameters, key,
                    onePerPatient);
            Storage.writeString(Storage.child(staging, RegistrySources.MANIFEST), toJson(manifest));
            Storage.moveInto(staging, target);
            return manifest;
        } catch (RuntimeException e) {
            Storage.delete(staging);
            throw e;
        }
    }

    /** The tables whose "at most one row per patient" is recorded (the patient table's build uses it). */
    static final java.util.Set<RecordType> ONE_ROW_EACH_CHECKED = java.util.EnumSet.of(RecordType.TUMOUR,
            RecordType.IMAGING_FEATURES);

    /** A line for the console on what a manifest says about the patient key. */
    public static String patientKeyNote(Map<String, Object> manifest) {
        Object k = manifest.get("patientKey");
        if (!(k instanceof Map<?, ?> key)) {
            return "no patient key (format version " + manifest.get("formatVersion") + ")";
        }
        return (Boolean.TRUE.equals(key.get("present")) ? "patient key " + key.get("column") + " = "
                + key.get("expression") + " in every table (" : "NO patient key column written (") + key.get("check")
                + ")";
    }

    static Map<String, Object> manifest(RegistryData data, Map<RecordType, ContentChecksum.TableDigest> digests,
            Map<String, Object> parameters, Map<String, Object> patientKey, Map<RecordType, Boolean> onePerPatient) {
        String checksum = ContentChecksum.checksum(digests);
        if (!checksum.equals(data.checksum())) {
            throw new IllegalStateException("the snapshot's files do not hold the data read: checksum " + checksum
                    + " of the files written, " + data.checksum() + " of the data read");
        }
        boolean keyed = Boolean.TRUE.equals(patientKey.get("present"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("checksum", checksum);
        m.put("checksumMethod", "SHA-256 over '<table> <rows> <sum1> <sum2>' lines in record-type order; sum1, "
                + "sum2 = sums mod 2^64 of the two 64-bit halves of the first 128 bits of SHA-256 of each row's "
                + "interchange text (independent of row order, partitioning and source; the patient key column "
                + "is not part of it)");
        m.put("patientKey", patientKey);
        Map<String, Object> tables = new LinkedHashMap<>();
        for (RecordType t : RecordType.values()) {
            ContentChecksum.TableDigest d = digests.get(t);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("path", t.baseName());
            info.put("rows", d.rows());
            info.put("digest", d.hex());
            info.put("columns", (keyed ? RegistrySchema.of(t).add(PatientKey.COLUMN, DataTypes.LongType, false)
                    : RegistrySchema.of(t)).simpleString());
            if (onePerPatient.containsKey(t)) {
                info.put("onePerPatient", onePerPatient.get(t));
            }
            tables.put(t.baseName(), info);
        }
        m.put("tables", tables);
        m.put("software", Software.describe());
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> source = new java.util.LinkedHashMap<>();
        source.put("kind", data.source().kind());
        source.put("location", data.source().location());
        created.put("source", source);
        created.put("validationWarnings", data.source().warnings());
        created.put("parameters", parameters);
        m.put("created", created);
        return m;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
