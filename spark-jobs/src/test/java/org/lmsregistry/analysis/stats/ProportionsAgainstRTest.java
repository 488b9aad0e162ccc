package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Wilson intervals, yield comparisons and multiple testing against {@code r/proportions.R}. */
class ProportionsAgainstRTest {

    private static final RReference WILSON = RReference.load("wilson");
    private static final RReference GROUPS = RReference.load("proportion_comparisons");
    private static final RReference P_ADJUST = RReference.load("p_adjust");

    static Stream<String> singles() {
        return WILSON.cases().stream();
    }

    static Stream<String> groups() {
        return GROUPS.cases().stream();
    }

    static Stream<String> pValueSets() {
        return P_ADJUST.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singles")
    void wilsonInterval(String name) {
        long x = WILSON.count(name, "x");
        long n = WILSON.count(name, "n");
        Proportion p = Proportion.wilson(x, n);
        AgreesWithR.relative(name + " estimate", p.estimate(), WILSON.scalar(name, "estimate"));
        AgreesWithR.relative(name + " lower", p.lower(), WILSON.scalar(name, "lower"));
        AgreesWithR.relative(name + " upper", p.upper(), WILSON.scalar(name, "upper"));
        Proportion p90 = Proportion.wilson(x, n, 0.90);
        AgreesWithR.relative(name + " lower 90", p90.lower(), WILSON.scalar(name, "lower90"));
        AgreesWithR.relative(name + " upper 90", p90.upper(), WILSON.scalar(name, "upper90"));
        if (x == 0) {
            assertThat(p.lower()).isZero();
        }
        if (x == n) {
            assertThat(p.upper()).isEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singles")
    void studiesPerDetection(String name) {
        StudiesPerDetection s = StudiesPerDetection.of(WILSON.count(name, "x"), WILSON.count(name, "n"));
        AgreesWithR.relative(name + " estimate", s.estimate(), WILSON.scalar(name, "per_detection.estimate"));
        AgreesWithR.relative(name + " lower", s.lower(), WILSON.scalar(name, "per_detection.lower"));
        AgreesWithR.relative(name + " upper", s.upper(), WILSON.scalar(name, "per_detection.upper"));
        assertThat(s.bounded()).isEqualTo(WILSON.count(name, "x") > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void homogeneityOfYields(String name) {
        long[] x = GROUPS.counts(name, "x");
        long[] n = GROUPS.counts(name, "n");
        ProportionHomogeneityTest.Result r = ProportionHomogeneityTest.of(x, n);
        AgreesWithR.relative(name + " X2", r.statistic(), GROUPS.scalar(name, "homogeneity.statistic"));
        AgreesWithR.relative(name + " p", r.pValue(), GROUPS.scalar(name, "homogeneity.p"));
        assertThat(r.degreesOfFreedom()).isEqualTo((int) GROUPS.count(name, "homogeneity.df"));
        if (GROUPS.has(name, "homogeneity_corrected.statistic")) {
            ProportionHomogeneityTest.Result c = ProportionHomogeneityTest.of(x, n, true);
            AgreesWithR.relative(name + " corrected X2", c.statistic(),
                    GROUPS.scalar(name, "homogeneity_corrected.statistic"));
            AgreesWithR.relative(name + " corrected p", c.pValue(), GROUPS.scalar(name, "homogeneity_corrected.p"));
            assertThat(c.continuityCorrection()).isPositive();
        }
        // the same statistic as Pearson's test on the k x 2 table
        long[][] table = new long[x.length][];
        for (int i = 0; i < x.length; i++) {
            table[i] = new long[] {x[i], n[i] - x[i]};
        }
        AgreesWithR.relative(name + " k x 2", PearsonChiSquareTest.of(table).statistic(), r.statistic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void pairwiseComparisonsWithHolm(String name) {
        List<String> labels = GROUPS.strings(name, "labels");
        List<PairwiseProportionComparisons.Comparison> pairs = PairwiseProportionComparisons.holm(labels,
                GROUPS.counts(name, "x"), GROUPS.counts(name, "n"));
        List<String> first = GROUPS.strings(name, "pairs.first");
        List<String> second = GROUPS.strings(name, "pairs.second");
        double[] raw = GROUPS.vector(name, "pairs.p");
        double[] holm = GROUPS.vector(name, "pairs.holm");
        assertThat(pairs).hasSize(raw.length);
        for (int i = 0; i < raw.length; i++) {
            PairwiseProportionComparisons.Comparison c = pairs.get(i);
            assertThat(c.first()).isEqualTo(first.get(i));
            assertThat(c.second()).isEqualTo(second.get(i));
            if (Double.isNaN(raw[i])) {
                assertThat(c.testable()).isFalse();
                assertThat(c.pValue()).isEmpty();
                assertThat(c.adjustedPValue()).isEmpty();
            } else {
                assertThat(c.testable()).isTrue();
                AgreesWithR.relative(name + " " + c.first() + "-" + c.second() + " p", c.pValue().orElseThrow(), raw[i]);
                AgreesWithR.relative(name + " " + c.first() + "-" + c.second() + " Holm",
                        c.adjustedPValue().orElseThrow(), holm[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pValueSets")
    void benjaminiHochbergAndHolm(String name) {
        double[] p = P_ADJUST.vector(name, "p");
        AgreesWithR.relative(name + " BH", BenjaminiHochbergQValues.of(p), P_ADJUST.vector(name, "bh"));
        AgreesWithR.relative(name + " Holm", HolmAdjustedPValues.of(p), P_ADJUST.vector(name, "holm"));
    }

    @Test
    void invalidInputIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> Proportion.wilson(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one trial");
        assertThatThrownBy(() -> Proportion.wilson(5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, n]");
        assertThatThrownBy(() -> ProportionHomogeneityTest.of(new long[] {0, 0}, new long[] {10, 20}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0%");
        assertThatThrownBy(() -> ProportionHomogeneityTest.of(new long[] {3}, new long[] {10}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 groups");
        assertThatThrownBy(() -> ProportionHomogeneityTest.of(new long[] {3, 0}, new long[] {10, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 2");
        assertThatThrownBy(() -> BenjaminiHochbergQValues.of(0.1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value 2");
        assertThatThrownBy(() -> HolmAdjustedPValues.of(1.2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BenjaminiHochbergQValues.of()).isEmpty();
        assertThat(HolmAdjustedPValues.of()).isEmpty();
        assertThatThrownBy(() -> PairwiseProportionComparisons.holm(List.of("MRI", "MRI"), new long[] {1, 2},
                new long[] {10, 10})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    }
}
