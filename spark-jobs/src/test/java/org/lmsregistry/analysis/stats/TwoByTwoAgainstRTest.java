package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Woolf odds ratio, Fisher's exact test and Pearson chi-square against {@code r/two_by_two.R}. */
class TwoByTwoAgainstRTest {

    private static final RReference R = RReference.load("two_by_two");

    static Stream<String> tables() {
        return R.cases().stream();
    }

    private static TwoByTwoTable table(String name) {
        long[] t = R.counts(name, "table");
        return TwoByTwoTable.of(t[0], t[1], t[2], t[3]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void woolfOddsRatio(String name) {
        WoolfOddsRatio.Result or = WoolfOddsRatio.of(table(name));
        AgreesWithR.relative(name + " OR", or.estimate(), R.scalar(name, "woolf.estimate"));
        AgreesWithR.relative(name + " lower", or.lower(), R.scalar(name, "woolf.lower"));
        AgreesWithR.relative(name + " upper", or.upper(), R.scalar(name, "woolf.upper"));
        AgreesWithR.relative(name + " log OR", or.logOddsRatio(), R.scalar(name, "woolf.log"));
        AgreesWithR.relative(name + " SE", or.standardError(), R.scalar(name, "woolf.se"));
        assertThat(or.zeroCellCorrected()).isEqualTo(R.scalar(name, "woolf.corrected") == 1);
        assertThat(or.confidenceLevel()).isEqualTo(0.95);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void fisherExactTest(String name) {
        FisherExactTest.Result f = FisherExactTest.of(table(name));
        AgreesWithR.exact(name + " p", f.pValue(), R.scalar(name, "fisher.p"));
        AgreesWithR.relative(name + " conditional MLE", f.oddsRatio(), R.scalar(name, "fisher.estimate"));
        AgreesWithR.relative(name + " lower", f.lower(), R.scalar(name, "fisher.lower"));
        AgreesWithR.relative(name + " upper", f.upper(), R.scalar(name, "fisher.upper"));

        FisherExactTest.Result f90 = FisherExactTest.of(table(name), 0.90);
        AgreesWithR.relative(name + " 90% lower", f90.lower(), R.scalar(name, "fisher90.lower"));
        AgreesWithR.relative(name + " 90% upper", f90.upper(), R.scalar(name, "fisher90.upper"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void pearsonChiSquare(String name) {
        TwoByTwoTable t = table(name);
        if (Double.isNaN(R.scalar(name, "pearson.statistic"))) {
            // R returns NaN with a warning; here the zero margin is an explicit error
            assertThatThrownBy(() -> PearsonChiSquareTest.uncorrected(t))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total is zero");
            assertThatThrownBy(() -> PearsonChiSquareTest.yatesCorrected(t))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total is zero");
            return;
        }
        PearsonChiSquareTest.Result plain = PearsonChiSquareTest.uncorrected(t);
        AgreesWithR.relative(name + " X2", plain.statistic(), R.scalar(name, "pearson.statistic"));
        AgreesWithR.relative(name + " p", plain.pValue(), R.scalar(name, "pearson.p"));
        assertThat(plain.degreesOfFreedom()).isEqualTo(1);
        assertThat(plain.continuityCorrection()).isZero();

        PearsonChiSquareTest.Result yates = PearsonChiSquareTest.yatesCorrected(t);
        AgreesWithR.relative(name + " Yates X2", yates.statistic(), R.scalar(name, "yates.statistic"));
        AgreesWithR.relative(name + " Yates p", yates.pValue(), R.scalar(name, "yates.p"));
        assertThat(yates.continuityCorrection()).isBetween(0.0, 0.5);
    }
}
