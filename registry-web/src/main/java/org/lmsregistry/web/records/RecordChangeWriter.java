package org.lmsregistry.web.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.audit.AuditAction;
import org.lmsregistry.web.audit.AuditEntry;
import org.lmsregistry.web.audit.AuditTrail;
import org.lmsregistry.web.infrastructure.persistence.CopyBuffer;
import org.lmsregistry.web.infrastructure.persistence.CopyPipeline;

/**
 * Writes {@link RecordChanges} of one site (new records with COPY, updates with JDBC batches) and appends one audit event per
 * created, updated or deleted record (values before and after as canonical JSON), all on the
 * caller's connection and transaction. Deletes go first, in the order given; then creates and
 * updates type by type in {@link RecordType} order, so that a study exists before the features and
 * outcome events that refer to it.
 */
public final class RecordChangeWriter {

    private RecordChangeWriter() {
    }

    /**
     * @param pipeline where COPYs go (shared with the audit appender, so that they stay in order); it
     *                 is drained before every other statement and at the end
     */
    public static void apply(Connection connection, StoredPatients stored, RecordChanges changes,
            AuditTrail.Appender audit, Long uploadId, CopyPipeline pipeline) throws SQLException {
        long siteId = stored.siteId();
        for (RegistryRecord r : changes.deletes()) {
            pipeline.drain();
            RecordType type = RecordType.of(r);
            RecordSql sql = RecordSql.of(type);
            try (PreparedStatement delete = connection.prepareStatement(sql.delete)) {
                RecordStore.bindDelete(connection, delete, sql, patientId(stored, Map.of(), r), r);
                if (delete.executeUpdate() != 1) {
                    throw new IllegalStateException("delete of " + r.naturalKey() + " affected no row");
                }
            }
            audit.append(new AuditEntry(r.siteCode(), type.name(), r.naturalKey(), AuditAction.DELETE,
                    RecordJson.canonical(r), null, uploadId));
        }
        Map<String, Long> newPatients = new HashMap<>();
        for (RecordType type : RecordType.values()) {
            RecordSql sql = RecordSql.of(type);
            List<RegistryRecord> creates = changes.creates(type);
            if (!creates.isEmpty()) {
                List<Long> ids = null;
                if (type == RecordType.PATIENT) {
                    pipeline.drain();
                    ids = RecordStore.nextPatientIds(connection, creates.size());
                }
                CopyBuffer copy = pipeline.buffer(sql.table, sql.insertColumns);
                int n = 0;
                for (RegistryRecord r : creates) {
                    long patientId;
                    if (ids != null) {
                        patientId = ids.get(n++);
                        newPatients.put(r.patientPseudonym(), patientId);
                    } else {
                        patientId = patientId(stored, newPatients, r);
                    }
                    RecordStore.copyRow(copy, sql, siteId, patientId, r);
                    audit.append(new AuditEntry(r.siteCode(), type.name(), r.naturalKey(), AuditAction.CREATE, null,
                            RecordJson.canonical(r), uploadId));
                }
                // the next types refer to these rows: the pipeline sends COPYs in order
                copy.flush();
            }
            List<RecordChanges.Update> updates = changes.updates(type);
            if (!updates.isEmpty()) {
                pipeline.drain();
                try (PreparedStatement update = connection.prepareStatement(sql.update)) {
                    int n = 0;
                    for (RecordChanges.Update u : updates) {
                        RegistryRecord r = u.after();
                        RecordStore.bindUpdate(connection, update, sql, siteId, patientId(stored, newPatients, r), r);
                        update.addBatch();
                        audit.append(new AuditEntry(r.siteCode(), type.name(), r.naturalKey(), AuditAction.UPDATE,
                                RecordJson.canonical(u.before()), RecordJson.canonical(r), uploadId));
                        if (++n % RecordStore.BATCH == 0) {
                            pipeline.drain();
                            RecordStore.executeBatch(update, "update of " + sql.table);
                        }
                    }
                    pipeline.drain();
                    RecordStore.executeBatch(update, "update of " + sql.table);
                }
            }
        }
        pipeline.drain();
    }

    private static long patientId(StoredPatients stored, Map<String, Long> newPatients, RegistryRecord r) {
        Long id = newPatients.get(r.patientPseudonym());
        if (id == null) {
            id = stored.patientId(r.patientPseudonym()).orElseThrow(() -> new IllegalStateException(
                    r.naturalKey() + " refers to a patient that is neither stored nor created (validation missed it)"));
        }
        return id;
    }
}
