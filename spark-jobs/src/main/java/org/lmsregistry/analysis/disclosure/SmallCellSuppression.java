package org.lmsregistry.analysis.disclosure;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Small-cell suppression with complementary suppression for tables published with their totals.
 *
 * <p><b>Primary suppression</b> (threshold rule): every count from 1 to k - 1 - cell, row or
 * column total, or grand total - is shown as {@code <k} (k = 5 by default). Zeros are shown.
 *
 * <p><b>Complementary suppression</b>: in a table with totals, a single hidden count in a row or
 * column could be recomputed by subtracting the visible counts from the total, and two small counts
 * in a row could be pinned down by their known lower bound of 1 (e.g. two {@code <5} whose sum is 2
 * are both 1). The table is therefore audited as an attacker would read it: the row and column sums
 * (including the margins, which sum to the grand total) are propagated over the bounds the attacker
 * knows (a visible count exactly; {@code <k} in [1, k-1]; a complementary {@code x} in [0, &infin;))
 * until nothing changes (interval constraint propagation). Whenever a hidden count is pinned to a
 * single value, one more count of the line that pinned it is hidden (shown as {@code x}): an
 * interior cell rather than a total, the smallest positive one first, to lose as little information
 * as possible. The audit is repeated until no hidden count can be pinned. In particular, no row or
 * column (margins included) is left with exactly one hidden entry.
 *
 * <p>If a count stays pinned even when every entry is hidden (possible only for tiny tables, e.g.
 * two {@code <3} cells in a column whose total is {@code <3}), the table is refused with an
 * {@link IllegalArgumentException}: nothing is published rather than something disclosive.
 *
 * <p>The audit follows the rows and columns of one table; it does not consider linked tables
 * published from the same data (which need suppression across tables) or exact integer
 * programming attacks beyond interval propagation (Hundepool et al. 2012, <i>Statistical
 * Disclosure Control</i>, sections 4.3 and 4.4).
 */
public final class SmallCellSuppression {

    /** k = 5: counts 1..4 are hidden. */
    public static final int DEFAULT_THRESHOLD = 5;

    private static final int VISIBLE = 0;
    private static final int PRIMARY = 1;
    private static final int COMPLEMENTARY = 2;
    private static final int MAX_AUDIT_ROUNDS = 100_000;

    private final int threshold;

    /** Suppression with the default threshold k = 5. */
    public SmallCellSuppression() {
        this(DEFAULT_THRESHOLD);
    }

