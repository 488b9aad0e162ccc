package org.lmsregistry.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    @Test
    void theInitialiseMapAndTheIdentityStoreAssignmentsAgree() {
        Map<String, String> parameters = PasswordHashing.parameters();

        assertThat(parameters).containsEntry("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512")
                .containsEntry("Pbkdf2PasswordHash.Iterations", "210000")
                .hasSize(PasswordHashing.PARAMETER_ASSIGNMENTS.length);
        for (String assignment : PasswordHashing.PARAMETER_ASSIGNMENTS) {
            String[] kv = assignment.split("=", 2);
            assertThat(parameters).containsEntry(kv[0], kv[1]);
        }
    }

    @Test
    void onlyCoordinatorsBelongToASite() {
        assertThat(Role.COORDINATOR.isSiteScoped()).isTrue();
        assertThat(Role.ADMIN.isSiteScoped()).isFalse();
        assertThat(Role.STATISTICIAN.isSiteScoped()).isFalse();
    }
}
