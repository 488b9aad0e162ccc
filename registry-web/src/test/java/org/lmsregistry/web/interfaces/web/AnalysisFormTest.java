package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.analysis.AnalysisJob;
import org.lmsregistry.web.analysis.AnalysisRequest;

/** The form builds the cohort JSON of docs/cohort-definition.md, which the request check accepts. */
class AnalysisFormTest {

    @Test
    void anEmptyFormIsEveryPatientWithTheDefaultThreshold() {
        AnalysisForm form = new AnalysisForm();
        assertThat(form.cohortJson(false)).isEqualTo("{}");
        assertThat(form.parametersJson(false)).isEqualTo("{\"minCell\":5}");
        assertThat(AnalysisRequest.of(form.getKind(), form.parametersJson(false), form.cohortJson(false)).kind())
                .isEqualTo(AnalysisJob.YIELD);
    }

    @Test
    void everyCriterionOfTheFormEndsUpInTheJsonAndPassesTheCheck() {
        AnalysisForm form = new AnalysisForm();
        form.setKind("associations");
        form.setCohortName("uterine G2-G3");
        form.setLocations(List.of("UTERUS"));
        form.setGrades(List.of("G2", "G3"));
        form.setSiteCodes(List.of("NORTH"));
        form.setSexes(List.of("FEMALE"));
        form.setDiagnosisYearFrom(2010);
        form.setDiagnosisYearTo(2018);
        form.setAgeFrom(18);
        form.setMinimumFollowUpDays(365);
        form.setExcludedSites(List.of("WEST"));
        form.setExcludedLocations(List.of("SKIN"));
        form.setWithoutImagingFeatures(true);
        form.setNeoadjuvantTreatment(true);
        form.setOutcome("death");
        form.setHorizonDays(730);
        form.setEndpoint("death"); // not a parameter of associations: left out
        String cohort = form.cohortJson(false);
        assertThat(cohort).isEqualTo("{\"name\":\"uterine G2-G3\",\"sites\":[\"NORTH\"],\"locations\":[\"UTERUS\"],"
                + "\"grades\":[\"G2\",\"G3\"],\"sex\":[\"FEMALE\"],\"diagnosisYears\":{\"from\":2010,\"to\":2018},"
                + "\"ageYears\":{\"from\":18},\"minimumFollowUpDays\":365,\"exclusions\":{\"sites\":[\"WEST\"],"
                + "\"locations\":[\"SKIN\"],\"withoutImagingFeatures\":true,\"neoadjuvantTreatment\":true}}");
        assertThat(form.parametersJson(false)).isEqualTo("{\"minCell\":5,\"outcome\":\"death\",\"horizonDays\":730}");
        assertThat(AnalysisRequest.of(form.getKind(), form.parametersJson(false), cohort).jobOptions())
                .containsExactly("--min-cell", "5", "--outcome", "death", "--horizon-days", "730");
        assertThat(form.getCohortJson()).as("pretty for the page").contains("\n");
        assertThat(form.takes("outcome")).isTrue();
        assertThat(form.takes("endpoint")).isFalse();
    }

    @Test
    void namesAreTypedSeparatedByCommasAndSentAsLists() {
        AnalysisForm form = new AnalysisForm();
        form.setKind("survival");
        form.setCovariates(" grade, size  deep,");
        form.setFeatures("necrosis_present"); // a parameter of associations only: left out
        assertThat(form.parametersJson(false)).isEqualTo("{\"minCell\":5,\"covariates\":[\"grade\",\"size\",\"deep\"]}");
        assertThat(AnalysisRequest.of(form.getKind(), form.parametersJson(false), form.cohortJson(false)).jobOptions())
                .containsExactly("--min-cell", "5", "--covariates", "grade,size,deep");
        form.setKind("associations");
        form.setSizeCutMm(80);
        form.setModel("grade, size_gt_80mm");
        assertThat(form.parametersJson(false)).isEqualTo("{\"minCell\":5,\"sizeCutMm\":80,"
                + "\"features\":[\"necrosis_present\"],\"model\":[\"grade\",\"size_gt_80mm\"]}");
        // a wrong name is refused at submit by the request check, with the field named
        form.setAdjust("Grade!");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AnalysisRequest.of(form.getKind(),
                form.parametersJson(false), form.cohortJson(false)))).hasMessageContaining("parameters.adjust");
    }
}
