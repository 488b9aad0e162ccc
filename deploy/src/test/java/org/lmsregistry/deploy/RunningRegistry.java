package org.lmsregistry.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry as real processes, for the end-to-end tests of every package: the local run's own
 * {@link LocalDatabase} (embedded PostgreSQL) and {@link PayaraMicro} with the packaged
 * registry-web.war, on loopback and free ports, under a folder the test owns. Either in demo mode
 * (the synthetic cohort and the demo accounts, as {@code run-local.sh} starts it) or empty with a
 * first administrator created through the registry's bootstrap setting.
 *
 * <p>Readiness is {@link PayaraMicro#awaitReady}: it stops waiting as soon as the WAR failed to
 * deploy or Payara exited, and the failure names Payara's error. Each Payara start logs to a file
 * of its own ({@code logs/payara-micro-N.log}). Payara can be stopped and started again on the same
 * database and port, as when a server is restarted. Everything this class started, it stops by
 * its process (Payara by PID, then PostgreSQL): on {@link #close}, and from a shutdown hook if the
 * test JVM ends first; if the JVM is killed, Payara gets SIGTERM from the kernel (setpriv).
 */
public final class RunningRegistry implements AutoCloseable {

    /** The first administrator's user name, when not in demo mode. */
    public static final String ADMIN = "admin";
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final List<String> PAYARA_JVM = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path dir;
    private final LocalSettings settings;
    private final LocalDatabase database;
    private final Map<String, String> environment;
    private final int port;
    private final String adminPassword;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "running-registry-stop");
    private PayaraMicro payara;
    private int starts;
    private boolean stopped;

    private RunningRegistry(Path dir, LocalSettings settings, LocalDatabase database, Map<String, String> environment,
            int port, String adminPassword) {
        this.dir = dir;
        this.settings = settings;
        this.database = database;
        this.environment = environment;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /**
     * Demo mode, as the local run starts it: the synthetic cohort, accounts {@code demo-*} with
     * {@link #demoPassword()}.
     *
     * @param environment more settings for the application, e.g. {@code LMS_ANALYSIS_JAR}
     */
    public static RunningRegistry withDemoData(Path dir, Map<String, String> environment) throws Exception {
        return start(dir, environment, true);
    }

    /** An empty registry (no demo mode) with one administrator, {@link #ADMIN} / {@link #adminPassword()}. */
    public static RunningRegistry withFirstAdministrator(Path dir) throws Exception {
        return start(dir, Map.of(), false);
    }

    private static RunningRegistry start(Path folder, Map<String, String> extra, boolean demo) throws Exception {
        Path dir = folder.toAbsolutePath();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        LocalSettings settings = LocalSettings.loadOrCreate(dir);
        LocalDatabase db = LocalDatabase.start(dir.resolve("postgres"), 0, settings, logs.resolve("postgres.log"));
        Map<String, String> env = new HashMap<>(db.applicationEnvironment(settings));
        env.put("LMS_DEMO_ENABLED", Boolean.toString(demo));
        String adminPassword = null;
        if (demo) {
            env.put("LMS_DEMO_PASSWORD", settings.demoPassword());
        } else {
            adminPassword = LocalSettings.randomPassword(24);
            Path passwordFile = dir.resolve("admin-password");
            Files.deleteIfExists(passwordFile);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, adminPassword + "\n", StandardCharsets.UTF_8);
            env.put("LMS_ADMIN_BOOTSTRAP_PASSWORD_FILE", passwordFile.toString());
        }
        env.putAll(extra);
        RunningRegistry registry = new RunningRegistry(dir, settings, db, Map.copyOf(env), freePort(), adminPassword);
        Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
        try {
            registry.startServer();
        } catch (Exception | Error e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** http://127.0.0.1:port (no trailing slash) */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** http://127.0.0.1:port/ (to resolve relative paths against) */
    public URI baseUri() {
        return URI.create(url() + "/");
    }

    /** The first administrator's password (null in demo mode). */
    public String adminPassword() {
        return adminPassword;
    }

    /** The password of every demo account (demo mode). */
    public String demoPassword() {
        return settings.demoPassword();
    }

    /** The application's database password (tests check it never shows up where it must not). */
    public String databasePassword() {
        return settings.appPassword();
    }

    /** A connection to the registry's database, as the application's role. */
    public Connection connect() throws SQLException {
        return database.connectAsApplication(settings.appPassword());
    }

    /** The Payara Micro process of the current start. */
    public long serverPid() {
        return payara.pid();
    }

    /** The log of the current (or last) Payara start. */
    public Path serverLog() {
        return payara.logFile();
    }

    /** The end of the current Payara start's log, for a failed test's output. */
    public String serverLogTail(int lines) {
        return payara == null ? "" : payara.logTail(lines);
    }

    /** Starts Payara Micro (again) on the same database and port; returns when /health is UP. */
    public void startServer() throws IOException, InterruptedException {
        if (payara != null && payara.isAlive()) {
            throw new IllegalStateException("Payara Micro is running");
        }
        starts++;
        payara = PayaraMicro.start(new PayaraMicro.Options(file("lms.payara.micro", "target/payara-micro.jar"),
                file("lms.registry.war", "target/registry-web.war"), port, "127.0.0.1", PAYARA_JVM, environment,
                dir.resolve("payara"), dir.resolve("logs/payara-micro-" + starts + ".log"), false));
        try {
            payara.awaitReady(STARTUP);
        } catch (PayaraMicro.StartFailure e) {
            payara.stop();
            throw new IllegalStateException(e.getMessage() + "\nlast lines of the log:\n" + payara.logTail(60), e);
        }
    }

    /** Stops Payara Micro as an administrator's {@code kill} would (SIGTERM; SIGKILL after a grace period). */
    public void stopServer() throws InterruptedException {
        payara.stop();
    }

    /** Stops Payara Micro and starts it again on the same database and port. */
    public void restartServer() throws IOException, InterruptedException {
        stopServer();
        startServer();
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyStopping) {
            // the hook is running or will run: it stops the same processes
        }
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void stop() throws InterruptedException, IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (payara != null) {
                payara.stop();
            }
        } finally {
            database.close();
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("could not stop the test registry under " + dir + ": " + e);
        }
    }

    /** A free TCP port on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
}
