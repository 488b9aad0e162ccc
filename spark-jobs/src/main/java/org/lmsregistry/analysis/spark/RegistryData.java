package org.lmsregistry.analysis.spark;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.lmsregistry.model.record.RecordType;

/**
 * The registry as Spark tables, one per record type (schema {@link RegistrySchema}), with where it
 * came from and its content checksum ({@link ContentChecksum}). Read from a snapshot of format version 2, each
 * table also has the {@link PatientKey#COLUMN} column, after the interchange columns
 * ({@link #carriesPatientKey}).
 *
 * @param tables   every record type's rows (an empty table when the source had none)
 * @param source   what was read
 */
public record RegistryData(Map<RecordType, Dataset<Row>> tables, Source source, java.util.List<Dataset<Row>> backing) {

    public RegistryData(Map<RecordType, Dataset<Row>> tables, Source source) {
        this(tables, source, java.util.List.of());
    }

    /** The same data, noting a cached dataset the tables are views of (released by {@link #unpersist}). */
    public RegistryData withBacking(Dataset<Row> cached) {
        java.util.List<Dataset<Row>> b = new java.util.ArrayList<>(backing);
        b.add(cached);
        return new RegistryData(tables, source, b);
    }

    /**
     * Where the data came from.
     *
     * @param kind      {@code parquet} (a snapshot), {@code csv} (an interchange folder), {@code jdbc},
     *                  {@code memory}
     * @param location  folder or URL (never with a password)
     * @param checksum  the content checksum: from the snapshot's manifest, or computed on reading
     * @param verified  whether the checksum was computed from the rows read (rather than taken from a
     *                  manifest)
     * @param rows      rows per table, by base name
     * @param warnings  validation warnings seen on reading (0 when read from a snapshot)
     * @param manifest  the snapshot manifest, if any, as read
     */
    public record Source(String kind, String location, String checksum, boolean verified, Map<String, Long> rows,
            long warnings, Map<String, Object> manifest) {

        public Source {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
            manifest = manifest == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
        }

        /** The provenance map written into results. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("location", location);
            m.put("checksum", checksum);
            m.put("checksumVerified", verified);
            m.put("rows", rows);
            if (manifest.containsKey("created")) {
                m.put("snapshotCreated", manifest.get("created"));
            }
            return m;
        }
    }

    public RegistryData {
        Objects.requireNonNull(source, "source");
        tables = Collections.unmodifiableMap(new EnumMap<>(tables));
        backing = backing == null ? java.util.List.of() : java.util.List.copyOf(backing);
        for (RecordType t : RecordType.values()) {
            if (!tables.containsKey(t)) {
                throw new IllegalArgumentException("no table for " + t.baseName());
            }
        }
    }

    public Dataset<Row> table(RecordType type) {
        return tables.get(type);
    }

    /**
     * Whether every table carries the {@link PatientKey#COLUMN} column: a snapshot of format version 2 whose
     * manifest says the key was written (it was checked collision-free then). The one place that decides
     * whether the analyses read the key or compute it.
     */
    public boolean carriesPatientKey() {
        return "parquet".equals(source.kind()) && recordsPatientKey(source.manifest());
    }

    /** Whether a snapshot manifest says its tables hold the patient key: format version 2 or later, written. */
    public static boolean recordsPatientKey(Map<String, Object> manifest) {
        return manifest.get("formatVersion") instanceof Integer v && v >= 2
                && manifest.get("patientKey") instanceof Map<?, ?> key && Boolean.TRUE.equals(key.get("present"));
    }

    /** The patient key of any of these tables: the stored column when they carry it, else its hash. */
    public Column patientKey() {
        return carriesPatientKey() ? functions.col(PatientKey.COLUMN) : PatientKey.hash();
    }

    /**
     * Whether a table holds at most one row per patient, when the snapshot's manifest records it (checked
     * when the snapshot was written, only for snapshots that carry the key); empty when not known.
     */
    public Optional<Boolean> oneRowPerPatient(RecordType type) {
        if (!carriesPatientKey()) {
            return Optional.empty();
        }
        Object tables = source.manifest().get("tables");
        if (tables instanceof Map<?, ?> m && m.get(type.baseName()) instanceof Map<?, ?> info
                && info.get("onePerPatient") instanceof Boolean b) {
            return Optional.of(b);
        }
        return Optional.empty();
    }

    public String checksum() {
        return source.checksum();
    }

    /** An empty table of a record type. */
    public static Dataset<Row> emptyTable(SparkSession spark, RecordType type) {
        return spark.createDataFrame(java.util.List.of(), RegistrySchema.of(type));
    }

    /** Releases cached tables. */
    public void unpersist() {
        tables.values().forEach(Dataset::unpersist);
        backing.forEach(Dataset::unpersist);
    }
}
