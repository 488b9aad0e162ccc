package org.lmsregistry.analysis.spark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
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

    /** Format name and version written into every manifest. */
    public static final String FORMAT = "lms-registry-snapshot";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Snapshots() {
    }

    /**
     * Writes the data as a snapshot.
     *
     * @param data        what to write (its checksum must already be computed from its rows)
     * @param target      the snapshot folder: must not exist or be empty
     * @param filesPerTable Parquet files per table (0 keeps Spark's partitioning)
     * @param parameters  how the snapshot was made (recorded in the manifest)
     * @return the manifest written
     */
    public static Map<String, Object> write(RegistryData data, String target, int filesPerTable,
            Map<String, Object> parameters) {
        if (!Storage.absentOrEmpty(target)) {
            throw new IllegalArgumentException("snapshot folder " + target + " exists and is not empty; give a new "
                    + "folder (snapshots are never overwritten)");
        }
        if (!data.source().verified()) {
            throw new IllegalArgumentException("the checksum of " + data.source().location()
                    + " was not computed from its rows");
        }
        String staging = Storage.stagingFor(target);
        try {
            Map<RecordType, Long> rows = new EnumMap<>(RecordType.class);
            for (RecordType t : RecordType.values()) {
                Dataset<Row> table = data.table(t);
                if (filesPerTable > 0) {
                    table = table.coalesce(filesPerTable);
                }
                table.write().mode(SaveMode.ErrorIfExists).parquet(Storage.child(staging, t.baseName()));
                rows.put(t, data.source().rows().getOrDefault(t.baseName(), 0L));
            }
            // the checksum is recomputed from the files just written: the manifest vouches for them
            RegistryData written = RegistrySources.parquetTables(data.table(RecordType.PATIENT).sparkSession(),
                    staging);
            Map<String, Object> manifest = manifest(data, ContentChecksum.digests(written.tables()), parameters);
            Storage.writeString(Storage.child(staging, RegistrySources.MANIFEST), toJson(manifest));
            Storage.moveInto(staging, target);
            return manifest;
        } catch (RuntimeException e) {
            Storage.delete(staging);
            throw e;
        }
    }

    static Map<String, Object> manifest(RegistryData data, Map<RecordType, ContentChecksum.TableDigest> digests,
            Map<String, Object> parameters) {
        String checksum = ContentChecksum.checksum(digests);
        if (!checksum.equals(data.checksum())) {
            throw new IllegalStateException("the snapshot's files do not hold the data read: checksum " + checksum
                    + " of the files written, " + data.checksum() + " of the data read");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("checksum", checksum);
        m.put("checksumMethod", "SHA-256 over '<table> <rows> <sum1> <sum2>' lines in record-type order; sum1, "
                + "sum2 = sums mod 2^64 of the two 64-bit halves of the first 128 bits of SHA-256 of each row's "
                + "interchange text (independent of row order, partitioning and source)");
        Map<String, Object> tables = new LinkedHashMap<>();
        for (RecordType t : RecordType.values()) {
            ContentChecksum.TableDigest d = digests.get(t);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("path", t.baseName());
            info.put("rows", d.rows());
            info.put("digest", d.hex());
            info.put("columns", RegistrySchema.of(t).simpleString());
            tables.put(t.baseName(), info);
        }
        m.put("tables", tables);
        m.put("software", Software.describe());
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        created.put("source", Map.of("kind", data.source().kind(), "location", data.source().location()));
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
