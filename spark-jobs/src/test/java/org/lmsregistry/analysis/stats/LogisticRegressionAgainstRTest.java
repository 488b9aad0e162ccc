package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logistic regression against {@code glm(family = binomial)} in {@code r/regression.R}; the {@code *_weighted}
 * cases fit collapsed rows with frequency weights against glm on the expanded rows.
 */
class LogisticRegressionAgainstRTest {

    private static final RReference R = RReference.load("logistic");

    static Stream<String> cases() {
        return R.cases().stream();
    }

    /** The design R's formula builds: terms in order, factors with their reference level. */
    static DesignMatrix design(RReference ref, String name, Dataset data) {
        List<String> factors = ref.has(name, "factors") ? ref.strings(name, "factors") : List.of();
        List<String> references = ref.has(name, "references") ? ref.strings(name, "references") : List.of();
        DesignMatrix.Builder b = DesignMatrix.builder();
        for (String term : ref.strings(name, "terms")) {
            int f = factors.indexOf(term);
            if (f >= 0) {
                b.categorical(term, data.strings(term), references.get(f));
            } else {
                b.numeric(term, data.numbers(term));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCoefficientAgreesWithGlm(String name) {
        Dataset data = Dataset.load(R.strings(name, "data").get(0));
        boolean weighted = R.has(name, "weights");
        LogisticRegression.Fit fit = weighted
                ? LogisticRegression.fit(design(R, name, data), data.flags(R.strings(name, "outcome").get(0)),
                        frequencies(data.numbers(R.strings(name, "weights").get(0))), ConfidenceLevels.DEFAULT)
                : LogisticRegression.fit(design(R, name, data), data.flags(R.strings(name, "outcome").get(0)));

        List<String> names = R.strings(name, "names");
        double[] est = R.vector(name, "estimate");
        double[] se = R.vector(name, "se");
        double[] z = R.vector(name, "z");
        double[] p = R.vector(name, "p");
        double[] lower = R.vector(name, "lower");
        double[] upper = R.vector(name, "upper");
        assertThat(fit.coefficients()).extracting(LogisticRegression.Coefficient::name).containsExactlyElementsOf(names);
        for (int j = 0; j < names.size(); j++) {
            LogisticRegression.Coefficient c = fit.coefficients().get(j);
            String what = name + " " + c.name();
            AgreesWithR.relative(what + " estimate", c.estimate(), est[j]);
            AgreesWithR.relative(what + " SE", c.standardError(), se[j]);
            AgreesWithR.relative(what + " z", c.z(), z[j]);
            AgreesWithR.relative(what + " p", c.pValue(), p[j]);
            AgreesWithR.relative(what + " lower", c.lower(), lower[j]);
            AgreesWithR.relative(what + " upper", c.upper(), upper[j]);
        }
        AgreesWithR.relative(name + " deviance", fit.deviance(), R.scalar(name, "deviance"));
        AgreesWithR.relative(name + " null deviance", fit.nullDeviance(), R.scalar(name, "null_deviance"));
        AgreesWithR.relative(name + " AIC", fit.aic(), R.scalar(name, "aic"));
        assertThat(fit.iterations()).isEqualTo((int) R.count(name, "iterations"));
        if (weighted) {
            // the reference of a weighted case is glm on the expanded rows; glm(weights = ) reaches the same
            // estimates from another start
            AgreesWithR.relative(name + " glm(weights =) estimates",
                    fit.coefficients().stream().mapToDouble(LogisticRegression.Coefficient::estimate).toArray(),
                    R.vector(name, "glm_weights.estimate"));
        }
        assertThat(fit.observations()).isEqualTo((int) R.count(name, "n"));

        if (R.has(name, "per_sd.term")) {
            String term = R.strings(name, "per_sd.term").get(0);
            RatioPerIncrement perUnit = fit.perUnit(term);
            AgreesWithR.relative(name + " OR per unit", perUnit.ratio(), R.scalar(name, "per_unit.or"));
            AgreesWithR.relative(name + " OR per unit lower", perUnit.lower(), R.scalar(name, "per_unit.lower"));
            AgreesWithR.relative(name + " OR per unit upper", perUnit.upper(), R.scalar(name, "per_unit.upper"));
            RatioPerIncrement perSd = fit.perStandardDeviation(term);
            AgreesWithR.relative(name + " SD", perSd.increment(), R.scalar(name, "per_sd.sd"));
            AgreesWithR.relative(name + " OR per SD", perSd.ratio(), R.scalar(name, "per_sd.or"));
            AgreesWithR.relative(name + " OR per SD lower", perSd.lower(), R.scalar(name, "per_sd.lower"));
            AgreesWithR.relative(name + " OR per SD upper", perSd.upper(), R.scalar(name, "per_sd.upper"));
        }
    }

    static long[] frequencies(double[] counts) {
        long[] f = new long[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (long) counts[i];
        }
        return f;
    }

    @Test
    void separatedOutcomeIsRejected() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        boolean[] y = {false, false, false, false, true, true, true, true};
        assertThatThrownBy(() -> LogisticRegression.fit(DesignMatrix.of("x", x), y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separated");
    }

    @Test
    void outcomeWithoutEventsIsRejected() {
        double[] x = {1, 2, 3, 4, 5};
        assertThatThrownBy(() -> LogisticRegression.fit(DesignMatrix.of("x", x), new boolean[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no subject has the outcome");
    }

    @Test
    void constantOrCollinearCovariatesAreRejected() {
        double[] x = {1, 2, 3, 4, 5, 6};
        boolean[] y = {false, true, false, true, true, false};
        assertThatThrownBy(() -> LogisticRegression.fit(DesignMatrix.of("site", new double[] {2, 2, 2, 2, 2, 2}), y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'site'");
        DesignMatrix collinear = DesignMatrix.builder().numeric("size_cm", x)
                .numeric("size_mm", java.util.Arrays.stream(x).map(v -> 10 * v).toArray()).build();
        assertThatThrownBy(() -> LogisticRegression.fit(collinear, y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'size_mm'");
    }
}
