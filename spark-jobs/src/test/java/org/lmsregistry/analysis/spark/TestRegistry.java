package org.lmsregistry.analysis.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.lmsregistry.model.synthetic.CohortSettings;

/**
 * The small synthetic registry the tests share, generated once per JVM: 3,000 patients at 5 sites,
 * in memory, as an interchange CSV folder and as a Parquet snapshot under {@code target/test-registry}.
 */
public final class TestRegistry {

    public static final CohortSettings SETTINGS = CohortSettings.ofTotal(20240607L, 5, 3000);

    private static RegistryData data;
    private static org.lmsregistry.analysis.cohort.Cohort allPatients;
    private static Path folder;

    private TestRegistry() {
    }

    /** The registry in memory (cached Spark tables). */
    public static synchronized RegistryData data() {
        if (data == null) {
            data = SyntheticRegistry.generate(TestSpark.session(), SETTINGS, 4);
        }
        return data;
    }

    /**
     * The cohort of every patient of the registry, selected once per JVM and kept cached like the data: test
     * classes that only read it share it (and must not release it).
     */
    public static synchronized org.lmsregistry.analysis.cohort.Cohort allPatients() {
        if (allPatients == null) {
            allPatients = org.lmsregistry.analysis.cohort.Cohort.select(data(),
                    org.lmsregistry.analysis.cohort.CohortDefinition.all());
        }
        return allPatients;
    }

    /**
     * A new analysis context over {@link #allPatients()} with the defaults (minimum cell 5, 95% intervals), for
     * test classes that call a job's aggregation directly (each gets its own, so timings are not shared).
     */
    public static org.lmsregistry.analysis.jobs.AnalysisContext allPatientsContext() {
        return new org.lmsregistry.analysis.jobs.AnalysisContext(TestSpark.session(), data(), allPatients(), 5, 0.95);
    }

    /** A fresh folder under target/ for one test. */
    public static Path newFolder(String name) {
        try {
            Path base = Paths.get("target", "test-work").toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static synchronized Path folder() {
        if (folder == null) {
            folder = newFolder("registry");
            InterchangeWriter.write(data(), folder.resolve("csv").toString());
            Snapshots.write(data(), folder.resolve("snapshot").toString(), 2, java.util.Map.of("test", true));
        }
        return folder;
    }

    /** The registry as an interchange CSV folder. */
    public static Path csvFolder() {
        return folder().resolve("csv");
    }

    /** The registry as a Parquet snapshot. */
    public static Path snapshotFolder() {
        return folder().resolve("snapshot");
    }
}
