package org.lmsregistry.analysis.progress;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Machine-readable progress for whoever launched the job (the registry's analysis runs): one line
 * {@code lms-progress jobs=D/S stages=D/S tasks=D/S} on standard error, at most every half second
 * and at every stage end. Enabled with {@code --conf spark.extraListeners=} this class; the jobs
 * themselves do not know about it. Spark discovers stages as it goes, so the totals grow: the
 * counts say how much work is done, not how much is left.
 */
public final class ProgressLines extends SparkListener {

    /** The prefix of every progress line. */
    public static final String PREFIX = "lms-progress";

    private static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private final AtomicInteger jobsStarted = new AtomicInteger();
    private final AtomicInteger jobsDone = new AtomicInteger();
    private final AtomicInteger stagesSubmitted = new AtomicInteger();
    private final AtomicInteger stagesDone = new AtomicInteger();
    private final AtomicLong tasksSubmitted = new AtomicLong();
    private final AtomicLong tasksDone = new AtomicLong();
    private final AtomicLong lastPrinted = new AtomicLong(System.nanoTime() - MIN_INTERVAL_NANOS);
    private final PrintStream out;

    public ProgressLines() {
        this(System.err);
    }

    ProgressLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        jobsStarted.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        jobsDone.incrementAndGet();
        print(true);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
        stagesSubmitted.incrementAndGet();
        tasksSubmitted.addAndGet(stageSubmitted.stageInfo().numTasks());
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
        stagesDone.incrementAndGet();
        print(true);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        tasksDone.incrementAndGet();
        print(false);
    }

    private void print(boolean always) {
        long now = System.nanoTime();
        long last = lastPrinted.get();
        if (!always && now - last < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrinted.set(now);
        String line = line(jobsDone.get(), jobsStarted.get(), stagesDone.get(), stagesSubmitted.get(),
                tasksDone.get(), tasksSubmitted.get());
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    static String line(int jobsDone, int jobs, int stagesDone, int stages, long tasksDone, long tasks) {
        return PREFIX + " jobs=" + jobsDone + "/" + jobs + " stages=" + stagesDone + "/" + stages + " tasks="
                + Math.min(tasksDone, tasks) + "/" + tasks;
    }
}
