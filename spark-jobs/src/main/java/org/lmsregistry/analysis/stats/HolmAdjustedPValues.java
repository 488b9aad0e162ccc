package org.lmsregistry.analysis.stats;

/**
 * Holm's step-down adjusted p-values controlling the family-wise error rate, as R
 * {@code p.adjust(p, method = "holm")}.
 *
 * <p>With the m p-values sorted increasingly, p&#x303;<sub>(i)</sub> = max<sub>j &le; i</sub>
 * min(1, (m - j + 1) p<sub>(j)</sub>) (Holm 1979, <i>Scand J Stat</i> 6:65).
 */
public final class HolmAdjustedPValues {

    private HolmAdjustedPValues() {
    }

    /**
     * The adjusted p-values, in the order of the input.
     *
     * @throws IllegalArgumentException when a p-value is NaN or outside [0, 1]
     */
    public static double[] of(double... pValues) {
        PValues.check(pValues);
        int m = pValues.length;
        double[] adjusted = new double[m];
        Integer[] order = PValues.order(pValues, false);
        double running = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double candidate = (m - i) * pValues[order[i]];
            running = Math.max(running, candidate);
            adjusted[order[i]] = Math.min(1.0, running);
        }
        return adjusted;
    }
}
