package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
        // supervisors claim a task to reassign it (Tasklist's Claim), and may hand it back
        ApiClient.Response take = send("POST", "/engine-rest/task/" + taskId + "/claim", "supervisor",
                "{\"userId\": \"supervisor\"}");
        Assertions.assertThat(take.status()).as(take.body()).isEqualTo(204);
        ApiClient.Response unclaim = send("POST", "/engine-rest/task/" + taskId + "/unclaim", "supervisor", "{}");
        Assertions.assertThat(unclaim.status()).as(unclaim.body()).isEqualTo(204);
        take = send("POST", "/engine-rest/task/" + taskId + "/claim", "supervisor", "{\"userId\": \"supervisor\"}");
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
        Assertions.assertThat(decide.status()).as(decide.body()).isEqualTo(403);
        Assertions.assertThat(decide.body()).contains("completed only by a member of [pa-clinical-reviewers]");
        ApiClient.Response form = send("POST", "/engine-rest/task/" + taskId + "/submit-form", "supervisor",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Looks fine\"}}}");
        Assertions.assertThat(form.status()).as(form.body()).isEqualTo(403);
        ApiClient.Response resolve = send("POST", "/engine-rest/task/" + taskId + "/resolve", "supervisor",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Looks fine\"}}}");
        Assertions.assertThat(resolve.status()).as(resolve.body()).isIn(400, 403);
        ApiClient.Response delegate = send("POST", "/engine-rest/task/" + taskId + "/delegate", "supervisor",
                "{\"userId\": \"intake\"}");
        Assertions.assertThat(delegate.status()).as(delegate.body()).isEqualTo(403);

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

    @Test
    void aCaseIdVariableDoesNotPointTheProcessAtAnotherCase() {
        JsonNode target = submit("06-ra-age-17.json");
        JsonNode other = submit("06-ra-age-17.json");
        String taskId = taskId(target);
        String instanceId = task(target).get("processInstanceId").asText();
        Assertions.assertThat(send("PUT", "/engine-rest/process-instance/" + instanceId + "/variables/caseId", "admin",
                "{\"value\": \"" + other.get("id").asText() + "\", \"type\": \"String\"}").status()).isEqualTo(204);

        approveAsPharmacist(target, taskId);
        JsonNode approved = caseView(target);
        JsonNode authorization = api().get("/api/authorizations/" + approved.at("/authorization/id").asText(), "admin").json();
        Assertions.assertThat(authorization.get("caseId").asText()).as("the authorization is the instance's case's")
                .isEqualTo(target.get("id").asText());
        JsonNode untouched = caseView(other);
        Assertions.assertThat(untouched.get("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(untouched.get("decision").isNull()).as(untouched.toString()).isTrue();
        Assertions.assertThat(untouched.get("authorization").isNull()).isTrue();
        Assertions.assertThat(api().get("/api/prior-authorizations/" + other.get("id").asText() + "/determinations", "admin")
                .json().findValuesAsText("outcome")).as("nothing was recorded on the other case").doesNotContain("APPROVED");
    }

    @Test
    void aDeadlineWrittenIntoVariablesDoesNotMoveTheReviewTimers() {
        JsonNode c = submit("06-ra-age-17.json");
        String id = c.get("id").asText();
        String instanceId = task(c).get("processInstanceId").asText();
        Instant dueBy = OffsetDateTime.parse(caseView(c).get("dueBy").asText()).toInstant();
        Assertions.assertThat(engineTime(task(c).get("due").asText())).isEqualTo(dueBy);
        String far = "2099-01-01T00:00:00.000+0000";
        ApiClient.Response written = send("POST", "/engine-rest/process-instance/" + instanceId + "/variables", "admin",
                "{\"modifications\": {\"dueBy\": {\"value\": \"" + far + "\", \"type\": \"Date\"},"
                        + " \"escalateAt\": {\"value\": \"" + far + "\", \"type\": \"Date\"},"
                        + " \"escalated\": {\"value\": true, \"type\": \"Boolean\"},"
                        + " \"informationWaitPeriod\": {\"value\": \"P9999D\", \"type\": \"String\"}}}");
        Assertions.assertThat(written.status()).as(written.body()).isEqualTo(204);

        // pend for information and answer it: the review opens again, with the timers of a fresh entry
        ApiClient.Response pend = complete(taskId(c), "pharmacist", "{\"decision\": {\"value\": \"REQUEST_INFORMATION\"},"
                + " \"informationRequested\": {\"value\": \"Date of birth confirmation\"}}");
        Assertions.assertThat(pend.status()).as(pend.body()).isEqualTo(204);
        api().awaitStatus(id, "PENDING_INFORMATION");
        Instant waitEnds = timers(instanceId).get(0);
        Assertions.assertThat(waitEnds).as("the information wait is the configured 14 days")
                .isBefore(Instant.now().plus(Duration.ofDays(15))).isAfter(Instant.now().plus(Duration.ofDays(13)));
        ApiClient.Response information = api().send("POST", "/api/prior-authorizations/" + id + "/information", "intake",
                "intake", "application/merge-patch+json", HttpRequest.BodyPublishers.ofString("{\"attachmentNote\": \"chart\"}"));
        Assertions.assertThat(information.status()).as(information.body()).isEqualTo(202);
        JsonNode reviewed = api().awaitStatus(id, "IN_REVIEW");

        Instant received = OffsetDateTime.parse(reviewed.get("receivedAt").asText()).toInstant();
        Instant escalateAt = received.plusSeconds(Math.round(Duration.between(received, dueBy).getSeconds() * 0.75));
        Assertions.assertThat(engineTime(task(c).get("due").asText())).as("the review task's due date").isEqualTo(dueBy);
        Assertions.assertThat(timers(instanceId)).as("deadline and 75 %% timers from the case record")
                .containsExactlyInAnyOrder(escalateAt, dueBy);

        // the 75 % timer fires: the case is escalated although variable escalated says it was
        String atRisk = api().get("/engine-rest/job?processInstanceId=" + instanceId + "&timers=true", "admin").json()
                .findValuesAsText("id").stream().filter(j -> engineTime(api().get("/engine-rest/job/" + j, "admin").json()
                        .get("dueDate").asText()).equals(escalateAt)).findFirst().orElseThrow();
        Assertions.assertThat(send("POST", "/engine-rest/job/" + atRisk + "/execute", "admin", null).status()).isEqualTo(204);
        Assertions.assertThat(caseView(c).get("escalatedAt").isNull()).as("escalated in the case record").isFalse();
        Assertions.assertThat(api().get("/engine-rest/task?processInstanceId=" + instanceId
                + "&taskDefinitionKey=Task_DeadlineAtRisk", "admin").json()).as("the supervisors' follow-up").hasSize(1);
    }

    @Test
    void aDenialRestsOnTheCriteriaRecordedForTheCaseNotOnTheirVariables() {
        JsonNode c = submit("06-ra-age-17.json");
        String taskId = taskId(c);
        String instanceId = task(c).get("processInstanceId").asText();
        JsonNode criteria = caseView(c).get("criteria");
        String met = criteria.findParents("result").stream().filter(r -> "MET".equals(r.get("result").asText()))
                .map(r -> r.get("id").asText()).findFirst().orElseThrow();
        String open = criteria.findParents("result").stream()
                .filter(r -> "NOT_MET".equals(r.get("result").asText()) || "UNKNOWN".equals(r.get("result").asText()))
                .map(r -> r.get("id").asText()).findFirst().orElseThrow();
        String denyMet = "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Not documented\"},"
                + " \"deniedCriteria\": {\"value\": \"" + met + "\"}}";
        ApiClient.Response refused = complete(taskId, "physician", denyMet);
        Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Assertions.assertThat(refused.body()).contains("Not open criteria of this case").contains(open);

        // an admin rewrites the criteria variables so that the MET criterion reads NOT_MET: the record still rules
        for (String variable : new String[] {"diagnosisCriteria", "safetyCriteria"}) {
            String path = "/engine-rest/process-instance/" + instanceId + "/variables/" + variable;
            JsonNode stored = api().get(path + "?deserializeValue=false", "admin").json();
            if (stored.has("value")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) stored).put("value",
                        stored.get("value").asText().replace("\"MET\"", "\"NOT_MET\""));
                Assertions.assertThat(send("PUT", path, "admin", stored.toString()).status()).isEqualTo(204);
            }
        }
        ApiClient.Response stillRefused = complete(taskId, "physician", denyMet);
        Assertions.assertThat(stillRefused.status()).as(stillRefused.body()).isEqualTo(400);
        JsonNode view = caseView(c);
        Assertions.assertThat(view.get("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(view.get("decision").isNull()).isTrue();

        ApiClient.Response denied = complete(taskId, "physician", "{\"decision\": {\"value\": \"DENIED\"},"
                + " \"reason\": {\"value\": \"Under 18\"}, \"deniedCriteria\": {\"value\": \"" + open + "\"}}");
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        Assertions.assertThat(api().awaitStatus(c.get("id").asText(), "DENIED").at("/decision/decidedBy").asText())
                .isEqualTo("physician");
        Assertions.assertThat(api().get("/api/prior-authorizations/" + c.get("id").asText() + "/determinations", "admin")
                .json().findValues("criteriaCited").stream().flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .map(JsonNode::asText).toList()).contains(open).doesNotContain(met);
    }

    /** @return due dates of the instance's timer jobs, earliest first */
    private java.util.List<Instant> timers(String instanceId) {
        return api().get("/engine-rest/job?processInstanceId=" + instanceId + "&timers=true", "admin").json()
                .findValuesAsText("dueDate").stream().map(ReviewTrustTest::engineTime).sorted().toList();
    }

    /** @param text a date as {@code /engine-rest} writes it, e.g. {@code 2026-12-03T10:00:00.000+0000} */
    private static Instant engineTime(String text) {
        return OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
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
