package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Columns of the model's vocabularies (its enums) as small int codes, so that Spark groups, shuffles and
 * compares an int per row instead of a string, and the labels back after the aggregation. A value that is none
 * of the vocabulary's names (only possible from an unchecked source) keeps its own group: it gets code 0 and
 * is carried in a second column, {@link #other}, which is null for every vocabulary value.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    /** A vocabulary value as its ordinal plus one (0: none, or not of the vocabulary), by the enum's names. */
    static Column code(Column name, Enum<?>[] values) {
        Column c = null;
        for (Enum<?> v : values) {
            c = c == null ? when(name.equalTo(v.name()), v.ordinal() + 1)
                    : c.when(name.equalTo(v.name()), v.ordinal() + 1);
        }
        return c.otherwise(0);
    }

    /** The value itself when it is none of the vocabulary's names, else null: grouped next to its {@link #code}. */
    static Column other(Column name, Enum<?>[] values) {
        return when(code(name, values).equalTo(0), name).otherwise(lit(null).cast(DataTypes.StringType));
    }

    /** The name of a {@link #code}, or the {@link #other} value for code 0. */
    static Column label(Column code, Column other, Enum<?>[] values) {
        Column c = null;
        for (Enum<?> v : values) {
            c = c == null ? when(code.equalTo(v.ordinal() + 1), v.name())
                    : c.when(code.equalTo(v.ordinal() + 1), v.name());
        }
        return c.otherwise(other);
    }
}
