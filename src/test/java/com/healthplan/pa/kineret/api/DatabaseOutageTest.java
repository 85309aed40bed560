package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database becomes unreachable (its own PostgreSQL server is stopped): a submission answers 503 with
 * {@code Retry-After} and a problem body, never a 500 or a 401 ({@code spec/API.md}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500"
})
@DirtiesContext
class DatabaseOutageTest {

    private static EmbeddedPostgres server;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
        server = EmbeddedPostgres.builder().start();
        registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void submissionWhileTheDatabaseIsDownAnswers503WithRetryAfter() throws IOException {
        ApiClient api = new ApiClient(port);
        ObjectNode request = AcceptanceCases.named("01-ra-initial-all-met.json").request().deepCopy();
        request.put("requestId", "OUTAGE-1");
        Assertions.assertThat(api.submit(request.toString()).status()).isEqualTo(201);

        server.close();
        request.put("requestId", "OUTAGE-2");
        ApiClient.Response down = api.submit(request.toString());

        Assertions.assertThat(down.status()).as(down.body()).isEqualTo(503);
        Assertions.assertThat(down.header("Retry-After")).isEqualTo("30");
        Assertions.assertThat(down.contentType()).startsWith("application/problem+json");
        Assertions.assertThat(down.json().get("status").asInt()).isEqualTo(503);
        Assertions.assertThat(down.json().get("detail").asText()).contains("nothing was stored");
    }
}
