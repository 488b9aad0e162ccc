package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs for which R errors or returns NaN: here a clear exception or a flagged result. */
class StrataEdgeCasesTest {

    @Test
    void strataWithoutInformationGiveClearErrors() {
        assertThatThrownBy(() -> MantelHaenszelTest.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one stratum");
        assertThatThrownBy(() -> MantelHaenszelTest.of(List.of(TwoByTwoTable.of(1, 0, 0, 0), TwoByTwoTable.of(0, 0, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 subjects");
        assertThatThrownBy(() -> MantelHaenszelTest.of(List.of(TwoByTwoTable.of(3, 4, 0, 0), TwoByTwoTable.of(0, 5, 0, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero row or column total");
        assertThatThrownBy(() -> BreslowDayTest.of(List.of(TwoByTwoTable.of(3, 4, 5, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 strata");
        assertThatThrownBy(() -> BreslowDayTest.of(List.of(TwoByTwoTable.of(3, 0, 5, 6), TwoByTwoTable.of(3, 0, 0, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odds ratio is Infinity");
        assertThatThrownBy(() -> DerSimonianLairdMetaAnalysis.of(List.of(TwoByTwoTable.of(3, 4, 5, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 sites");
        assertThatThrownBy(() -> DerSimonianLairdMetaAnalysis.ofEstimates(new double[] {0.1, 0.2},
                new double[] {0.1, 0}, 0.95)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variance 2");
    }

    @Test
    void identicalSitesHaveNoHeterogeneity() {
        TwoByTwoTable t = TwoByTwoTable.of(12, 8, 6, 14);
        DerSimonianLairdMetaAnalysis.Result dl = DerSimonianLairdMetaAnalysis.of(List.of(t, t, t));
        assertThat(dl.q()).isLessThan(1e-20);
        assertThat(dl.tauSquared()).isZero();
        assertThat(dl.iSquaredPercent()).isZero();
        assertThat(dl.hSquared()).isEqualTo(1.0);
        assertThat(dl.pooledLogOddsRatio()).isCloseTo(WoolfOddsRatio.of(t).logOddsRatio(),
                org.assertj.core.data.Offset.offset(1e-12));
        BreslowDayTest.Result bd = BreslowDayTest.of(List.of(t, t, t));
        assertThat(bd.statistic()).isLessThan(1e-20);
        assertThat(bd.pValue()).isEqualTo(1.0);
    }

    @Test
    void zeroOddsRatioIsFlaggedNotNaN() {
        MantelHaenszelTest.Result mh = MantelHaenszelTest.of(List.of(TwoByTwoTable.of(0, 5, 4, 3), TwoByTwoTable.of(0, 6, 2, 2)));
        assertThat(mh.oddsRatio()).isZero();
        assertThat(mh.confidenceIntervalDefined()).isFalse();
        assertThat(mh.lower()).isZero();
        assertThat(mh.upper()).isInfinite();
        assertThat(mh.pValue()).isBetween(0.0, 1.0);
    }
}
