package org.lmsregistry.web.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiPathTemplatesTest {

    @Test
    void regularExpressionsLeaveThePathTemplates() {
        assertThat(OpenApiPathTemplates.template("/api/v1/uploads/{id: [0-9]{1,18}}/answer"))
                .isEqualTo("/api/v1/uploads/{id}/answer");
        assertThat(OpenApiPathTemplates.template("/api/v1/tokens/{id: [0-9]{1,18}}")).isEqualTo("/api/v1/tokens/{id}");
        assertThat(OpenApiPathTemplates.template(
                "/api/v1/patients/{site}/{pseudonym}/{collection: biopsies|imaging-studies|treatments|outcome-events}/{id}"))
                .isEqualTo("/api/v1/patients/{site}/{pseudonym}/{collection}/{id}");
        assertThat(OpenApiPathTemplates.template("/api/v1/patients/{site}/{pseudonym}"))
                .isEqualTo("/api/v1/patients/{site}/{pseudonym}");
    }
}
