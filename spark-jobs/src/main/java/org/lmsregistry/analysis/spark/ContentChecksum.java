package org.lmsregistry.analysis.spark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.lmsregistry.model.record.RecordType;

/**
 * A checksum of the registry's content that does not depend on how it is stored: not on row order,
 * partitioning, file layout or source (interchange CSV, Parquet, PostgreSQL).
 *
 * <p>Each row is hashed ({@link RegistryRows#hash}: SHA-256 of its interchange text, first 128 bits);
 * a table's digest is its row count and the sums modulo 2<sup>64</sup> of the two 64-bit halves (a
 * multiset hash: addition commutes, so the order and the partitioning cannot matter, and a changed,
 * added, removed or duplicated row changes it). The checksum of the registry is the SHA-256, in hex, of
 * the lines {@code <table> <rows> <sum1> <sum2>} of every record type in {@link RecordType} order.
 */
public final class ContentChecksum {

    /** The digest of one table. */
    public record TableDigest(long rows, long sum1, long sum2) implements java.io.Serializable {

        static final TableDigest EMPTY = new TableDigest(0, 0, 0);

        TableDigest plus(TableDigest o) {
            return new TableDigest(rows + o.rows, sum1 + o.sum1, sum2 + o.sum2);
        }

        /** The digest as 32 hex digits of the two sums (the row count is kept apart). */
        public String hex() {
            return HexFormat.of().toHexDigits(sum1) + HexFormat.of().toHexDigits(sum2);
        }
    }

    private ContentChecksum() {
    }

    /**
     * The digest of one table's rows: of the record type's interchange columns only, so a snapshot's
     * {@link PatientKey#COLUMN} (derived from them) neither changes the checksum nor is read for it.
     */
    public static TableDigest digest(RecordType type, Dataset<Row> rows) {
        JavaRDD<Row> rdd = RegistrySchema.interchange(type, rows).javaRDD();
        return rdd.mapPartitions(it -> {
            long n = 0;
            long s1 = 0;
            long s2 = 0;
            while (it.hasNext()) {
                long[] h = RegistryRows.hash(type, it.next());
                n++;
                s1 += h[0];
                s2 += h[1];
            }
            return java.util.List.of(new TableDigest(n, s1, s2)).iterator();
        }).fold(TableDigest.EMPTY, TableDigest::plus);
    }

    /** The digests of every table. */
    public static Map<RecordType, TableDigest> digests(Map<RecordType, Dataset<Row>> tables) {
        Map<RecordType, TableDigest> out = new EnumMap<>(RecordType.class);
        for (RecordType t : RecordType.values()) {
            Dataset<Row> rows = tables.get(t);
            out.put(t, rows == null ? TableDigest.EMPTY : digest(t, rows));
        }
        return out;
    }

    /** The registry checksum from the table digests (every record type; a missing one counts as empty). */
    public static String checksum(Map<RecordType, TableDigest> digests) {
        MessageDigest sha = RegistryRows.sha256();
        for (RecordType t : RecordType.values()) {
            TableDigest d = digests.getOrDefault(t, TableDigest.EMPTY);
            String line = t.baseName() + " " + d.rows() + " " + Long.toUnsignedString(d.sum1()) + " "
                    + Long.toUnsignedString(d.sum2()) + "\n";
            sha.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
