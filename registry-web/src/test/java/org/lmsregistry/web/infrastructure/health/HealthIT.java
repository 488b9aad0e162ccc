package org.lmsregistry.web.infrastructure.health;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.RegistryIT;

/** MicroProfile Health on the application's HTTP port, as a load balancer or the launcher sees it. */
@RegistryIT
@RunAsClient
class HealthIT {

    @ArquillianResource
    private URL base;

    private Client client;

    @BeforeEach
    void openClient() {
        client = ClientBuilder.newClient();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void healthIsUpWithTheDatabaseCheck() throws Exception {
        try (Response response = client.target(serverRoot().resolve("/health")).request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            JsonObject health = response.readEntity(JsonObject.class);
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(health.getJsonArray("checks").getValuesAs(JsonObject.class))
                    .anySatisfy(check -> {
                        assertThat(check.getString("name")).isEqualTo(DatabaseReadinessCheck.NAME);
                        assertThat(check.getString("status")).isEqualTo("UP");
                        assertThat(check.getJsonObject("data").getString("schemaVersion")).isNotBlank();
                    });
        }
    }

    @Test
    void readinessIsUp() throws Exception {
        try (Response response = client.target(serverRoot().resolve("/health/ready")).request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(JsonObject.class).getString("status")).isEqualTo("UP");
        }
    }

    /** Health lives at the server root, not under the application's context root. */
    private URI serverRoot() throws Exception {
        return base.toURI().resolve("/");
    }
}
