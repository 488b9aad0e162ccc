package org.lmsregistry.web.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.lmsregistry.model.validation.Problem;

/**
 * Turns validation warnings into data queries, with JDBC batches in the caller's transaction (an
 * upload may raise thousands). A warning that already has a query that is not closed (same record,
 * field and rule) raises no second one, so re-uploading a batch does not pile up queries.
 */
public final class DataQueryRaiser {

    private static final String INSERT = "insert into data_query (site_id, record_type, record_key, field, value, rule,"
            + " message, raised_by, upload_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (site_id, record_type, record_key, field, rule) where status <> 'CLOSED' and rule is not null"
            + " do nothing";

    private DataQueryRaiser() {
    }

    /** @return how many new queries were raised */
    public static int raise(Connection connection, long siteId, List<Problem> warnings, String raisedBy, Long uploadId)
            throws SQLException {
        if (warnings.isEmpty()) {
            return 0;
        }
        int raised = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (Problem p : warnings) {
                insert.setLong(1, siteId);
                insert.setString(2, p.recordType() == null ? "" : p.recordType().name());
                insert.setString(3, p.recordKey());
                insert.setString(4, p.field());
                insert.setString(5, p.value());
                insert.setString(6, p.rule().name());
                insert.setString(7, truncate(p.message()));
                insert.setString(8, raisedBy);
                if (uploadId == null) {
                    insert.setNull(9, Types.BIGINT);
                } else {
                    insert.setLong(9, uploadId);
                }
                insert.addBatch();
                if (++pending == 1_000) {
                    raised += count(insert.executeBatch());
                    pending = 0;
                }
            }
            raised += count(insert.executeBatch());
        }
        return raised;
    }

    private static int count(int[] results) {
        int n = 0;
        for (int r : results) {
            n += r > 0 ? r : 0;
        }
        return n;
    }

    private static String truncate(String message) {
        return message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }
}
