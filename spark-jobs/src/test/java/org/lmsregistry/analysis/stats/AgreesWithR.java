package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions for "agrees with R": 1e-6 relative for estimates, limits and p; 1e-9 absolute for exact tests. */
final class AgreesWithR {

    static final double RELATIVE = 1e-6;
    static final double EXACT_ABSOLUTE = 1e-9;

    private AgreesWithR() {
    }

    /** |actual - expected| &le; 1e-6 |expected| (infinities must match exactly; 0 must be ~0). */
    static void relative(String what, double actual, double expected) {
        relative(what, actual, expected, RELATIVE);
    }

    static void relative(String what, double actual, double expected, double tolerance) {
        if (Double.isNaN(expected)) {
            throw new AssertionError(what + ": reference is NA; the test must not compare it");
        }
        assertThat(actual).as(what + " is not NaN").isNotNaN();
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double allowed = tolerance * Math.abs(expected) + 1e-300;
        if (Math.abs(expected) < 1e-12) {
            allowed = Math.max(allowed, 1e-12);  // expected 0 (e.g. a coefficient of exactly 0)
        }
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s vs R %s (relative difference %s)", what, actual, expected,
                        Math.abs(actual - expected) / Math.abs(expected))
                .isLessThanOrEqualTo(allowed);
    }

    static void relative(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            relative(what + "[" + (i + 1) + "]", actual[i], expected[i]);
        }
    }

    /** |actual - expected| &le; 1e-9, for p-values of exact tests. */
    static void exact(String what, double actual, double expected) {
        assertThat(actual).as(what + " is not NaN").isNotNaN();
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s vs R %s", what, actual, expected)
                .isLessThanOrEqualTo(EXACT_ABSOLUTE);
    }
}
