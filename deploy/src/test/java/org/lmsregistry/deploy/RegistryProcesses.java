package org.lmsregistry.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For tests in other packages: the local run's real processes (embedded PostgreSQL and Payara Micro
 * with the packaged WAR, in demo mode), started like {@link LocalRegistry} starts them, with extra
 * configuration for the application, and a Payara restart that keeps the database.
 */
public final class RegistryProcesses implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> extraEnvironment;
    private final LocalSettings settings;
    private final LocalDatabase database;
    private final int port;
    private PayaraMicro payara;

    private RegistryProcesses(Path dataDir, Map<String, String> extraEnvironment, LocalSettings settings,
            LocalDatabase database, int port) {
        this.dataDir = dataDir;
        this.extraEnvironment = extraEnvironment;
        this.settings = settings;
        this.database = database;
        this.port = port;
    }

    /**
     * Starts PostgreSQL and Payara Micro (from system properties {@code lms.it.war} and
     * {@code lms.it.payaraMicroJar}) and waits until /health is UP.
     */
    public static RegistryProcesses start(Path dataDir, Map<String, String> extraEnvironment) throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        LocalSettings settings = LocalSettings.loadOrCreate(dataDir);
        LocalDatabase db = LocalDatabase.start(dataDir.resolve("postgres"), 0, settings,
                dataDir.resolve("logs/postgres.log"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RegistryProcesses r = new RegistryProcesses(dataDir, Map.copyOf(extraEnvironment), settings, db, port);
        try {
            r.startPayara();
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void startPayara() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("LMS_DB_URL", database.jdbcUrl(),
                "LMS_DB_USER", LocalDatabase.APP_ROLE,
                "LMS_DB_PASSWORD", settings.appPassword(),
                "LMS_DEMO_ENABLED", "true",
                "LMS_DEMO_PASSWORD", settings.demoPassword()));
        env.putAll(extraEnvironment);
        Path log = dataDir.resolve("logs/payara-micro.log");
        payara = PayaraMicro.start(new PayaraMicro.Options(file("lms.it.payaraMicroJar"), file("lms.it.war"), port,
                "127.0.0.1", List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), env,
                dataDir.resolve("payara"), log, false));
        if (!payara.awaitHealthy(Duration.ofSeconds(240))) {
            String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            throw new IllegalStateException("Payara Micro did not become healthy; log:\n"
                    + tail.substring(Math.max(0, tail.length() - 6000)));
        }
    }

    /** Stops Payara Micro the way the launcher does (SIGTERM) and starts it again on the same database. */
    public void restartPayara() throws Exception {
        payara.stop();
        startPayara();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public String demoPassword() {
        return settings.demoPassword();
    }

    /** The application's database password (tests check it never shows up where it must not). */
    public String databasePassword() {
        return settings.appPassword();
    }

    public Connection connect() throws SQLException {
        return database.connectAsApplication(settings.appPassword());
    }

    public long payaraPid() {
        return payara.pid();
    }

    public Path payaraLog() {
        return dataDir.resolve("logs/payara-micro.log");
    }

    private static Path file(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException(property + " does not name a file (" + value
                    + "): run these tests with ./mvnw verify, after package");
        }
        return Path.of(value);
    }

    @Override
    public void close() throws IOException {
        try {
            if (payara != null) {
                payara.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            database.close();
        }
    }
}
