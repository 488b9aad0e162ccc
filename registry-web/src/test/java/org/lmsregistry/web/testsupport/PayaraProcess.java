package org.lmsregistry.web.testsupport;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
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

/**
 * A Payara Micro process of its own with the packaged WAR, started by a test or a benchmark (not
 * the shared Arquillian deployment): so that it can be killed, restarted, or run with full JIT and
 * more heap. Loopback only, no Hazelcast; configuration through environment variables.
 */
public final class PayaraProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Payara Micro and waits until /health is UP.
     *
     * @param jvmOptions  e.g. {@code -Xmx1g}
     * @param environment e.g. {@code LMS_DB_URL}
     */
    public static PayaraProcess start(Path workDir, List<String> jvmOptions, Map<String, String> environment,
            Duration timeout) throws IOException, InterruptedException {
        return start(workDir, jvmOptions, environment, timeout, List.of());
    }

    /** @param prebootCommands further asadmin commands run before the server starts (e.g. thread pool sizes) */
    public static PayaraProcess start(Path workDir, List<String> jvmOptions, Map<String, String> environment,
            Duration timeout, List<String> prebootCommands) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path preboot = workDir.resolve("preboot.asadmin");
        Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=127.0.0.1\n"
                + prebootCommands.stream().map(c -> c + "\n").collect(java.util.stream.Collectors.joining()),
                StandardCharsets.UTF_8);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", microJar().toString(), "--deploy", war().toString(), "--contextroot", "/",
                "--port", Integer.toString(port), "--nohazelcast", "--prebootcommandfile", preboot.toString(),
                // a fresh root per start: Payara Micro would otherwise redeploy a cached older WAR
                "--rootdir", Files.createTempDirectory(workDir, "root-").toString()));
        Path log = workDir.resolve("payara-" + System.currentTimeMillis() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        PayaraProcess payara = new PayaraProcess(builder.start(), port, log);
        if (!payara.awaitHealthy(timeout)) {
            payara.kill();
            throw new IllegalStateException("Payara Micro did not become healthy in " + timeout + "; see " + log);
        }
        return payara;
    }

    public static Path war() {
        return Path.of(System.getProperty("lms.it.war", "target/registry-web.war"));
    }

    public static Path microJar() {
        return Path.of(System.getProperty("lms.it.payaraMicroJar", "target/payara-micro.jar"));
    }

    public URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private boolean awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // the application's own public resource: UP only once the WAR is deployed (health alone is
        // UP on a Payara whose deployment failed)
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dictionary"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || deploymentFailed()) {
                return false;
            }
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(250);
        }
        return false;
    }

    private boolean deploymentFailed() {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Exception while loading the app");
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
