package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.Await;
import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code Retry-After} and a problem body, never a 500, a 401 or a stack trace ({@code spec/API.md}), and the
 * health endpoint answers 503. When the server comes back on the same data directory, the application recovers
 * by itself: the connection pool reconnects, submissions are accepted again and the job executor determines them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.max-wait=1000",
        "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500"
})
@DirtiesContext
class DatabaseOutageTest {

    private static final Path DATA = Path.of("target", "pg", "outage");
    private static EmbeddedPostgres server;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
        server = EmbeddedPostgres15.startOwn(DATA, 0, true);
        registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void submissionWhileTheDatabaseIsDownAnswers503AndTheServiceRecoversWhenItReturns() throws IOException {
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
        Assertions.assertThat(down.body()).doesNotContain("Exception", "\tat ", "postgres");
        Assertions.assertThat(api.send("GET", "/actuator/health", null, null, null, null).status()).isEqualTo(503);
        Assertions.assertThat(api.send("GET", "/actuator/health/readiness", null, null, null, null).status())
                .as("out of the load balancer").isEqualTo(503);
        Assertions.assertThat(api.send("GET", "/actuator/health/liveness", null, null, null, null).status())
                .as("not restarted for an outage").isEqualTo(200);

        server = EmbeddedPostgres15.startOwn(DATA, server.getPort(), false);
        request.put("requestId", "OUTAGE-3");
        String body = request.toString();
        Await.until("a submission accepted after the database returned", Duration.ofSeconds(60),
                () -> api.submit(body).status(), status -> status == 201);
        String id = api.submit(body).json().get("id").asText();
        Assertions.assertThat(api.awaitDetermination(id, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("APPROVED");
        Assertions.assertThat(api.send("GET", "/actuator/health", null, null, null, null).status()).isEqualTo(200);
        Assertions.assertThat(api.send("GET", "/actuator/health/readiness", null, null, null, null).status()).isEqualTo(200);
        Assertions.assertThat(api.get("/api/prior-authorizations?requestId=OUTAGE-2", "intake").status())
                .as("the request refused with 503 was not stored").isEqualTo(404);
    }
}
