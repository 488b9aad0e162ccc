package org.lmsregistry.model.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The analysis vocabulary: the jobs, their parameters and the allowed values of the choices. */
class AnalysisJobTest {

    @Test
    void everyJobTakesTheDisclosureAndConfidenceParametersAndItsOwn() {
        for (AnalysisJob job : AnalysisJob.values()) {
            assertThat(job.parameters()).as(job.job()).startsWith(AnalysisParameter.MIN_CELL, AnalysisParameter.CONFIDENCE);
            assertThat(AnalysisJob.ofJob(job.job())).contains(job);
        }
        assertThat(AnalysisJob.ASSOCIATIONS.parameters()).contains(AnalysisParameter.OUTCOME,
                AnalysisParameter.HORIZON_DAYS).doesNotContain(AnalysisParameter.ENDPOINT);
        assertThat(AnalysisJob.SURVIVAL.parameters()).contains(AnalysisParameter.ENDPOINT, AnalysisParameter.MAX_YEARS)
                .doesNotContain(AnalysisParameter.OUTCOME);
        assertThat(AnalysisJob.YIELD.parameters()).containsExactly(AnalysisParameter.MIN_CELL,
                AnalysisParameter.CONFIDENCE);
        assertThat(AnalysisJob.ofJob("regress")).isEmpty();
    }

    @Test
    void choicesAreTheOptionsOfTheCodeLists() {
        assertThat(AnalysisParameter.OUTCOME.choices()).containsExactly("metastasis", "local_recurrence", "recurrence",
                "death");
        assertThat(AnalysisParameter.ENDPOINT.choices()).containsExactly("local_recurrence", "metastasis",
                "recurrence_free", "death", "disease_death");
        assertThat(AnalysisParameter.MIN_CELL.choices()).isEmpty();
    }

    @Test
    void optionsAndKeysAreUnique() {
        assertThat(java.util.Arrays.stream(AnalysisParameter.values()).map(AnalysisParameter::option).distinct())
                .hasSize(AnalysisParameter.values().length);
        assertThat(java.util.Arrays.stream(AnalysisParameter.values()).map(AnalysisParameter::key).distinct())
                .hasSize(AnalysisParameter.values().length);
        assertThat(AnalysisParameter.NAME.matcher("peripheral_enhancement").matches()).isTrue();
        assertThat(AnalysisParameter.NAME.matcher("--out=/tmp").matches()).isFalse();
    }

    @Test
    void outcomesAndEndpointsAreReadFromTheirOptionValues() {
        for (AssociationOutcome o : AssociationOutcome.values()) {
            assertThat(AssociationOutcome.fromOption(o.option())).isEqualTo(o);
        }
        for (SurvivalEndpoint e : SurvivalEndpoint.values()) {
            assertThat(SurvivalEndpoint.fromOption(e.option())).isEqualTo(e);
        }
        assertThat(AssociationOutcome.fromOption(" Local-Recurrence ")).isEqualTo(AssociationOutcome.LOCAL_RECURRENCE);
        assertThat(SurvivalEndpoint.fromOption("RECURRENCE-FREE")).isEqualTo(SurvivalEndpoint.RECURRENCE_FREE);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> AssociationOutcome.fromOption("relapse"))
                .withMessage("unknown outcome relapse; one of [metastasis, local_recurrence, recurrence, death]");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> SurvivalEndpoint.fromOption(null))
                .withMessageStartingWith("unknown endpoint null; one of [local_recurrence, metastasis,");
    }
}
