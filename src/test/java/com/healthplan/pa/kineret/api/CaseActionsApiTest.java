package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Withdrawal and appeal through the real HTTP interfaces: {@code POST /api/prior-authorizations/{id}/withdraw} and
 * {@code /appeal} (intake), the appeal decided in {@code /engine-rest} by a physician reviewer other than the denier.
 */
@AppTest
class CaseActionsApiTest {

    /** A second physician reviewer, so that an appeal can be heard by someone other than the denier. */
    private static final String SECOND_PHYSICIAN = "physiciantwo";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    @BeforeEach
    void secondPhysician() {
        ApiClient.ensurePhysicianReviewer(identity, SECOND_PHYSICIAN);
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private JsonNode submit(String file) {
        return api().submitCase(file, "ACTION-");
    }

    private ApiClient.Response post(String path, String user, String json) {
        return api().send("POST", path, user, user, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    private String taskId(String requestId, String user) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + requestId, user).json();
        Assertions.assertThat(tasks).as("open tasks of %s", requestId).hasSize(1);
        return tasks.get(0).get("id").asText();
    }


    @Test
    void intakeWithdrawsAnOpenCaseOnce() {
        JsonNode c = submit("04-ra-standard-one-preferred.json");
        String path = "/api/prior-authorizations/" + c.get("id").asText() + "/withdraw";
        Assertions.assertThat(post(path, "pharmacist", "{}").status()).isEqualTo(403);
        ApiClient.Response withdrawn = post(path, "intake", "{\"reason\": \"Therapy changed\"}");
        Assertions.assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        Assertions.assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        Assertions.assertThat(api().get("/engine-rest/task?processInstanceBusinessKey=" + c.get("requestId").asText(), "admin").json())
                .isEmpty();
        ApiClient.Response again = post(path, "intake", "{}");
        Assertions.assertThat(again.status()).isEqualTo(409);
        Assertions.assertThat(again.contentType()).startsWith("application/problem+json");
        Assertions.assertThat(post("/api/prior-authorizations/" + UUID.randomUUID() + "/withdraw", "intake", "{}").status())
                .isEqualTo(404);
        JsonNode trail = api().get("/api/prior-authorizations/" + c.get("id").asText() + "/determinations", "supervisor").json();
        Assertions.assertThat(trail.findValuesAsText("outcome")).containsExactly("CLINICAL_REVIEW", "WITHDRAWN");
    }

    @Test
    void deniedCaseIsAppealedAndOverturnedByAnotherPhysician() {
        JsonNode c = submit("20-tb-positive-untreated.json");
        String id = c.get("id").asText();
        String requestId = c.get("requestId").asText();
        ApiClient.Response denied = post("/engine-rest/task/" + taskId(requestId, "physician") + "/complete", "physician",
                "{\"variables\": {\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Latent TB untreated\"},"
                        + " \"deniedCriteria\": {\"value\": \"TB_SCREENING\"}}}");
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        api().awaitStatus(id, "DENIED");

        String appealPath = "/api/prior-authorizations/" + id + "/appeal";
        Assertions.assertThat(post(appealPath, "intake", "{}").status()).as("reason required").isEqualTo(400);
        Assertions.assertThat(post(appealPath, "physician", "{\"reason\": \"x\"}").status()).isEqualTo(403);
        ApiClient.Response appealed = post(appealPath, "intake", "{\"reason\": \"Latent TB treatment started on 2026-03-10\"}");
        Assertions.assertThat(appealed.status()).as(appealed.body()).isEqualTo(202);
        Assertions.assertThat(appealed.json().at("/appeal/status").asText()).isEqualTo("PENDING");
        Assertions.assertThat(post(appealPath, "intake", "{\"reason\": \"again\"}").status()).isEqualTo(409);

        String appealTask = taskId(requestId, "physician");
        ApiClient.Response byDenier = post("/engine-rest/task/" + appealTask + "/complete", "physician",
                "{\"variables\": {\"appealDecision\": {\"value\": \"OVERTURNED\"}, \"appealDecisionReason\": {\"value\": \"ok\"}}}");
        Assertions.assertThat(byDenier.body()).contains("cannot decide its appeal");
        ApiClient.Response overturned = post("/engine-rest/task/" + appealTask + "/complete", SECOND_PHYSICIAN,
                "{\"variables\": {\"appealDecision\": {\"value\": \"OVERTURNED\"},"
                        + " \"appealDecisionReason\": {\"value\": \"Treatment for latent TB is documented\"}}}");
        Assertions.assertThat(overturned.status()).as(overturned.body()).isEqualTo(204);

        JsonNode approved = api().awaitStatus(id, "APPROVED");
        Assertions.assertThat(approved.at("/appeal/status").asText()).isEqualTo("OVERTURNED");
        Assertions.assertThat(approved.at("/appeal/decidedBy").asText()).isEqualTo(SECOND_PHYSICIAN);
        Assertions.assertThat(approved.at("/decision/decidedBy").asText()).isEqualTo(SECOND_PHYSICIAN);
        Assertions.assertThat(approved.at("/authorization/status").asText()).isEqualTo("ACTIVE");
    }
}
