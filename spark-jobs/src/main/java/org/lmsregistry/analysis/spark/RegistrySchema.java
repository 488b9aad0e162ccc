package org.lmsregistry.analysis.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;

/**
 * The Spark (and Parquet) schema of each record type, derived from its field specs: one column per
 * interchange field, with the interchange name, in interchange order. Texts, keys and codes are
 * strings (codes as their enum names), whole numbers int, decimals double, yes/no boolean, and code
 * sets {@code array<string>} in code-list order. Key fields are not nullable. A snapshot of format version 2
 * adds {@link PatientKey#COLUMN} after them (not an interchange column: never exported or checksummed).
 */
public final class RegistrySchema {

    private RegistrySchema() {
    }

    /** The Spark type of a field. */
    public static DataType typeOf(FieldSpec<?> field) {
        return typeOf(field.type());
    }

    /** The Spark type of a field type. */
    public static DataType typeOf(FieldType type) {
        return switch (type) {
            case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT, CODE -> DataTypes.StringType;
            case INTEGER -> DataTypes.IntegerType;
            case DECIMAL -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case CODES -> DataTypes.createArrayType(DataTypes.StringType, false);
        };
    }

    /** The schema of a record type. */
    public static StructType of(RecordType type) {
        List<StructField> fields = new ArrayList<>();
        for (FieldSpec<?> f : type.fields()) {
            fields.add(DataTypes.createStructField(f.name(), typeOf(f), !f.isKey()));
        }
        return DataTypes.createStructType(fields);
    }

    /** A table of a record type reduced to its interchange columns, in interchange order. */
    public static Dataset<Row> interchange(RecordType type, Dataset<Row> table) {
        String[] names = columns(type);
        return java.util.Arrays.equals(table.columns(), names) ? table
                : table.select(java.util.Arrays.stream(names).map(functions::col).toArray(Column[]::new));
    }

    /** The column names of a record type, in interchange order. */
    public static String[] columns(RecordType type) {
        return type.fields().stream().map(FieldSpec::name).toArray(String[]::new);
    }
}
