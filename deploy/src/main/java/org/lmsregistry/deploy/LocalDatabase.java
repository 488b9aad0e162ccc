package org.lmsregistry.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The registry's PostgreSQL for the local run: the zonky embedded binaries (PostgreSQL 17), with a
 * data directory that survives restarts.
 *
 * <p>On the first run it creates the application role and database and then switches
 * authentication from initdb's "trust" to SCRAM passwords, so that other local users cannot
 * connect without the generated passwords in {@link LocalSettings}. It listens on loopback only.
 * fsync and synchronous commit are turned back on (the embedded defaults trade durability for
 * test speed), because this data is meant to be kept.
 */
final class LocalDatabase implements AutoCloseable {

    static final String APP_ROLE = "lms_registry";
    static final String APP_DATABASE = "lms_registry";

    private static final Logger LOG = Logger.getLogger(LocalDatabase.class.getName());

    private final EmbeddedPostgres postgres;

    private LocalDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, initialising it on the first run.
     *
     * @param requestedPort the port to use, or 0 for the previous run's port if free, else any free one
     */
    static LocalDatabase start(Path dataDir, int requestedPort, LocalSettings settings, Path logFile)
            throws IOException, SQLException {
        Files.createDirectories(dataDir);
        refuseIfStillRunning(dataDir);
        int port = choosePort(requestedPort, settings.dbPort());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // the default would delete the data directory on close
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // ignored while initdb's trust authentication is in force, required afterwards
                .setConnectConfig("password", settings.superuserPassword())
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        LocalDatabase db = new LocalDatabase(postgres);
        try {
            settings.dbPort(port);
            if (!settings.dbInitialised()) {
                db.initialise(dataDir, settings);
                settings.dbInitialised(true);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    int port() {
        return postgres.getPort();
    }

    /** The JDBC URL the application uses. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + APP_DATABASE;
    }

    /**
     * How the registry application reaches this database: the MicroProfile Config keys as
     * environment variables (never command-line options, which {@code ps} shows).
     */
    Map<String, String> applicationEnvironment(LocalSettings settings) {
        return Map.of("LMS_DB_URL", jdbcUrl(), "LMS_DB_USER", APP_ROLE, "LMS_DB_PASSWORD", settings.appPassword());
    }

    /** A connection as the application role. */
    Connection connectAsApplication(String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), APP_ROLE, password);
    }

    /**
     * Idempotent, so that a first run interrupted half-way is completed by the next one: the
     * roles and the database are created only if missing, and pg_hba.conf is rewritten last.
     */
    private void initialise(Path dataDir, LocalSettings settings) throws SQLException, IOException {
        LOG.info("initialising the local PostgreSQL in " + dataDir);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // passwords are hashed with SCRAM-SHA-256 (the default password_encryption since PostgreSQL 14)
            s.execute("alter role postgres password " + literal(c, settings.superuserPassword()));
            boolean roleExists;
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                q.setString(1, APP_ROLE);
                try (ResultSet rs = q.executeQuery()) {
                    roleExists = rs.next();
                }
            }
            s.execute((roleExists ? "alter role " : "create role ") + APP_ROLE + " login password "
                    + literal(c, settings.appPassword()));
            boolean databaseExists;
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                q.setString(1, APP_DATABASE);
                try (ResultSet rs = q.executeQuery()) {
                    databaseExists = rs.next();
                }
            }
            if (!databaseExists) {
                s.execute("create database " + APP_DATABASE + " owner " + APP_ROLE + " encoding 'UTF8'");
            }
            Files.write(dataDir.resolve("pg_hba.conf"), List.of(
                    "# Written by lms-local: password (SCRAM) authentication for everyone, loopback only.",
                    "# TYPE  DATABASE  USER  ADDRESS       METHOD",
                    "local   all       all                 scram-sha-256",
                    "host    all       all   127.0.0.1/32  scram-sha-256",
                    "host    all       all   ::1/128       scram-sha-256"), StandardCharsets.UTF_8);
            s.execute("select pg_reload_conf()");
        }
    }

    /** A string literal quoted by the server's own rules (no injection via generated passwords). */
    private static String literal(Connection c, String value) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select quote_literal(?)")) {
            q.setString(1, value);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * A PostgreSQL left running by a launcher that was killed (SIGKILL leaves no chance to stop it)
     * would make the start fail obscurely; say what to do instead. Not stopped automatically:
     * it may hold uncommitted work of someone else's session.
     */
    private static void refuseIfStillRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent() && process.get().isAlive()) {
            throw new IllegalStateException("a PostgreSQL server from an earlier run is still running on " + dataDir
                    + " (pid " + pid + "). Stop it with: kill -INT " + pid + " (then run this again)");
        }
    }

    private static int choosePort(int requested, int previous) throws IOException {
        if (requested > 0) {
            if (!isFree(requested)) {
                throw new IllegalStateException("PostgreSQL port " + requested + " is in use; choose another --db-port");
            }
            return requested;
        }
        if (previous > 0 && isFree(previous)) {
            return previous;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fast shutdown: open sessions are disconnected, committed data is safe. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
