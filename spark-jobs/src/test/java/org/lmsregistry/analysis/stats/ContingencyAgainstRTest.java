package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pearson chi-square on r x c tables against {@code chisq.test(correct = FALSE)}, and the 2x2 edge cases. */
class ContingencyAgainstRTest {

    private static final RReference R = RReference.load("contingency");

    static Stream<String> tables() {
        return R.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void pearsonOnRByCTables(String name) {
        int rows = (int) R.count(name, "rows");
        long[] cells = R.counts(name, "cells");
        int cols = cells.length / rows;
        long[][] table = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(cells, i * cols, table[i], 0, cols);
        }
        PearsonChiSquareTest.Result r = PearsonChiSquareTest.of(table);
        AgreesWithR.relative(name + " X2", r.statistic(), R.scalar(name, "statistic"));
        AgreesWithR.relative(name + " p", r.pValue(), R.scalar(name, "p"));
        assertThat(r.degreesOfFreedom()).isEqualTo((int) R.count(name, "df"));
        // Yates' correction applies to 2x2 tables only
        assertThat(PearsonChiSquareTest.of(table, true).continuityCorrection())
                .isEqualTo(rows == 2 && cols == 2 ? 0.5 : 0.0);
    }

    @Test
    void yatesCorrectionNeverExceedsTheDeviation() {
        // |O - E| = 0.025: R subtracts 0.025, not 0.5, so the corrected statistic is 0 and p = 1
        PearsonChiSquareTest.Result r = PearsonChiSquareTest.yatesCorrected(TwoByTwoTable.of(10, 11, 9, 10));
        assertThat(r.continuityCorrection()).isCloseTo(0.025, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.statistic()).isLessThan(1e-20);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.smallExpectedCounts()).isFalse();
        assertThat(PearsonChiSquareTest.uncorrected(TwoByTwoTable.of(1, 2, 3, 9)).smallExpectedCounts()).isTrue();
    }

    @Test
    void invalidTablesAreRejected() {
        assertThatThrownBy(() -> PearsonChiSquareTest.of(new long[][] {{1, 2}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 rows");
        assertThatThrownBy(() -> PearsonChiSquareTest.of(new long[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2");
        assertThatThrownBy(() -> PearsonChiSquareTest.of(new long[][] {{1, 2, 0}, {3, 4, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 3 total is zero");
        assertThatThrownBy(() -> PearsonChiSquareTest.of(new long[][] {{1, -2}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> TwoByTwoTable.of(1, 2, -3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WoolfOddsRatio.of(TwoByTwoTable.of(0, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty table");
        assertThatThrownBy(() -> FisherExactTest.of(TwoByTwoTable.of(0, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty table");
        assertThatThrownBy(() -> WoolfOddsRatio.of(TwoByTwoTable.of(1, 2, 3, 4), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence level");
    }
}
