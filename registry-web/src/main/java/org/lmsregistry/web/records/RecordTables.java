package org.lmsregistry.web.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;

/**
 * How the registry's record types map onto the tables of the Flyway schema (see the conventions
 * at the top of {@code V1__registry_schema.sql}): one table per record type, one column per field,
 * with the references to the site and the patient replaced by foreign keys.
 */
public final class RecordTables {

    /** Field that names the site in every record type. */
    public static final String SITE_CODE_FIELD = "site_code";
    /** Field that names the patient in every record type. */
    public static final String PATIENT_PSEUDONYM_FIELD = "patient_pseudonym";

    private RecordTables() {
    }

    /** The table of a record type, e.g. {@code imaging_study}. */
    public static String table(RecordType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Whether a field is stored as a foreign key rather than as its own column. */
    public static boolean isReference(RecordType type, FieldSpec<?> field) {
        return field.name().equals(SITE_CODE_FIELD)
                || (type != RecordType.PATIENT && field.name().equals(PATIENT_PSEUDONYM_FIELD));
    }

    /** The column that stores a field: the field name, or the foreign key that replaces a reference. */
    public static String column(RecordType type, FieldSpec<?> field) {
        if (field.name().equals(SITE_CODE_FIELD)) {
            return "site_id";
        }
        if (type != RecordType.PATIENT && field.name().equals(PATIENT_PSEUDONYM_FIELD)) {
            return "patient_id";
        }
        return field.name();
    }

    /** The fields stored in their own column, in interchange order. */
    public static List<FieldSpec<?>> valueFields(RecordType type) {
        List<FieldSpec<?>> fields = new ArrayList<>();
        for (FieldSpec<?> f : type.fields()) {
            if (!isReference(type, f)) {
                fields.add(f);
            }
        }
        return fields;
    }

    /**
     * A column whose value the model derives from a record (never read back into one), stored so
     * that lists and filters can use it in SQL. Every writer fills it from the same model method,
     * so that the database never holds a second definition of the rule.
     */
    public record DerivedColumn(String name, Function<RegistryRecord, String> value) {
    }

    /** The tumour's effective grade: {@link Tumour#grade()} (from the components, else as stated). */
    public static final DerivedColumn TUMOUR_GRADE = new DerivedColumn("grade", r -> {
        var grade = ((Tumour) r).grade();
        return grade == null ? null : grade.name();
    });

    /** The derived columns of a record type's table, after its value fields. */
    public static List<DerivedColumn> derivedColumns(RecordType type) {
        return type == RecordType.TUMOUR ? List.of(TUMOUR_GRADE) : List.of();
    }
}
