package org.lmsregistry.web.records;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.infrastructure.persistence.CopyBuffer;

/**
 * Clinical records in their tables, with JDBC on the caller's (transaction's) connection: read the
 * records of some patients of a site, and insert, update or delete records by natural key in JDBC
 * batches. One code path for single edits and bulk uploads, so that both behave the same.
 *
 * <p>Every statement names the site: a record is only ever read or written together with its site id.
 */
public final class RecordStore {

    /** Pseudonyms per query: bounds the array parameter and the result of one round trip. */
    private static final int PATIENTS_PER_QUERY = 5_000;
    static final int BATCH = 1_000;

    private RecordStore() {
    }

    /** Namespace of the per-site advisory locks (the first key of {@code pg_advisory_xact_lock(int, int)}). */
    private static final int SITE_LOCK_NAMESPACE = 0x4C4D5352;

    /**
     * Serialises changes to one site's records until the transaction ends: uploads and edits of a
     * site then validate against what the previous one committed, so two overlapping batches can
     * never both create the same record or validate against a state the other is changing. Sites
     * do not wait for each other.
     */
    public static void lockSite(Connection connection, long siteId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, SITE_LOCK_NAMESPACE);
            lock.setInt(2, Math.toIntExact(siteId));
            lock.execute();
        }
    }

    /** Every stored record (all types) of these patients of one site. */
    public static StoredPatients load(Connection connection, long siteId, String siteCode,
            Collection<String> pseudonyms) throws SQLException {
        StoredPatients stored = new StoredPatients(siteId, siteCode);
        List<String> all = new ArrayList<>(pseudonyms);
        for (int from = 0; from < all.size(); from += PATIENTS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + PATIENTS_PER_QUERY));
            Array array = connection.createArrayOf("text", chunk.toArray());
            for (RecordType type : RecordType.values()) {
                loadType(connection, type, siteId, siteCode, array, stored);
            }
        }
        return stored;
    }

    private static void loadType(Connection connection, RecordType type, long siteId, String siteCode, Array pseudonyms,
            StoredPatients stored) throws SQLException {
        RecordSql sql = RecordSql.of(type);
        try (PreparedStatement select = connection.prepareStatement(sql.selectByPatients)) {
            select.setLong(1, siteId);
            select.setArray(2, pseudonyms);
            select.setFetchSize(5_000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    FieldValues values = new FieldValues().put(RecordTables.SITE_CODE_FIELD, siteCode);
                    int index = 2;
                    if (type != RecordType.PATIENT) {
                        values.put(RecordTables.PATIENT_PSEUDONYM_FIELD, rs.getString(1));
                    }
                    for (FieldSpec<?> f : sql.valueFields) {
                        values.put(f.name(), RecordColumns.read(rs, index++, f));
                    }
                    RegistryRecord record = type.create(values);
                    if (type == RecordType.PATIENT) {
                        stored.addPatient(rs.getLong(1), record);
                    } else {
                        stored.add(record);
                    }
                }
            }
        }
    }

    /** Database ids for new patients, from the patient table's identity sequence. */
    static List<Long> nextPatientIds(Connection connection, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select nextval(pg_get_serial_sequence('patient', 'id')) from generate_series(1, ?)")) {
            select.setInt(1, count);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Binds an insert: patients {@code (id, site_id, values)}, children {@code (site_id, patient_id, values)}. */
    static void bindInsert(Connection connection, PreparedStatement insert, RecordSql sql, long siteId, long patientId,
            RegistryRecord record) throws SQLException {
        if (sql.type == RecordType.PATIENT) {
            insert.setLong(1, patientId);
            insert.setLong(2, siteId);
        } else {
            insert.setLong(1, siteId);
            insert.setLong(2, patientId);
        }
        int index = bindFields(connection, insert, 3, sql.valueFields, record);
        bindDerived(insert, index, sql, record);
    }

    private static int bindDerived(PreparedStatement statement, int firstIndex, RecordSql sql, RegistryRecord record)
            throws SQLException {
        int index = firstIndex;
        for (RecordTables.DerivedColumn d : sql.derivedColumns) {
            statement.setString(index++, d.value().apply(record));
        }
        return index;
    }

    /** Adds a record as a COPY row: patients {@code (id, site_id, values)}, children {@code (site_id, patient_id, values)}. */
    @SuppressWarnings("unchecked")
    static void copyRow(CopyBuffer copy, RecordSql sql, long siteId, long patientId, RegistryRecord record)
            throws SQLException {
        if (sql.type == RecordType.PATIENT) {
            copy.field(patientId).field(siteId);
        } else {
            copy.field(siteId).field(patientId);
        }
        for (FieldSpec<?> f : sql.valueFields) {
            Object value = ((FieldSpec<RegistryRecord>) f).valueOf(record);
            switch (f.type()) {
                case INTEGER, DECIMAL -> copy.plain(value == null ? null : value.toString());
                case BOOLEAN -> copy.plain(value == null ? null : ((Boolean) value ? "t" : "f"));
                case CODE -> copy.plain(value == null ? null : ((Enum<?>) value).name());
                case CODES -> {
                    StringBuilder array = new StringBuilder("{");
                    if (value != null) {
                        for (Object code : (java.util.Collection<?>) value) {
                            array.append(array.length() == 1 ? "" : ",").append(((Enum<?>) code).name());
                        }
                    }
                    copy.plain(array.append('}').toString());
                }
                case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT -> copy.field((String) value);
            }
        }
        for (RecordTables.DerivedColumn d : sql.derivedColumns) {
            copy.field(d.value().apply(record));
        }
        copy.endRow();
    }

    /** Binds an update: set fields, derived columns, then the natural key. */
    static void bindUpdate(Connection connection, PreparedStatement update, RecordSql sql, long siteId, long patientId,
            RegistryRecord record) throws SQLException {
        int index = bindFields(connection, update, 1, sql.setFields, record);
        index = bindDerived(update, index, sql, record);
        if (sql.type == RecordType.PATIENT) {
            update.setLong(index++, siteId);
            update.setString(index, record.patientPseudonym());
        } else {
            update.setLong(index++, patientId);
            bindFields(connection, update, index, sql.ownKeyFields, record);
        }
    }

    /** Binds a delete by natural key (patients by id). */
    static void bindDelete(Connection connection, PreparedStatement delete, RecordSql sql, long patientId,
            RegistryRecord record) throws SQLException {
        delete.setLong(1, patientId);
        if (sql.type != RecordType.PATIENT) {
            bindFields(connection, delete, 2, sql.ownKeyFields, record);
        }
    }

    @SuppressWarnings("unchecked")
    private static int bindFields(Connection connection, PreparedStatement statement, int firstIndex,
            List<FieldSpec<?>> fields, RegistryRecord record) throws SQLException {
        int index = firstIndex;
        for (FieldSpec<?> f : fields) {
            RecordColumns.bind(connection, statement, index++, f, ((FieldSpec<RegistryRecord>) f).valueOf(record));
        }
        return index;
    }

    /** Executes a batch and checks every row was affected exactly once (a lost row would be a silent bug). */
    static void executeBatch(PreparedStatement statement, String what) throws SQLException {
        int[] counts = statement.executeBatch();
        for (int c : counts) {
            if (c != 1 && c != java.sql.Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException(what + " affected " + c + " rows instead of 1");
            }
        }
    }
}
