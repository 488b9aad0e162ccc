package org.lmsregistry.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.RegistryIT;

/**
 * COPY text written by {@link CopyBuffer} reads back from PostgreSQL exactly as given: every escaped
 * character, non-ASCII text (surrogate pairs included) and values longer than the buffer.
 */
@RegistryIT
class CopyBufferIT {

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    private DataSource dataSource;

    @Test
    void everyCharacterComesBackAsWritten() throws Exception {
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            // escapes and non-ASCII between plain runs, so the buffer grows in the middle of both
            mixed.append("{\"k\":\"v").append(i).append("\"}\t\\\n\r\b\f\u000b\u0001 Zoë \u4e2d\ud83d\ude00");
        }
        List<String> values = new ArrayList<>(List.of("", "plain", "back\\slash", "tab\there", "line\nbreak",
                "cr\rlf", "\b\f\u000b\u0001\u001f\u007f", "Zoë \u00e9\u4e2d\ud83d\ude00 end", "\\N",
                "ends with escape\\", "x".repeat(70_000), mixed.toString()));
        values.add(null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table copy_probe (n int, t text) on commit drop");
            }
            CopyPipeline pipeline = new CopyPipeline(c, null);
            CopyBuffer copy = pipeline.buffer("copy_probe", "n, t");
            for (int i = 0; i < values.size(); i++) {
                copy.field(i).field(values.get(i));
                copy.endRow();
            }
            copy.flush();
            pipeline.drain();
            List<String> read = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select t from copy_probe order by n")) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            c.rollback();
            assertThat(read).hasSize(values.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(read.get(i)).as("value %d", i).isEqualTo(values.get(i));
            }
        }
    }
}
