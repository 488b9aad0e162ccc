package org.lmsregistry.web.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmsregistry.model.analysis.AnalysisJob;

/**
 * The command lines of a run: {@code java -jar lms-spark-jobs.jar <job> ...} in a child JVM, or
 * {@code spark-submit --master M --class ... lms-spark-jobs.jar <job> ...}. Never holds a password:
 * the database account reaches the child through its environment ({@code LMS_DB_USER},
 * {@code LMS_DB_PASSWORD}), which other users cannot read, unlike a command line in {@code ps}.
 *
 * @param jar          lms-spark-jobs.jar (the cluster jar with spark-submit)
 * @param java         the java executable for a child JVM
 * @param sparkSubmit  spark-submit, or null for a child JVM
 * @param master       Spark master, {@code local[*]} by default
 * @param heap         driver heap, e.g. {@code 2g}
 */
public record AnalysisCommandLine(Path jar, Path java, Path sparkSubmit, String master, String heap) {

    /** The jobs' entry point (the jar's Main-Class), for spark-submit. */
    public static final String MAIN_CLASS = "org.lmsregistry.analysis.cli.SparkJobsCommand";

    /** The spark-jobs listener that prints {@code lms-progress} lines. */
    public static final String PROGRESS_LISTENER = "org.lmsregistry.analysis.progress.ProgressLines";

    public AnalysisCommandLine {
        if (heap == null || !heap.matches("[1-9][0-9]{0,5}[mMgG]")) {
            throw new IllegalArgumentException("lms.analysis.heap must look like 2g or 1500m, was " + heap);
        }
        if (master == null || master.isBlank() || master.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("lms.analysis.master must be a Spark master URL, was '" + master + "'");
        }
    }

    public boolean usesSparkSubmit() {
        return sparkSubmit != null;
    }

    /** Snapshot of the registry database into {@code snapshotDir}. */
    public List<String> snapshot(String jdbcUrl, Path snapshotDir) {
        List<String> command = launcher();
        command.addAll(List.of("snapshot", "--jdbc-url", jdbcUrl, "--out", snapshotDir.toString()));
        command.addAll(sparkOptions());
        return command;
    }

    /** The analysis itself, on the snapshot, with the cohort file and the request's options. */
    public List<String> analysis(AnalysisJob kind, Path snapshotDir, Path cohortFile, Path outDir,
            List<String> jobOptions) {
        List<String> command = launcher();
        command.addAll(List.of(kind.job(), "--source", snapshotDir.toString(), "--cohort", cohortFile.toString(),
                "--out", outDir.toString()));
        command.addAll(jobOptions);
        command.addAll(sparkOptions());
        return command;
    }

    private List<String> launcher() {
        List<String> command = new ArrayList<>();
        if (sparkSubmit != null) {
            // client mode: the driver runs here, reads the environment and writes into the work folder
            command.addAll(List.of(sparkSubmit.toString(), "--master", master, "--deploy-mode", "client",
                    "--driver-memory", heap, "--class", MAIN_CLASS, jar.toString()));
        } else {
            // the jar's manifest carries the Add-Opens Spark needs on JDK 17
            command.addAll(List.of(java.toString(), "-Xmx" + heap, "-XX:+UseParallelGC",
                    "-Djava.awt.headless=true", "-jar", jar.toString()));
        }
        return command;
    }

    private List<String> sparkOptions() {
        List<String> options = new ArrayList<>();
        if (sparkSubmit == null) {
            options.addAll(List.of("--master", master));
        }
        options.addAll(List.of("--conf", "spark.extraListeners=" + PROGRESS_LISTENER));
        return options;
    }
}
