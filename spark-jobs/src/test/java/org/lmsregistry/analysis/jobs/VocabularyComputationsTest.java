package org.lmsregistry.analysis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.analysis.AssociationOutcome;
import org.lmsregistry.model.analysis.SurvivalEndpoint;

/** Each outcome and endpoint of the registry's vocabulary has exactly one computation here, and back. */
class VocabularyComputationsTest {

    @Test
    void everyOutcomeOfTheVocabularyHasItsComputation() {
        assertThat(Outcomes.values()).hasSameSizeAs(AssociationOutcome.values());
        for (AssociationOutcome o : AssociationOutcome.values()) {
            assertThat(Outcomes.of(o).vocabulary()).isEqualTo(o);
            assertThat(Outcomes.parse(o.option())).isEqualTo(Outcomes.of(o));
            assertThat(Outcomes.of(o).key()).isEqualTo(o.option());
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Outcomes.parse("relapse"))
                .withMessageContaining("unknown outcome relapse");
    }

    @Test
    void everyEndpointOfTheVocabularyHasItsComputation() {
        assertThat(Endpoints.values()).hasSameSizeAs(SurvivalEndpoint.values());
        for (SurvivalEndpoint e : SurvivalEndpoint.values()) {
            assertThat(Endpoints.of(e).vocabulary()).isEqualTo(e);
            assertThat(Endpoints.parse(e.option())).isEqualTo(Endpoints.of(e));
            assertThat(Endpoints.of(e).key()).isEqualTo(e.option());
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.parse("os"))
                .withMessageContaining("unknown endpoint os");
    }
}
