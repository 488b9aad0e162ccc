package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lmsregistry.model.validation.Fixtures.event;
import static org.lmsregistry.model.validation.Fixtures.surgery;
import static org.lmsregistry.model.validation.Fixtures.surveillance;
import static org.lmsregistry.model.validation.Fixtures.treatment;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.validation.SurveillanceGuideline.Gap;
import org.lmsregistry.model.validation.SurveillanceGuideline.Reading;

class SurveillanceGuidelineTest {

    private final SurveillanceGuideline standard = SurveillanceGuideline.standard();

    @Test
    void standardIsTheLenientReadingWithThirtyDaysTolerance() {
        assertThat(standard.reading()).isEqualTo(Reading.LENIENT);
        assertThat(standard.toleranceDays()).isEqualTo(30);
    }

    @Test
    void monthsAreAveragedAndRoundedUp() {
        assertThat(SurveillanceGuideline.monthsToDays(4)).isEqualTo(122);
        assertThat(SurveillanceGuideline.monthsToDays(6)).isEqualTo(183);
        assertThat(SurveillanceGuideline.monthsToDays(12)).isEqualTo(366);
        assertThat(SurveillanceGuideline.monthsToDays(0)).isZero();
    }

    /** The whole schedule: grade, reading, day since end of treatment, longest gap (30 days' tolerance). */
    @ParameterizedTest(name = "{0} {1} day {2}: {3} days")
    @CsvSource(textBlock = """
            G3, LENIENT, 0,    152
            G3, LENIENT, 730,  152
            G3, LENIENT, 731,  213
            G3, LENIENT, 1826, 213
            G3, LENIENT, 1827, 396
            G3, LENIENT, 9000, 396
            G2, LENIENT, 100,  152
            G2, STRICT,  1095, 152
            G2, STRICT,  1096, 213
            G1, LENIENT, 0,    213
            G1, LENIENT, 1095, 213
            G1, LENIENT, 1096, 396
            G1, STRICT,  1826, 213
            G1, STRICT,  1827, 396
            """)
    void longestGapByGradeAndTimeSinceTreatment(FnclccGrade grade, Reading reading, int day, int expected) {
        assertThat(new SurveillanceGuideline(reading, 30).maxIntervalDays(grade, day)).isEqualTo(expected);
    }

    @Test
    void phasesCoverEveryDayWithoutGapsAndQuoteTheGuideline() {
        for (Reading reading : Reading.values()) {
            SurveillanceGuideline g = new SurveillanceGuideline(reading, 0);
            for (FnclccGrade grade : FnclccGrade.values()) {
                List<SurveillanceGuideline.Phase> phases = g.phases(grade);
                assertThat(phases.get(0).fromMonth()).isZero();
                assertThat(phases.get(phases.size() - 1).untilMonth()).isEqualTo(SurveillanceGuideline.OPEN_ENDED);
                for (int i = 1; i < phases.size(); i++) {
                    assertThat(phases.get(i).fromMonth()).isEqualTo(phases.get(i - 1).untilMonth());
                    assertThat(phases.get(i).maxIntervalMonths())
                            .isGreaterThanOrEqualTo(phases.get(i - 1).maxIntervalMonths());
                }
                assertThat(phases).allSatisfy(p -> {
                    assertThat(p.minIntervalMonths()).isPositive().isLessThanOrEqualTo(p.maxIntervalMonths());
                    assertThat(p.recommendation()).isNotBlank();
                });
                for (int day = 0; day < 10_000; day += 7) {
                    assertThat(g.phaseAt(grade, day).contains(day)).isTrue();
                }
            }
        }
        assertThat(standard.phases(FnclccGrade.G3)).extracting(SurveillanceGuideline.Phase::recommendation)
                .containsExactly("every 3-4 months in the first 2-3 years", "twice a year up to year 5",
                        "once a year after year 5");
    }

