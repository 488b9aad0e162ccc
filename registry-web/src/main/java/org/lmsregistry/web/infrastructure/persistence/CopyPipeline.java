package org.lmsregistry.web.infrastructure.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Sends the COPY commands of one transaction in order, optionally on another thread, so that the
 * application prepares the next rows (JSON, hashes, escaping) while PostgreSQL ingests the previous
 * ones: on a machine with two cores this overlaps most of the Java work with the database's.
 * At most {@value #IN_FLIGHT} buffers wait to be sent, so memory stays bounded.
 *
 * <p>The connection must not be used for anything else while COPYs are in flight: call
 * {@link #drain()} before any other statement (it also reports a failed COPY). Without an executor
 * every COPY runs at once, on the caller's thread.
 */
public final class CopyPipeline {

    private static final int IN_FLIGHT = 2;

    private final Executor executor;
    private final CopyManager copy;
    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /** @param executor where COPYs run (in submission order), or null for the caller's thread */
    public CopyPipeline(Connection connection, Executor executor) throws SQLException {
        this.executor = executor;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** A buffer for rows of one table that sends through this pipeline. */
    public CopyBuffer buffer(String table, String columns) {
        return new CopyBuffer(this, table, columns);
    }

    /** Queues one complete COPY command; blocks while too many are waiting. */
    void submit(String sql, byte[] data, int length, long rows) throws SQLException {
        if (executor == null) {
            run(sql, data, length, rows);
            return;
        }
        while (pending.size() >= IN_FLIGHT) {
            await(pending.removeFirst());
        }
        last = last.thenRunAsync(() -> {
            try {
                run(sql, data, length, rows);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, executor);
        pending.addLast(last);
    }

    /** Waits for every queued COPY; throws the first failure. */
    public void drain() throws SQLException {
        while (!pending.isEmpty()) {
            await(pending.removeFirst());
        }
    }

    /**
     * Waits for every queued COPY without reporting failures: for cleanup after another error, so
     * that no COPY still uses the connection while the transaction is rolled back.
     */
    public void awaitQuietly() {
        while (!pending.isEmpty()) {
            try {
                pending.removeFirst().join();
            } catch (RuntimeException ignored) {
                // the transaction is failing already; its first error is the one that counts
            }
        }
    }

    private void run(String sql, byte[] data, int length, long rows) throws SQLException {
        try {
            long copied = copy.copyIn(sql, new ByteArrayInputStream(data, 0, length));
            if (copied != rows) {
                throw new IllegalStateException("COPY wrote " + copied + " rows instead of " + rows);
            }
        } catch (IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }

    private static void await(CompletableFuture<Void> f) throws SQLException {
        try {
            f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException inner && inner.getCause() != null) {
                cause = inner.getCause();
            }
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException("COPY failed", cause);
        }
    }
}
