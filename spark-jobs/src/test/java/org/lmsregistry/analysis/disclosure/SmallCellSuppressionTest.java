package org.lmsregistry.analysis.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest {

    private static final int TRIALS = 1500;

    /** Published entries of the extended table (row totals last column, column totals last row). */
    private static ShownCount[][] extended(SuppressedTable t) {
        int r = t.rowTotals().size();
        int c = t.columnTotals().size();
        ShownCount[][] e = new ShownCount[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                e[i][j] = t.cell(i, j);
            }
            e[i][c] = t.rowTotals().get(i);
        }
        for (int j = 0; j < c; j++) {
            e[r][j] = t.columnTotals().get(j);
        }
        e[r][c] = t.grandTotal();
        return e;
    }

    private static long[][] extendedValues(long[][] cells) {
        int r = cells.length;
        int c = cells[0].length;
        long[][] v = new long[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                v[i][j] = cells[i][j];
                v[i][c] += cells[i][j];
                v[r][j] += cells[i][j];
                v[r][c] += cells[i][j];
            }
        }
        return v;
    }

    @Test
    void smallCountsAreShownAsLessThanK() {
        SmallCellSuppression k5 = new SmallCellSuppression();
        assertThat(k5.show(0).text()).isEqualTo("0");
        assertThat(k5.show(1).text()).isEqualTo("<5");
        assertThat(k5.show(4).text()).isEqualTo("<5");
        assertThat(k5.show(5).text()).isEqualTo("5");
        assertThat(k5.show(4).value()).isEmpty();
        SmallCellSuppression k11 = new SmallCellSuppression(11);
        assertThat(k11.show(10).text()).isEqualTo("<11");
        assertThat(k11.show(11).text()).isEqualTo("11");
        assertThatThrownBy(() -> new SmallCellSuppression(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k5.show(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k5.apply(new long[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2");
        assertThatThrownBy(() -> k5.apply(new long[0][])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSingleSmallCellGetsComplementsInItsRowAndColumn() {
        long[][] cells = {{3, 20, 30}, {15, 25, 35}, {40, 45, 50}};
        SuppressedTable t = new SmallCellSuppression().apply(cells);
        String[][] text = t.asText();
        assertThat(text[0][0]).isEqualTo("<5");
        // the row 1 and column 1 each need a second hidden cell; the smallest ones are chosen
        assertThat(text[0]).containsOnlyOnce("<5");
        assertThat(t.count(ShownCount.Suppression.PRIMARY)).isEqualTo(1);
        assertThat(t.count(ShownCount.Suppression.COMPLEMENTARY)).isGreaterThanOrEqualTo(3);
        assertThat(t.grandTotal().text()).isEqualTo("263");
        assertSafe(cells, t);
    }

    @Test
    void twoSmallCountsWhoseSumPinsThemAreProtected() {
        // row 1: 1 + 1 + 40 = 42; with only the two ones hidden, "<5" + "<5" = 2 means both are 1
        long[][] cells = {{1, 1, 40}, {30, 25, 35}};
        SuppressedTable t = new SmallCellSuppression().apply(cells);
        assertThat(t.cell(0, 2).suppressed()).as("a third cell of row 1 must be hidden").isTrue();
        assertSafe(cells, t);
    }

    @Test
    void tableWithoutSmallCountsIsUnchanged() {
        long[][] cells = {{0, 12, 30}, {15, 0, 35}};
        SuppressedTable t = new SmallCellSuppression().apply(cells);
        assertThat(t.asText()).isDeepEqualTo(new String[][] {{"0", "12", "30", "42"}, {"15", "0", "35", "50"},
                {"15", "12", "65", "92"}});
    }

    @Test
    void tableWhoseSmallCountsFollowFromTheBoundsAloneIsRefused() {
        // one column, total 2: "<3" + "<3" = "<3" forces both cells to 1 whatever else is hidden
        assertThatThrownBy(() -> new SmallCellSuppression(3).apply(new long[][] {{1}, {1}, {0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be published");
    }

    @Test
    void smallTotalsAreSuppressedToo() {
        long[][] cells = {{0, 2}, {0, 1}};
        SuppressedTable t = new SmallCellSuppression().apply(cells);
        assertThat(t.grandTotal().text()).isEqualTo("<5");
        assertThat(t.columnTotals().get(1).text()).isEqualTo("<5");
        assertSafe(cells, t);
    }

    /**
     * Property: for many random tables (seeded) and thresholds, no visible count is from 1 to k-1,
     * every small count is shown as "<k", and no hidden count can be recovered by subtraction from a
     * row or column total (no row or column, margins included, has exactly one hidden entry); for
     * small tables, no hidden count is determined at all (exhaustive enumeration of every table
     * consistent with what is published).
     */
    @Test
    void randomTablesNeverRevealASmallCount() {
        Random random = new Random(20240611L);
        int enumerated = 0;
        int refusedTables = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            int k = new int[] {3, 5, 5, 11}[random.nextInt(4)];
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(6);
            long[][] cells = new long[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int kind = random.nextInt(10);
                    cells[i][j] = kind < 2 ? 0 : kind < 6 ? 1 + random.nextInt(k - 1) : random.nextInt(4 * k + 40);
                }
            }
            SuppressedTable t;
            try {
                t = new SmallCellSuppression(k).apply(cells);
            } catch (IllegalArgumentException refused) {
                assertThat(refused).hasMessageContaining("cannot be published");
                refusedTables++;
                continue;
            }
            assertSafe(cells, t);
            if (searchSize(cells, t) <= 200_000) {
                assertNoHiddenCountIsDetermined(cells, t);
                enumerated++;
            }
        }
        assertThat(enumerated).as("tables checked exhaustively").isGreaterThan(100);
        assertThat(refusedTables).as("tables refused as a whole").isLessThan(TRIALS / 20);
    }

    /** Visible counts are never small, small counts are "<k", and no line has exactly one hidden entry. */
    private static void assertSafe(long[][] cells, SuppressedTable t) {
        int k = t.threshold();
        long[][] v = extendedValues(cells);
        ShownCount[][] e = extended(t);
        int r = cells.length;
        int c = cells[0].length;
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                ShownCount s = e[i][j];
                boolean small = v[i][j] >= 1 && v[i][j] < k;
                if (s.value().isPresent()) {
                    assertThat(s.value().getAsLong()).isEqualTo(v[i][j]);
                    assertThat(small).as("visible small count %s at (%s, %s)", v[i][j], i, j).isFalse();
                    assertThat(s.text()).isEqualTo(Long.toString(v[i][j]));
                } else {
                    assertThat(s.text()).isEqualTo(small ? "<" + k : ShownCount.COMPLEMENTARY_MARK);
                }
                assertThat(s.suppression() == ShownCount.Suppression.PRIMARY).isEqualTo(small);
            }
        }
        for (int i = 0; i <= r; i++) {
            int hidden = 0;
            for (int j = 0; j <= c; j++) {
                hidden += e[i][j].suppressed() ? 1 : 0;
            }
            assertThat(hidden).as("hidden entries in row %s of %s", i, java.util.Arrays.deepToString(cells))
                    .isNotEqualTo(1);
        }
        for (int j = 0; j <= c; j++) {
            int hidden = 0;
            for (int i = 0; i <= r; i++) {
                hidden += e[i][j].suppressed() ? 1 : 0;
            }
            assertThat(hidden).as("hidden entries in column %s of %s", j, java.util.Arrays.deepToString(cells))
                    .isNotEqualTo(1);
        }
    }

    /**
     * Enumerates every table of non-negative counts consistent with the publication (visible values,
     * "<k" in 1..k-1, "x" anything) and checks that each hidden entry takes at least two values.
     */
    private static void assertNoHiddenCountIsDetermined(long[][] cells, SuppressedTable t) {
        int k = t.threshold();
        int r = cells.length;
        int c = cells[0].length;
        ShownCount[][] e = extended(t);
        // hidden cells range over 0..grand total: a smaller domain than the attacker's, so finding two
        // values here is conservative
        long maxValue = extendedValues(cells)[r][c];
        List<int[]> unknown = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                if (e[i][j].suppressed()) {
                    unknown.add(new int[] {i, j});
                }
            }
        }
        List<Set<Long>> seen = new ArrayList<>();
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                seen.add(new HashSet<>());
            }
        }
        long[][] x = new long[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                x[i][j] = e[i][j].value().orElse(0);
            }
        }
        enumerate(0, unknown, x, e, k, maxValue, seen, c);
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                if (e[i][j].suppressed()) {
                    assertThat(seen.get(i * (c + 1) + j)).as("values of hidden (%s, %s) in %s -> %s", i, j,
                            java.util.Arrays.deepToString(cells), java.util.Arrays.deepToString(t.asText()))
                            .hasSizeGreaterThanOrEqualTo(2);
                }
            }
        }
    }

    /** Number of candidate tables the enumeration would visit (before pruning). */
    private static double searchSize(long[][] cells, SuppressedTable t) {
        double size = 1;
        long grand = extendedValues(cells)[cells.length][cells[0].length];
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < cells[0].length; j++) {
                ShownCount s = t.cell(i, j);
                if (s.suppression() == ShownCount.Suppression.PRIMARY) {
                    size *= t.threshold() - 1;
                } else if (s.suppression() == ShownCount.Suppression.COMPLEMENTARY) {
                    size *= grand + 1;
                }
            }
        }
        return size;
    }

    private static void enumerate(int index, List<int[]> unknown, long[][] x, ShownCount[][] e, int k, long maxValue,
                                  List<Set<Long>> seen, int c) {
        int r = x.length;
        if (index == unknown.size()) {
            long[][] v = extendedValues(x);
            for (int i = 0; i <= r; i++) {
                for (int j = 0; j <= c; j++) {
                    if (!consistent(e[i][j], v[i][j], k)) {
                        return;
                    }
                }
            }
            for (int i = 0; i <= r; i++) {
                for (int j = 0; j <= c; j++) {
                    seen.get(i * (c + 1) + j).add(v[i][j]);
                }
            }
            return;
        }
        int[] u = unknown.get(index);
        ShownCount s = e[u[0]][u[1]];
        long from = s.suppression() == ShownCount.Suppression.PRIMARY ? 1 : 0;
        long to = s.suppression() == ShownCount.Suppression.PRIMARY ? k - 1 : maxValue;
        for (long value = from; value <= to; value++) {
            x[u[0]][u[1]] = value;
            if (partialOk(x, e, u[0], c)) {
                enumerate(index + 1, unknown, x, e, k, maxValue, seen, c);
            }
        }
        x[u[0]][u[1]] = 0;
    }

    /** Prune: the partial sum of a row with a visible total may not exceed it. */
    private static boolean partialOk(long[][] x, ShownCount[][] e, int row, int c) {
        long sum = 0;
        for (int j = 0; j < c; j++) {
            sum += x[row][j];
        }
        return e[row][c].value().isEmpty() || sum <= e[row][c].value().getAsLong();
    }

    private static boolean consistent(ShownCount s, long value, int k) {
        return switch (s.suppression()) {
            case NONE -> s.value().getAsLong() == value;
            case PRIMARY -> value >= 1 && value < k;
            case COMPLEMENTARY -> true;
        };
    }
}
