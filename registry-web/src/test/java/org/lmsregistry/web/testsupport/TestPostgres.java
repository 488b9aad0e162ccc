package org.lmsregistry.web.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL (zonky embedded binaries) for a whole test JVM: started on a free loopback
 * port before the first test that needs it, stopped after the last one.
 *
 * <p>Like production, the application connects as an ordinary role that owns its database
 * ({@value #APP_ROLE} / {@value #APP_DATABASE}), not as a superuser, so migrations that would need
 * superuser rights fail here too. Plain JDBC tests get databases of their own
 * ({@link #createDatabase(String)}), so they never see the Arquillian deployment's data.
 *
 * <p>The connection settings are published as system properties ({@code lms.it.db.url},
 * {@code lms.it.db.user}, {@code lms.it.db.password}) before Arquillian reads arquillian.xml,
 * which passes them on to the Payara Micro JVM.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String APP_ROLE = "lms_app";
    public static final String APP_DATABASE = "lms_registry";

    private static final Logger LOG = Logger.getLogger(TestPostgres.class.getName());
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static volatile TestPostgres running;

    private final EmbeddedPostgres postgres;
    private final String appPassword;

    private TestPostgres(EmbeddedPostgres postgres, String appPassword) {
        this.postgres = postgres;
        this.appPassword = appPassword;
    }

    /** The server of this JVM; fails if no test has started it (missing {@link RegistryIT} / extension). */
    public static TestPostgres get() {
        TestPostgres p = running;
        if (p == null) {
            throw new IllegalStateException("embedded PostgreSQL not started: annotate the test class with @RegistryIT"
                    + " or @ExtendWith(TestEnvironmentExtension.class)");
        }
        return p;
    }

    static synchronized TestPostgres start() {
        if (running != null) {
            return running;
        }
        try {
            Path workDir = Path.of(System.getProperty("lms.it.workDir", "target/it"));
            Files.createDirectories(workDir);
            File log = workDir.resolve("postgres.log").toFile();
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOutputRedirector(Redirect.appendTo(log))
                    .setErrorRedirector(Redirect.appendTo(log))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            String password = randomPassword();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role " + APP_ROLE + " login password '" + password + "'");
                s.execute("create database " + APP_DATABASE + " owner " + APP_ROLE);
            }
            TestPostgres p = new TestPostgres(postgres, password);
            System.setProperty("lms.it.db.url", p.jdbcUrl(APP_DATABASE));
            System.setProperty("lms.it.db.user", APP_ROLE);
            System.setProperty("lms.it.db.password", password);
            LOG.info(() -> String.format("embedded PostgreSQL on port %d ready in %d ms", postgres.getPort(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
            running = p;
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the test database", e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** The application's database, as the application role. */
    public DataSource appDatabase() {
        return dataSource(APP_DATABASE, APP_ROLE, appPassword);
    }

    /**
     * The application's database as the superuser: only for tests that must do what the
     * application cannot (e.g. disable the audit trail's triggers to prove tampering is detected).
     */
    public DataSource appDatabaseAsSuperuser() {
        return postgres.getDatabase("postgres", APP_DATABASE);
    }

    /** A database (e.g. one made by {@link #createDatabase(String)}) as the superuser. */
    public DataSource asSuperuser(String database) {
        return postgres.getDatabase("postgres", database);
    }

    /** The server's port (for processes started by tests). */
    public int port() {
        return postgres.getPort();
    }

    /** The application role's password (for processes started by tests). */
    public String appPassword() {
        return appPassword;
    }

    /** A new, empty database owned by the application role, for tests that need a clean slate. */
    public DataSource createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name + " owner " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return dataSource(name, APP_ROLE, appPassword);
    }

    private DataSource dataSource(String database, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    @Override
    public void close() throws IOException {
        try {
            awaitChildJvms();
        } finally {
            running = null;
            postgres.close();
        }
    }

    /**
     * Payara Micro is stopped with SIGTERM, asynchronously: let it finish before its database goes,
     * so the last test run does not end with a log full of broken connections.
     */
    private static void awaitChildJvms() {
        ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .forEach(p -> {
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        LOG.warning("child JVM " + p.pid() + " still running after 30 s: " + e);
                    }
                });
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
