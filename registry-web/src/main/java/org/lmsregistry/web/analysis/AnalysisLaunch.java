package org.lmsregistry.web.analysis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.lmsregistry.web.application.InvalidInputException;

/**
 * One run, from the queue to its stored results: snapshot the registry into a private work folder,
 * run the job on the snapshot with the cohort and parameters, store what it wrote, remove the
 * folder. Runs on a managed executor thread; reads its children's output as they go (progress and
 * log tail), and stops them on cancellation or timeout.
 */
final class AnalysisLaunch {

    private static final Logger LOG = Logger.getLogger(AnalysisLaunch.class.getName());
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final AnalysisRunJournal.Claimed run;
    private final AnalysisSettings settings;
    private final AnalysisRunJournal journal;
    private final ScheduledExecutorService timer;
    private final JobProgress progress = new JobProgress();
    private final LogTail tail = new LogTail();

    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile boolean abandoned;
    private volatile Process child;
    private long lastProgressWrite;

    AnalysisLaunch(AnalysisRunJournal.Claimed run, AnalysisSettings settings, AnalysisRunJournal journal,
            ScheduledExecutorService timer) {
        this.run = run;
        this.settings = settings;
        this.journal = journal;
        this.timer = timer;
    }

    long runId() {
        return run.id();
    }

    /** Stops the children; the run is then recorded as cancelled. */
    void cancel() {
        cancelled = true;
        stopChild();
    }

    /** The server is stopping: stop the children, record nothing (the next start marks the run interrupted). */
    void abandon() {
        abandoned = true;
        stopChild();
    }

    void run() {
        Path dir = settings.workDir().resolve("run-" + run.id());
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            timedOut = true;
            stopChild();
        }, settings.timeoutMinutes(), TimeUnit.MINUTES);
        try {
            execute(dir);
        } catch (InvalidInputException e) {
            if (!abandoned) {
                journal.failed(run.id(), e.getMessage(), tail.toString());
            }
        } catch (Exception e) {
            if (abandoned) {
                return;
            }
            LOG.log(Level.WARNING, "analysis run " + run.id() + " failed in the launcher", e);
            tail.add("launcher: " + e);
            journal.failed(run.id(), "the launcher failed: " + e.getMessage(), tail.toString());
        } finally {
            deadline.cancel(false);
            deleteQuietly(dir);
        }
    }

    private void execute(Path dir) throws IOException, InterruptedException {
        var unavailable = settings.unavailableReason();
        if (unavailable.isPresent()) {
            journal.failed(run.id(), unavailable.get(), "");
            return;
        }
        AnalysisRequest request = AnalysisRequest.of(run.kind(), run.parameters(), run.cohort());
        AnalysisCommandLine commands = settings.commandLine();
        deleteQuietly(dir);
        Files.createDirectories(dir.getParent());
        // owner only: the snapshot is the whole pooled registry
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path cohortFile = dir.resolve("cohort.json");
        Files.writeString(cohortFile, request.cohort().toString(), StandardCharsets.UTF_8);
        Path snapshot = dir.resolve("snapshot");
        Path out = dir.resolve("out");

        step(JobProgress.Step.SNAPSHOT);
        int exit = runChild(commands.snapshot(settings.databaseUrl(), snapshot), dir, true);
        if (ended("the snapshot of the registry", exit)) {
            return;
        }
        step(JobProgress.Step.ANALYSIS);
        exit = runChild(commands.analysis(request.kind(), snapshot, cohortFile, out, request.jobOptions()), dir, false);
        if (ended("the " + request.kind().job() + " job", exit)) {
            return;
        }
        step(JobProgress.Step.STORING);
        journal.succeeded(run.id(), AnalysisOutputs.read(out), tail.toString());
    }

    /** Records a cancellation, a timeout or a failed child; false when the child succeeded. */
    private boolean ended(String what, int exit) {
        if (abandoned) {
            return true;
        }
        if (cancelled || journal.cancelRequested(run.id())) {
            journal.cancelled(run.id(), tail.toString());
            return true;
        }
        if (timedOut) {
            journal.failed(run.id(), what + " took longer than lms.analysis.timeout-minutes ("
                    + settings.timeoutMinutes() + ") and was stopped", tail.toString());
            return true;
        }
        if (exit != 0) {
            journal.failed(run.id(), what + " failed with exit code " + exit
                    + (exit == 2 ? " (bad input: see the log)" : " (see the log)"), tail.toString());
            return true;
        }
        return false;
    }

    private void step(JobProgress.Step step) {
        progress.begin(step);
        journal.progressed(run.id(), step, progress.percent());
        lastProgressWrite = System.nanoTime();
    }

    private int runChild(List<String> command, Path dir, boolean withDatabaseAccount)
            throws IOException, InterruptedException {
        if (cancelled || timedOut) {
            return -1;
        }
        tail.add("$ " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        // the account goes through the environment (readable by this user only), never the command line
        env.remove("LMS_DB_USER");
        env.remove("LMS_DB_PASSWORD");
        env.remove("PGPASSWORD");
        if (withDatabaseAccount) {
            env.put("LMS_DB_USER", settings.databaseUser());
            env.put("LMS_DB_PASSWORD", settings.databasePassword());
        }
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = builder.start();
        child = p;
        if (cancelled || timedOut) {
            stopChild();
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(dir.resolve("run.log"), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                if (line.startsWith("lms-progress")) {
                    if (progress.accept(line) && System.nanoTime() - lastProgressWrite > PROGRESS_INTERVAL_NANOS) {
                        journal.progressed(run.id(), progress.step(), progress.percent());
                        lastProgressWrite = System.nanoTime();
                    }
                } else {
                    tail.add(line);
                }
            }
        }
        int exit = p.waitFor();
        tail.add("(exit code " + exit + ")");
        return exit;
    }

    /** SIGTERM to the child and everything it started (spark-submit starts a JVM), SIGKILL after 20 s. */
    private void stopChild() {
        Process p = child;
        if (p == null || !p.isAlive()) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        timer.schedule(() -> all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
                20, TimeUnit.SECONDS);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "could not delete " + p, e);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the work folder " + dir, e);
        }
    }
}