    /**
     * Suppression of counts 1..k-1.
     *
     * @throws IllegalArgumentException when k &lt; 2
     */
    public SmallCellSuppression(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("suppression threshold k must be >= 2, got " + threshold);
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /** A single count published without totals: {@code <k} when it is from 1 to k - 1. */
    public ShownCount show(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + count);
        }
        return isSmall(count) ? ShownCount.primary(threshold) : ShownCount.visible(count);
    }

    private boolean isSmall(long count) {
        return count >= 1 && count < threshold;
    }

    /**
     * The table with its row totals, column totals and grand total, after primary and complementary
     * suppression.
     *
     * @param cells rows of counts (all rows of the same, non-zero length)
     * @throws IllegalArgumentException for an empty or ragged table or a negative count, or when no
     *                                  suppression pattern protects the small counts (see above)
     */
    public SuppressedTable apply(long[][] cells) {
        int rows = cells.length;
        if (rows == 0 || cells[0].length == 0) {
            throw new IllegalArgumentException("a table needs at least one row and one column");
        }
        int cols = cells[0].length;
        // the extended table: row totals in the last column, column totals in the last row
        long[][] value = new long[rows + 1][cols + 1];
        for (int i = 0; i < rows; i++) {
            if (cells[i].length != cols) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + cells[i].length + " columns, expected "
                        + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (cells[i][j] < 0) {
                    throw new IllegalArgumentException("counts must be >= 0, got " + cells[i][j] + " in row "
                            + (i + 1) + ", column " + (j + 1));
                }
                value[i][j] = cells[i][j];
                value[i][cols] += cells[i][j];
                value[rows][j] += cells[i][j];
                value[rows][cols] += cells[i][j];
            }
        }
        int[][] state = new int[rows + 1][cols + 1];
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= cols; j++) {
                state[i][j] = isSmall(value[i][j]) ? PRIMARY : VISIBLE;
            }
        }
        Audit audit = new Audit(value, state, threshold);
        int[] pinned;
        while ((pinned = audit.firstPinned()) != null) {
            int[] complement = chooseComplement(audit, value, state, pinned[0], pinned[1]);
            if (complement == null) {
                // everything is hidden and the "<k" bounds alone still pin a count (e.g. two "<3" cells
                // in a column whose total is "<3"): fail closed
                throw new IllegalArgumentException("the table cannot be published: even with every count hidden, "
                        + "a small count follows from the '<" + threshold + "' bounds (grand total "
                        + (isSmall(value[rows][cols]) ? "below k" : "of " + value[rows][cols])
                        + "); publish it as a whole or merge categories");
            }
            state[complement[0]][complement[1]] = COMPLEMENTARY;
        }
        return toTable(value, state, rows, cols);
    }

    /**
     * One more entry to hide for the pinned entry (i, j): among the visible entries of its row and
     * column, in order of cost, the first whose suppression frees it; else the cheapest of them; else
     * the cheapest visible entry anywhere (null when nothing is visible).
     */
    private static int[] chooseComplement(Audit audit, long[][] value, int[][] state, int i, int j) {
        int rows = value.length - 1;
        int cols = value[0].length - 1;
        List<int[]> candidates = new ArrayList<>();
        for (int c = 0; c <= cols; c++) {
            candidates.add(new int[] {i, c});
        }
        for (int r = 0; r <= rows; r++) {
            if (r != i) {
                candidates.add(new int[] {r, j});
            }
        }
        List<int[]> ordered = byCost(value, state, candidates);
        for (int[] candidate : ordered) {
            state[candidate[0]][candidate[1]] = COMPLEMENTARY;
            boolean freed = !audit.isPinned(i, j);
            state[candidate[0]][candidate[1]] = VISIBLE;
            if (freed) {
                return candidate;
            }
        }
        if (!ordered.isEmpty()) {
            return ordered.get(0);
        }
        List<int[]> all = new ArrayList<>();
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= cols; c++) {
                all.add(new int[] {r, c});
            }
        }
        List<int[]> anywhere = byCost(value, state, all);
        return anywhere.isEmpty() ? null : anywhere.get(0);
    }

    private static List<int[]> byCost(long[][] value, int[][] state, List<int[]> candidates) {
        List<int[]> visible = new ArrayList<>();
        for (int[] e : candidates) {
            if (state[e[0]][e[1]] == VISIBLE) {
                visible.add(e);
            }
        }
        visible.sort(java.util.Comparator.comparingLong(e -> cost(value, e)));
        return visible;
    }

    /** Interior before totals, positive before zero, then smaller values first. */
    private static long cost(long[][] value, int[] e) {
        int rows = value.length - 1;
        int cols = value[0].length - 1;
        long v = value[e[0]][e[1]];
        boolean interior = e[0] < rows && e[1] < cols;
        long rank = (interior ? 0 : 2) + (v > 0 ? 0 : 1);
        return rank * (Long.MAX_VALUE / 4) + Math.min(v, Long.MAX_VALUE / 4 - 1);
    }

    private SuppressedTable toTable(long[][] value, int[][] state, int rows, int cols) {
        List<List<ShownCount>> shownCells = new ArrayList<>();
        List<ShownCount> rowTotals = new ArrayList<>();
        List<ShownCount> columnTotals = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<ShownCount> row = new ArrayList<>();
            for (int j = 0; j < cols; j++) {
                row.add(shown(value[i][j], state[i][j]));
            }
            shownCells.add(row);
            rowTotals.add(shown(value[i][cols], state[i][cols]));
        }
        for (int j = 0; j < cols; j++) {
            columnTotals.add(shown(value[rows][j], state[rows][j]));
        }
        return new SuppressedTable(threshold, shownCells, rowTotals, columnTotals,
                shown(value[rows][cols], state[rows][cols]));
    }

    private ShownCount shown(long value, int state) {
        return switch (state) {
            case PRIMARY -> ShownCount.primary(threshold);
            case COMPLEMENTARY -> ShownCount.complementary();
            default -> ShownCount.visible(value);
        };
    }

    /**
     * What an attacker can derive: bounds of every hidden entry from the published entries and the
     * additivity of rows and columns, by interval propagation to a fixed point.
     */
    private static final class Audit {
        private final long[][] value;
        private final int[][] state;
        private final int threshold;
        private final int rows;
        private final int cols;

        Audit(long[][] value, int[][] state, int threshold) {
            this.value = value;
            this.state = state;
            this.threshold = threshold;
            this.rows = value.length - 1;
            this.cols = value[0].length - 1;
        }

        /** {row, column} of a hidden entry whose value is determined, or null when none is. */
        int[] firstPinned() {
            int[] quick = firstPinnedByPropagation();
            if (quick != null) {
                return quick;
            }
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    if (state[i][j] != VISIBLE && isPinned(i, j)) {
                        return new int[] {i, j};
                    }
                }
            }
            return null;
        }

        /**
         * True when the hidden entry (i, j) takes a single value in every table consistent with the
         * publication: its minimum and maximum under all row and column equations and the known
         * bounds, by linear programming. The equations of a two-way table with margins have a totally
         * unimodular matrix, so the LP bounds are the integer bounds (exact audit).
         */
        boolean isPinned(int i, int j) {
            List<int[]> hidden = new ArrayList<>();
            int[][] index = new int[rows + 1][cols + 1];
            for (int r = 0; r <= rows; r++) {
                for (int c = 0; c <= cols; c++) {
                    index[r][c] = -1;
                    if (state[r][c] != VISIBLE) {
                        index[r][c] = hidden.size();
                        hidden.add(new int[] {r, c});
                    }
                }
            }
            int n = hidden.size();
            List<LinearConstraint> constraints = new ArrayList<>();
            for (int r = 0; r <= rows; r++) {
                int[][] line = new int[cols + 1][];
                for (int c = 0; c <= cols; c++) {
                    line[c] = new int[] {r, c};
                }
                addEquation(line, index, n, constraints);
            }
            for (int c = 0; c <= cols; c++) {
                int[][] line = new int[rows + 1][];
                for (int r = 0; r <= rows; r++) {
                    line[r] = new int[] {r, c};
                }
                addEquation(line, index, n, constraints);
            }
            for (int v = 0; v < n; v++) {
                int[] e = hidden.get(v);
                if (state[e[0]][e[1]] == PRIMARY) {
                    double[] unit = new double[n];
                    unit[v] = 1;
                    constraints.add(new LinearConstraint(unit, Relationship.GEQ, 1));
                    constraints.add(new LinearConstraint(unit, Relationship.LEQ, threshold - 1));
                }
            }
            double[] objective = new double[n];
            objective[index[i][j]] = 1;
            double min = optimum(objective, constraints, GoalType.MINIMIZE);
            double max = optimum(objective, constraints, GoalType.MAXIMIZE);
            return max - min < 0.5;
        }

        private void addEquation(int[][] line, int[][] index, int n, List<LinearConstraint> constraints) {
            double[] coefficients = new double[n];
            double constant = 0;
            boolean any = false;
            int m = line.length - 1;
            for (int p = 0; p <= m; p++) {
                int[] e = line[p];
                double sign = p == m ? -1 : 1;
                if (index[e[0]][e[1]] >= 0) {
                    coefficients[index[e[0]][e[1]]] += sign;
                    any = true;
                } else {
                    constant -= sign * value[e[0]][e[1]];
                }
            }
            if (any) {
                constraints.add(new LinearConstraint(coefficients, Relationship.EQ, constant));
            }
        }

        private static double optimum(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
            try {
                return new SimplexSolver().optimize(new MaxIter(100_000),
                        new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), goal,
                        new NonNegativeConstraint(true), PivotSelectionRule.BLAND).getValue();
            } catch (UnboundedSolutionException e) {
                return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            }
        }

        /** Cheap first pass: interval propagation over the rows and columns. */
        private int[] firstPinnedByPropagation() {
            double[][] lo = new double[rows + 1][cols + 1];
            double[][] hi = new double[rows + 1][cols + 1];
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    switch (state[i][j]) {
                        case PRIMARY -> {
                            lo[i][j] = 1;
                            hi[i][j] = threshold - 1;
                        }
                        case COMPLEMENTARY -> {
                            lo[i][j] = 0;
                            hi[i][j] = Double.POSITIVE_INFINITY;
                        }
                        default -> {
                            lo[i][j] = value[i][j];
                            hi[i][j] = value[i][j];
                        }
                    }
                }
            }
            boolean changed = true;
            int rounds = 0;
            while (changed) {
                if (++rounds > MAX_AUDIT_ROUNDS) {
                    // fail closed: publish nothing rather than a table whose audit did not finish
                    throw new IllegalStateException("disclosure audit did not reach a fixed point in "
                            + MAX_AUDIT_ROUNDS + " rounds");
                }
                changed = false;
                for (int i = 0; i <= rows; i++) {
                    int[][] line = new int[cols + 1][];
                    for (int j = 0; j <= cols; j++) {
                        line[j] = new int[] {i, j};
                    }
                    changed |= tighten(line, lo, hi);
                }
                for (int j = 0; j <= cols; j++) {
                    int[][] line = new int[rows + 1][];
                    for (int i = 0; i <= rows; i++) {
                        line[i] = new int[] {i, j};
                    }
                    changed |= tighten(line, lo, hi);
                }
            }
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    if (state[i][j] != VISIBLE && hi[i][j] - lo[i][j] < 1) {
                        return new int[] {i, j};
                    }
                }
            }
            return null;
        }

        /** One line: the last entry is the sum of the others. Returns true when a bound changed. */
        private boolean tighten(int[][] line, double[][] lo, double[][] hi) {
            int m = line.length - 1;
            int[] total = line[m];
            boolean changed = false;
            for (int p = 0; p <= m; p++) {
                int[] e = line[p];
                if (state[e[0]][e[1]] == VISIBLE) {
                    continue;
                }
                double newLo;
                double newHi;
                if (p == m) {
                    double sumLo = 0;
                    double sumHi = 0;
                    for (int q = 0; q < m; q++) {
                        sumLo += lo[line[q][0]][line[q][1]];
                        sumHi += hi[line[q][0]][line[q][1]];
                    }
                    newLo = sumLo;
                    newHi = sumHi;
                } else {
                    double otherLo = 0;
                    double otherHi = 0;
                    for (int q = 0; q < m; q++) {
                        if (q != p) {
                            otherLo += lo[line[q][0]][line[q][1]];
                            otherHi += hi[line[q][0]][line[q][1]];
                        }
                    }
                    newLo = lo[total[0]][total[1]] - otherHi;
                    newHi = hi[total[0]][total[1]] - otherLo;
                }
                newLo = Math.ceil(Math.max(lo[e[0]][e[1]], newLo));
                newHi = Math.floor(Math.min(hi[e[0]][e[1]], newHi));
                if (newLo > lo[e[0]][e[1]]) {
                    lo[e[0]][e[1]] = newLo;
                    changed = true;
                }
                if (newHi < hi[e[0]][e[1]]) {
                    hi[e[0]][e[1]] = newHi;
                    changed = true;
                }
            }
            return changed;
        }
    }
}
