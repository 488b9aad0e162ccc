package org.lmsregistry.web.upload;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.stream.JsonGenerator;
import jakarta.transaction.Transactional;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.BatchValidator;
import org.lmsregistry.model.validation.RowIndex;
import org.lmsregistry.model.validation.ValidationReport;
import org.lmsregistry.web.audit.AuditTrail;
import org.lmsregistry.web.infrastructure.persistence.CopyPipeline;
import org.lmsregistry.web.infrastructure.persistence.TransactionConnection;
import org.lmsregistry.web.interfaces.http.ProblemJson;
import org.lmsregistry.web.query.DataQueryRaiser;
import org.lmsregistry.web.records.ProblemJsonWriter;
import org.lmsregistry.web.records.RecordChangeWriter;
import org.lmsregistry.web.records.RecordChanges;
import org.lmsregistry.web.records.RecordStore;
import org.lmsregistry.web.records.StoredPatients;

/**
 * One upload, all or nothing, in one transaction:
 * <ol>
 * <li>the upload_batch row is inserted first: a concurrent request with the same idempotency key
 * waits on the unique index until this transaction ends, then fails and replays this answer;</li>
 * <li>the site's lock, then the stored records of the batch's patients;</li>
 * <li>the cross-record rules ({@link BatchValidator}) against them; any error, from the parser or the
 * validator, rejects the batch (422, every problem listed) and only the rejection is recorded;</li>
 * <li>else the changes (created, updated; unchanged records are neither written nor audited) with
 * one audit event each, data queries for the warnings, and the answer, stored for retries.</li>
 * </ol>
 * A crash anywhere before commit leaves nothing: not the records, not the audit events, not the
 * upload_batch row, so a retry with the same key starts afresh.
 */
@ApplicationScoped
public class UploadTransaction {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(UploadTransaction.class.getName());

    /** Milliseconds per phase, for the log. */
    static final class Timings {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void lap(String phase) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000)
                    .append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static final BatchValidator VALIDATOR = new BatchValidator().withoutRecordRules();

    @Inject
    TransactionConnection transaction;

