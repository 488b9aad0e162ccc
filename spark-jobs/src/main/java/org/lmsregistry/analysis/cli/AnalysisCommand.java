package org.lmsregistry.analysis.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.Software;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.CohortDefinition;
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
            description = "Cohort definition (JSON, see docs/cohort-definition.md); default: every patient.")
    Path cohortFile;

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
        Session session = open(job(), List.of(job()));
        try {
            runJob(session, job(), parameters(), this::analyse, out);
        } finally {
            session.close();
        }
        return 0;
    }

    /** The registry read and the cohort selected, once, for one or more jobs in one Spark session. */
    protected record Session(SparkSession spark, RegistryData data, Cohort cohort, CohortDefinition definition,
            SurveillanceStudies surveillanceStudies, long startNanos, long sessionUpNanos, double readSeconds,
            double cohortSeconds, List<String> jobs) {
        void close() {
            surveillanceStudies.release();
            cohort.release();
        }
    }

    /** The jobs that read the surveillance studies: when two or more of them run, the studies may be cached once. */
    static final List<String> SURVEILLANCE_READERS = List.of("describe", "yield", "adherence");

    /** Checks the common options, starts (or joins) the Spark session, reads the source, selects the cohort. */
    protected Session open(String appName, List<String> jobs) {
        if (minCell < 2) {
            throw new IllegalArgumentException("--min-cell must be 2 or more, was " + minCell);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("--confidence must be between 0 and 1, was " + confidence);
        }
        CohortDefinition definition = cohortFile == null ? CohortDefinition.all() : CohortDefinition.read(cohortFile);
        long start = System.nanoTime();
        SparkSession spark = sparkOptions.session(appName);
        long up = System.nanoTime();
        DriverJvm.collectorNote(SparkSessions.master(spark), DriverJvm.collectors()).ifPresent(note -> {
            spec.commandLine().getErr().println(note);
            spec.commandLine().getErr().flush();
        });
        RegistryData data = RegistrySources.read(spark, source, verifyChecksum);
        long t = System.nanoTime();
        double readSeconds = (t - start) / 1e9;
        Cohort cohort = Cohort.select(data, definition);
        double cohortSeconds = (System.nanoTime() - t) / 1e9;
        SurveillanceStudies studies = SurveillanceStudies.forJobs(data, cohort,
                jobs.stream().filter(SURVEILLANCE_READERS::contains).count());
        return new Session(spark, data, cohort, definition, studies, start, up, readSeconds, cohortSeconds,
                List.copyOf(jobs));
    }

    /**
     * Runs one job on an open session and writes its output folder; returns the seconds of its analysis
     * (Spark aggregation and statistics) and writing.
     */
    protected double runJob(Session session, String job, Map<String, Object> params,
            Function<AnalysisContext, AnalysisResult> analysis, Path jobOut) {
        AnalysisContext context = new AnalysisContext(session.spark(), session.data(), session.cohort(), minCell,
                confidence, session.surveillanceStudies());
        long t = System.nanoTime();
        AnalysisResult result = analysis.apply(context);
        double analysisSeconds = (System.nanoTime() - t) / 1e9;

        Map<String, Object> provenance = provenance(job, session.spark(), session.data(), session.cohort(), context,
                params, cohortFile == null ? null : cohortFile.toString());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("readSeconds", round(session.readSeconds()));
        timings.put("cohortSeconds", round(session.cohortSeconds()));
        timings.put("analysisSeconds", round(analysisSeconds));
        timings.putAll(context.timings());
        if (session.jobs().size() > 1) {
            // read and cohort were done once for all of these jobs (the analyse command)
            timings.put("sharedBy", session.jobs());
        }
        provenance.put("timings", timings);
        ResultWriter.write(result, provenance, jobOut, overwrite);
        double seconds = (System.nanoTime() - t) / 1e9;
        var o = spec.commandLine().getOut();
        o.printf("%s: %s patients in cohort '%s', %d estimates, %d tables -> %s (%.1f s)%n", job,
                context.suppression().show(session.cohort().size()).text(), session.definition().name(),
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
