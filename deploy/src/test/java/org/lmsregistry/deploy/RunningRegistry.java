package org.lmsregistry.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The registry as real processes for end-to-end tests of other packages: the local run's embedded
 * PostgreSQL and Payara Micro with the built registry-web.war, on loopback and free ports, with a
 * first administrator created through the registry's own bootstrap setting. The Payara Micro process
 * can be stopped and started again on the same database and port, as when a server is restarted.
 * Everything runs under a folder the test owns and is stopped by the process this class started.
 */
public final class RunningRegistry implements AutoCloseable {

    public static final String ADMIN = "admin";
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private final Path dir;
    private final LocalSettings settings;
    private final LocalDatabase database;
    private final int port;
    private final String adminPassword;
    private PayaraMicro payara;
    private int starts;

    private RunningRegistry(Path dir, LocalSettings settings, LocalDatabase database, int port, String adminPassword) {
        this.dir = dir;
        this.settings = settings;
        this.database = database;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** Starts PostgreSQL and Payara Micro under {@code dir}; returns when {@code /health} is UP. */
    public static RunningRegistry start(Path dir) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        LocalSettings settings = LocalSettings.loadOrCreate(dir);
        LocalDatabase db = LocalDatabase.start(dir.resolve("postgres"), 0, settings, logs.resolve("postgres.log"));
        String password = LocalSettings.randomPassword(24);
        Path passwordFile = dir.resolve("admin-password");
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RunningRegistry registry = new RunningRegistry(dir, settings, db, port, password);
        try {
            registry.startServer();
        } catch (Exception | Error e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** http://127.0.0.1:port */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The Payara Micro process of the current start. */
    public long serverPid() {
        return payara.pid();
    }

    /** Starts Payara Micro (again) on the same database and port; returns when healthy. */
    public void startServer() throws IOException, InterruptedException {
        if (payara != null && payara.isAlive()) {
            throw new IllegalStateException("Payara Micro is running");
        }
        starts++;
        Path logFile = dir.resolve("logs/payara-micro-" + starts + ".log");
        payara = PayaraMicro.start(new PayaraMicro.Options(file("lms.payara.micro", "target/payara-micro.jar"),
                file("lms.registry.war", "target/registry-web.war"), port, "127.0.0.1",
                List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Map.of("LMS_DB_URL", database.jdbcUrl(),
                        "LMS_DB_USER", LocalDatabase.APP_ROLE,
                        "LMS_DB_PASSWORD", settings.appPassword(),
                        "LMS_DEMO_ENABLED", "false",
                        "LMS_ADMIN_BOOTSTRAP_PASSWORD_FILE", dir.resolve("admin-password").toString()),
                dir.resolve("payara"), logFile, false));
        if (!payara.awaitHealthy(STARTUP)) {
            String tail = tail(logFile, 60);
            payara.stop();
            throw new IllegalStateException("the registry did not become healthy; last lines of " + logFile + ":\n" + tail);
        }
    }

    /** Stops Payara Micro as an administrator's {@code kill} would (SIGTERM; SIGKILL after a grace period). */
    public void stopServer() throws InterruptedException {
        payara.stop();
    }

    @Override
    public void close() throws Exception {
        try {
            if (payara != null) {
                payara.stop();
            }
        } finally {
            database.close();
        }
    }

    private static Path file(String property, String fallback) {
        Path p = Path.of(System.getProperty(property, fallback)).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run through Maven (./mvnw -pl deploy -am verify), "
                    + "which copies it at package");
        }
        return p;
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
