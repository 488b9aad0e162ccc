package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The primitive sort by time gives the order of a stable sort by {@link Double#compare}. */
class SurvivalDataTest {

    private static int[] stableByTime(double[] time) {
        return IntStream.range(0, time.length).boxed().sorted(Comparator.comparingDouble(i -> time[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void ordersByTimeAndTiedTimesByIndex() {
        Random random = new Random(20261122L);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(2000);
            double[] time = new double[n];
            for (int i = 0; i < n; i++) {
                // many ties (whole days), some fractions, zeros of both signs
                int kind = random.nextInt(10);
                time[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? random.nextDouble() * 100
                        : random.nextInt(60);
            }
            assertThat(SurvivalData.byTime(time)).isEqualTo(stableByTime(time));
        }
        assertThat(SurvivalData.byTime(new double[] {3, 1, 2, 1, 0.5})).containsExactly(4, 1, 3, 2, 0);
    }
}