    @Test
    void overdueGapsFromTreatmentEndAndBetweenVisits() {
        // end of treatment day 20; visits; surveillance until day 1000
        int[] days = {10, 172, 173, 325, 478, 2000};
        List<Gap> gaps = standard.overdueGaps(FnclccGrade.G3, 20, 1000, days);
        // 20->172 = 152 ok; 173->325 = 152 ok; 325->478 = 153 late; 2000 is after the end of surveillance
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.fromIndex()).isEqualTo(3);
            assertThat(g.toIndex()).isEqualTo(4);
            assertThat(g.fromDay()).isEqualTo(325);
            assertThat(g.toDay()).isEqualTo(478);
            assertThat(g.days()).isEqualTo(153);
            assertThat(g.allowedDays()).isEqualTo(152);
            assertThat(g.phase().maxIntervalMonths()).isEqualTo(4);
        });
        assertThat(standard.overdueGaps(FnclccGrade.G3, 20, 1000, new int[] {200}))
                .singleElement().satisfies(g -> assertThat(g.fromIndex()).isEqualTo(-1));
        assertThat(standard.overdueGaps(FnclccGrade.G3, 20, 1000, new int[0])).isEmpty();
    }

    @Test
    void theIntervalInForceWhenAGapOpensApplies() {
        // a visit in month 23 (4-month phase) followed by one 200 days later: late, although month 29 is in
        // the 6-month phase
        int treatmentEnd = 0;
        int visit = 700;
        assertThat(standard.overdueGaps(FnclccGrade.G3, treatmentEnd, Integer.MAX_VALUE,
                new int[] {100, 250, 400, 550, visit, visit + 200})).singleElement()
                .satisfies(g -> assertThat(g.fromDay()).isEqualTo(visit));
    }

    @Test
    void visitsOnTheLastDayOfSurveillanceCount() {
        assertThat(standard.overdueGaps(FnclccGrade.G3, 0, 300, new int[] {300})).hasSize(1);
        assertThat(standard.overdueGaps(FnclccGrade.G3, 0, 299, new int[] {300})).isEmpty();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> new SurveillanceGuideline(Reading.LENIENT, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurveillanceGuideline(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> standard.phaseAt(FnclccGrade.G1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standard.overdueGaps(FnclccGrade.G1, 0, 1000, new int[] {50, 40}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standard.overdueGaps(null, 0, 1000, new int[] {50}))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void surveillanceEndsAtTheFirstDeathRecurrenceOrConfirmedDetection() {
        assertThat(SurveillanceGuideline.surveillanceEndDay(List.of(), List.of())).isEqualTo(Integer.MAX_VALUE);
        assertThat(SurveillanceGuideline.surveillanceEndDay(
                List.of(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 100), event(1, "E2", OutcomeKind.DEATH, 900),
                        event(1, "E3", OutcomeKind.DISTANT_METASTASIS, 700)),
                List.of(surveillance(1, "S1", 50))))
                .isEqualTo(700);
        assertThat(SurveillanceGuideline.surveillanceEndDay(List.of(event(1, "E2", OutcomeKind.DEATH, 900)),
                List.of(surveillance(1, "S1", 500, SurveillanceResult.DISTANT_METASTASIS),
                        surveillance(1, "S2", 400, SurveillanceResult.EQUIVOCAL))))
                .isEqualTo(500);
    }

    @Test
    void primaryTreatmentEndsWithTheLastNonPalliativeTreatmentBeforeRecurrence() {
        var surgery = surgery(1, "T1", 20);
        var adjuvant = treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 60);
        var palliative = treatment(1, "T3", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE, 90);
        var reExcision = surgery(1, "T4", 800);
        assertThat(SurveillanceGuideline.primaryTreatmentEndDay(List.of(surgery, adjuvant, palliative, reExcision),
                700)).isEqualTo(OptionalInt.of(60));
        assertThat(SurveillanceGuideline.primaryTreatmentEndDay(List.of(palliative), 700)).isEmpty();
        assertThat(SurveillanceGuideline.primaryTreatmentEndDay(List.of(), 700)).isEmpty();
        assertThat(SurveillanceGuideline.isPrimaryTreatment(surgery, 20)).isFalse();
        assertThat(SurveillanceGuideline.isPrimaryTreatment(surgery, 21)).isTrue();
    }
}
