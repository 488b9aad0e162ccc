package org.lmsregistry.analysis.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Patterns counted with a further key (the site) are merged into the model's patterns, counts summed. */
class CovariatePatternsMergeTest {

    @Test
    void equalPatternsAtSeveralSitesBecomeOneInSortedOrder() {
        // (outcome, x, size): the pattern (true, 1, 2.5) at three sites, (false, 0, NaN) at two
        double[] x = {1, 0, 1, 0, 1, 0, 1};
        double[] size = {2.5, Double.NaN, 2.5, 3.0, 2.5, Double.NaN, 4.0};
        boolean[] y = {true, false, true, false, true, false, false};
        long[] n = {4, 7, 1, 5, 2, 3, 6};
        CovariatePatterns merged = new CovariatePatterns(List.of("x", "size"), new double[][] {x, size}, y, n)
                .merged();
        assertThat(merged.size()).isEqualTo(4);
        assertThat(merged.outcomes()).containsExactly(false, false, false, true);
        assertThat(merged.values(0)).containsExactly(0, 0, 1, 1);
        assertThat(merged.values(1)).usingElementComparator(Double::compare).containsExactly(3.0, Double.NaN, 4.0,
                2.5);
        assertThat(merged.counts()).containsExactly(5, 10, 6, 7);
        // already distinct: unchanged
        CovariatePatterns again = merged.merged();
        assertThat(again.counts()).containsExactly(merged.counts());
    }

    @Test
    void theFitOnMergedPatternsIsTheFitOnThePatients() {
        double[] x = {1, 0, 1, 0, 1, 0, 1, 0};
        double[] size = {2.5, 3.5, 2.5, 3.0, 6.0, 3.5, 4.0, 9.0};
        boolean[] y = {true, false, true, false, true, false, false, true};
        long[] n = {4, 7, 1, 5, 2, 3, 6, 2};
        Map<String, Boolean> binary = Map.of("x", true);
        CovariatePatterns bySite = new CovariatePatterns(List.of("x", "size"), new double[][] {x, size}, y, n);
        // the same patients as distinct patterns, counted without the site
        CovariatePatterns distinct = new CovariatePatterns(List.of("x", "size"),
                new double[][] {{1, 0, 0, 1, 1, 0}, {2.5, 3.5, 3.0, 6.0, 4.0, 9.0}},
                new boolean[] {true, false, false, true, false, true}, new long[] {5, 10, 5, 2, 6, 2});
        assertThat(bySite.merged().fit(List.of("x", "size"), binary, 0.95).fit())
                .isEqualTo(distinct.fit(List.of("x", "size"), binary, 0.95).fit());
    }
}
