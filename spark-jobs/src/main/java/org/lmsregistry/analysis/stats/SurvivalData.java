package org.lmsregistry.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Validation and ordering shared by the time-to-event methods. */
final class SurvivalData {

    private SurvivalData() {
    }

    static void check(double[] time, boolean[] event) {
        if (time.length != event.length) {
            throw new IllegalArgumentException(time.length + " times but " + event.length + " event indicators");
        }
        if (time.length == 0) {
            throw new IllegalArgumentException("no subjects");
        }
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i]) || time[i] < 0) {
                throw new IllegalArgumentException("follow-up time of subject " + (i + 1)
                        + " must be finite and >= 0, got " + time[i]);
            }
        }
    }

    static void checkGroups(int n, String[] group) {
        if (group.length != n) {
            throw new IllegalArgumentException(n + " subjects but " + group.length + " group labels");
        }
        for (int i = 0; i < n; i++) {
            if (group[i] == null) {
                throw new IllegalArgumentException("group label of subject " + (i + 1) + " is missing");
            }
        }
    }

    /** Indices in increasing order of time. */
    static int[] byTime(double[] time) {
        return IntStream.range(0, time.length).boxed()
                .sorted(Comparator.comparingDouble(i -> time[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    static String[] sortedLevels(String[] group) {
        return Arrays.stream(group).distinct().sorted().toArray(String[]::new);
    }
}
