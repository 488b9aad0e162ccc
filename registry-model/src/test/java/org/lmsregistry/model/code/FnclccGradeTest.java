package org.lmsregistry.model.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RecordRules;
import org.lmsregistry.model.validation.Rule;

/**
 * FNCLCC grading (Trojani 1984; Guillou 1997): every differentiation score with mitotic counts at the
 * boundaries of the mitotic score and every necrosis score. The expected values were written from the
 * definition (mitoses 0-9 -> 1, 10-19 -> 2, >= 20 -> 3; total 2-3 G1, 4-5 G2, 6-8 G3), not computed by
 * the code under test.
 */
class FnclccGradeTest {

    @ParameterizedTest(name = "differentiation {0}, mitoses {1}, necrosis {2} -> {3}+... = {4} = {5}")
    @CsvSource(textBlock = """
            1,   0, NONE          , 1, 2, G1
            1,   0, LESS_THAN_HALF, 1, 3, G1
            1,   0, HALF_OR_MORE  , 1, 4, G2
            1,   9, NONE          , 1, 2, G1
            1,   9, LESS_THAN_HALF, 1, 3, G1
            1,   9, HALF_OR_MORE  , 1, 4, G2
            1,  10, NONE          , 2, 3, G1
            1,  10, LESS_THAN_HALF, 2, 4, G2
            1,  10, HALF_OR_MORE  , 2, 5, G2
            1,  19, NONE          , 2, 3, G1
            1,  19, LESS_THAN_HALF, 2, 4, G2
            1,  19, HALF_OR_MORE  , 2, 5, G2
            1,  20, NONE          , 3, 4, G2
            1,  20, LESS_THAN_HALF, 3, 5, G2
            1,  20, HALF_OR_MORE  , 3, 6, G3
            1, 200, NONE          , 3, 4, G2
            1, 200, LESS_THAN_HALF, 3, 5, G2
            1, 200, HALF_OR_MORE  , 3, 6, G3
            2,   0, NONE          , 1, 3, G1
            2,   0, LESS_THAN_HALF, 1, 4, G2
            2,   0, HALF_OR_MORE  , 1, 5, G2
            2,   9, NONE          , 1, 3, G1
            2,   9, LESS_THAN_HALF, 1, 4, G2
            2,   9, HALF_OR_MORE  , 1, 5, G2
            2,  10, NONE          , 2, 4, G2
            2,  10, LESS_THAN_HALF, 2, 5, G2
            2,  10, HALF_OR_MORE  , 2, 6, G3
            2,  19, NONE          , 2, 4, G2
            2,  19, LESS_THAN_HALF, 2, 5, G2
            2,  19, HALF_OR_MORE  , 2, 6, G3
            2,  20, NONE          , 3, 5, G2
            2,  20, LESS_THAN_HALF, 3, 6, G3
            2,  20, HALF_OR_MORE  , 3, 7, G3
            2, 200, NONE          , 3, 5, G2
            2, 200, LESS_THAN_HALF, 3, 6, G3
            2, 200, HALF_OR_MORE  , 3, 7, G3
            3,   0, NONE          , 1, 4, G2
            3,   0, LESS_THAN_HALF, 1, 5, G2
            3,   0, HALF_OR_MORE  , 1, 6, G3
            3,   9, NONE          , 1, 4, G2
            3,   9, LESS_THAN_HALF, 1, 5, G2
            3,   9, HALF_OR_MORE  , 1, 6, G3
            3,  10, NONE          , 2, 5, G2
            3,  10, LESS_THAN_HALF, 2, 6, G3
            3,  10, HALF_OR_MORE  , 2, 7, G3
            3,  19, NONE          , 2, 5, G2
            3,  19, LESS_THAN_HALF, 2, 6, G3
            3,  19, HALF_OR_MORE  , 2, 7, G3
            3,  20, NONE          , 3, 6, G3
            3,  20, LESS_THAN_HALF, 3, 7, G3
            3,  20, HALF_OR_MORE  , 3, 8, G3
            3, 200, NONE          , 3, 6, G3
            3, 200, LESS_THAN_HALF, 3, 7, G3
            3, 200, HALF_OR_MORE  , 3, 8, G3
            """)
    void derivationTable(int differentiation, int mitoses, TumourNecrosis necrosis, int mitoticScore, int total,
            FnclccGrade grade) {
        assertThat(FnclccGrade.mitoticScore(mitoses)).isEqualTo(mitoticScore);
        assertThat(FnclccGrade.totalScore(differentiation, mitoses, necrosis)).isEqualTo(total);
        assertThat(FnclccGrade.derive(differentiation, mitoses, necrosis)).isEqualTo(grade);

        // the tumour record derives the same grade and accepts it stated, refuses any other stated grade
        Tumour tumour = new Tumour("SITEA", "a".repeat(64), PrimaryLocation.UTERUS, TumourDepth.DEEP, 80,
                differentiation, mitoses, necrosis, grade, null, null);
        assertThat(tumour.derivedGrade()).hasValue(grade);
        assertThat(tumour.grade()).isEqualTo(grade);
        for (FnclccGrade other : EnumSet.complementOf(EnumSet.of(grade))) {
            FieldValues v = FieldValues.of(RecordType.TUMOUR, tumour).put("fnclcc_grade", other);
            assertThat(RecordRules.check(RecordType.TUMOUR, v)).singleElement().satisfies(p -> {
                assertThat(p.rule()).isEqualTo(Rule.FNCLCC_GRADE_MISMATCH);
                assertThat(p.value()).isEqualTo(other.code());
                assertThat(p.message()).contains("total score " + total, grade.code(), "stated grade is " + other.code());
            });
        }
    }

