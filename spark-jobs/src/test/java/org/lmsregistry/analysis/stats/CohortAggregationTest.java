package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The realistic multi-site data set (5 sites, 400 patients, {@code fixtures/cohort.csv}) taken from
 * patient rows to results in Java, as the engine will do after Spark's aggregation: the counts must be
 * R's counts, and every result R's result.
 */
class CohortAggregationTest {

    private static final Dataset COHORT = Dataset.load("cohort");

    private static TwoByTwoTable table(boolean[] feature, boolean[] outcome, String[] site, String only) {
        long a = 0;
        long b = 0;
        long c = 0;
        long d = 0;
        for (int i = 0; i < feature.length; i++) {
            if (only != null && !site[i].equals(only)) {
                continue;
            }
            if (feature[i]) {
                if (outcome[i]) {
                    a++;
                } else {
                    b++;
                }
            } else if (outcome[i]) {
                c++;
            } else {
                d++;
            }
        }
        return TwoByTwoTable.of(a, b, c, d);
    }

    @Test
    void pooledTableMatchesRAndItsResults() {
        RReference r = RReference.load("two_by_two");
        TwoByTwoTable t = table(COHORT.flags("necrosis"), COHORT.flags("recurrence_2y"), COHORT.strings("site"), null);
        long[] expected = r.counts("cohort_necrosis", "table");
        assertThat(new long[] {t.a(), t.b(), t.c(), t.d()}).containsExactly(expected);
        assertThat(t.total()).isEqualTo(400);
        AgreesWithR.exact("cohort Fisher p", FisherExactTest.of(t).pValue(), r.scalar("cohort_necrosis", "fisher.p"));
        AgreesWithR.relative("cohort Woolf OR", WoolfOddsRatio.of(t).estimate(),
                r.scalar("cohort_necrosis", "woolf.estimate"));
    }

    @Test
    void siteTablesMatchRAndPooledResultsAgree() {
        RReference r = RReference.load("strata");
        String[] site = COHORT.strings("site");
        List<TwoByTwoTable> sites = new ArrayList<>();
        for (String s : new TreeMap<String, Integer>(java.util.Arrays.stream(site)
                .collect(java.util.stream.Collectors.toMap(x -> x, x -> 1, Integer::sum))).keySet()) {
            sites.add(table(COHORT.flags("necrosis"), COHORT.flags("recurrence_2y"), site, s));
        }
        assertThat(sites).containsExactlyElementsOf(StrataAgainstRTest.strata(r, "cohort_sites"));
        MantelHaenszelTest.Result mh = MantelHaenszelTest.of(sites);
        AgreesWithR.relative("cohort MH OR", mh.oddsRatio(), r.scalar("cohort_sites", "mh.estimate"));
        AgreesWithR.relative("cohort BD", BreslowDayTest.of(sites).statistic(),
                r.scalar("cohort_sites", "breslow_day.statistic"));
        AgreesWithR.relative("cohort DL", DerSimonianLairdMetaAnalysis.of(sites).pooledLogOddsRatio(),
                r.scalar("cohort_sites", "dl.estimate"));
        // the site-stratified estimate is close to, but not the same as, the pooled one
        TwoByTwoTable pooled = table(COHORT.flags("necrosis"), COHORT.flags("recurrence_2y"), site, null);
        assertThat(mh.oddsRatio()).isNotEqualTo(WoolfOddsRatio.of(pooled).estimate());
    }
}
