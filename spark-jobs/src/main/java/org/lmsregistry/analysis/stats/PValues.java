package org.lmsregistry.analysis.stats;

/** Validation shared by the multiple-testing adjustments. */
final class PValues {

    private PValues() {
    }

    static void check(double[] pValues) {
        for (int i = 0; i < pValues.length; i++) {
            double p = pValues[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("p-value " + (i + 1) + " must be in [0, 1], got " + p);
            }
        }
    }

    /** Indices sorted by p (ascending or descending), stable for ties, as R's {@code order()}. */
    static Integer[] order(double[] p, boolean decreasing) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> decreasing ? Double.compare(p[y], p[x]) : Double.compare(p[x], p[y]));
        return idx;
    }
}
