package org.lmsregistry.analysis.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.lmsregistry.analysis.jobs.AdherenceJob;
import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.AssociationsJob;
import org.lmsregistry.analysis.jobs.DescribeJob;
import org.lmsregistry.analysis.jobs.SurvivalJob;
import org.lmsregistry.analysis.jobs.YieldJob;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.spark.DriverJvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Several analyses in one Spark session: the source is read and the cohort's patient table built once
 * (cached), then each job aggregates and writes its usual output folder, {@code <out>/<job>/}. The
 * results are those of the separate job commands with the same options; only the timings differ.
 */
@Command(name = "analyse", mixinStandardHelpOptions = true,
        description = {"Runs several analyses in one Spark session: reads the source once, builds the cohort's "
                + "patient table once, then runs each job and writes its usual output to <out>/<job>/ (result.json, "
                + "CSV tables, report.html) with the same results as the job's own command. Timings per job are in "
                + "each result.json (provenance.timings) and in <out>/analyse.json.",
                "Jobs: " + AnalyseCommand.ALL + " (default: all, in this order). Their options are those of the "
                        + "separate commands; --max-years applies to survival and adherence."},
        footer = {"", "Examples:", "  analyse --source snapshots/2025-01 --out results/all",
                "  analyse --source snap/ --out res/ --jobs describe,survival --endpoint death --min-cell 11"})
public final class AnalyseCommand extends AnalysisCommand {

    static final String ALL = "describe,associations,yield,survival,adherence";

    @Option(names = "--jobs", paramLabel = "JOB", split = ",", defaultValue = ALL,
            description = "The analyses to run, in order (default ${DEFAULT-VALUE}).")
    List<String> jobs;

    @Mixin
    AssociationsOptions associations;

    @Mixin
    SurvivalOptions survival;

    @Option(names = "--max-years", paramLabel = "YEARS", defaultValue = "10",
            description = "Length of the survival curves and yearly tables, and of the adherence count after primary "
                    + "treatment (default ${DEFAULT-VALUE}).")
    int maxYears;

    /** One job to run: its name, parameters for the provenance and the analysis. */
    private record Job(String name, Map<String, Object> parameters, Function<AnalysisContext, AnalysisResult> run) {
    }

    @Override
    protected String job() {
        return "analyse";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    protected AnalysisResult analyse(AnalysisContext context) {
        throw new UnsupportedOperationException("analyse runs several jobs, see call()");
    }

    @Override
    public Integer call() {
        // every option and output folder is checked before anything is read or written
        List<Job> planned = plan();
        for (Job j : planned) {
            Path folder = out.resolve(j.name());
            if (!overwrite && Files.exists(folder) && !isEmptyFolder(folder)) {
                throw new IllegalArgumentException("output folder " + folder + " exists and is not empty (use "
                        + "--overwrite to replace it)");
            }
        }
        Session session = open(job(), planned.stream().map(Job::name).toList());
        Map<String, Object> seconds = new LinkedHashMap<>();
        try {
            for (Job j : planned) {
                seconds.put(j.name(), round(runJob(session, j.name(), j.parameters(), j.run(), out.resolve(j.name()))));
            }
        } finally {
            session.close();
        }
        double afterSessionUp = (System.nanoTime() - session.sessionUpNanos()) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("jobs", session.jobs());
        summary.put("sessionStartSeconds", round((session.sessionUpNanos() - session.startNanos()) / 1e9));
        summary.put("readSeconds", round(session.readSeconds()));
        summary.put("cohortSeconds", round(session.cohortSeconds()));
        summary.put("jobSeconds", seconds);
        summary.put("secondsAfterSessionUp", round(afterSessionUp));
        // the timings depend on the JVM (its collector above all), so it is recorded with them
        summary.put("jvm", DriverJvm.describe());
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("analyse.json").toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var o = spec.commandLine().getOut();
        o.printf("analyse: read %.1f s, cohort %.1f s, jobs %s; %.1f s after the Spark session was up%n",
                session.readSeconds(), session.cohortSeconds(), seconds, afterSessionUp);
        o.flush();
        return 0;
    }

    private List<Job> plan() {
        List<Job> planned = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String name : jobs) {
            String n = name.trim();
            if (seen.contains(n)) {
                throw new IllegalArgumentException("--jobs names " + n + " twice");
            }
            seen.add(n);
            planned.add(switch (n) {
                case "describe" -> new Job(n, Map.of(), DescribeJob::run);
                case "associations" -> {
                    AssociationsJob.Options a = associations.options();
                    yield new Job(n, a.describe(), c -> AssociationsJob.run(c, a));
                }
                case "yield" -> new Job(n, Map.of(), YieldJob::run);
                case "survival" -> {
                    SurvivalJob.Options s = survival.options(maxYears);
                    yield new Job(n, s.describe(), c -> SurvivalJob.run(c, s));
                }
                case "adherence" -> new Job(n, AdherenceCommand.parameters(maxYears),
                        c -> AdherenceJob.run(c, maxYears));
                default -> throw new IllegalArgumentException("--jobs: unknown job '" + n + "'; the jobs are " + ALL);
            });
        }
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("--jobs names no job; the jobs are " + ALL);
        }
        return planned;
    }

    private static boolean isEmptyFolder(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
