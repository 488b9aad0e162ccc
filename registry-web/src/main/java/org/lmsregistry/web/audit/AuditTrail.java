package org.lmsregistry.web.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.lmsregistry.web.infrastructure.persistence.CopyBuffer;
import org.lmsregistry.web.infrastructure.persistence.CopyPipeline;

/**
 * Appends to and verifies the hash-chained audit trail, with JDBC on the caller's connection and
 * inside the caller's transaction: the events of a change commit or roll back with the change.
 *
 * <p>{@link #open(Connection, Actor)} locks the chain head ({@code SELECT ... FOR UPDATE} on
 * {@code audit_chain_head}); the lock is held until the transaction ends, so appends of concurrent
 * transactions are serialised and the chain never forks. Open it as late as possible in a
 * transaction, after the slow work (validation), to keep that window short.
 */
public final class AuditTrail {

    private static final String COLUMNS = "seq, occurred_at, actor, actor_role, site_code, record_type, record_key,"
            + " action, before_values, after_values, request_id, upload_id, prev_hash, hash";

    private AuditTrail() {
    }

    /** Locks the chain and returns an appender for this transaction (COPYs on the caller's thread). */
    public static Appender open(Connection connection, Actor actor) throws SQLException {
        return open(connection, actor, new CopyPipeline(connection, null));
    }

    /**
     * Locks the chain and returns an appender for this transaction; finish it before commit.
     *
     * @param pipeline the transaction's COPY pipeline (drained here before the lock is taken)
     */
    public static Appender open(Connection connection, Actor actor, CopyPipeline pipeline) throws SQLException {
        pipeline.drain();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select last_seq, last_hash from audit_chain_head where id = 1 for update")) {
            if (!rs.next()) {
                throw new IllegalStateException("audit_chain_head is missing: the schema is not migrated");
            }
            return new Appender(connection, actor, rs.getLong(1), rs.getString(2), pipeline);
        }
    }

    /**
     * Appends events of one transaction with COPY (buffered, bounded memory), then moves the chain
     * head. Call {@link #finish()} before the transaction commits.
     */
    public static final class Appender implements AutoCloseable {
        private final Connection connection;
        private final Actor actor;
        private final Instant at;
        private final String atText;
        private final String atHashed;
        private final CopyBuffer copy;
        private final CopyPipeline pipeline;
        private long seq;
        private String lastHash;
        private long appended;
        private boolean finished;

        private Appender(Connection connection, Actor actor, long seq, String lastHash, CopyPipeline pipeline) {
            this.connection = connection;
            this.actor = Objects.requireNonNull(actor);
            // one time for the whole transaction, at the precision PostgreSQL keeps
            this.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            this.atText = OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
            this.atHashed = java.time.format.DateTimeFormatter.ISO_INSTANT.format(at);
            this.seq = seq;
            this.lastHash = lastHash;
            this.pipeline = pipeline;
            this.copy = pipeline.buffer("audit_event", COLUMNS);
        }

        public void append(AuditEntry e) throws SQLException {
            long next = seq + 1;
            AuditHashing.Content content = new AuditHashing.Content(next, at, actor.name(), actor.role(), e.siteCode(),
                    e.recordType(), e.recordKey(), e.action().name(), e.before(), e.after(), actor.requestId(),
                    e.uploadId(), lastHash);
            String hash = AuditHashing.hash(content, atHashed);
            copy.field(next).plain(atText).field(actor.name()).field(actor.role()).field(e.siteCode())
                    .field(e.recordType()).field(e.recordKey()).plain(e.action().name()).field(e.before())
                    .field(e.after()).field(actor.requestId())
                    .plain(e.uploadId() == null ? null : e.uploadId().toString()).plain(lastHash).plain(hash);
            copy.endRow();
            seq = next;
            lastHash = hash;
            appended++;
        }

        public long appended() {
            return appended;
        }

        /** Writes what is pending and moves the chain head to the last event. */
        public void finish() throws SQLException {
            if (finished) {
                return;
            }
            copy.flush();
            pipeline.drain();
            if (appended > 0) {
                try (PreparedStatement head = connection.prepareStatement(
                        "update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
                    head.setLong(1, seq);
                    head.setString(2, lastHash);
                    head.executeUpdate();
                }
            }
            finished = true;
        }

        /** An appender closed without {@link #finish()} must not be committed (its events may be partly written). */
        @Override
        public void close() {
            // nothing held: COPY commands are complete after each flush
        }
    }

    /** The result of checking the whole chain. */
    public record Verification(boolean intact, long eventsChecked, long headSeq, String headHash, Long brokenSeq,
            Long brokenId, String problem) {
    }

    /**
     * Recomputes every event's hash in sequence order up to the chain head (read first; later events
     * are left to the next verification) and checks the links and the head. Stops
     * at the first broken link and names it. Reads with a cursor, so memory does not grow with the
     * trail; the connection must not be in auto-commit mode (PostgreSQL streams only in a transaction).
     */
    public static Verification verify(Connection connection) throws SQLException {
        long headSeq;
        String headHash;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select last_seq, last_hash from audit_chain_head where id = 1")) {
            if (!rs.next()) {
                return new Verification(false, 0, 0, null, null, null, "the chain head row is missing");
            }
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
        }
        long expectedSeq = 1;
        String prev = AuditHashing.GENESIS;
        long checked = 0;
        try (PreparedStatement s = connection.prepareStatement("select seq, seq, occurred_at, actor, actor_role,"
                + " site_code, record_type, record_key, action, before_values, after_values, request_id, upload_id,"
                + " prev_hash, hash from audit_event where seq <= ? order by seq")) {
            // events committed after the head was read belong to the next verification
            s.setLong(1, headSeq);
            s.setFetchSize(2_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1); // the event's key is its sequence number
                    long seq = rs.getLong(2);
                    if (seq != expectedSeq) {
                        return broken(checked, headSeq, headHash, expectedSeq, null,
                                "event " + expectedSeq + " is missing (the next event is " + seq + ")");
                    }
                    String storedPrev = rs.getString(14);
                    if (!prev.equals(storedPrev)) {
                        return broken(checked, headSeq, headHash, seq, id,
                                "event " + seq + " does not link to the hash of event " + (seq - 1));
                    }
                    long upload = rs.getLong(13);
                    Long uploadId = rs.wasNull() ? null : upload;
                    AuditHashing.Content content = new AuditHashing.Content(seq,
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), uploadId, storedPrev);
                    String hash = rs.getString(15);
                    if (!AuditHashing.hash(content).equals(hash)) {
                        return broken(checked, headSeq, headHash, seq, id,
                                "the content of event " + seq + " does not match its hash (changed after it was written)");
                    }
                    prev = hash;
                    expectedSeq++;
                    checked++;
                }
            }
        }
        long lastSeq = expectedSeq - 1;
        if (lastSeq != headSeq || !prev.equals(headHash)) {
            return broken(checked, headSeq, headHash, lastSeq + 1, null, "the chain head names event " + headSeq
                    + " but the trail ends at event " + lastSeq + " (events removed from the end, or the head changed)");
        }
        return new Verification(true, checked, headSeq, headHash, null, null, null);
    }

    private static Verification broken(long checked, long headSeq, String headHash, long seq, Long id, String problem) {
        return new Verification(false, checked, headSeq, headHash, seq, id, problem);
    }
}
