package org.lmsregistry.web.records;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;

/**
 * The SQL of one record type, derived once from its FieldSpecs (see {@link RecordTables}): select
 * by patients, insert, update and delete by natural key. Every value is a bind parameter; table and
 * column names come from the model, never from input.
 */
final class RecordSql {

    private static final Map<RecordType, RecordSql> ALL = new EnumMap<>(RecordType.class);

    static {
        for (RecordType t : RecordType.values()) {
            ALL.put(t, new RecordSql(t));
        }
    }

    final RecordType type;
    final String table;
    /** Fields stored in their own column, in field order. */
    final List<FieldSpec<?>> valueFields;
    /** The record's own key fields within its patient (the patient's pseudonym for patients). */
    final List<FieldSpec<?>> ownKeyFields;
    /** Value fields that are not key fields: what an update sets. */
    final List<FieldSpec<?>> setFields;
    /** Patients: {@code id, value fields...}; children: {@code patient pseudonym, value fields...}. */
    final String selectByPatients;
    /** Patients: {@code id, site_id, values, derived}; children: {@code site_id, patient_id, values, derived}. */
    final String insert;
    /** The columns of {@link #insert}, for COPY. */
    final String insertColumns;
    /** Columns the model derives from the record, written after the value fields (see {@link RecordTables#derivedColumns}). */
    final List<RecordTables.DerivedColumn> derivedColumns;
    /** Set fields, derived columns, then patients: site_id, pseudonym; children: patient_id, own key fields. */
    final String update;
    /** Patients: id; children: patient_id, own key fields. */
    final String delete;

    private RecordSql(RecordType type) {
        this.type = type;
        this.table = RecordTables.table(type);
        this.valueFields = RecordTables.valueFields(type);
        List<FieldSpec<?>> keys = new ArrayList<>();
        List<FieldSpec<?>> sets = new ArrayList<>();
        for (FieldSpec<?> f : valueFields) {
            (f.isKey() ? keys : sets).add(f);
        }
        this.ownKeyFields = List.copyOf(keys);
        this.setFields = List.copyOf(sets);
        this.derivedColumns = RecordTables.derivedColumns(type);
        boolean patient = type == RecordType.PATIENT;

        StringJoiner columns = new StringJoiner(", ");
        valueFields.forEach(f -> columns.add("x." + RecordTables.column(type, f)));
        this.selectByPatients = patient
                ? "select x.id, " + columns + " from patient x where x.site_id = ? and x.patient_pseudonym = any (?)"
                : "select p.patient_pseudonym, " + columns + " from " + table + " x join patient p on p.id = x.patient_id"
                        + " where x.site_id = ? and p.patient_pseudonym = any (?) order by x.id";

        StringJoiner insertColumns = new StringJoiner(", ");
        StringJoiner params = new StringJoiner(", ");
        for (String c : patient ? List.of("id", "site_id") : List.of("site_id", "patient_id")) {
            insertColumns.add(c);
            params.add("?");
        }
        for (FieldSpec<?> f : valueFields) {
            insertColumns.add(RecordTables.column(type, f));
            params.add("?");
        }
        for (RecordTables.DerivedColumn d : derivedColumns) {
            insertColumns.add(d.name());
            params.add("?");
        }
        this.insert = "insert into " + table + " (" + insertColumns + ") values (" + params + ")";
        this.insertColumns = insertColumns.toString();

        StringJoiner set = new StringJoiner(", ");
        setFields.forEach(f -> set.add(RecordTables.column(type, f) + " = ?"));
        derivedColumns.forEach(d -> set.add(d.name() + " = ?"));
        set.add("version = version + 1");
        StringJoiner where = new StringJoiner(" and ");
        if (patient) {
            where.add("site_id = ?").add("patient_pseudonym = ?");
        } else {
            where.add("patient_id = ?");
            ownKeyFields.forEach(f -> where.add(RecordTables.column(type, f) + " = ?"));
        }
        this.update = "update " + table + " set " + set + " where " + where;
        StringJoiner deleteWhere = new StringJoiner(" and ");
        if (patient) {
            deleteWhere.add("id = ?");
        } else {
            deleteWhere.add("patient_id = ?");
            ownKeyFields.forEach(f -> deleteWhere.add(RecordTables.column(type, f) + " = ?"));
        }
        this.delete = "delete from " + table + " where " + deleteWhere;
    }

    static RecordSql of(RecordType type) {
        return ALL.get(type);
    }
}
