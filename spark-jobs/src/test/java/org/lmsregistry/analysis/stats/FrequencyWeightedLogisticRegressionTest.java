package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A fit on collapsed rows with frequency weights is the fit on the expanded rows (one per subject): same
 * estimates, standard errors, deviances, iterations, counts and standard deviations, to 1e-10.
 */
class FrequencyWeightedLogisticRegressionTest {

    private static final double TOLERANCE = 1e-10;

    /** Rows of a design with their outcome, collapsed on identical (outcome, covariates) in first-seen order. */
    private record Collapsed(DesignMatrix design, boolean[] outcome, long[] frequencies) {
    }

    private static Collapsed collapse(DesignMatrix x, boolean[] y) {
        Map<List<Double>, long[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < x.rows(); i++) {
            List<Double> key = new ArrayList<>();
            key.add(y[i] ? 1.0 : 0.0);
            for (int j = 0; j < x.columns(); j++) {
                key.add(x.value(i, j));
            }
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
        }
        int n = counts.size();
        double[][] columns = new double[x.columns()][n];
        boolean[] outcome = new boolean[n];
        long[] f = new long[n];
        int i = 0;
        for (Map.Entry<List<Double>, long[]> e : counts.entrySet()) {
            outcome[i] = e.getKey().get(0) == 1.0;
            for (int j = 0; j < x.columns(); j++) {
                columns[j][i] = e.getKey().get(j + 1);
            }
            f[i] = e.getValue()[0];
            i++;
        }
        DesignMatrix.Builder b = DesignMatrix.builder();
        for (int j = 0; j < x.columns(); j++) {
            b.numeric(x.names().get(j), columns[j]);
        }
        return new Collapsed(b.build(), outcome, f);
    }

    private static void assertSameFit(DesignMatrix x, boolean[] y) {
        Collapsed c = collapse(x, y);
        assertThat(c.design().rows()).isLessThan(x.rows());
        LogisticRegression.Fit expanded = LogisticRegression.fit(x, y);
        LogisticRegression.Fit weighted = LogisticRegression.fit(c.design(), c.outcome(), c.frequencies(),
                ConfidenceLevels.DEFAULT);
        assertThat(weighted.observations()).isEqualTo(expanded.observations());
        assertThat(weighted.events()).isEqualTo(expanded.events());
        assertThat(weighted.iterations()).isEqualTo(expanded.iterations());
        for (int j = 0; j < expanded.coefficients().size(); j++) {
            LogisticRegression.Coefficient e = expanded.coefficients().get(j);
            LogisticRegression.Coefficient w = weighted.coefficients().get(j);
            assertThat(w.name()).isEqualTo(e.name());
            AgreesWithR.relative(e.name() + " estimate", w.estimate(), e.estimate(), TOLERANCE);
            AgreesWithR.relative(e.name() + " SE", w.standardError(), e.standardError(), TOLERANCE);
            AgreesWithR.relative(e.name() + " z", w.z(), e.z(), TOLERANCE);
            AgreesWithR.relative(e.name() + " p", w.pValue(), e.pValue(), TOLERANCE);
            AgreesWithR.relative(e.name() + " lower", w.lower(), e.lower(), TOLERANCE);
            AgreesWithR.relative(e.name() + " upper", w.upper(), e.upper(), TOLERANCE);
        }
        AgreesWithR.relative("deviance", weighted.deviance(), expanded.deviance(), TOLERANCE);
        AgreesWithR.relative("null deviance", weighted.nullDeviance(), expanded.nullDeviance(), TOLERANCE);
        AgreesWithR.relative("AIC", weighted.aic(), expanded.aic(), TOLERANCE);
        for (String name : x.names()) {
            AgreesWithR.relative("SD " + name, weighted.standardDeviations().get(name),
                    expanded.standardDeviations().get(name), TOLERANCE);
        }
    }

    @Test
    void collapsedCohortFitsAsTheExpandedOne() {
        Dataset data = Dataset.load("cohort");
        DesignMatrix x = DesignMatrix.builder().numeric("necrosis", data.numbers("necrosis"))
                .categorical("grade", data.strings("grade"), "G1").categorical("site", data.strings("site"), "AMS")
                .build();
        assertSameFit(x, data.flags("recurrence_2y"));
    }

    /** The registry's models: a binary feature, grade and size in whole mm per cm, many subjects per pattern. */
    @Test
    void registryShapedModelFitsAsTheExpandedOne() {
        SplittableRandom random = new SplittableRandom(20261122);
        int n = 30_000;
        double[] feature = new double[n];
        String[] grade = new String[n];
        double[] size = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            feature[i] = random.nextDouble() < 0.4 ? 1 : 0;
            int g = random.nextInt(3);
            grade[i] = "G" + (g + 1);
            size[i] = (20 + random.nextInt(200)) / 10.0;
            double eta = -1.5 + 0.6 * feature[i] + 0.4 * g + 0.05 * size[i];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta));
        }
        DesignMatrix x = DesignMatrix.builder().numeric("feature", feature).categorical("grade", grade, "G1")
                .numeric("size", size).build();
        assertSameFit(x, y);
    }

    @Test
    void frequenciesBelowOneAreRejected() {
        DesignMatrix x = DesignMatrix.of("x", new double[] {1, 2, 3, 4});
        boolean[] y = {false, true, false, true};
        assertThatThrownBy(() -> LogisticRegression.fit(x, y, new long[] {3, 0, 2, 5}, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frequency weight of row 2 is 0");
        assertThatThrownBy(() -> LogisticRegression.fit(x, y, new long[] {3, 2, 5}, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 frequencies for 4 rows");
    }

    /** Fewer distinct rows than coefficients: the collinear covariate is named, as for the expanded rows. */
    @Test
    void fewerPatternsThanCoefficientsNameTheCollinearCovariate() {
        DesignMatrix x = DesignMatrix.builder().numeric("a", new double[] {0, 1}).numeric("b", new double[] {1, 2})
                .build();
        boolean[] y = {false, true};
        long[] f = {40, 60};
        String expanded = message(() -> {
            double[] a = new double[100];
            double[] b = new double[100];
            boolean[] yy = new boolean[100];
            for (int i = 0; i < 100; i++) {
                a[i] = i < 40 ? 0 : 1;
                b[i] = a[i] + 1;
                yy[i] = i >= 40;
            }
            LogisticRegression.fit(DesignMatrix.builder().numeric("a", a).numeric("b", b).build(), yy);
        });
        assertThat(expanded).contains("'b'");
        assertThat(message(() -> LogisticRegression.fit(x, y, f, 0.95))).isEqualTo(expanded);
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an IllegalArgumentException");
    }
}
