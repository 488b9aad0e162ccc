package org.lmsregistry.deploy;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Payara Micro with the registry WAR, as a child process: the same {@code java -jar payara-micro.jar
 * --deploy registry-web.war} a user would type, so the local run exercises the real artifacts.
 *
 * <p>Configuration goes to the child through environment variables (MicroProfile Config maps
 * {@code LMS_DB_URL} to {@code lms.db.url}), not through {@code -D} options, so that passwords do
 * not show in {@code ps}. Hazelcast is off (a single instance needs no data grid, and it would
 * listen on every interface); the HTTP listener binds to the requested address only.
 */
final class PayaraMicro {

    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private PayaraMicro(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    record Options(Path microJar, Path war, int port, String bindAddress, List<String> jvmOptions,
            Map<String, String> environment, Path workDir, Path logFile, boolean inheritOutput) {
    }

    static PayaraMicro start(Options o) throws IOException {
        Files.createDirectories(o.workDir());
        Path preboot = o.workDir().resolve("preboot.asadmin");
        Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=" + o.bindAddress() + System.lineSeparator(),
                StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>(parentDeathSignal());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(o.jvmOptions());
        command.addAll(List.of("-jar", o.microJar().toString(),
                "--deploy", o.war().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(o.port()),
                "--nohazelcast",
                "--prebootcommandfile", preboot.toString()));

        ProcessBuilder builder = new ProcessBuilder(command).directory(o.workDir().toFile());
        builder.environment().putAll(o.environment());
        if (o.inheritOutput()) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(o.logFile().toFile()));
        }
        // Payara Micro reads nothing from stdin; an inherited terminal would only get in the way
        builder.redirectInput(Redirect.from(new java.io.File("/dev/null")));
        return new PayaraMicro(builder.start(), o.port());
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

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Polls {@code /health} until it answers UP.
     *
     * @return true when UP; false if the process ended or the timeout passed first
     */
    boolean awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find()) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // the listener opens late in the start; keep polling
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** SIGTERM (Payara's own shutdown hook undeploys cleanly), SIGKILL after a grace period. */
    void stop() throws InterruptedException {
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
