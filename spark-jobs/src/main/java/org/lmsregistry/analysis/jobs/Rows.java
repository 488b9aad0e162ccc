package org.lmsregistry.analysis.jobs;

import org.apache.spark.sql.Row;

/** Null-safe reads of Spark row values. */
final class Rows {

    private Rows() {
    }

    static String string(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? null : r.get(i).toString();
    }

    static long count(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
    }

    static Double number(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }

    static Integer integer(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? null : ((Number) r.get(i)).intValue();
    }

    static Boolean bool(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? null : r.getBoolean(i);
    }
}
