package org.lmsregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run-local.sh} (the launcher, {@link LocalRegistry}) gives up at once when the registry cannot
 * start, with Payara's own error, and leaves no process behind. The readiness deadline is set to an
 * hour: a launcher that waited for it would not end within the guard below, and a failure that was
 * only noticed at the deadline would be reported as a timeout, not with the cause asserted here.
 */
class LocalRegistryStartFailureIT {

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // a guard against hanging the suite, not a speed test
    void aWarThatFailsToDeployStopsTheRunWithTheDatabaseErrorFromPayarasLog() throws Exception {
        // a bad setting: system properties outrank the launcher's environment in MicroProfile Config
        Run run = launch("--jvm-option=-Dlms.db.password=not-the-generated-password");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("The registry did not start: the registry WAR failed to deploy: ")
                .contains("password authentication failed for user \"lms_registry\"")
                .doesNotContain("did not become healthy within")
                .contains("Stopping Payara Micro ...").contains("Stopping PostgreSQL ...");
        assertNothingLeftRunning();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void payaraExitingDuringTheStartStopsTheRunWithItsLastWords() throws Exception {
        Run run = launch("--jvm-option=-XX:+NoSuchVmOptionForThisTest");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("The registry did not start: Payara Micro exited (code 1) before the registry was up")
                .contains("Unrecognized VM option 'NoSuchVmOptionForThisTest'")
                .doesNotContain("did not become healthy within");
        assertNothingLeftRunning();
    }

    private record Run(int exitCode, String output) {
    }

    private Run launch(String... extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--port", Integer.toString(RunningRegistry.freePort()),
                "--war", file("lms.registry.war", "target/registry-web.war"),
                "--payara-micro", file("lms.payara.micro", "target/payara-micro.jar"),
                "--startup-timeout", "3600", "--no-demo"));
        args.addAll(List.of(extra));
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            CommandLine cli = new CommandLine(new LocalRegistry(out));
            code = cli.execute(args.toArray(String[]::new));
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(code, output);
    }

    /** Neither Payara Micro nor PostgreSQL (both name the data folder on their command lines) is left. */
    private void assertNothingLeftRunning() {
        String folder = dataDir.toString();
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(folder)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))).isEmpty();
    }

    private static String file(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().toString();
    }
}
