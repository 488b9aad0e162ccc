package org.lmsregistry.web.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.analysis.AnalysisJob;
import org.lmsregistry.web.application.InvalidInputException;

class AnalysisRequestTest {

    @Test
    void aFullCohortAndTheJobsOwnParametersAreAccepted() {
        AnalysisRequest r = AnalysisRequest.of("survival", "{\"endpoint\":\"death\",\"maxYears\":5,"
                + "\"covariates\":[\"grade\",\"deep\"],\"confidence\":0.9}",
                "{\"name\":\"uterine\",\"locations\":[\"UTERUS\"],\"grades\":[\"G2\",\"G3\"],"
                        + "\"diagnosisYears\":{\"from\":2010,\"to\":2018},\"minimumFollowUpDays\":365,"
                        + "\"exclusions\":{\"sites\":[\"WEST\"],\"neoadjuvantTreatment\":true}}");
        assertThat(r.kind()).isEqualTo(AnalysisJob.SURVIVAL);
        assertThat(r.jobOptions()).containsExactly("--confidence", "0.9", "--endpoint", "death", "--covariates",
                "grade,deep", "--max-years", "5");
        assertThat(r.cohort().getJsonArray("grades")).hasSize(2);
    }

    @Test
    void nothingAndEmptyMeanEveryPatientAndTheDefaults() {
        AnalysisRequest r = AnalysisRequest.of("yield", null, " ");
        assertThat(r.jobOptions()).isEmpty();
        assertThat(r.cohort()).isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsFieldValueAndRule() {
        assertThatThrownBy(() -> AnalysisRequest.of("associations",
                "{\"outcome\":\"cure\",\"horizonDays\":-3,\"out\":\"/etc\",\"features\":[\"a b\"]}",
                "{\"grades\":[\"G4\"],\"diagnosisYears\":{\"from\":2020,\"to\":2010},\"grade\":[\"G1\"],"
                        + "\"exclusions\":{\"patients\":[{\"site\":\"NORTH\",\"pseudonym\":\"x\"}]}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parameters.outcome: \"cure\" is not one of [metastasis, local_recurrence,")
                .hasMessageContaining("parameters.horizonDays: -3 is not a whole number from 1 to 36500")
                .hasMessageContaining("parameters.out: not a parameter of associations")
                .hasMessageContaining("parameters.features: [\"a b\"] is not a non-empty list of feature names")
                .hasMessageContaining("cohort.grades: G4 is not one of [G1, G2, G3]")
                .hasMessageContaining("cohort.diagnosisYears: from 2020 is after to 2010")
                .hasMessageContaining("cohort.grade: not a known key")
                .hasMessageContaining("cohort.exclusions.patients[0]");
    }

    @Test
    void unknownKindsAndParametersOfAnotherJobAreRefused() {
        assertThatThrownBy(() -> AnalysisRequest.of("bench", null, null))
                .hasMessageContaining("kind: 'bench' is not one of [describe, associations, yield, survival, adherence]");
        assertThatThrownBy(() -> AnalysisRequest.of("yield", "{\"endpoint\":\"death\"}", null))
                .hasMessageContaining("parameters.endpoint: not a parameter of yield");
        assertThatThrownBy(() -> AnalysisRequest.of("yield", "[1]", "{"))
                .hasMessageContaining("parameters: not a JSON object").hasMessageContaining("cohort: not a JSON object");
    }
}
