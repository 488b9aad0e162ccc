package org.lmsregistry.analysis.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.Software;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.CohortDefinition;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.SurveillanceStudies;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.ResultWriter;
import org.lmsregistry.analysis.spark.DriverJvm;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.RegistrySources;
import org.lmsregistry.analysis.spark.SparkSessions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every analysis command does: read the source, select the cohort, run the analysis, write
 * {@code result.json}, the CSV tables and {@code report.html} with the provenance.
 */
public abstract class AnalysisCommand implements Callable<Integer> {

    @Option(names = "--source", paramLabel = "FOLDER", required = true,
            description = "A Parquet snapshot folder (with manifest.json) or an interchange CSV folder.")
    String source;

    @Option(names = "--cohort", paramLabel = "FILE",
            description = "Cohort definition (JSON, see docs/cohort-definition.md); default: every patient. Give it "
                    + "several times to analyse several cohorts in one Spark session (the source is read once): each "
                    + "cohort's output then goes to <out>/<file name without .json>/.")
    List<Path> cohortFiles = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FOLDER", required = true,
            description = "Output folder for result.json, the CSV tables and report.html (must not exist or be "
                    + "empty, unless --overwrite).")
    Path out;

    @Option(names = "--min-cell", paramLabel = "K", defaultValue = "5",
            description = "Disclosure control: counts from 1 to K-1 are shown as <K (default ${DEFAULT-VALUE}).")
    int minCell;

    @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
            description = "Confidence level of every interval (default ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--verify-checksum",
            description = "Recompute a snapshot's checksum from its rows and stop if it differs from the manifest.")
    boolean verifyChecksum;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The job's name ({@code associations}, ...). */
    protected abstract String job();

    /** The job's own parameters, for the provenance. */
    protected abstract Map<String, Object> parameters();

    /** Runs the analysis. */
    protected abstract AnalysisResult analyse(AnalysisContext context);

    @Override
    public Integer call() {
        List<PlannedCohort> cohorts = plannedCohorts();
        for (PlannedCohort c : cohorts) {
            refuseFilledFolder(c.out());
        }
        Session session = open(job());
        try {
            for (PlannedCohort c : cohorts) {
                CohortRun run = session.select(c, List.of(job()));
                try {
                    runJob(run, job(), parameters(), this::analyse, c.out());
                } finally {
                    run.close();
                }
            }
        } finally {
            session.close();
        }
        return 0;
    }

    /**
     * One cohort of a run: its definition, the file it was read from (null: every patient) and its output folder
     * ({@code --out} itself, or a folder under it named after the file when the run has several cohorts).
     */
    protected record PlannedCohort(CohortDefinition definition, Path file, Path out) {
    }

    /**
     * The cohorts of the run, their definitions read and checked and their output folders named, before anything
     * is read from the source: every patient without {@code --cohort}; with several, one folder each under
     * {@code --out}, named after the file (two files of one name are refused).
     */
    protected List<PlannedCohort> plannedCohorts() {
        if (cohortFiles.isEmpty()) {
            return List.of(new PlannedCohort(CohortDefinition.all(), null, out));
        }
        if (cohortFiles.size() == 1) {
            Path f = cohortFiles.get(0);
            return List.of(new PlannedCohort(CohortDefinition.read(f), f, out));
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        List<PlannedCohort> planned = new ArrayList<>();
        for (Path f : cohortFiles) {
            String name = folderName(f);
            Path earlier = byName.putIfAbsent(name, f);
            if (earlier != null) {
                throw new IllegalArgumentException("--cohort " + earlier + " and --cohort " + f + " would both write to "
                        + out.resolve(name) + "; give the cohort files different names");
            }
            planned.add(new PlannedCohort(CohortDefinition.read(f), f, out.resolve(name)));
        }
        return planned;
    }

    /** A cohort's output folder name: its file's name without {@code .json}. */
    static String folderName(Path cohortFile) {
        String name = cohortFile.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") && name.length() > 5
                ? name.substring(0, name.length() - 5) : name;
    }

    /** Stops the run, before anything is read or written, if an output folder holds files and --overwrite is off. */
    protected void refuseFilledFolder(Path folder) {
        ResultWriter.refuseFilledFolder(folder, overwrite);
    }

    /**
     * The Spark session and the source, read once for every cohort of the run. With several cohorts, the registry's
     * patient table ({@link PatientTable}) is cached once too and each cohort selects from it.
     *
     * @param registryPatients the cached patient table the cohorts select from, or null (one cohort: it builds and
     *                         caches its own)
     */
    protected record Session(SparkSession spark, RegistryData data, Dataset<Row> registryPatients, long startNanos,
            long sessionUpNanos, double readSeconds, int cohorts) {

        /** Selects a cohort for the given jobs; its seconds count from here. */
        CohortRun select(PlannedCohort planned, List<String> jobs) {
            long t = System.nanoTime();
            Cohort cohort = registryPatients == null ? Cohort.select(data, planned.definition())
                    : Cohort.selectFromCached(registryPatients, planned.definition());
            double cohortSeconds = (System.nanoTime() - t) / 1e9;
            SurveillanceStudies studies = SurveillanceStudies.forJobs(data, cohort,
                    jobs.stream().filter(SURVEILLANCE_READERS::contains).count());
            return new CohortRun(this, planned, cohort, studies, t, cohortSeconds, List.copyOf(jobs));
        }

        void close() {
            if (registryPatients != null) {
                registryPatients.unpersist();
            }
        }
    }

    /** One cohort selected in a session, for one or more jobs. */
    protected record CohortRun(Session session, PlannedCohort planned, Cohort cohort,
            SurveillanceStudies surveillanceStudies, long startNanos, double cohortSeconds, List<String> jobs) {
        void close() {
            surveillanceStudies.release();
            cohort.release();
        }
    }

    /** The jobs that read the surveillance studies: when two or more of them run, the studies may be cached once. */
    static final List<String> SURVEILLANCE_READERS = List.of("describe", "yield", "adherence");

    /** Checks the common options, starts (or joins) the Spark session and reads the source. */
    protected Session open(String appName) {
        if (minCell < 2) {
            throw new IllegalArgumentException("--min-cell must be 2 or more, was " + minCell);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("--confidence must be between 0 and 1, was " + confidence);
        }
        int cohorts = Math.max(1, cohortFiles.size());
        long start = System.nanoTime();
        SparkSession spark = sparkOptions.session(appName);
        long up = System.nanoTime();
        DriverJvm.collectorNote(SparkSessions.master(spark), DriverJvm.collectors()).ifPresent(note -> {
            spec.commandLine().getErr().println(note);
            spec.commandLine().getErr().flush();
        });
        RegistryData data = RegistrySources.read(spark, source, verifyChecksum);
        double readSeconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> registryPatients = cohorts > 1 ? Cohort.cacheable(PatientTable.of(data)) : null;
        return new Session(spark, data, registryPatients, start, up, readSeconds, cohorts);
    }

    /**
     * Runs one job on a selected cohort and writes its output folder; returns the seconds of its analysis
     * (Spark aggregation and statistics) and writing.
     */
    protected double runJob(CohortRun run, String job, Map<String, Object> params,
            Function<AnalysisContext, AnalysisResult> analysis, Path jobOut) {
        Session session = run.session();
        AnalysisContext context = new AnalysisContext(session.spark(), session.data(), run.cohort(), minCell,
                confidence, run.surveillanceStudies());
        long t = System.nanoTime();
        AnalysisResult result = analysis.apply(context);
        double analysisSeconds = (System.nanoTime() - t) / 1e9;

        Path file = run.planned().file();
        Map<String, Object> provenance = provenance(job, session.spark(), session.data(), run.cohort(), context,
                params, file == null ? null : file.toString());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("readSeconds", round(session.readSeconds()));
        timings.put("cohortSeconds", round(run.cohortSeconds()));
        timings.put("analysisSeconds", round(analysisSeconds));
        timings.putAll(context.timings());
        if (run.jobs().size() > 1) {
            // read and cohort were done once for all of these jobs (the analyse command)
            timings.put("sharedBy", run.jobs());
        }
        if (session.cohorts() > 1) {
            // the source was read once for the session's cohorts; later cohorts ran in a warmed-up JVM
            timings.put("cohortsInSession", session.cohorts());
        }
        provenance.put("timings", timings);
        ResultWriter.write(result, provenance, jobOut, overwrite);
        double seconds = (System.nanoTime() - t) / 1e9;
        var o = spec.commandLine().getOut();
        o.printf("%s: %s patients in cohort '%s', %d estimates, %d tables -> %s (%.1f s)%n", job,
                context.suppression().show(run.cohort().size()).text(), run.planned().definition().name(),
                result.estimates().size(), result.tables().size(), jobOut, (System.nanoTime() - session.startNanos()) / 1e9);
        for (String w : result.warnings()) {
            o.println("  warning: " + w);
        }
        o.flush();
        return seconds;
    }

    /** The provenance block of result.json. */
    public static Map<String, Object> provenance(String job, SparkSession spark, RegistryData data, Cohort cohort,
            AnalysisContext context, Map<String, Object> parameters, String cohortFile) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("analysis", job);
        p.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("software", Software.describe());
        p.put("snapshotChecksum", data.checksum());
        p.put("source", data.source().describe());
        Map<String, Object> c = cohort.describe(context.suppression());
        if (cohortFile != null) {
            c.put("file", cohortFile);
        }
        p.put("cohort", c);
        p.put("parameters", parameters);
        p.put("confidenceLevel", context.confidenceLevel());
        Map<String, Object> disclosure = new LinkedHashMap<>();
        disclosure.put("minCell", context.minCell());
        disclosure.put("method", "small-cell suppression: counts 1 to k-1 shown as <k, with complementary suppression "
                + "(x) in tables with totals (SmallCellSuppression)");
        p.put("disclosure", disclosure);
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put("master", SparkSessions.master(spark));
        sp.put("defaultParallelism", spark.sparkContext().defaultParallelism());
        p.put("spark", sp);
        return p;
    }

    static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
