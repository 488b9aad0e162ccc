package org.lmsregistry.deploy.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.lmsregistry.deploy.RunningRegistry;
import org.lmsregistry.deploy.ServerLogOnFailure;

/**
 * One demo-mode registry that launches the real spark-jobs jar, shared by every analysis test class
 * of the run (a Payara start with the WAR costs from 20 s to minutes on a loaded machine): the first
 * class that asks for a {@link RunningRegistry} parameter starts it, JUnit closes it when the run
 * ends. The classes run one after another and leave the registry running and healthy (a class may
 * restart Payara); each finds its own runs by id, never by assuming it is alone. A failed test gets
 * the end of Payara's log in its output.
 */
final class SharedAnalysisRegistry extends ServerLogOnFailure implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedAnalysisRegistry.class);

    private static RunningRegistry started;

    SharedAnalysisRegistry() {
        super(() -> started);
    }

    /** The registry's lms.analysis.work-dir: runs work in lms-analysis-runs/run-N below it. */
    static Path workDir() {
        return root().resolve("work").toAbsolutePath();
    }

    private static Path root() {
        return Path.of(System.getProperty("lms.it.workDir", "target/it")).resolve("analysis").toAbsolutePath();
    }

    static Path sparkJobsJar() {
        return Path.of(System.getProperty("lms.it.sparkJobsJar", "../spark-jobs/target/lms-spark-jobs.jar"))
                .toAbsolutePath();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root context lives as long as the run: the registry is started once and closed at the end
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningRegistry.class, k -> start(),
                RunningRegistry.class);
    }

    private static synchronized RunningRegistry start() {
        try {
            if (!Files.isRegularFile(sparkJobsJar())) {
                throw new IllegalStateException("the spark-jobs jar is missing (" + sparkJobsJar()
                        + "): the reactor builds it before deploy");
            }
            deleteTree(root());
            started = RunningRegistry.withDemoData(root().resolve("data"), Map.of(
                    "LMS_ANALYSIS_JAR", sparkJobsJar().toString(),
                    "LMS_ANALYSIS_WORK_DIR", workDir().toString(),
                    "LMS_ANALYSIS_MASTER", "local[2]",
                    "LMS_ANALYSIS_HEAP", "1g"));
            return started;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the registry for the analysis tests: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