    @Resource
    ManagedExecutorService executor;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UploadResult run(UploadRequest request, ParsedUpload parsed) {
        try {
            Timings timings = new Timings();
            Connection c = transaction.get();
            OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
            long uploadId = insert(c, request, received);
            RecordStore.lockSite(c, request.siteId());
            timings.lap("lock");
            StoredPatients stored = RecordStore.load(c, request.siteId(), request.siteCode(), parsed.pseudonyms());
            timings.lap("load stored");
            ValidationReport report = ValidationReport.of(parsed.problems()).merge(VALIDATOR.validate(parsed.batch(),
                    RowIndex.byIdentity(parsed.rows()), patients -> stored.asBatch()));
            timings.lap("validate");
            if (report.hasErrors()) {
                String body = rejected(uploadId, request, parsed, report);
                finish(c, uploadId, UploadStatus.REJECTED, parsed, null, report, 422, body);
                return new UploadResult(422, body, uploadId, false);
            }
            RecordChanges changes = RecordChanges.upsert(parsed.batch(), stored);
            // COPYs go out on another thread while the next rows are prepared
            CopyPipeline pipeline = new CopyPipeline(c, executor);
            try (AuditTrail.Appender audit = AuditTrail.open(c, request.actor(), pipeline)) {
                RecordChangeWriter.apply(c, stored, changes, audit, uploadId, pipeline);
                audit.finish();
            } finally {
                pipeline.awaitQuietly();
            }
            timings.lap("write + audit");
            int queries = DataQueryRaiser.raise(c, request.siteId(), report.warnings(), request.actor().name(), uploadId);
            timings.lap("data queries");
            String body = completed(uploadId, request, parsed, changes, report, queries);
            finish(c, uploadId, UploadStatus.COMPLETED, parsed, changes, report, 201, body);
            timings.lap("answer");
            LOG.info(() -> "upload " + uploadId + " of " + request.siteCode() + ": " + parsed.recordCount() + " records, "
                    + changes.createdCount() + " created, " + changes.updatedCount() + " updated, "
                    + changes.unchangedCount() + " unchanged; " + timings);
            return new UploadResult(201, body, uploadId, false);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("upload_batch_key_uk")) {
                throw new DuplicateUploadException();
            }
            throw new IllegalStateException("upload failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static long insert(Connection c, UploadRequest r, OffsetDateTime received) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into upload_batch (site_id, idempotency_key,"
                + " request_sha256, uploader, uploader_role, format, status, received_at, request_id)"
                + " values (?, ?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?) returning id")) {
            insert.setLong(1, r.siteId());
            if (r.idempotencyKey() == null) {
                insert.setNull(2, Types.VARCHAR);
            } else {
                insert.setString(2, r.idempotencyKey());
            }
            insert.setString(3, r.sha256());
            insert.setString(4, r.actor().name());
            insert.setString(5, r.actor().role());
            insert.setString(6, r.format().name());
            insert.setObject(7, received);
            insert.setString(8, r.actor().requestId());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void finish(Connection c, long uploadId, UploadStatus status, ParsedUpload parsed,
            RecordChanges changes, ValidationReport report, int httpStatus, String body) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update upload_batch set status = ?, finished_at = ?,"
                + " records_received = ?, records_created = ?, records_updated = ?, records_unchanged = ?,"
                + " error_count = ?, warning_count = ?, response_status = ?, response_body = ? where id = ?")) {
            update.setString(1, status.name());
            update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            update.setLong(3, parsed.recordCount());
            update.setInt(4, changes == null ? 0 : changes.createdCount());
            update.setInt(5, changes == null ? 0 : changes.updatedCount());
            update.setInt(6, changes == null ? 0 : changes.unchangedCount());
            update.setInt(7, report.errors().size());
            update.setInt(8, report.warnings().size());
            update.setInt(9, httpStatus);
            update.setString(10, body);
            update.setLong(11, uploadId);
            update.executeUpdate();
        }
    }

    private static String completed(long uploadId, UploadRequest r, ParsedUpload parsed, RecordChanges changes,
            ValidationReport report, int queries) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Jsonp.createGenerator(out)) {
            g.writeStartObject();
            common(g, uploadId, r, UploadStatus.COMPLETED);
            g.writeStartObject("records")
                    .write("received", parsed.recordCount())
                    .write("created", changes.createdCount())
                    .write("updated", changes.updatedCount())
                    .write("unchanged", changes.unchangedCount())
                    .writeEnd();
            g.writeStartObject("byType");
            for (RecordType t : RecordType.values()) {
                int received = parsed.received().getOrDefault(t, 0);
                if (received > 0) {
                    g.writeStartObject(t.baseName()).write("received", received)
                            .write("created", changes.creates(t).size()).write("updated", changes.updates(t).size())
                            .write("unchanged", changes.unchanged(t)).writeEnd();
                }
            }
            g.writeEnd();
            g.write("warnings", report.warnings().size());
            g.write("dataQueriesRaised", queries);
            ProblemJsonWriter.writeArray(g, "problems", report.warnings());
            g.writeEnd();
        }
        return out.toString();
    }

    private static String rejected(long uploadId, UploadRequest r, ParsedUpload parsed, ValidationReport report) {
        StringWriter out = new StringWriter();
        Map<RecordType, Integer> errorsByType = new EnumMap<>(RecordType.class);
        report.errors().forEach(p -> {
            if (p.recordType() != null) {
                errorsByType.merge(p.recordType(), 1, Integer::sum);
            }
        });
        try (JsonGenerator g = Jsonp.createGenerator(out)) {
            g.writeStartObject();
            g.write("type", ProblemJson.TYPE_PREFIX + "batch-rejected");
            g.write("title", "Batch rejected");
            g.write("status", 422);
            g.write("detail", "The batch has " + report.errors().size() + " error(s) and " + report.warnings().size()
                    + " warning(s); nothing was written. Correct every error and upload the whole batch again"
                    + " (with a new Idempotency-Key).");
            if (r.actor().requestId() != null) {
                g.write("requestId", r.actor().requestId());
            }
            common(g, uploadId, r, UploadStatus.REJECTED);
            g.write("recordsRead", parsed.recordCount());
            g.write("errors", report.errors().size());
            g.write("warnings", report.warnings().size());
            ProblemJsonWriter.writeArray(g, "problems", report.problems());
            g.writeEnd();
        }
        return out.toString();
    }

    private static void common(JsonGenerator g, long uploadId, UploadRequest r, UploadStatus status) {
        g.write("uploadId", uploadId);
        g.write("status", status.name());
        g.write("site", r.siteCode());
        g.write("format", r.format().name());
        if (r.idempotencyKey() != null) {
            g.write("idempotencyKey", r.idempotencyKey());
        } else {
            g.writeNull("idempotencyKey");
        }
    }
}
