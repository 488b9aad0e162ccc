package org.lmsregistry.web.analysis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progress of a run from its children's output. A run has two steps, the snapshot (first third)
 * and the analysis (the rest up to 95%; storing the results is the end). Inside a step, the
 * {@code lms-progress ... tasks=done/submitted} lines of the spark-jobs listener give the share of
 * Spark tasks done. Spark discovers work as it goes, so that share can fall; the percentage shown
 * never goes back.
 */
public final class JobProgress {

    /** The steps of a run, with the share of the bar each covers. */
    public enum Step {
        SNAPSHOT("taking a snapshot of the registry", 0, 30),
        ANALYSIS("running the analysis", 30, 95),
        STORING("storing the results", 95, 100);

        private final String description;
        private final int from;
        private final int to;

        Step(String description, int from, int to) {
            this.description = description;
            this.from = from;
            this.to = to;
        }

        public String description() {
            return description;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^lms-progress jobs=(\\d+)/(\\d+) stages=(\\d+)/(\\d+) tasks=(\\d+)/(\\d+)\\s*$");

    private Step step = Step.SNAPSHOT;
    private int percent;

    public Step step() {
        return step;
    }

    public int percent() {
        return percent;
    }

    /** Moves to the next step (its start is the least the bar shows from now on). */
    public void begin(Step next) {
        step = next;
        percent = Math.max(percent, next.from);
    }

    /**
     * Takes one line of the child's output.
     *
     * @return true when the percentage changed
     */
    public boolean accept(String line) {
        Optional<double[]> share = tasksDone(line);
        if (share.isEmpty()) {
            return false;
        }
        double[] t = share.get();
        double fraction = t[1] == 0 ? 0 : Math.min(1, t[0] / t[1]);
        // the last stretch of a step is reserved for its end: a finished task count is not a finished step
        int value = step.from + (int) Math.floor((step.to - step.from - 1) * fraction);
        if (value > percent) {
            percent = value;
            return true;
        }
        return false;
    }

    /** {done, submitted} tasks of a progress line, or empty for any other line. */
    static Optional<double[]> tasksDone(String line) {
        if (line == null || !line.startsWith("lms-progress")) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new double[] {Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))});
    }
}
