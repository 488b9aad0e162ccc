package org.lmsregistry.analysis.spark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.lmsregistry.model.interchange.FieldText;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Conversions between registry records, Spark rows ({@link RegistrySchema}) and the interchange text of
 * each field, and the per-row hash of the content checksum.
 */
public final class RegistryRows {

    /** Separates field texts in the canonical text of a row (a control character no field may hold). */
    private static final char UNIT_SEPARATOR = '\u001f';

    private RegistryRows() {
    }

    /** A record as a row of its type's schema. */
    @SuppressWarnings("unchecked")
    public static Row toRow(RecordType type, RegistryRecord record) {
        List<FieldSpec<?>> fields = type.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sparkValue(((FieldSpec<RegistryRecord>) fields.get(i)).valueOf(record));
        }
        return RowFactory.create(values);
    }

    private static Object sparkValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Collection<?> codes) {
            // code sets are EnumSets: iteration order is code-list order
            List<String> names = new ArrayList<>(codes.size());
            for (Object c : codes) {
                names.add(((Enum<?>) c).name());
            }
            return CollectionConverters.asScala(names).toSeq();
        }
        return value;
    }

    /**
     * The interchange text of every field of a row, as {@link FieldText#format} writes it ("" for
     * null, codes by name, code sets joined by ';').
     */
    public static String[] toText(RecordType type, Row row) {
        int n = type.fields().size();
        String[] text = new String[n];
        for (int i = 0; i < n; i++) {
            text[i] = fieldText(row.get(i));
        }
        return text;
    }

    /** The interchange text of one Spark value of a registry column. */
    public static String fieldText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return String.join(FieldText.CODE_SEPARATOR, stringsOf(seq));
        }
        if (value instanceof Iterable<?> it) {
            return String.join(FieldText.CODE_SEPARATOR, stringsOf(it.toSeq()));
        }
        if (value instanceof Object[] array) {
            List<String> parts = new ArrayList<>();
            for (Object o : array) {
                parts.add(String.valueOf(o));
            }
            return String.join(FieldText.CODE_SEPARATOR, parts);
        }
        if (value instanceof java.util.List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(String.valueOf(o));
            }
            return String.join(FieldText.CODE_SEPARATOR, parts);
        }
        return FieldText.format(value);
    }

    private static List<String> stringsOf(scala.collection.Seq<?> seq) {
        List<String> parts = new ArrayList<>();
        for (Object o : CollectionConverters.asJava(seq)) {
            parts.add(String.valueOf(o));
        }
        return parts;
    }

    /**
     * The 128-bit content hash of one row: the first 16 bytes of SHA-256 over the record type's base
     * name and the interchange text of every field, as two longs. Equal records have equal hashes
     * whatever their source (CSV, Parquet, database).
     */
    public static long[] hash(RecordType type, Row row) {
        StringBuilder text = new StringBuilder(256).append(type.baseName());
        for (String field : toText(type, row)) {
            text.append(UNIT_SEPARATOR).append(field);
        }
        byte[] digest = sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return new long[] {bytesToLong(digest, 0), bytesToLong(digest, 8)};
    }

    private static long bytesToLong(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xffL);
        }
        return v;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
