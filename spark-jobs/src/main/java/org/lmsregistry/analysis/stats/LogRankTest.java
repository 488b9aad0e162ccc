package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Log-rank test of equal survival in k groups, as R {@code survdiff(Surv(time, status) ~ group)}
 * (rho = 0).
 *
 * <p>At each distinct event time with d events among n at risk (n<sub>g</sub> in group g):
 * E<sub>g</sub> += d n<sub>g</sub>/n, V<sub>gh</sub> += d (n - d) n<sub>g</sub> (&delta;<sub>gh</sub> n -
 * n<sub>h</sub>) / (n&sup2; (n - 1)). The statistic is (O - E)' V<sup>-1</sup> (O - E) over all
 * groups but the first (Mantel 1966, <i>Cancer Chemother Rep</i> 50:163; Peto &amp; Peto 1972,
 * <i>J R Stat Soc A</i> 135:185; Kalbfleisch &amp; Prentice 2002, section 7.2), with k - 1
 * degrees of freedom. As in R, groups with no subject at risk at any event time (E = 0) are left
 * out of the statistic and its degrees of freedom.
 */
public final class LogRankTest {

    private LogRankTest() {
    }

    /**
     * One group.
     *
     * @param label    group label
     * @param subjects subjects in the group
     * @param observed observed events
     * @param expected expected events under equal survival
     */
    public record Group(String label, int subjects, double observed, double expected) {
    }

    /**
     * @param groups           groups in sorted label order
     * @param variance         variance matrix of O - E, in the order of {@code groups}
     * @param chiSquare        the log-rank statistic
     * @param degreesOfFreedom groups with E &gt; 0, minus 1
     * @param pValue           upper-tail chi-square p-value
     */
    public record Result(List<Group> groups, double[][] variance, double chiSquare, int degreesOfFreedom,
                         double pValue) {

        public Result {
            groups = List.copyOf(groups);
            variance = copy(variance);
        }

        @Override
        public double[][] variance() {
            return copy(variance);
        }

        private static double[][] copy(double[][] m) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i].clone();
            }
            return c;
        }
    }

    /**
     * The test of equal survival across the groups.
     *
     * @throws IllegalArgumentException with mismatched lengths, invalid times, no events, or fewer
     *                                  than two groups with subjects at risk at an event time
     */
    public static Result of(double[] time, boolean[] event, String[] group) {
        SurvivalData.check(time, event);
        SurvivalData.checkGroups(time.length, group);
        String[] levels = SurvivalData.sortedLevels(group);
        int k = levels.length;
        if (k < 2) {
            throw new IllegalArgumentException("log-rank test needs at least 2 groups, got " + k);
        }
        int n = time.length;
        int[] g = new int[n];
        int[] subjects = new int[k];
        for (int i = 0; i < n; i++) {
            g[i] = java.util.Arrays.binarySearch(levels, group[i]);
            subjects[g[i]]++;
        }
        int[] order = SurvivalData.byTime(time);
        double[] atRisk = new double[k];
        for (int i = 0; i < n; i++) {
            atRisk[g[i]]++;
        }
        double[] observed = new double[k];
        double[] expected = new double[k];
        double[][] variance = new double[k][k];
        int totalEvents = 0;
        int i = 0;
        while (i < n) {
            double t = time[order[i]];
            double nRisk = n - i;
            double[] deathsByGroup = new double[k];
            double[] leaving = new double[k];
            double deaths = 0;
            while (i < n && time[order[i]] == t) {
                int gi = g[order[i]];
                if (event[order[i]]) {
                    deathsByGroup[gi]++;
                    deaths++;
                }
                leaving[gi]++;
                i++;
            }
            if (deaths > 0) {
                totalEvents += (int) deaths;
                for (int a = 0; a < k; a++) {
                    observed[a] += deathsByGroup[a];
                    expected[a] += deaths * atRisk[a] / nRisk;
                }
                if (nRisk > 1) {
                    double kk = deaths * (nRisk - deaths) / (nRisk * nRisk * (nRisk - 1));
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            variance[a][b] += kk * atRisk[a] * ((a == b ? nRisk : 0) - atRisk[b]);
                        }
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                atRisk[a] -= leaving[a];
            }
        }
        if (totalEvents == 0) {
            throw new IllegalArgumentException("log-rank test needs at least one event; all " + n
                    + " subjects are censored");
        }
        List<Integer> used = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            if (expected[a] > 0) {
                used.add(a);
            }
        }
        if (used.size() < 2) {
            throw new IllegalArgumentException("log-rank test needs at least 2 groups with subjects at risk at an "
                    + "event time, got " + used.size());
        }
        int m = used.size() - 1;
        double[][] v = new double[m][m];
        double[] diff = new double[m];
        for (int a = 0; a < m; a++) {
            int ga = used.get(a + 1);
            diff[a] = observed[ga] - expected[ga];
            for (int b = 0; b < m; b++) {
                v[a][b] = variance[ga][used.get(b + 1)];
            }
        }
        RealVector d = new ArrayRealVector(diff, false);
        RealVector solved = new LUDecomposition(new Array2DRowRealMatrix(v, false)).getSolver().solve(d);
        double chi = Math.max(0.0, solved.dotProduct(d));
        ChiSquareTest test = ChiSquareTest.of(chi, m);
        List<Group> groups = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            groups.add(new Group(levels[a], subjects[a], observed[a], expected[a]));
        }
        return new Result(groups, variance, test.statistic(), test.degreesOfFreedom(), test.pValue());
    }
}
