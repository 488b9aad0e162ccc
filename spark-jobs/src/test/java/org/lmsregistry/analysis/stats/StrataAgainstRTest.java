package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mantel-Haenszel, Breslow-Day and DerSimonian-Laird against {@code r/strata.R}. */
class StrataAgainstRTest {

    private static final RReference R = RReference.load("strata");

    static Stream<String> sets() {
        return R.cases().stream();
    }

    static List<TwoByTwoTable> strata(RReference ref, String name) {
        long[] cells = ref.counts(name, "cells");
        List<TwoByTwoTable> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i += 4) {
            out.add(TwoByTwoTable.of(cells[i], cells[i + 1], cells[i + 2], cells[i + 3]));
        }
        assertThat(out).hasSize((int) ref.count(name, "strata"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void mantelHaenszel(String name) {
        List<TwoByTwoTable> strata = strata(R, name);
        MantelHaenszelTest.Result mh = MantelHaenszelTest.of(strata);
        AgreesWithR.relative(name + " X2", mh.chiSquare(), R.scalar(name, "mh.statistic"));
        AgreesWithR.relative(name + " p", mh.pValue(), R.scalar(name, "mh.p"));
        AgreesWithR.relative(name + " corrected X2", mh.correctedChiSquare(), R.scalar(name, "mh_corrected.statistic"));
        AgreesWithR.relative(name + " corrected p", mh.correctedPValue(), R.scalar(name, "mh_corrected.p"));
        AgreesWithR.relative(name + " OR", mh.oddsRatio(), R.scalar(name, "mh.estimate"));
        double rLower = R.scalar(name, "mh.lower");
        if (Double.isNaN(rLower)) {
            // R: NA limits for an infinite (or zero) MH odds ratio; here flagged, reported as [0, Inf)
            assertThat(mh.confidenceIntervalDefined()).isFalse();
            assertThat(mh.lower()).isZero();
            assertThat(mh.upper()).isInfinite();
        } else {
            assertThat(mh.confidenceIntervalDefined()).isTrue();
            AgreesWithR.relative(name + " lower", mh.lower(), rLower);
            AgreesWithR.relative(name + " upper", mh.upper(), R.scalar(name, "mh.upper"));
        }
        long tiny = strata.stream().filter(t -> t.total() < 2).count();
        assertThat(mh.strataIgnored()).isEqualTo(tiny);
        assertThat(mh.strataUsed()).isEqualTo(strata.size() - tiny);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void breslowDay(String name) {
        List<TwoByTwoTable> strata = strata(R, name);
        if (!R.has(name, "breslow_day.statistic")) {
            assertThatThrownBy(() -> BreslowDayTest.of(strata)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Breslow-Day test");
            return;
        }
        BreslowDayTest.Result bd = BreslowDayTest.of(strata);
        AgreesWithR.relative(name + " BD", bd.statistic(), R.scalar(name, "breslow_day.statistic"));
        AgreesWithR.relative(name + " BD p", bd.pValue(), R.scalar(name, "breslow_day.p"));
        assertThat(bd.degreesOfFreedom()).isEqualTo((int) R.count(name, "breslow_day.df"));
        assertThat(bd.taroneCorrected()).isFalse();
        AgreesWithR.relative(name + " common OR", bd.commonOddsRatio(), R.scalar(name, "mh.estimate"));

        BreslowDayTest.Result tarone = BreslowDayTest.of(strata, true);
        AgreesWithR.relative(name + " Tarone", tarone.statistic(), R.scalar(name, "tarone.statistic"));
        AgreesWithR.relative(name + " Tarone p", tarone.pValue(), R.scalar(name, "tarone.p"));
        assertThat(tarone.taroneCorrected()).isTrue();
        assertThat(tarone.statistic()).isLessThanOrEqualTo(bd.statistic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void derSimonianLaird(String name) {
        List<TwoByTwoTable> strata = strata(R, name);
        if (!R.has(name, "dl.estimate")) {
            assertThatThrownBy(() -> DerSimonianLairdMetaAnalysis.of(strata))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 sites");
            return;
        }
        DerSimonianLairdMetaAnalysis.Result dl = DerSimonianLairdMetaAnalysis.of(strata);
        AgreesWithR.relative(name + " log OR", dl.pooledLogOddsRatio(), R.scalar(name, "dl.estimate"));
        AgreesWithR.relative(name + " SE", dl.standardError(), R.scalar(name, "dl.se"));
        AgreesWithR.relative(name + " OR", dl.oddsRatio(), Math.exp(R.scalar(name, "dl.estimate")));
        AgreesWithR.relative(name + " lower", dl.lower(), Math.exp(R.scalar(name, "dl.lower")));
        AgreesWithR.relative(name + " upper", dl.upper(), Math.exp(R.scalar(name, "dl.upper")));
        AgreesWithR.relative(name + " z", dl.z(), R.scalar(name, "dl.z"));
        AgreesWithR.relative(name + " p", dl.pValue(), R.scalar(name, "dl.p"));
        AgreesWithR.relative(name + " tau2", dl.tauSquared(), R.scalar(name, "dl.tau2"));
        AgreesWithR.relative(name + " Q", dl.q(), R.scalar(name, "dl.Q"));
        AgreesWithR.relative(name + " Q p", dl.qPValue(), R.scalar(name, "dl.Qp"));
        AgreesWithR.relative(name + " I2", dl.iSquaredPercent(), R.scalar(name, "dl.I2"));
        AgreesWithR.relative(name + " H2", dl.hSquared(), R.scalar(name, "dl.H2"));
        assertThat(dl.sitesUsed()).isEqualTo((int) R.count(name, "dl.sites"));
        assertThat(dl.sitesUsed() + dl.sitesExcluded()).isEqualTo(strata.size());
        assertThat(dl.qDegreesOfFreedom()).isEqualTo(dl.sitesUsed() - 1);
        long corrected = strata.stream().filter(t -> !t.hasZeroMargin() && t.hasZeroCell()).count();
        assertThat(dl.sitesZeroCellCorrected()).isEqualTo(corrected);
    }
}
