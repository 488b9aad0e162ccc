package org.lmsregistry.web.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lmsregistry.web.application.InvalidInputException;

/** What a coordinator types into the patient search, split into the words the query matches. */
class PatientSearchWordsTest {

    @Test
    void wordsAreSplitOnWhiteSpaceInLowerCaseOnce() {
        assertThat(PatientSearchWords.parse("  Uterus\t2019  uterus G3 ").words()).containsExactly("uterus", "2019", "g3");
        assertThat(PatientSearchWords.parse(null).isEmpty()).isTrue();
        assertThat(PatientSearchWords.parse("   ").isEmpty()).isTrue();
        // characters of SQL and LIKE are kept as typed: they are only ever query parameters
        assertThat(PatientSearchWords.parse("%' or 1=1 --").words()).containsExactly("%'", "or", "1=1", "--");
    }

    @Test
    void tooManyOrTooLongWordsAreRefusedWithTheRule() {
        assertThatThrownBy(() -> PatientSearchWords.parse("a b c d e f g h i")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Search: 'a b c d e f g h i' has 9 words; at most 8 are allowed.");
        assertThatThrownBy(() -> PatientSearchWords.parse("x".repeat(65))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 64 characters");
        assertThat(PatientSearchWords.parse("x".repeat(64)).words()).hasSize(1);
    }
}
