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
 * With several {@code --cohort} files (a main analysis and its sensitivity analyses), the source is read
 * and the registry's patient table built once for all of them, and each cohort's jobs write to
 * {@code <out>/<cohort file name>/<job>/}.
 */
@Command(name = "analyse", mixinStandardHelpOptions = true,
        description = {"Runs several analyses in one Spark session: reads the source once, builds the cohort's "
                + "patient table once, then runs each job and writes its usual output to <out>/<job>/ (result.json, "
                + "CSV tables, report.html) with the same results as the job's own command. Timings per job are in "
                + "each result.json (provenance.timings) and in <out>/analyse.json.",
                "Jobs: " + AnalyseCommand.ALL + " (default: all, in this order). Their options are those of the "
                        + "separate commands; --max-years applies to survival and adherence.",
                "Several --cohort files run one after another in the same session (the source read once): each "
                        + "cohort's output goes to <out>/<cohort file name without .json>/<job>/."},
        footer = {"", "Examples:", "  analyse --source snapshots/2025-01 --out results/all",
                "  analyse --source snap/ --out res/ --jobs describe,survival --endpoint death --min-cell 11",
                "  analyse --source snap/ --out res/ --cohort main.json --cohort without-site-x.json"})
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
        List<PlannedCohort> cohorts = plannedCohorts();
        for (PlannedCohort c : cohorts) {
            for (Job j : planned) {
                refuseFilledFolder(c.out().resolve(j.name()));
            }
        }
        List<String> jobNames = planned.stream().map(Job::name).toList();
        Session session = open(job());
        try {
            for (PlannedCohort c : cohorts) {
                analyse(session, c, planned, jobNames);
            }
        } finally {
            session.close();
        }
        return 0;
    }

    /** Runs the jobs on one cohort of the session and writes their folders and {@code analyse.json}. */
    private void analyse(Session session, PlannedCohort c, List<Job> planned, List<String> jobNames) {
        CohortRun run = session.select(c, jobNames);
        Map<String, Object> seconds = new LinkedHashMap<>();
        try {
            for (Job j : planned) {
                seconds.put(j.name(), round(runJob(run, j.name(), j.parameters(), j.run(), c.out().resolve(j.name()))));
            }
        } finally {
            run.close();
        }
        long end = System.nanoTime();
        double afterSessionUp = (end - session.sessionUpNanos()) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("jobs", jobNames);
        summary.put("sessionStartSeconds", round((session.sessionUpNanos() - session.startNanos()) / 1e9));
        summary.put("readSeconds", round(session.readSeconds()));
        summary.put("cohortSeconds", round(run.cohortSeconds()));
        summary.put("jobSeconds", seconds);
        summary.put("secondsAfterSessionUp", round(afterSessionUp));
        if (session.cohorts() > 1) {
            summary.put("cohortsInSession", session.cohorts());
            summary.put("cohortSetSeconds", round((end - run.startNanos()) / 1e9));
        }
        // the timings depend on the JVM (its collector above all), so it is recorded with them
        summary.put("jvm", DriverJvm.describe());
        try {
            Files.createDirectories(c.out());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(c.out().resolve("analyse.json").toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var o = spec.commandLine().getOut();
        if (session.cohorts() > 1) {
            o.printf("analyse '%s': cohort %.1f s, jobs %s; %.1f s for this cohort, %.1f s after the Spark session was "
                    + "up%n", c.definition().name(), run.cohortSeconds(), seconds, (end - run.startNanos()) / 1e9,
                    afterSessionUp);
        } else {
            o.printf("analyse: read %.1f s, cohort %.1f s, jobs %s; %.1f s after the Spark session was up%n",
                    session.readSeconds(), run.cohortSeconds(), seconds, afterSessionUp);
        }
        o.flush();
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
}
