package org.lmsregistry.analysis.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's root search (Brent 1973, <i>Algorithms for Minimization without Derivatives</i>, ch. 4,
 * "zeroin") with exactly the tolerance rule and step sequence of R's {@code uniroot()}.
 *
 * <p>R's {@code fisher.test} finds its conditional MLE and confidence limits with
 * {@code uniroot(f, c(lower, upper))} at the default tolerance {@code .Machine$double.eps^0.25}
 * (about 1.2e-4). The answer therefore depends on the iterates, not only on the root; to agree with
 * R to 1e-6 this class takes the same steps (bisection, secant and inverse quadratic interpolation
 * with the same acceptance tests) from the same end points and stops at the same point.
 */
final class UnirootSearch {

    /** R's default {@code tol = .Machine$double.eps^0.25} (= 2^-13). */
    static final double R_DEFAULT_TOLERANCE = Math.pow(Math.ulp(1.0), 0.25);

    private static final double EPSILON = Math.ulp(1.0);
    private static final int R_DEFAULT_MAX_ITERATIONS = 1000;

    private UnirootSearch() {
    }

    /** The root of f in [lower, upper] as {@code uniroot(f, c(lower, upper))$root}. */
    static double uniroot(DoubleUnaryOperator f, double lower, double upper) {
        return uniroot(f, lower, upper, R_DEFAULT_TOLERANCE);
    }

    static double uniroot(DoubleUnaryOperator f, double lower, double upper, double tolerance) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower < upper is not fulfilled: " + lower + ", " + upper);
        }
        double fLower = f.applyAsDouble(lower);
        double fUpper = f.applyAsDouble(upper);
        if (Double.isNaN(fLower) || Double.isNaN(fUpper)) {
            throw new IllegalStateException("function is NaN at an end point of [" + lower + ", " + upper + "]");
        }
        if (fLower * fUpper > 0) {
            throw new IllegalStateException("function values at the end points of [" + lower + ", " + upper
                    + "] are not of opposite sign: " + fLower + ", " + fUpper);
        }
        return zeroin(lower, upper, fLower, fUpper, x -> finite(f.applyAsDouble(x)), tolerance,
                R_DEFAULT_MAX_ITERATIONS);
    }

    /** As R's C wrapper: infinite values become +-DBL_MAX, NaN is an error. */
    private static double finite(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalStateException("function value is NaN during the root search");
        }
        if (value == Double.POSITIVE_INFINITY) {
            return Double.MAX_VALUE;
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return -Double.MAX_VALUE;
        }
        return value;
    }

    private static double zeroin(double ax, double bx, double fax, double fbx, DoubleUnaryOperator f,
                                 double tol, int maxIterations) {
        double a = ax;
        double b = bx;
        double fa = fax;
        double fb = fbx;
        double c = a;
        double fc = fa;
        if (fa == 0.0) {
            return a;
        }
        if (fb == 0.0) {
            return b;
        }
        int remaining = maxIterations + 1;
        while (remaining-- > 0) {
            double prevStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolAct = 2 * EPSILON * Math.abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.abs(newStep) <= tolAct || fb == 0.0) {
                return b;
            }
            if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
                double p;
                double q;
                double cb = c - b;
                if (a == c) {
                    double t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    double qq = fa / fc;
                    double t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1.0));
                    q = (qq - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
                    newStep = p / q;
                }
            }
            if (Math.abs(newStep) < tolAct) {
                newStep = newStep > 0 ? tolAct : -tolAct;
            }
            a = b;
            fa = fb;
            b += newStep;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        throw new IllegalStateException("root search did not converge in " + maxIterations + " iterations");
    }
}
