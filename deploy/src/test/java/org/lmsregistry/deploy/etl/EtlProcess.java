package org.lmsregistry.deploy.etl;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.lmsregistry.etl.EtlMain;

/**
 * {@code etl} as a site runs it: {@code java -jar lms-etl.jar ...} in its own process (the reactor's
 * packaged jar; the test classes folder when run from an IDE), output in files, so that a test can
 * kill it mid-upload like a power cut or Ctrl-C would.
 */
final class EtlProcess {

    /** A finished run. */
    record Result(int code, String out, String err) {

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private EtlProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static EtlProcess start(Path logDir, String name, List<String> args) throws IOException {
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        Path location = location();
        if (Files.isRegularFile(location)) {
            command.addAll(List.of("-jar", location.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EtlMain.class.getName()));
        }
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(new File("/dev/null")).start();
        return new EtlProcess(p, out, err);
    }

    static Result run(Path logDir, String name, List<String> args) throws IOException, InterruptedException {
        return start(logDir, name, args).await(Duration.ofMinutes(5));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGSTOP / SIGCONT to this process only (by its PID): freezes the ETL between two steps of its
     * upload, so that a test can change the world (revoke its token) at a known point, however fast
     * the upload runs.
     */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL: no shutdown hook, no last write, as when the workstation loses power. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    Result await(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("etl did not finish within " + timeout + ": " + result(-1));
        }
        return result(process.exitValue());
    }

    private Result result(int code) throws IOException {
        return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path location() {
        try {
            return Path.of(EtlMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
