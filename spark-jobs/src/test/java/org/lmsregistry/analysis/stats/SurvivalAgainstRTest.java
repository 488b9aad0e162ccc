package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kaplan-Meier, log-rank and Cox regression against {@code survfit}, {@code survdiff}, {@code coxph}. */
class SurvivalAgainstRTest {

    private static final RReference KM = RReference.load("kaplan_meier");
    private static final RReference LOG_RANK = RReference.load("log_rank");
    private static final RReference COX = RReference.load("cox");

    static Stream<String> kmCases() {
        return KM.cases().stream();
    }

    static Stream<String> logRankCases() {
        return LOG_RANK.cases().stream();
    }

    static Stream<String> coxCases() {
        return COX.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kmCases")
    void kaplanMeierAtEveryTimePoint(String name) {
        SurvivalCase data = SurvivalCase.of(KM, name);
        String[] groups = data.groups();
        Map<String, KaplanMeier.Curve> curves = groups == null
                ? Map.of("all", KaplanMeier.estimate(data.time(), data.event()))
                : KaplanMeier.byGroup(data.time(), data.event(), groups);
        List<String> levels = KM.strings(name, "groups");
        assertThat(curves.keySet()).containsExactlyElementsOf(levels);
        double[] times = KM.vector(name, "times");
        for (String g : levels) {
            KaplanMeier.Curve curve = curves.get(g);
            String what = name + "/" + g;
            double[] time = KM.vector(name, g + ".time");
            assertThat(curve.steps()).as(what + " steps").hasSize(time.length);
            double[] nRisk = KM.vector(name, g + ".n.risk");
            double[] nEvent = KM.vector(name, g + ".n.event");
            double[] nCensor = KM.vector(name, g + ".n.censor");
            double[] surv = KM.vector(name, g + ".surv");
            double[] stdErr = KM.vector(name, g + ".std.err");
            double[] lower = KM.vector(name, g + ".lower");
            double[] upper = KM.vector(name, g + ".upper");
            for (int i = 0; i < time.length; i++) {
                KaplanMeier.Step s = curve.steps().get(i);
                String at = what + " t=" + time[i];
                assertThat(s.time()).as(at).isEqualTo(time[i]);
                assertThat(s.atRisk()).as(at + " n.risk").isEqualTo((int) nRisk[i]);
                assertThat(s.events()).as(at + " n.event").isEqualTo((int) nEvent[i]);
                assertThat(s.censored()).as(at + " n.censor").isEqualTo((int) nCensor[i]);
                AgreesWithR.relative(at + " surv", s.survival(), surv[i]);
                AgreesWithR.relative(at + " std.err", s.logStandardError(), stdErr[i]);
                if (Double.isNaN(lower[i])) {
                    assertThat(s.confidenceLimitsDefined()).as(at).isFalse();
                    assertThat(s.survival()).isZero();
                } else {
                    assertThat(s.confidenceLimitsDefined()).as(at).isTrue();
                    AgreesWithR.relative(at + " lower", s.lower(), lower[i]);
                    AgreesWithR.relative(at + " upper", s.upper(), upper[i]);
                }
            }
            double[] atSurv = KM.vector(name, g + ".at.surv");
            double[] atRisk = KM.vector(name, g + ".at.n.risk");
            double[] atSe = KM.vector(name, g + ".at.std.err");
            for (int k = 0; k < times.length; k++) {
                String at = what + " summary at " + times[k];
                AgreesWithR.relative(at + " surv", curve.survivalAt(times[k]), atSurv[k]);
                assertThat(curve.atRisk(times[k])).as(at + " n.risk").isEqualTo((int) atRisk[k]);
                if (Double.isNaN(atSe[k])) {
                    assertThat(curve.survivalAt(times[k])).isZero();
                } else {
                    AgreesWithR.relative(at + " std.err", curve.standardErrorAt(times[k]), atSe[k]);
                }
            }
            assertThat(curve.subjects()).isEqualTo((int) nRisk[0]);
            assertThat(curve.events()).isEqualTo((int) java.util.Arrays.stream(nEvent).sum());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logRankCases")
    void logRank(String name) {
        SurvivalCase data = SurvivalCase.of(LOG_RANK, name);
        LogRankTest.Result r = LogRankTest.of(data.time(), data.event(), data.groups());
        List<String> groups = LOG_RANK.strings(name, "groups");
        assertThat(r.groups()).extracting(LogRankTest.Group::label).containsExactlyElementsOf(groups);
        double[] n = LOG_RANK.vector(name, "n");
        double[] obs = LOG_RANK.vector(name, "observed");
        double[] exp = LOG_RANK.vector(name, "expected");
        double[] var = LOG_RANK.vector(name, "variance");
        int k = groups.size();
        for (int a = 0; a < k; a++) {
            LogRankTest.Group g = r.groups().get(a);
            assertThat(g.subjects()).isEqualTo((int) n[a]);
            AgreesWithR.relative(name + " observed " + g.label(), g.observed(), obs[a]);
            AgreesWithR.relative(name + " expected " + g.label(), g.expected(), exp[a]);
            for (int b = 0; b < k; b++) {
                AgreesWithR.relative(name + " var[" + a + "," + b + "]", r.variance()[a][b], var[a * k + b]);
            }
        }
        AgreesWithR.relative(name + " chisq", r.chiSquare(), LOG_RANK.scalar(name, "chisq"));
        AgreesWithR.relative(name + " p", r.pValue(), LOG_RANK.scalar(name, "p"));
        assertThat(r.degreesOfFreedom()).isEqualTo((int) LOG_RANK.count(name, "df"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coxCases")
    void coxEveryCoefficientAndTest(String name) {
        SurvivalCase data = SurvivalCase.of(COX, name);
        CoxRegression.Fit fit = CoxRegression.fit(data.design(), data.time(), data.event());
        List<String> names = COX.strings(name, "names");
        assertThat(fit.coefficients()).extracting(CoxRegression.Coefficient::name).containsExactlyElementsOf(names);
        double[] coef = COX.vector(name, "coef");
        double[] se = COX.vector(name, "se");
        double[] z = COX.vector(name, "z");
        double[] p = COX.vector(name, "p");
        double[] hr = COX.vector(name, "hr");
        double[] lower = COX.vector(name, "lower");
        double[] upper = COX.vector(name, "upper");
        for (int j = 0; j < names.size(); j++) {
            CoxRegression.Coefficient c = fit.coefficients().get(j);
            String what = name + " " + c.name();
            AgreesWithR.relative(what + " coef", c.estimate(), coef[j]);
            AgreesWithR.relative(what + " se", c.standardError(), se[j]);
            AgreesWithR.relative(what + " z", c.z(), z[j]);
            AgreesWithR.relative(what + " p", c.pValue(), p[j]);
            AgreesWithR.relative(what + " HR", c.hazardRatio(), hr[j]);
            AgreesWithR.relative(what + " lower", c.lower(), lower[j]);
            AgreesWithR.relative(what + " upper", c.upper(), upper[j]);
        }
        double[] loglik = COX.vector(name, "loglik");
        AgreesWithR.relative(name + " loglik(0)", fit.nullLogLikelihood(), loglik[0]);
        AgreesWithR.relative(name + " loglik", fit.logLikelihood(), loglik[1]);
        checkTest(name + " Wald", fit.waldTest(), COX.vector(name, "wald"));
        checkTest(name + " LR", fit.likelihoodRatioTest(), COX.vector(name, "lr"));
        checkTest(name + " score", fit.scoreTest(), COX.vector(name, "score"));
        assertThat(fit.subjects()).isEqualTo((int) COX.count(name, "n"));
        assertThat(fit.events()).isEqualTo((int) COX.count(name, "nevent"));
        assertThat(fit.iterations()).isEqualTo((int) COX.count(name, "iter"));
        if (COX.has(name, "per_sd.term")) {
            String term = COX.strings(name, "per_sd.term").get(0);
            RatioPerIncrement perSd = fit.perStandardDeviation(term);
            AgreesWithR.relative(name + " SD", perSd.increment(), COX.scalar(name, "per_sd.sd"));
            AgreesWithR.relative(name + " HR per SD", perSd.ratio(), COX.scalar(name, "per_sd.hr"));
            AgreesWithR.relative(name + " HR per SD lower", perSd.lower(), COX.scalar(name, "per_sd.lower"));
            AgreesWithR.relative(name + " HR per SD upper", perSd.upper(), COX.scalar(name, "per_sd.upper"));
        }
    }

    private static void checkTest(String what, ChiSquareTest actual, double[] expected) {
        AgreesWithR.relative(what + " statistic", actual.statistic(), expected[0]);
        assertThat(actual.degreesOfFreedom()).as(what + " df").isEqualTo((int) expected[1]);
        AgreesWithR.relative(what + " p", actual.pValue(), expected[2]);
    }

    @Test
    void edgeCasesGiveClearErrors() {
        double[] time = {2, 3, 4, 5, 6, 7};
        boolean[] none = new boolean[6];
        String[] group = {"A", "B", "A", "B", "A", "B"};
        assertThatThrownBy(() -> LogRankTest.of(time, none, group)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all 6 subjects are censored");
        assertThatThrownBy(() -> LogRankTest.of(time, new boolean[] {true, false, true, false, false, false},
                new String[] {"A", "A", "A", "A", "A", "A"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 groups");
        assertThatThrownBy(() -> CoxRegression.fit(DesignMatrix.of("x", new double[] {1, 2, 3, 4, 5, 6}), time, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("censored");
        assertThatThrownBy(() -> KaplanMeier.estimate(new double[0], new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no subjects");
        assertThatThrownBy(() -> KaplanMeier.estimate(new double[] {1, -2}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject 2");
        assertThatThrownBy(() -> KaplanMeier.estimate(new double[] {1, Double.NaN}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject 2");
        // no events among the subjects with the feature: the hazard ratio is 0 (R warns it may be infinite)
        double[] x = {1, 0, 1, 0, 1, 0, 1, 0};
        double[] t = {5, 2, 8, 3, 9, 4, 7, 6};
        boolean[] e = {false, true, false, true, false, true, false, true};
        assertThatThrownBy(() -> CoxRegression.fit(DesignMatrix.of("necrosis", x), t, e))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'necrosis' diverges");
        assertThatThrownBy(() -> CoxRegression.fit(DesignMatrix.of("x", new double[] {1, 1, 1, 1, 1, 1, 1, 1}), t, e))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("constant");
        DesignMatrix collinear = DesignMatrix.builder().numeric("a", new double[] {1, 2, 3, 4, 5, 6, 7, 8})
                .numeric("b", new double[] {2, 4, 6, 8, 10, 12, 14, 16}).build();
        assertThatThrownBy(() -> CoxRegression.fit(collinear, t, new boolean[] {true, true, false, true, false, true,
                true, false})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collinear");
    }
}
