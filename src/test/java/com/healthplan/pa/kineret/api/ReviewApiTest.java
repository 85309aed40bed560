package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review through the real HTTP interfaces: a reviewer pends a case through {@code /engine-rest}, the intake
 * system answers with {@code POST /api/prior-authorizations/{id}/information}, the case is re-evaluated and
 * approved, and its audit trail stays readable after the process has ended; deadlines show as {@code dueBy}.
 */
@AppTest
class ReviewApiTest {

    @LocalServerPort
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private JsonNode submitCase(String file, String urgency) {
        ObjectNode request = AcceptanceCases.named(file).request().deepCopy();
        request.put("requestId", "REVIEW-" + UUID.randomUUID());
        if (urgency != null) {
            request.put("urgency", urgency);
        }
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
    }


    private String reviewTaskId(String requestId, String user) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + requestId, user).json();
        Assertions.assertThat(tasks).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private ApiClient.Response completeTask(String taskId, String user, String variablesJson) {
        return api().send("POST", "/engine-rest/task/" + taskId + "/complete", user, user, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"variables\": " + variablesJson + "}"));
    }

    private ApiClient.Response sendInformation(String id, String user, String patch) {
        return api().send("POST", "/api/prior-authorizations/" + id + "/information", user, user,
                "application/merge-patch+json", HttpRequest.BodyPublishers.ofString(patch));
    }

    @Test
    void pendedCaseAnsweredByTheIntakeSystemIsReEvaluatedAndItsAuditTrailOutlivesTheProcess() {
        JsonNode inReview = submitCase("28-tb-result-missing.json", null);
        String id = inReview.get("id").asText();
        String requestId = inReview.get("requestId").asText();
        Assertions.assertThat(inReview.get("status").asText()).isEqualTo("IN_REVIEW");
        OffsetDateTime received = OffsetDateTime.parse(inReview.get("receivedAt").asText());
        Assertions.assertThat(Duration.between(received, OffsetDateTime.parse(inReview.get("dueBy").asText())))
                .isEqualTo(Duration.ofHours(72));
        Assertions.assertThat(inReview.get("overdue").asBoolean()).isFalse();

        Assertions.assertThat(sendInformation(id, "intake", "{}").status()).as("not pending yet").isEqualTo(409);

        String reviewTask = reviewTaskId(requestId, "pharmacist");
        Assertions.assertThat(api().send("POST", "/engine-rest/task/" + reviewTask + "/claim", "pharmacist", "pharmacist",
                "application/json", HttpRequest.BodyPublishers.ofString("{\"userId\": \"pharmacist\"}")).status()).isEqualTo(204);
        ApiClient.Response pend = completeTask(reviewTask, "pharmacist",
                "{\"decision\": {\"value\": \"REQUEST_INFORMATION\"}, \"reason\": {\"value\": \"TB screening missing\"},"
                        + " \"informationRequested\": {\"value\": \"Latent TB test result\"}}");
        Assertions.assertThat(pend.status()).as(pend.body()).isEqualTo(204);
        JsonNode pended = api().awaitStatus(id, "PENDING_INFORMATION");
        Assertions.assertThat(pended.get("informationRequested").asText()).isEqualTo("Latent TB test result");

        Assertions.assertThat(sendInformation(id, "pharmacist", "{\"safety\": {\"tbScreening\": \"NEGATIVE\"}}").status())
                .as("reviewers do not send information").isEqualTo(403);
        ApiClient.Response changedId = sendInformation(id, "intake", "{\"requestId\": \"OTHER\"}");
        Assertions.assertThat(changedId.status()).isEqualTo(400);
        Assertions.assertThat(changedId.json().get("errors").get(0).get("field").asText()).isEqualTo("requestId");
        ApiClient.Response invalid = sendInformation(id, "intake", "{\"safety\": {\"tbScreening\": \"MAYBE\"}}");
        Assertions.assertThat(invalid.status()).isEqualTo(400);
        Assertions.assertThat(invalid.json().get("errors").get(0).get("field").asText()).isEqualTo("safety.tbScreening");
        Assertions.assertThat(sendInformation(id, "intake", "not json").status()).isEqualTo(400);
        Assertions.assertThat(sendInformation(UUID.randomUUID().toString(), "intake", "{}").status()).isEqualTo(404);

        ApiClient.Response accepted = sendInformation(id, "intake", "{\"safety\": {\"tbScreening\": \"NEGATIVE\"}}");
        Assertions.assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode approved = api().awaitStatus(id, "APPROVED");
        Assertions.assertThat(approved.at("/decision/decidedBy").asText()).isEqualTo("system");
        Assertions.assertThat(approved.get("authorization").get("validTo").asText()).isNotBlank();
        Assertions.assertThat(sendInformation(id, "intake", "{}").status()).as("no longer pending").isEqualTo(409);

        ApiClient.Response trail = api().get("/api/prior-authorizations/" + id + "/determinations", "supervisor");
        Assertions.assertThat(trail.status()).isEqualTo(200);
        JsonNode determinations = trail.json();
        Assertions.assertThat(determinations.findValuesAsText("outcome"))
                .containsExactly("CLINICAL_REVIEW", "REQUEST_INFORMATION", "INFORMATION_RECEIVED", "AUTO_APPROVE", "APPROVED");
        JsonNode pendDetermination = determinations.get(1);
        Assertions.assertThat(pendDetermination.get("kind").asText()).isEqualTo("REVIEWER");
        Assertions.assertThat(pendDetermination.get("decidedBy").asText()).isEqualTo("pharmacist");
        Assertions.assertThat(pendDetermination.get("informationRequested").asText()).isEqualTo("Latent TB test result");
        determinations.forEach(d -> {
            Assertions.assertThat(d.get("policyVersion").asText()).isEqualTo("5.70.050 (2025-04-01)");
            Assertions.assertThat(d.get("decisionVersions").has("kineret-diagnosis-criteria")).isTrue();
            Assertions.assertThat(d.get("decisionVersions").get("kineret-safety-criteria").get("version").asInt()).isPositive();
            Assertions.assertThat(d.get("criteria")).isNotEmpty();
        });
        Assertions.assertThat(determinations.get(0).toString()).contains("\"TB_SCREENING\"").contains("UNKNOWN");
        Assertions.assertThat(determinations.get(4).toString()).doesNotContain("UNKNOWN");
        Assertions.assertThat(determinations.get(2).get("reason").asText()).contains("tbScreening").contains("NEGATIVE");
        Assertions.assertThat(determinations.get(2).get("decidedBy").asText()).isEqualTo("intake");
        ApiClient.Response audit = api().get("/api/prior-authorizations/" + id + "/audit", "supervisor");
        Assertions.assertThat(audit.status()).isEqualTo(200);
        Assertions.assertThat(audit.json().findValuesAsText("action")).containsSubsequence("SUBMITTED", "EVALUATED",
                "CLAIMED", "TASK_COMPLETED", "INFORMATION_RECEIVED", "EVALUATED", "DECIDED");
        Assertions.assertThat(audit.json().findValuesAsText("action")).contains("INFORMATION_REQUESTED");
        Assertions.assertThat(audit.json().get(0).get("who").asText()).isEqualTo("intake");
        Assertions.assertThat(audit.body()).contains("\"who\":\"pharmacist\"").doesNotContain("MBR-");
        Assertions.assertThat(api().get("/api/prior-authorizations/" + id + "/audit", "intake").status()).isEqualTo(403);
        JsonNode instance = api().get("/engine-rest/process-instance?businessKey=" + requestId, "admin").json();
        Assertions.assertThat(instance).as("the authorization's life goes on in the process").hasSize(1);
    }

    @Test
    void denialThroughTheRestApiNeedsTheCriteriaItRestsOnAndAClinicalReviewer() {
        JsonNode inReview = submitCase("24-live-zoster-vaccine.json", "EXPEDITED");
        String id = inReview.get("id").asText();
        String requestId = inReview.get("requestId").asText();
        Assertions.assertThat(Duration.between(OffsetDateTime.parse(inReview.get("receivedAt").asText()),
                OffsetDateTime.parse(inReview.get("dueBy").asText()))).isEqualTo(Duration.ofHours(24));
        String taskId = reviewTaskId(requestId, "pharmacist");

        ApiClient.Response noCriteria = completeTask(taskId, "pharmacist",
                "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Live vaccine planned\"}}");
        Assertions.assertThat(noCriteria.status()).isGreaterThanOrEqualTo(400);
        Assertions.assertThat(noCriteria.body()).contains("at least one criterion");
        ApiClient.Response bySupervisor = completeTask(taskId, "supervisor",
                "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Live vaccine planned\"},"
                        + " \"deniedCriteria\": {\"value\": \"NO_LIVE_VACCINE\"}}");
        Assertions.assertThat(bySupervisor.status()).as("supervisors may not work review tasks").isEqualTo(403);
        Assertions.assertThat(bySupervisor.body()).contains("completed only by a member of [pa-clinical-reviewers]");
        Assertions.assertThat(api().get("/api/prior-authorizations/" + id, "intake").json().get("status").asText())
                .isEqualTo("IN_REVIEW");

        ApiClient.Response denied = completeTask(taskId, "physician",
                "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Zostavax is a live vaccine\"},"
                        + " \"deniedCriteria\": {\"value\": \"[\\\"NO_LIVE_VACCINE\\\"]\", \"type\": \"Json\"}}");
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        JsonNode view = api().awaitStatus(id, "DENIED");
        Assertions.assertThat(view.at("/decision/reason").asText()).isEqualTo("Zostavax is a live vaccine");
        Assertions.assertThat(view.at("/decision/decidedBy").asText()).isEqualTo("physician");
        JsonNode trail = api().get("/api/prior-authorizations/" + id + "/determinations", "pharmacist").json();
        Assertions.assertThat(trail.get(1).get("criteriaCited")).hasSize(1);
        Assertions.assertThat(trail.get(1).get("criteriaCited").get(0).asText()).isEqualTo("NO_LIVE_VACCINE");
    }
}
