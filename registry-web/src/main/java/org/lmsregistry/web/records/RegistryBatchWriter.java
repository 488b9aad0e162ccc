package org.lmsregistry.web.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * Inserts a {@link RegistryBatch} with JDBC batches, inside the caller's transaction (the caller
 * commits or rolls back: a batch is all or nothing).
 *
 * <p>Columns and values come from the record types' {@link FieldSpec}s (through {@link RecordSql},
 * the statements single edits and uploads use), so a field added to the model needs a column (and a
 * migration) but no change here. Patient ids are taken from the
 * identity sequence up front, so that the children can reference their patient without a
 * round trip per row. The sites must exist already; children may also belong to patients stored
 * earlier.
 */
public final class RegistryBatchWriter {

    /** Rows per JDBC batch: large enough to amortise round trips, small enough to bound memory. */
    private static final int BATCH_SIZE = 1_000;

    /**
     * Inserts every record of {@code batch}.
     *
     * @return the number of rows inserted per record type
     * @throws IllegalArgumentException if a record names a site or patient that does not exist
     * @throws SQLException if the database rejects a row (constraint, duplicate key)
     */
    public Map<RecordType, Integer> insert(Connection connection, RegistryBatch batch) throws SQLException {
        Map<String, Long> siteIds = siteIds(connection);
        Map<String, Long> patientIds = insertPatients(connection, batch, siteIds);
        Map<RecordType, Integer> counts = new EnumMap<>(RecordType.class);
        counts.put(RecordType.PATIENT, batch.patients().size());
        try (PreparedStatement storedPatient = connection.prepareStatement(
                "select id from patient where site_id = ? and patient_pseudonym = ?")) {
            // RecordType order is dependency order: imaging studies come before the rows that refer to them
            for (RecordType type : RecordType.values()) {
                if (type != RecordType.PATIENT) {
                    counts.put(type, insertChildren(connection, type, batch.records(type), siteIds,
                            record -> patientId(patientIds, storedPatient, siteIds, record)));
                }
            }
        }
        return counts;
    }

    /** The patient of a record: from this batch, else from the database (then remembered). */
    private static Long patientId(Map<String, Long> patientIds, PreparedStatement storedPatient,
            Map<String, Long> siteIds, RegistryRecord record) throws SQLException {
        String key = patientKey(record);
        Long id = patientIds.get(key);
        if (id == null) {
            storedPatient.setLong(1, siteId(siteIds, record));
            storedPatient.setString(2, record.patientPseudonym());
            try (ResultSet rs = storedPatient.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                    patientIds.put(key, id);
                }
            }
        }
        return id;
    }

    @FunctionalInterface
    private interface PatientLookup {
        Long find(RegistryRecord record) throws SQLException;
    }

    private static Map<String, Long> siteIds(Connection connection) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select code, id from site");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        return ids;
    }

    private static Map<String, Long> insertPatients(Connection connection, RegistryBatch batch,
            Map<String, Long> siteIds) throws SQLException {
        List<Long> ids = nextIds(connection, RecordTables.table(RecordType.PATIENT), batch.patients().size());
        Map<String, Long> patientIds = new HashMap<>();
        RecordSql sql = RecordSql.of(RecordType.PATIENT);
        try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
            int row = 0;
            for (RegistryRecord patient : batch.patients()) {
                long id = ids.get(row++);
                RecordStore.bindInsert(connection, insert, sql, siteId(siteIds, patient), id, patient);
                insert.addBatch();
                if (patientIds.put(patientKey(patient), id) != null) {
                    throw new IllegalArgumentException("patient " + patient.naturalKey() + " appears twice");
                }
                if (row % BATCH_SIZE == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return patientIds;
    }

    private static int insertChildren(Connection connection, RecordType type, List<? extends RegistryRecord> records,
            Map<String, Long> siteIds, PatientLookup patients) throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        RecordSql sql = RecordSql.of(type);
        try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
            int row = 0;
            for (RegistryRecord record : records) {
                Long patientId = patients.find(record);
                if (patientId == null) {
                    throw new IllegalArgumentException(type.label() + " " + record.naturalKey()
                            + " refers to a patient that is neither in the batch nor stored");
                }
                // the same statement and binding as single edits and uploads, derived columns included
                RecordStore.bindInsert(connection, insert, sql, siteId(siteIds, record), patientId, record);
                insert.addBatch();
                if (++row % BATCH_SIZE == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            return row;
        }
    }

    private static long siteId(Map<String, Long> siteIds, RegistryRecord record) {
        Long id = siteIds.get(record.siteCode());
        if (id == null) {
            throw new IllegalArgumentException(
                    "unknown site " + record.siteCode() + " in " + record.naturalKey() + "; create the site first");
        }
        return id;
    }

    private static String patientKey(RegistryRecord record) {
        return record.siteCode() + "/" + record.patientPseudonym();
    }

    private static List<Long> nextIds(Connection connection, String table, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)")) {
            select.setString(1, table);
            select.setInt(2, count);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
