package org.lmsregistry.web.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where and how analyses run (MicroProfile Config; see {@code docs/analysis-runs.md}). Without
 * {@code lms.analysis.spark-submit} the jar runs in a child JVM on {@code lms.analysis.master}
 * (default {@code local[*]}); with it, through that spark-submit against the master.
 */
@ApplicationScoped
public class AnalysisSettings {

    @Inject
    @ConfigProperty(name = "lms.analysis.jar")
    Optional<String> jar;

    @Inject
    @ConfigProperty(name = "lms.analysis.spark-submit")
    Optional<String> sparkSubmit;

    @Inject
    @ConfigProperty(name = "lms.analysis.master", defaultValue = "local[*]")
    String master;

    @Inject
    @ConfigProperty(name = "lms.analysis.work-dir")
    Optional<String> workDir;

    @Inject
    @ConfigProperty(name = "lms.analysis.heap", defaultValue = "2g")
    String heap;

    @Inject
    @ConfigProperty(name = "lms.analysis.java")
    Optional<String> java;

    @Inject
    @ConfigProperty(name = "lms.analysis.max-concurrent", defaultValue = "1")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "lms.analysis.timeout-minutes", defaultValue = "240")
    long timeoutMinutes;

    @Inject
    @ConfigProperty(name = "lms.db.url")
    Optional<String> databaseUrl;

    @Inject
    @ConfigProperty(name = "lms.db.user")
    Optional<String> databaseUser;

    @Inject
    @ConfigProperty(name = "lms.db.password")
    Optional<String> databasePassword;

    /** The launch settings as one value (what {@link AnalysisCommandLine} needs). */
    public AnalysisCommandLine commandLine() {
        return new AnalysisCommandLine(jar.map(Path::of).orElse(null),
                java.map(Path::of).orElse(Path.of(System.getProperty("java.home"), "bin", "java")),
                sparkSubmit.filter(s -> !s.isBlank()).map(Path::of).orElse(null), master, heap);
    }

    /** Empty when runs can start; otherwise what is missing and how to fix it, for people. */
    public Optional<String> unavailableReason() {
        if (jar.isEmpty() || jar.get().isBlank()) {
            return Optional.of("No analysis jar is configured. Build it with './mvnw -B -pl spark-jobs -am package"
                    + " -DskipTests' and set lms.analysis.jar (environment LMS_ANALYSIS_JAR) to"
                    + " spark-jobs/target/lms-spark-jobs.jar; deploy/run-local.sh does this when the jar exists.");
        }
        if (!Files.isRegularFile(Path.of(jar.get()))) {
            return Optional.of("The analysis jar " + Path.of(jar.get()).getFileName() + " configured in lms.analysis.jar"
                    + " does not exist. Build it with './mvnw -B -pl spark-jobs -am package -DskipTests'.");
        }
        if (databaseUrl.isEmpty()) {
            return Optional.of("lms.db.url is not set, so the registry cannot be snapshotted for an analysis.");
        }
        return Optional.empty();
    }

    public Path workDir() {
        return Path.of(workDir.orElse(System.getProperty("java.io.tmpdir"))).resolve("lms-analysis-runs");
    }

    public int maxConcurrent() {
        return Math.max(1, Math.min(maxConcurrent, 4));
    }

    public long timeoutMinutes() {
        return timeoutMinutes;
    }

    public String databaseUrl() {
        return databaseUrl.orElseThrow();
    }

    public String databaseUser() {
        return databaseUser.orElse("");
    }

    public String databasePassword() {
        return databasePassword.orElse("");
    }
}
