package org.lmsregistry.analysis.stats;

/** Validation of confidence levels shared by the interval methods. */
final class ConfidenceLevels {

    /** The default confidence level of every interval in this package. */
    static final double DEFAULT = 0.95;

    private ConfidenceLevels() {
    }

    static void check(double confidenceLevel) {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0)) {
            throw new IllegalArgumentException(
                    "confidence level must be strictly between 0 and 1, got " + confidenceLevel);
        }
    }
}
