package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review rules hold against Camunda's own APIs (issue 12, items 1 to 5): every attack goes through
 * {@code /engine-rest} as the demo users, and each test reads the effect back through {@code /api} (status,
 * decision, decider, authorization terms) and {@code /engine-rest} (task, instance), not only the HTTP status.
 */
@AppTest
class ReviewTrustTest {

    private static final String SECOND_PHYSICIAN = "trustphysician";

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
        return api().submitCase(file, "TRUST-");
    }

    private JsonNode caseView(JsonNode c) {
        return api().get("/api/prior-authorizations/" + c.get("id").asText(), "admin").json();
    }

    private JsonNode task(JsonNode c) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + c.get("requestId").asText(), "admin").json();
        Assertions.assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private String taskId(JsonNode c) {
        return task(c).get("id").asText();
    }

    private ApiClient.Response send(String method, String path, String user, String json) {
        return api().send(method, path, user, user, json == null ? null : "application/json",
                json == null ? null : HttpRequest.BodyPublishers.ofString(json));
    }

    private ApiClient.Response complete(String taskId, String user, String variables) {
        return send("POST", "/engine-rest/task/" + taskId + "/complete", user, "{\"variables\": " + variables + "}");
    }

    private long instances(JsonNode c) {
        return api().get("/engine-rest/process-instance?businessKey=" + c.get("requestId").asText(), "admin").json().size();
    }

    /** A case denied by {@code physician} and appealed by the intake system: waiting at the appeal review. */
    private JsonNode deniedAndAppealed() {
        JsonNode c = submit("20-tb-positive-untreated.json");
        ApiClient.Response denied = complete(taskId(c), "physician", "{\"decision\": {\"value\": \"DENIED\"},"
                + " \"reason\": {\"value\": \"Latent TB untreated\"}, \"deniedCriteria\": {\"value\": \"TB_SCREENING\"}}");
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        Assertions.assertThat(api().awaitStatus(c.get("id").asText(), "DENIED").at("/decision/decidedBy").asText())
                .isEqualTo("physician");
        ApiClient.Response appeal = api().send("POST", "/api/prior-authorizations/" + c.get("id").asText() + "/appeal",
                "intake", "intake", "application/json", HttpRequest.BodyPublishers.ofString("{\"reason\": \"TB treatment started\"}"));
        Assertions.assertThat(appeal.status()).as(appeal.body()).isEqualTo(202);
        Assertions.assertThat(task(c).get("taskDefinitionKey").asText()).isEqualTo("Task_AppealReview");
        return c;
    }

    @Test
    void aBpmnErrorOrEscalationCannotCloseAReview() {
        JsonNode c = submit("06-ra-age-17.json");
        String taskId = taskId(c);
        for (String user : new String[] {"pharmacist", "admin"}) {
            ApiClient.Response error = send("POST", "/engine-rest/task/" + taskId + "/bpmnError", user,
                    "{\"errorCode\": \"approve\", \"variables\": {\"decision\": {\"value\": \"APPROVED\"}}}");
            Assertions.assertThat(error.status()).as(error.body()).isEqualTo(400);
            Assertions.assertThat(error.body()).contains("BPMN errors and escalations are not accepted");
            ApiClient.Response escalation = send("POST", "/engine-rest/task/" + taskId + "/bpmnEscalation", user,
                    "{\"escalationCode\": \"approve\", \"variables\": {\"decision\": {\"value\": \"APPROVED\"}}}");
            Assertions.assertThat(escalation.status()).as(escalation.body()).isEqualTo(400);
        }
        JsonNode view = caseView(c);
        Assertions.assertThat(view.get("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(view.get("decision").isNull()).as(view.toString()).isTrue();
        Assertions.assertThat(view.get("authorization").isNull()).isTrue();
        Assertions.assertThat(taskId(c)).as("the review task is still open").isEqualTo(taskId);
        Assertions.assertThat(api().get("/engine-rest/task/" + taskId + "/variables/decision", "admin").status())
                .as("nothing of the refused call was stored").isEqualTo(404);
    }

    @Test
    void aBpmnErrorCannotEndTheAppeal() {
        JsonNode c = deniedAndAppealed();
        String appealTask = taskId(c);
        ApiClient.Response error = send("POST", "/engine-rest/task/" + appealTask + "/bpmnError", SECOND_PHYSICIAN,
                "{\"errorCode\": \"end\"}");
        Assertions.assertThat(error.status()).as(error.body()).isEqualTo(400);
        Assertions.assertThat(instances(c)).as("the instance goes on").isEqualTo(1);
        JsonNode view = caseView(c);
        Assertions.assertThat(view.get("status").asText()).isEqualTo("DENIED");
        Assertions.assertThat(view.at("/appeal/status").asText()).isEqualTo("PENDING");
        Assertions.assertThat(taskId(c)).isEqualTo(appealTask);
    }

    @Test
    void theDenierCannotDecideTheAppealByRewritingOrDeletingDecidedBy() {
        JsonNode c = deniedAndAppealed();
        String appealTask = taskId(c);
        String instanceId = task(c).get("processInstanceId").asText();
        String overturn = "\"appealDecision\": {\"value\": \"OVERTURNED\"}, \"appealDecisionReason\": {\"value\": \"ok\"}";

        ApiClient.Response inCompletion = complete(appealTask, "physician",
                "{" + overturn + ", \"decidedBy\": {\"value\": \"" + SECOND_PHYSICIAN + "\"}}");
        Assertions.assertThat(inCompletion.status()).as(inCompletion.body()).isEqualTo(400);
        Assertions.assertThat(inCompletion.body()).contains("decidedBy");
        ApiClient.Response inForm = send("POST", "/engine-rest/task/" + appealTask + "/submit-form", "physician",
                "{\"variables\": {" + overturn + ", \"decidedBy\": {\"value\": \"nobody\"}}}");
        Assertions.assertThat(inForm.status()).as(inForm.body()).isEqualTo(400);
        ApiClient.Response put = send("PUT", "/engine-rest/task/" + appealTask + "/variables/decidedBy", "physician",
                "{\"value\": \"nobody\", \"type\": \"String\"}");
        Assertions.assertThat(put.status()).as(put.body()).isEqualTo(403);
        ApiClient.Response putLocal = send("PUT", "/engine-rest/task/" + appealTask + "/localVariables/decidedBy", "physician",
                "{\"value\": \"nobody\", \"type\": \"String\"}");
        Assertions.assertThat(putLocal.status()).as(putLocal.body()).isEqualTo(403);
        ApiClient.Response delete = send("DELETE", "/engine-rest/task/" + appealTask + "/variables/decidedBy", "physician", null);
        Assertions.assertThat(delete.status()).as(delete.body()).isEqualTo(403);
        ApiClient.Response modify = send("POST", "/engine-rest/task/" + appealTask + "/variables", "physician",
                "{\"deletions\": [\"decidedBy\"]}");
        Assertions.assertThat(modify.status()).as(modify.body()).isEqualTo(403);
        Assertions.assertThat(api().get("/engine-rest/process-instance/" + instanceId + "/variables/decidedBy", "admin")
                .json().get("value").asText()).isEqualTo("physician");

        // even with the variable gone (an administrator may remove it), the denier comes from the case's record
        Assertions.assertThat(send("DELETE", "/engine-rest/process-instance/" + instanceId + "/variables/decidedBy",
                "admin", null).status()).isEqualTo(204);
        ApiClient.Response afterDeletion = complete(appealTask, "physician", "{" + overturn + "}");
        Assertions.assertThat(afterDeletion.status()).isGreaterThanOrEqualTo(400);
        Assertions.assertThat(afterDeletion.body()).contains("cannot decide its appeal");
        JsonNode view = caseView(c);
        Assertions.assertThat(view.get("status").asText()).isEqualTo("DENIED");
        Assertions.assertThat(view.at("/appeal/status").asText()).isEqualTo("PENDING");

        ApiClient.Response byAnother = complete(appealTask, SECOND_PHYSICIAN, "{" + overturn + "}");
        Assertions.assertThat(byAnother.status()).as(byAnother.body()).isEqualTo(204);
        JsonNode approved = api().awaitStatus(c.get("id").asText(), "APPROVED");
        Assertions.assertThat(approved.at("/decision/decidedBy").asText()).isEqualTo(SECOND_PHYSICIAN);
        Assertions.assertThat(approved.at("/appeal/decidedBy").asText()).isEqualTo(SECOND_PHYSICIAN);
    }

    @Test
    void aReviewerCompletionCannotRewriteTrustedState() {
        JsonNode target = submit("06-ra-age-17.json");
        JsonNode other = submit("06-ra-age-17.json");
        String taskId = taskId(target);
        String approve = "\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Adult by the time of therapy\"}";
        String[] forged = {
                "\"caseId\": {\"value\": \"" + other.get("id").asText() + "\"}",
                "\"requestType\": {\"value\": \"RENEWAL\"}",
                "\"indication\": {\"value\": \"CAPS\"}",
                "\"informationWaitPeriod\": {\"value\": \"PT1S\"}",
                "\"decidedBy\": {\"value\": \"physician\"}",
                "\"approvalTerms\": {\"value\": \"{}\", \"type\": \"Json\"}",
                "\"reviewDecisionListener\": {\"value\": \"x\"}"};
        for (String variable : forged) {
            ApiClient.Response r = complete(taskId, "pharmacist", "{" + approve + ", " + variable + "}");
            Assertions.assertThat(r.status()).as(variable + ": " + r.body()).isEqualTo(400);
            Assertions.assertThat(r.body()).contains("may set only").contains("Nothing was changed");
        }
        Assertions.assertThat(caseView(target).get("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(caseView(other).get("status").asText()).isEqualTo("IN_REVIEW");

        // Tasklist sends the form's read-only fields back unchanged: accepted, and the approval rests on the case
        String indication = api().get("/engine-rest/task/" + taskId + "/variables/indication", "admin").json().get("value").asText();
        ApiClient.Response ok = complete(taskId, "pharmacist", "{" + approve + ", \"requestId\": {\"value\": \""
                + target.get("requestId").asText() + "\"}, \"indication\": {\"value\": \"" + indication + "\"}}");
        Assertions.assertThat(ok.status()).as(ok.body()).isEqualTo(204);
        JsonNode approved = api().awaitStatus(target.get("id").asText(), "APPROVED");
        Assertions.assertThat(approved.at("/decision/decidedBy").asText()).isEqualTo("pharmacist");
        Assertions.assertThat(approved.at("/decision/reason").asText()).isEqualTo("Adult by the time of therapy");
        JsonNode authorization = api().get("/api/authorizations/" + approved.at("/authorization/id").asText(), "admin").json();
        Assertions.assertThat(authorization.get("requestType").asText()).isEqualTo("INITIAL");
        Assertions.assertThat(authorization.get("durationMonths").asInt()).as("initial approval: 12 months").isEqualTo(12);
        Assertions.assertThat(authorization.get("indication").asText()).isEqualTo(indication);
        Assertions.assertThat(caseView(other).get("status").asText()).as("the other case is untouched").isEqualTo("IN_REVIEW");
    }

    @Test
    void aVariableNamedLikeABeanDoesNotReplaceTheReviewRules() {
        JsonNode c = submit("06-ra-age-17.json");
        String taskId = taskId(c);
        String instanceId = task(c).get("processInstanceId").asText();
        Assertions.assertThat(send("PUT", "/engine-rest/process-instance/" + instanceId + "/variables/reviewDecisionListener",
                "admin", "{\"value\": \"not the listener\", \"type\": \"String\"}").status()).isEqualTo(204);
        ApiClient.Response noReason = complete(taskId, "pharmacist", "{\"decision\": {\"value\": \"APPROVED\"}}");
        Assertions.assertThat(noReason.status()).isGreaterThanOrEqualTo(400);
        Assertions.assertThat(noReason.body()).as("the bean ran, not the variable").contains("rationale");
        Assertions.assertThat(caseView(c).get("status").asText()).isEqualTo("IN_REVIEW");
        approveAsPharmacist(c, taskId);
    }

    @Test
    void supervisorsReadClaimAndReassignOnly() {
        JsonNode c = submit("06-ra-age-17.json");
        String taskId = taskId(c);
        String name = task(c).get("name").asText();
        // supervisors take a task to reassign it by setting the assignee (Camunda's TASK_ASSIGN; no TASK_WORK)
        ApiClient.Response take = send("POST", "/engine-rest/task/" + taskId + "/assignee", "supervisor",
                "{\"userId\": \"supervisor\"}");
        Assertions.assertThat(take.status()).as(take.body()).isEqualTo(204);

        ApiClient.Response variable = send("PUT", "/engine-rest/task/" + taskId + "/variables/decision", "supervisor",
                "{\"value\": \"APPROVED\", \"type\": \"String\"}");
        Assertions.assertThat(variable.status()).as(variable.body()).isEqualTo(403);
        ApiClient.Response rename = send("PUT", "/engine-rest/task/" + taskId, "supervisor",
                "{\"name\": \"Renamed\", \"assignee\": \"supervisor\", \"priority\": 50}");
        Assertions.assertThat(rename.status()).as(rename.body()).isEqualTo(403);
        ApiClient.Response candidateUser = send("POST", "/engine-rest/task/" + taskId + "/identity-links", "supervisor",
                "{\"userId\": \"intake\", \"type\": \"candidate\"}");
        Assertions.assertThat(candidateUser.status()).as(candidateUser.body()).isEqualTo(403);
        ApiClient.Response candidateGroup = send("POST", "/engine-rest/task/" + taskId + "/identity-links", "supervisor",
                "{\"groupId\": \"pa-intake\", \"type\": \"candidate\"}");
        Assertions.assertThat(candidateGroup.status()).as(candidateGroup.body()).isEqualTo(403);
        ApiClient.Response removeGroup = send("POST", "/engine-rest/task/" + taskId + "/identity-links/delete", "supervisor",
                "{\"groupId\": \"pa-clinical-reviewers\", \"type\": \"candidate\"}");
        Assertions.assertThat(removeGroup.status()).as(removeGroup.body()).isEqualTo(403);
        ApiClient.Response toIntake = send("POST", "/engine-rest/task/" + taskId + "/assignee", "supervisor",
                "{\"userId\": \"intake\"}");
        Assertions.assertThat(toIntake.status()).as(toIntake.body()).isEqualTo(403);
        ApiClient.Response decide = complete(taskId, "supervisor",
                "{\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Looks fine\"}}");
        Assertions.assertThat(decide.status()).isGreaterThanOrEqualTo(400);

        ApiClient.Response reassign = send("POST", "/engine-rest/task/" + taskId + "/assignee", "supervisor",
                "{\"userId\": \"pharmacist\"}");
        Assertions.assertThat(reassign.status()).as(reassign.body()).isEqualTo(204);
        JsonNode after = api().get("/engine-rest/task/" + taskId, "admin").json();
        Assertions.assertThat(after.get("assignee").asText()).isEqualTo("pharmacist");
        Assertions.assertThat(after.get("name").asText()).isEqualTo(name);
        JsonNode links = api().get("/engine-rest/task/" + taskId + "/identity-links", "admin").json();
        Assertions.assertThat(links.findValuesAsText("groupId")).contains("pa-clinical-reviewers").doesNotContain("pa-intake");
        Assertions.assertThat(links.findValuesAsText("userId")).doesNotContain("intake");
        Assertions.assertThat(api().get("/engine-rest/task/" + taskId + "/variables/decision", "admin").status()).isEqualTo(404);
        Assertions.assertThat(caseView(c).get("status").asText()).isEqualTo("IN_REVIEW");

        // the reviewer it was given to decides as usual
        approveAsPharmacist(c, taskId);
    }

    @Test
    void aJsonVariableIsNotDeserialisedIntoAClassOutsideTheAllowList() {
        JsonNode c = submit("06-ra-age-17.json");
        String taskId = taskId(c);
        ApiClient.Response r = complete(taskId, "pharmacist", "{\"decision\": {\"value\": \"APPROVED\"},"
                + " \"reason\": {\"type\": \"Object\", \"value\": \"\\\"/etc/passwd\\\"\", \"valueInfo\": {"
                + "\"objectTypeName\": \"java.io.File\", \"serializationDataFormat\": \"application/json\"}}}");
        Assertions.assertThat(r.status()).isGreaterThanOrEqualTo(400);
        Assertions.assertThat(r.body()).contains("java.io.File");
        Assertions.assertThat(caseView(c).get("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(api().get("/engine-rest/task/" + taskId + "/variables/reason", "admin").status())
                .as("the refused completion stored nothing").isEqualTo(404);
    }

    /** The pharmacist approves with a rationale; the case is then APPROVED with the pharmacist as decider. */
    private void approveAsPharmacist(JsonNode c, String taskId) {
        ApiClient.Response approved = complete(taskId, "pharmacist",
                "{\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Documented\"}}");
        Assertions.assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        Assertions.assertThat(api().awaitStatus(c.get("id").asText(), "APPROVED").at("/decision/decidedBy").asText())
                .isEqualTo("pharmacist");
    }
}
