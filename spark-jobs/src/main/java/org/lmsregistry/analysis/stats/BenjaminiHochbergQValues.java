package org.lmsregistry.analysis.stats;

/**
 * Benjamini-Hochberg adjusted p-values ("q-values") controlling the false discovery rate, as R
 * {@code p.adjust(p, method = "BH")}.
 *
 * <p>With the m p-values sorted increasingly, q<sub>(i)</sub> = min<sub>j &ge; i</sub>
 * min(1, m p<sub>(j)</sub> / j) (Benjamini &amp; Hochberg 1995, <i>J R Stat Soc B</i> 57:289).
 * A feature is declared significant at FDR level &alpha; when its q-value is &le; &alpha;.
 */
public final class BenjaminiHochbergQValues {

    private BenjaminiHochbergQValues() {
    }

    /**
     * The adjusted p-values, in the order of the input.
     *
     * @throws IllegalArgumentException when a p-value is NaN or outside [0, 1]
     */
    public static double[] of(double... pValues) {
        PValues.check(pValues);
        int m = pValues.length;
        double[] q = new double[m];
        Integer[] order = PValues.order(pValues, true);
        double running = Double.POSITIVE_INFINITY;
        for (int r = 0; r < m; r++) {
            int rank = m - r;  // rank of this p-value in increasing order
            double candidate = (double) m / rank * pValues[order[r]];
            running = Math.min(running, candidate);
            q[order[r]] = Math.min(1.0, running);
        }
        return q;
    }
}
