package org.lmsregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's PostgreSQL keeps its data across restarts and requires the generated passwords. */
class LocalDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartAndPasswordsAreRequired() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        Path log = Files.createDirectories(dataDir.resolve("logs")).resolve("postgres.log");
        LocalSettings settings = LocalSettings.loadOrCreate(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(LocalSettings.FILE_NAME))))
                .isEqualTo("rw-------");

        int port;
        try (LocalDatabase db = LocalDatabase.start(postgresDir, 0, settings, log);
                Connection c = db.connectAsApplication(settings.appPassword()); Statement s = c.createStatement()) {
            port = db.port();
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('before restart')");
            try (ResultSet rs = s.executeQuery("show fsync")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
        }

        LocalSettings reread = LocalSettings.loadOrCreate(dataDir);
        assertThat(reread.appPassword()).isEqualTo(settings.appPassword());
        assertThat(reread.dbPort()).isEqualTo(port);
        try (LocalDatabase db = LocalDatabase.start(postgresDir, 0, reread, log)) {
            assertThat(db.port()).as("the previous port is reused when free").isEqualTo(port);
            try (Connection c = db.connectAsApplication(reread.appPassword()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before restart");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), LocalDatabase.APP_ROLE, "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + db.port() + "/postgres", "postgres", ""))
                    .isInstanceOf(SQLException.class);
        }
    }
}
