package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kaplan-Meier estimate of the survival function (e.g. recurrence-free survival) with Greenwood
 * standard errors and log-scale confidence limits, as R {@code survfit(Surv(time, status) ~ 1)}
 * with its defaults ({@code conf.type = "log"}).
 *
 * <p>At each distinct time t with n at risk and d events, S(t) = &Pi; (1 - d/n) (Kaplan &amp; Meier
 * 1958, <i>J Am Stat Assoc</i> 53:457). The Greenwood variance of -log S is &Sigma; d / (n (n - d))
 * (Greenwood 1926; Kalbfleisch &amp; Prentice 2002, <i>The Statistical Analysis of Failure Time
 * Data</i>, 2nd ed., section 1.4); the limits are S exp(&plusmn; z SE<sub>log</sub>), the upper one
 * capped at 1. As in {@code survfit}, the curve has a step at every distinct time, with events or
 * censorings only.
 *
 * <p>When S reaches 0 the standard error of -log S is infinite and the log-scale limits do not exist
 * (R reports NA): such steps have {@code confidenceLimitsDefined = false}, the standard error of S and
 * both limits are NaN. All other values are always finite numbers.
 */
public final class KaplanMeier {

    private KaplanMeier() {
    }

    /**
     * One step of the curve, at a distinct follow-up time.
     *
     * @param time                    the time
     * @param atRisk                  subjects at risk just before the time (follow-up &ge; time)
     * @param events                  events at the time
     * @param censored                censorings at the time
     * @param survival                S(time)
     * @param logStandardError        Greenwood standard error of -log S (R's {@code fit$std.err});
     *                                +Infinity once S is 0
     * @param standardError           standard error of S = S &times; logStandardError (R's
     *                                {@code summary(fit)$std.err}); NaN once S is 0
     * @param lower                   lower limit (log scale); NaN once S is 0
     * @param upper                   upper limit (log scale, at most 1); NaN once S is 0
     * @param confidenceLimitsDefined false once S is 0
     */
    public record Step(double time, int atRisk, int events, int censored, double survival, double logStandardError,
                       double standardError, double lower, double upper, boolean confidenceLimitsDefined) {
    }

    /**
     * A survival curve.
     *
     * @param steps           one per distinct time, increasing
     * @param subjects        number of subjects
     * @param events          number of events
     * @param confidenceLevel e.g. 0.95
     */
    public record Curve(List<Step> steps, int subjects, int events, double confidenceLevel) {

        public Curve {
            steps = List.copyOf(steps);
        }

        /** S(t): the survival of the last step at or before t, 1 before the first step. */
        public double survivalAt(double t) {
            Step s = stepAt(t);
            return s == null ? 1.0 : s.survival();
        }

        /** Standard error of S(t) (as {@code summary(fit, times = t)$std.err}); NaN when S(t) is 0. */
        public double standardErrorAt(double t) {
            Step s = stepAt(t);
            return s == null ? 0.0 : s.standardError();
        }

        /** The number at risk at t: subjects with follow-up &ge; t (as {@code summary(fit, times = t)$n.risk}). */
        public int atRisk(double t) {
            for (Step s : steps) {
                if (s.time() >= t) {
                    return s.atRisk();
                }
            }
            return 0;
        }

        private Step stepAt(double t) {
            Step last = null;
            for (Step s : steps) {
                if (s.time() > t) {
                    break;
                }
                last = s;
            }
            return last;
        }
    }

    /** The curve with 95% limits. */
    public static Curve estimate(double[] time, boolean[] event) {
        return estimate(time, event, ConfidenceLevels.DEFAULT);
    }

    /**
     * The curve with limits at the given level.
     *
     * @throws IllegalArgumentException without subjects, with mismatched lengths, or with a
     *                                  negative or non-finite time
     */
    public static Curve estimate(double[] time, boolean[] event, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        SurvivalData.check(time, event);
        double z = StandardNormal.criticalValue(confidenceLevel);
        int[] order = SurvivalData.byTime(time);
        int n = time.length;
        List<Step> steps = new ArrayList<>();
        double survival = 1.0;
        double greenwood = 0.0;
        int totalEvents = 0;
        int i = 0;
        while (i < n) {
            double t = time[order[i]];
            int atRisk = n - i;
            int events = 0;
            int censored = 0;
            while (i < n && time[order[i]] == t) {
                if (event[order[i]]) {
                    events++;
                } else {
                    censored++;
                }
                i++;
            }
            totalEvents += events;
            if (events > 0) {
                survival *= (double) (atRisk - events) / atRisk;
                greenwood = events == atRisk ? Double.POSITIVE_INFINITY
                        : greenwood + (double) events / ((double) atRisk * (atRisk - events));
            }
            double seLog = Math.sqrt(greenwood);
            if (survival > 0) {
                double lower = Math.exp(Math.log(survival) - z * seLog);
                double upper = Math.min(1.0, Math.exp(Math.log(survival) + z * seLog));
                steps.add(new Step(t, atRisk, events, censored, survival, seLog, survival * seLog, lower, upper,
                        true));
            } else {
                steps.add(new Step(t, atRisk, events, censored, 0.0, Double.POSITIVE_INFINITY, Double.NaN,
                        Double.NaN, Double.NaN, false));
            }
        }
        return new Curve(steps, n, totalEvents, confidenceLevel);
    }

    /** One curve per group, in sorted group order, with 95% limits. */
    public static Map<String, Curve> byGroup(double[] time, boolean[] event, String[] group) {
        return byGroup(time, event, group, ConfidenceLevels.DEFAULT);
    }

    /** One curve per group, in sorted group order. */
    public static Map<String, Curve> byGroup(double[] time, boolean[] event, String[] group, double confidenceLevel) {
        SurvivalData.check(time, event);
        SurvivalData.checkGroups(time.length, group);
        Map<String, Curve> curves = new LinkedHashMap<>();
        for (String level : SurvivalData.sortedLevels(group)) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < group.length; i++) {
                if (group[i].equals(level)) {
                    members.add(i);
                }
            }
            double[] t = members.stream().mapToDouble(i -> time[i]).toArray();
            boolean[] e = new boolean[members.size()];
            for (int k = 0; k < e.length; k++) {
                e[k] = event[members.get(k)];
            }
            curves.put(level, estimate(t, e, confidenceLevel));
        }
        return Collections.unmodifiableMap(curves);
    }
}