    @Test
    void theTableCoversEveryCombination() {
        // 3 differentiation scores x 6 mitotic counts x 3 necrosis scores
        assertThat(3 * 6 * TumourNecrosis.values().length).isEqualTo(54);
        Set<FnclccGrade> seen = EnumSet.noneOf(FnclccGrade.class);
        for (int d = 1; d <= 3; d++) {
            for (int m : new int[] {0, 9, 10, 19, 20, 200}) {
                for (TumourNecrosis n : TumourNecrosis.values()) {
                    seen.add(FnclccGrade.derive(d, m, n));
                }
            }
        }
        assertThat(seen).containsExactly(FnclccGrade.G1, FnclccGrade.G2, FnclccGrade.G3);
    }

    @ParameterizedTest
    @CsvSource({"2, G1", "3, G1", "4, G2", "5, G2", "6, G3", "7, G3", "8, G3"})
    void gradeOfEveryTotalScore(int total, FnclccGrade grade) {
        assertThat(FnclccGrade.ofTotalScore(total)).isEqualTo(grade);
    }

    @Test
    void necrosisScoresAreZeroOneTwo() {
        assertThat(TumourNecrosis.NONE.score()).isZero();
        assertThat(TumourNecrosis.LESS_THAN_HALF.score()).isEqualTo(1);
        assertThat(TumourNecrosis.HALF_OR_MORE.score()).isEqualTo(2);
    }

    @Test
    void highGradeIsG2AndG3() {
        assertThat(FnclccGrade.G1.isHighGrade()).isFalse();
        assertThat(FnclccGrade.G2.isHighGrade()).isTrue();
        assertThat(FnclccGrade.G3.isHighGrade()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 4, 9})
    void differentiationOutsideOneToThreeIsRefused(int differentiation) {
        assertThatThrownBy(() -> FnclccGrade.derive(differentiation, 5, TumourNecrosis.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differentiation");
    }

    @Test
    void badComponentsAreRefused() {
        assertThatThrownBy(() -> FnclccGrade.mitoticScore(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FnclccGrade.derive(2, -1, TumourNecrosis.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FnclccGrade.derive(2, 5, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FnclccGrade.ofTotalScore(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FnclccGrade.ofTotalScore(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void componentsOutOfRangeAreRangeErrorsNotCrashes() {
        FieldValues v = FieldValues.of(RecordType.TUMOUR, new Tumour("SITEA", "a".repeat(64),
                PrimaryLocation.UTERUS, TumourDepth.DEEP, 80, 3, 25, TumourNecrosis.NONE, null, null, null));
        v.put("differentiation_score", 4).put("fnclcc_grade", FnclccGrade.G1);
        assertThat(RecordRules.check(RecordType.TUMOUR, v)).extracting(Problem::rule).containsExactly(Rule.RANGE);
        v.put("differentiation_score", 3).put("mitoses_per_10hpf", -1);
        assertThat(RecordRules.check(RecordType.TUMOUR, v)).extracting(Problem::rule).containsExactly(Rule.RANGE);
    }

    @Test
    void aStatedGradeStandsInForMissingComponents() {
        Tumour statedOnly = new Tumour("SITEA", "a".repeat(64), PrimaryLocation.UTERUS, TumourDepth.DEEP, 80, null,
                18, null, FnclccGrade.G2, null, null);
        assertThat(statedOnly.derivedGrade()).isEmpty();
        assertThat(statedOnly.grade()).isEqualTo(FnclccGrade.G2);
    }
}
