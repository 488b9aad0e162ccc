package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * All pairwise comparisons of k proportions (e.g. detection yields of modalities) by the
 * uncorrected chi-square test, with Holm-adjusted p-values, as R
 * {@code pairwise.prop.test(x, n, correct = FALSE, p.adjust.method = "holm")}.
 *
 * <p>Each pair is compared by {@link ProportionHomogeneityTest} on its two groups; the p-values of
 * all testable pairs are then adjusted together by Holm's method (Holm 1979, <i>Scand J Stat</i>
 * 6:65). A pair in which both groups have 0% (or both 100%) successes has no test (R reports NA and
 * leaves it out of the adjustment): it is marked {@code testable = false}, has no p-value and does
 * not count towards the number of comparisons.
 */
public final class PairwiseProportionComparisons {

    private PairwiseProportionComparisons() {
    }

    /**
     * One pair.
     *
     * @param first          label of the first group (earlier in the input)
     * @param second         label of the second group
     * @param testable       false when both groups have 0% or both 100% successes
     * @param pValue         unadjusted p-value (empty when not testable)
     * @param adjustedPValue Holm-adjusted p-value (empty when not testable)
     */
    public record Comparison(String first, String second, boolean testable, OptionalDouble pValue,
                             OptionalDouble adjustedPValue) {
    }

    /**
     * Every pair (i, j), i &lt; j, in input order (first group 1 against 2..k, then 2 against 3..k, ...).
     *
     * @throws IllegalArgumentException with fewer than 2 groups, mismatched lengths, duplicate
     *                                  labels, or invalid counts
     */
    public static List<Comparison> holm(List<String> labels, long[] successes, long[] trials) {
        int k = labels.size();
        if (successes.length != k || trials.length != k) {
            throw new IllegalArgumentException(k + " labels, " + successes.length + " success counts and "
                    + trials.length + " trial counts");
        }
        if (k < 2) {
            throw new IllegalArgumentException("pairwise comparisons need at least 2 groups, got " + k);
        }
        if (labels.stream().distinct().count() != k) {
            throw new IllegalArgumentException("group labels must be distinct: " + labels);
        }
        List<int[]> pairs = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Boolean> testable = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                long[] x = {successes[i], successes[j]};
                long[] n = {trials[i], trials[j]};
                for (int g : new int[] {i, j}) {
                    try {
                        Proportion.check(successes[g], trials[g]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(labels.get(g) + ": " + e.getMessage(), e);
                    }
                }
                boolean ok = !((x[0] + x[1]) == 0 || (x[0] + x[1]) == (n[0] + n[1]));
                pairs.add(new int[] {i, j});
                testable.add(ok);
                raw.add(ok ? ProportionHomogeneityTest.of(x, n).pValue() : Double.NaN);
            }
        }
        double[] tested = raw.stream().filter(p -> !p.isNaN()).mapToDouble(Double::doubleValue).toArray();
        double[] adjusted = HolmAdjustedPValues.of(tested);
        List<Comparison> out = new ArrayList<>();
        int next = 0;
        for (int c = 0; c < pairs.size(); c++) {
            String first = labels.get(pairs.get(c)[0]);
            String second = labels.get(pairs.get(c)[1]);
            if (testable.get(c)) {
                out.add(new Comparison(first, second, true, OptionalDouble.of(raw.get(c)),
                        OptionalDouble.of(adjusted[next++])));
            } else {
                out.add(new Comparison(first, second, false, OptionalDouble.empty(), OptionalDouble.empty()));
            }
        }
        return List.copyOf(out);
    }
}
