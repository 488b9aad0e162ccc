package org.lmsregistry.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Micro with the registry WAR, as a child process: the same {@code java -jar payara-micro.jar
 * --deploy registry-web.war} a user would type, so the local run and the end-to-end tests exercise
 * the real artifacts.
 *
 * <p>Configuration goes to the child through environment variables (MicroProfile Config maps
 * {@code LMS_DB_URL} to {@code lms.db.url}), not through {@code -D} options, so that passwords do
 * not show in {@code ps}. Hazelcast is off (a single instance needs no data grid, and it would
 * listen on every interface); the HTTP listener binds to the requested address only. The output
 * always goes to the log file, which is where {@link #awaitReady} finds the cause of a failed start.
 */
final class PayaraMicro {

    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    /** Payara Micro's /health when the WAR did not deploy: it keeps running, with nothing to check. */
    private static final String NO_APPLICATION = "No Application deployed";
    /** Logged once the start is over, whether the WAR deployed or not. */
    private static final Pattern BOOT_OVER = Pattern.compile("Payara Micro \\S+ \\(build \\d+\\) ready in");
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");
    /** One SEVERE log record: {@code [time] [] [SEVERE] [] [logger] [tid...] ... [[ message ]]}. */
    private static final Pattern SEVERE_RECORD = Pattern.compile(
            "^\\[[^\\]]*\\] \\[[^\\]]*\\] \\[SEVERE\\] \\[[^\\]]*\\] \\[([^\\]]*)\\][^\\n]*?\\[levelValue: \\d+\\] (?:\\[\\[\\s*)?(.*?)(?:\\]\\]\\s*)?$",
            Pattern.DOTALL);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final long logStart;

    private PayaraMicro(Process process, int port, Path logFile, long logStart) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /**
     * @param inheritOutput also copy Payara's output to this process's standard output (the
     *                      log file gets it either way)
     */
    public record Options(Path microJar, Path war, int port, String bindAddress, List<String> jvmOptions,
            Map<String, String> environment, Path workDir, Path logFile, boolean inheritOutput) {
    }

    /** Why a start did not end with the registry answering UP. */
    public enum Failure {
        /** Payara Micro started, but the WAR did not deploy (Payara keeps running without it). */
        DEPLOYMENT_FAILED,
        /** The Payara Micro process ended. */
        EXITED,
        /** Still starting when the time was up. */
        TIMED_OUT
    }

    /** The registry did not become ready; the message names the cause found in Payara's log (or its last lines). */
    public static final class StartFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private final Failure failure;

        StartFailure(Failure failure, String summary, String cause, Path log) {
            super(summary + (cause.isBlank() ? "" : ": " + cause) + " (log: " + log + ")");
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    public static PayaraMicro start(Options o) throws IOException {
        // absolute: Payara runs in the work folder, where relative paths would point elsewhere
        Path workDir = o.workDir().toAbsolutePath();
        Path logFile = o.logFile().toAbsolutePath();
        Files.createDirectories(workDir);
        Files.createDirectories(logFile.getParent());
        Path preboot = workDir.resolve("preboot.asadmin");
        Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=" + o.bindAddress() + System.lineSeparator(),
                StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>(parentDeathSignal());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(o.jvmOptions());
        command.addAll(List.of("-jar", o.microJar().toAbsolutePath().toString(),
                "--deploy", o.war().toAbsolutePath().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(o.port()),
                "--nohazelcast",
                "--prebootcommandfile", preboot.toString()));

        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(o.environment());
        long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
        if (!o.inheritOutput()) {
            builder.redirectOutput(Redirect.appendTo(logFile.toFile()));
        }
        // Payara Micro reads nothing from stdin; an inherited terminal would only get in the way
        builder.redirectInput(Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        if (o.inheritOutput()) {
            copyToLogAndConsole(process, logFile, System.out);
        }
        return new PayaraMicro(process, o.port(), logFile, logStart);
    }

    /** --verbose: the console shows the output, and the log file still gets it for {@link #awaitReady}. */
    private static void copyToLogAndConsole(Process process, Path logFile, PrintStream console) {
        Thread copier = new Thread(() -> {
            try (InputStream in = process.getInputStream();
                    OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    log.write(buffer, 0, n);
                    log.flush();
                    console.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the process ended or the log is gone: nothing left to copy
            }
        }, "payara-micro-output");
        copier.setDaemon(true);
        copier.start();
    }

    /**
     * If the launcher dies without running its shutdown hook (SIGKILL, e.g. an IDE's stop button),
     * Payara Micro would keep running and keep the port. util-linux's setpriv makes the kernel send
     * it SIGTERM when the launcher goes; where setpriv is missing, nothing changes.
     */
    private static List<String> parentDeathSignal() {
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            Path setpriv = Path.of(dir, "setpriv");
            if (Files.isExecutable(setpriv)) {
                return List.of(setpriv.toString(), "--pdeathsig", "TERM", "--");
            }
        }
        return List.of();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Polls {@code /health} until it answers UP, and stops waiting as soon as the start has failed:
     * the process ended, or Payara finished starting without the WAR (it would keep running and
     * answer "No Application deployed" until the timeout).
     *
     * @throws StartFailure with the error from Payara's log
     */
    public void awaitReady(Duration timeout) throws StartFailure, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(Failure.EXITED, "Payara Micro exited (code " + process.exitValue() + ") before the registry was up");
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find()) {
                    return;
                }
                if (response.body().contains(NO_APPLICATION) && BOOT_OVER.matcher(log()).find()) {
                    throw failure(Failure.DEPLOYMENT_FAILED, "the registry WAR failed to deploy");
                }
            } catch (IOException notYetListening) {
                // the listener opens late in the start; keep polling
            }
            Thread.sleep(POLL.toMillis());
        }
        throw failure(Failure.TIMED_OUT, "the registry did not become healthy within " + timeout.toSeconds() + " s");
    }

    private StartFailure failure(Failure failure, String summary) {
        String log = log();
        String cause = severeRecords(log);
        return new StartFailure(failure, summary, cause.isBlank() ? lastLines(log, 20) : cause, logFile);
    }

    /** This start's part of the log, without colour codes. */
    private String log() {
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(logStart, all.length);
            return ANSI_COLOUR.matcher(new String(all, from, all.length - from, StandardCharsets.UTF_8)).replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of this start's log. */
    public String logTail(int lines) {
        return lastLines(log(), lines);
    }

    /**
     * The messages of the SEVERE records (first lines only: no stack traces), the last ones last;
     * deployment failures end with the one Payara's deployer logs.
     */
    static String severeRecords(String log) {
        List<String> messages = new ArrayList<>();
        for (String record : log.split("\\R(?=\\[\\d{4}-)")) {
            Matcher m = SEVERE_RECORD.matcher(record.strip());
            if (m.find()) {
                String message = m.group(2).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("at ") && !l.equals("Local Exception Stack:"))
                        .limit(4).reduce((a, b) -> a + "\n  " + b).orElse("");
                if (!message.isEmpty() && !messages.contains(message)) {
                    messages.add(message);
                }
            }
        }
        return String.join("\n", messages.subList(Math.max(0, messages.size() - 3), messages.size()));
    }

    private static String lastLines(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM (Payara's own shutdown hook undeploys cleanly), SIGKILL after a grace period. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
