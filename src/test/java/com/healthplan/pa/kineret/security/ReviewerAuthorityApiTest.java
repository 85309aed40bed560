package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reviewer authority (decision table {@code kineret-reviewer-authority}) enforced over {@code /engine-rest} as the
 * demo users: a denial on a clinical criterion only by a physician reviewer, an administrative denial
 * ({@code PREFERRED_PRODUCTS}, {@code QUANTITY_LIMIT}) also by a pharmacist, a denial citing both kinds needs the
 * authority of each, approvals and requests for information by any clinical reviewer, and an appeal by a physician
 * other than the denier (URAC / NCQA UM standards). Each refusal is read back: the task stays open and the case
 * stays in its status. The forms' {@code authoritySummary} shows the rules for the case.
 */
@AppTest
class ReviewerAuthorityApiTest {

    @LocalServerPort
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private JsonNode submit(ObjectNode request) {
        request.put("requestId", "AUTHORITY-" + UUID.randomUUID());
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
    }

    private JsonNode submit(String file) {
        return submit(AcceptanceCases.named(file).request().deepCopy());
    }

    private JsonNode openTask(JsonNode c) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + c.get("requestId").asText(), "admin").json();
        Assertions.assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private ApiClient.Response complete(String taskId, String user, String variables) {
        return api().send("POST", "/engine-rest/task/" + taskId + "/complete", user, user, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"variables\": " + variables + "}"));
    }

    private static String deny(String reason, String criteria) {
        return "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"" + reason + "\"},"
                + " \"deniedCriteria\": {\"value\": \"" + criteria + "\"}}";
    }

    private String authoritySummary(String taskId, String user) {
        ApiClient.Response r = api().get("/engine-rest/task/" + taskId + "/variables/authoritySummary", user);
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("value").asText();
    }

    private JsonNode caseView(JsonNode c) {
        return api().get("/api/prior-authorizations/" + c.get("id").asText(), "admin").json();
    }

    private void assertStillOpen(JsonNode c, String taskId, String status) {
        Assertions.assertThat(openTask(c).get("id").asText()).as("the task stays open").isEqualTo(taskId);
        JsonNode view = caseView(c);
        Assertions.assertThat(view.get("status").asText()).as(view.toString()).isEqualTo(status);
        Assertions.assertThat(view.get("decision").isNull()).as("no determination recorded: %s", view).isTrue();
    }

    @Test
    void aPharmacistCannotDenyOnAClinicalCriterionAPhysicianCan() {
        JsonNode c = submit("06-ra-age-17.json");
        Assertions.assertThat(c.get("status").asText()).isEqualTo("IN_REVIEW");
        String taskId = openTask(c).get("id").asText();
        Assertions.assertThat(authoritySummary(taskId, "pharmacist"))
                .contains("Deny on RA_AGE (clinical): pa-physician-reviewers — ")
                .contains("physician reviewer only")
                .contains("Approve: pa-clinical-reviewers — ")
                .contains("Request information: pa-clinical-reviewers — ");

        ApiClient.Response refused = complete(taskId, "pharmacist", deny("Under 18", "RA_AGE"));
        Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Assertions.assertThat(refused.body()).contains("Only members of pa-physician-reviewers may make a denial on RA_AGE")
                .contains("URAC").doesNotContain("Under 18");
        assertStillOpen(c, taskId, "IN_REVIEW");

        ApiClient.Response denied = complete(taskId, "physician", deny("Under 18", "RA_AGE"));
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        JsonNode view = api().awaitStatus(c.get("id").asText(), "DENIED");
        Assertions.assertThat(view.at("/decision/decidedBy").asText()).isEqualTo("physician");
    }

    @Test
    void aPharmacistMayDenyOnThePreferredProductStep() {
        JsonNode c = submit("04-ra-standard-one-preferred.json");
        String taskId = openTask(c).get("id").asText();
        Assertions.assertThat(authoritySummary(taskId, "pharmacist"))
                .contains("Deny on PREFERRED_PRODUCTS (administrative): pa-clinical-reviewers — ")
                .contains("Appendix 3");
        ApiClient.Response denied = complete(taskId, "pharmacist", deny("A second preferred product was not tried",
                "PREFERRED_PRODUCTS"));
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        JsonNode view = api().awaitStatus(c.get("id").asText(), "DENIED");
        Assertions.assertThat(view.at("/decision/decidedBy").asText()).isEqualTo("pharmacist");
    }

    @Test
    void aDenialCitingAnAdministrativeAndAClinicalCriterionNeedsTheAuthorityOfEach() {
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        ((ObjectNode) request.get("member")).put("dateOfBirth", "2008-06-15");
        JsonNode c = submit(request);
        Assertions.assertThat(c.get("status").asText()).isEqualTo("IN_REVIEW");
        String taskId = openTask(c).get("id").asText();
        Assertions.assertThat(authoritySummary(taskId, "pharmacist"))
                .contains("Deny on RA_AGE (clinical): pa-physician-reviewers")
                .contains("Deny on PREFERRED_PRODUCTS (administrative): pa-clinical-reviewers");

        ApiClient.Response refused = complete(taskId, "pharmacist", deny("Under 18, one preferred product",
                "PREFERRED_PRODUCTS,RA_AGE"));
        Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Assertions.assertThat(refused.body()).contains("pa-physician-reviewers").contains("RA_AGE");
        assertStillOpen(c, taskId, "IN_REVIEW");

        ApiClient.Response denied = complete(taskId, "physician", deny("Under 18, one preferred product",
                "PREFERRED_PRODUCTS,RA_AGE"));
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        JsonNode view = api().awaitStatus(c.get("id").asText(), "DENIED");
        Assertions.assertThat(view.at("/decision/decidedBy").asText()).isEqualTo("physician");
    }

    @Test
    void aPharmacistStillApprovesAndRequestsInformation() {
        JsonNode pend = submit("28-tb-result-missing.json");
        ApiClient.Response pended = complete(openTask(pend).get("id").asText(), "pharmacist",
                "{\"decision\": {\"value\": \"REQUEST_INFORMATION\"}, \"reason\": {\"value\": \"TB screening missing\"},"
                        + " \"informationRequested\": {\"value\": \"Latent TB test result\"}}");
        Assertions.assertThat(pended.status()).as(pended.body()).isEqualTo(204);
        api().awaitStatus(pend.get("id").asText(), "PENDING_INFORMATION");

        JsonNode approve = submit("06-ra-age-17.json");
        ApiClient.Response approved = complete(openTask(approve).get("id").asText(), "pharmacist",
                "{\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Age 18 in a few weeks; treating rheumatologist documents adult-onset RA\"}}");
        Assertions.assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        Assertions.assertThat(api().awaitStatus(approve.get("id").asText(), "APPROVED").at("/decision/decidedBy").asText())
                .isEqualTo("pharmacist");
    }

    @Test
    void anAppealIsDecidedByAPhysicianOtherThanTheDenier() {
        JsonNode c = submit("20-tb-positive-untreated.json");
        ApiClient.Response denied = complete(openTask(c).get("id").asText(), "physician",
                deny("Latent TB untreated", "TB_SCREENING"));
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        api().awaitStatus(c.get("id").asText(), "DENIED");
        ApiClient.Response appeal = api().send("POST", "/api/prior-authorizations/" + c.get("id").asText() + "/appeal",
                "intake", "intake", "application/json",
                HttpRequest.BodyPublishers.ofString("{\"reason\": \"TB treatment has started\"}"));
        Assertions.assertThat(appeal.status()).as(appeal.body()).isEqualTo(202);
        JsonNode task = openTask(c);
        Assertions.assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("Task_AppealReview");
        String taskId = task.get("id").asText();
        Assertions.assertThat(authoritySummary(taskId, "physician2"))
                .startsWith("Uphold or overturn: pa-physician-reviewers, not the reviewer who made the denial (physician) — ");

        String overturn = "{\"appealDecision\": {\"value\": \"OVERTURNED\"},"
                + " \"appealDecisionReason\": {\"value\": \"Treatment for latent TB started, documented\"}}";
        ApiClient.Response byDenier = complete(taskId, "physician", overturn);
        Assertions.assertThat(byDenier.status()).as(byDenier.body()).isEqualTo(400);
        Assertions.assertThat(byDenier.body()).contains("cannot decide its appeal");
        ApiClient.Response byPharmacist = complete(taskId, "pharmacist", overturn);
        Assertions.assertThat(byPharmacist.status()).as(byPharmacist.body()).isEqualTo(403);
        Assertions.assertThat(openTask(c).get("id").asText()).as("the appeal stays open").isEqualTo(taskId);
        Assertions.assertThat(caseView(c).at("/appeal/status").asText()).isEqualTo("PENDING");
        Assertions.assertThat(caseView(c).get("status").asText()).isEqualTo("DENIED");

        ApiClient.Response bySecond = complete(taskId, "physician2", overturn);
        Assertions.assertThat(bySecond.status()).as(bySecond.body()).isEqualTo(204);
        JsonNode view = api().awaitStatus(c.get("id").asText(), "APPROVED");
        Assertions.assertThat(view.at("/appeal/status").asText()).isEqualTo("OVERTURNED");
        Assertions.assertThat(view.at("/decision/decidedBy").asText()).isEqualTo("physician2");
    }
}
