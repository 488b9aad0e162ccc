package org.lmsregistry.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the whole registry on one machine: an embedded PostgreSQL whose data survives restarts,
 * and Payara Micro with registry-web.war, in demo mode unless told otherwise. Prints the URL and
 * the demo accounts when /health is UP; Ctrl-C (or SIGTERM) stops Payara and then PostgreSQL.
 */
@Command(name = "lms-local", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = LocalRegistry.Version.class,
        description = {"Runs the LMS Imaging Registry locally: embedded PostgreSQL + Payara Micro.",
            "Data is kept in the data folder between runs; delete it to start from scratch."})
public final class LocalRegistry implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(LocalRegistry.class.getName());

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the registry (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the HTTP listener binds to (default: ${DEFAULT-VALUE}, this machine only;"
                    + " 0.0.0.0 exposes the demo to the network).")
    String bindAddress;

    @Option(names = "--db-port", defaultValue = "0", paramLabel = "PORT",
            description = "PostgreSQL port (loopback only). Default: the previous run's port if free, else a free one.")
    int dbPort;

    @Option(names = "--data-dir", defaultValue = ".local-data", paramLabel = "DIR",
            description = "Data folder: PostgreSQL data, generated passwords, logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--demo", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Load the synthetic demo cohort and demo accounts into an empty registry"
                    + " (default: on; --no-demo for an empty registry without accounts).")
    boolean demo;

    @Option(names = "--war", paramLabel = "FILE", description = "The registry WAR (default: registry-web.war beside this jar).")
    Path war;

    @Option(names = "--payara-micro", paramLabel = "FILE",
            description = "The Payara Micro jar (default: payara-micro.jar beside this jar).")
    Path microJar;

    @Option(names = "--analysis-jar", paramLabel = "FILE",
            description = "The spark-jobs jar the registry launches for analysis runs (default: lms-spark-jobs.jar"
                    + " beside this jar, else spark-jobs/target/lms-spark-jobs.jar of the build)."
                    + " Without it the analysis pages say how to build it.")
    Path analysisJar;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "Extra option for the Payara Micro JVM (repeatable), e.g. --jvm-option=-Xmx2g.")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--startup-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long to wait for /health to be UP (default: ${DEFAULT-VALUE}).")
    int startupTimeoutSeconds;

    @Option(names = "--verbose", description = "Show the Payara Micro log on the console instead of only in the log file.")
    boolean verbose;

    private final PrintStream out;
    private final Object lifecycle = new Object();
    private PayaraMicro payara;
    private LocalDatabase database;
    private boolean stopped;

    LocalRegistry(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        ConsoleLogging.configure();
        CommandLine cli = new CommandLine(new LocalRegistry(System.out));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // expected failures (port in use, missing files) get one clear line, not a stack trace
            commandLine.getErr().println("lms-local: " + e.getMessage());
            LOG.log(Level.FINE, "failure", e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path home = jarDirectory();
        Path warFile = (war != null ? war : home.resolve("registry-web.war")).toAbsolutePath();
        Path microFile = (microJar != null ? microJar : home.resolve("payara-micro.jar")).toAbsolutePath();
        requireFile(warFile, "registry WAR");
        requireFile(microFile, "Payara Micro jar");
        Path data = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(data.resolve("logs"));

        try (FileChannel lockChannel = FileChannel.open(data.resolve("lms-local.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another lms-local is running with the data folder " + data);
            }
            requireFreeHttpPort();
            return run(data, warFile, microFile);
        }
    }

    private int run(Path data, Path warFile, Path microFile) throws Exception {
        Thread hook = new Thread(this::stop, "lms-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        LocalSettings settings = LocalSettings.loadOrCreate(data);

        out.println("Starting PostgreSQL (data in " + data.resolve("postgres") + ") ...");
        LocalDatabase db = LocalDatabase.start(data.resolve("postgres"), dbPort, settings,
                data.resolve("logs/postgres.log"));
        synchronized (lifecycle) {
            database = db;
            if (stopped) {
                return 130;
            }
        }
        long dbReady = System.nanoTime();

        out.println("Starting Payara Micro with " + warFile.getFileName() + " on port " + port + " ...");
        Path payaraLog = data.resolve("logs/payara-micro.log");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(jvmOptions);
        Map<String, String> environment = new java.util.HashMap<>(db.applicationEnvironment(settings));
        environment.putAll(Map.of("LMS_DEMO_ENABLED", Boolean.toString(demo),
                "LMS_DEMO_PASSWORD", settings.demoPassword(),
                // analysis runs work in the data folder (removed after each run), not in a shared /tmp
                "LMS_ANALYSIS_WORK_DIR", data.resolve("analysis").toString()));
        Path sparkJobs = analysisJar(jarDirectory());
        if (sparkJobs != null) {
            environment.put("LMS_ANALYSIS_JAR", sparkJobs.toString());
        }
        PayaraMicro micro = PayaraMicro.start(new PayaraMicro.Options(microFile, warFile, port, bindAddress, jvm,
                environment, data.resolve("payara"), payaraLog, verbose));
        synchronized (lifecycle) {
            payara = micro;
            if (stopped) {
                micro.stop();
                return 130;
            }
        }

        try {
            micro.awaitReady(Duration.ofSeconds(startupTimeoutSeconds));
        } catch (PayaraMicro.StartFailure e) {
            // said at once, with Payara's own error: a WAR that did not deploy is not worth waiting for
            out.println();
            out.println("The registry did not start: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            stop();
            return 1;
        }
        long up = System.nanoTime();

        printBanner(db, settings, Duration.ofNanos(dbReady - started), Duration.ofNanos(up - dbReady), payaraLog);
        int exit = micro.waitFor();
        synchronized (lifecycle) {
            if (stopped) {
                return 0;
            }
        }
        out.println("Payara Micro exited (code " + exit + "); stopping PostgreSQL. See " + payaraLog);
        Runtime.getRuntime().removeShutdownHook(hook);
        stop();
        return 1;
    }

    /** Idempotent: called by the shutdown hook (Ctrl-C, SIGTERM) and on failures. */
    void stop() {
        PayaraMicro p;
        LocalDatabase d;
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            p = payara;
            d = database;
        }
        if (p == null && d == null) {
            return;
        }
        try {
            if (p != null && p.isAlive()) {
                out.println("Stopping Payara Micro ...");
                p.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (d != null) {
                out.println("Stopping PostgreSQL ...");
                try {
                    d.close();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not stop PostgreSQL cleanly", e);
                }
            }
            out.println("Stopped.");
        }
    }

    private void printBanner(LocalDatabase db, LocalSettings settings, Duration dbStart, Duration appStart,
            Path payaraLog) throws SQLException, URISyntaxException {
        String host = "0.0.0.0".equals(bindAddress) || "127.0.0.1".equals(bindAddress) ? "localhost" : bindAddress;
        out.println();
        out.println("LMS Imaging Registry is up: http://" + host + ":" + port + "/");
        out.printf("  health      http://%s:%d/health%n", host, port);
        out.printf("  database    %s (user %s, password in %s)%n", db.jdbcUrl(), LocalDatabase.APP_ROLE,
                dataDir.resolve(LocalSettings.FILE_NAME));
        out.printf("  logs        %s%n", payaraLog.getParent());
        Path sparkJobs = analysisJar(jarDirectory());
        out.printf("  analyses    %s%n", sparkJobs != null ? sparkJobs
                : "off: build spark-jobs/target/lms-spark-jobs.jar (./mvnw -B -pl spark-jobs -am package -DskipTests)");
        out.printf("  started in  %.1f s (PostgreSQL %.1f s, Payara Micro %.1f s)%n",
                (dbStart.toMillis() + appStart.toMillis()) / 1000.0, dbStart.toMillis() / 1000.0,
                appStart.toMillis() / 1000.0);
        if (demo) {
            List<String[]> accounts = demoAccounts(db, settings);
            out.println();
            if (accounts.isEmpty()) {
                out.println("Demo mode is on, but there are no demo accounts: the registry already had sites"
                        + " when demo mode first ran, so it loaded nothing.");
            } else {
                out.println("Demo accounts (demo mode only), password for all: " + settings.demoPassword());
                for (String[] a : accounts) {
                    out.printf("  %-24s %-13s %s%n", a[0], a[1], a[2] == null ? "" : "site " + a[2]);
                }
            }
        }
        out.println();
        out.println("Press Ctrl-C to stop.");
    }

    private static List<String[]> demoAccounts(LocalDatabase db, LocalSettings settings) throws SQLException {
        List<String[]> accounts = new ArrayList<>();
        try (Connection c = db.connectAsApplication(settings.appPassword());
                PreparedStatement q = c.prepareStatement("select a.username, a.role, s.code from account a"
                        + " left join site s on s.id = a.site_id where a.username like 'demo-%'"
                        + " order by case a.role when 'ADMIN' then 0 when 'COORDINATOR' then 1 else 2 end, a.username");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                accounts.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return accounts;
    }

    private void requireFreeHttpPort() throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        try (ServerSocket socket = new ServerSocket(port, 1, address)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + bindAddress
                    + " is in use; choose another with --port");
        }
    }

    /** The spark-jobs jar: as given, beside this jar, or where the build leaves it; null when there is none. */
    private Path analysisJar(Path home) {
        if (analysisJar != null) {
            requireFile(analysisJar.toAbsolutePath(), "analysis jar");
            return analysisJar.toAbsolutePath();
        }
        for (Path candidate : List.of(home.resolve("lms-spark-jobs.jar"),
                home.resolve("../../spark-jobs/target/lms-spark-jobs.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the " + what + " is missing: " + file
                    + " (build it with ./mvnw -DskipTests -pl deploy -am package, or run deploy/run-local.sh)");
        }
    }

    /** The folder of lms-local.jar, where the build puts registry-web.war and payara-micro.jar. */
    private static Path jarDirectory() throws URISyntaxException {
        Path location = Path.of(LocalRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isDirectory(location) ? location : location.getParent();
    }

    /** Version from the jar manifest (set by the build), for --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LocalRegistry.class.getPackage().getImplementationVersion();
            return new String[] {"lms-local " + (v != null ? v : "(development build)")};
        }
    }
}
