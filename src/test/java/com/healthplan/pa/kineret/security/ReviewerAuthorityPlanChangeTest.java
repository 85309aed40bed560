package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A plan changes its reviewer authority by deploying a changed {@code kineret-reviewer-authority}: here the table of
 * {@code src/test/resources/plan-authority/} under which, for {@code BLUE_FOCUS}, only physician reviewers may make
 * any denial (also on the preferred-product step), deployed as {@code admin} through
 * {@code /engine-rest/deployment/create} as README shows. The latest version is enforced from the next determination on,
 * the other plan options keep their rules, and the audit trail records the version in force. The deployment is
 * removed after the test, so that the classes sharing this Spring context see the product's table again.
 */
@AppTest
class ReviewerAuthorityPlanChangeTest {

    private static final String KEY = "kineret-reviewer-authority";

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;

    private String deploymentId;

    @AfterEach
    void undeployTheChangedTable() {
        if (deploymentId != null) {
            repository.deleteDeployment(deploymentId, true);
            deploymentId = null;
        }
        Assertions.assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(KEY).latestVersion()
                .singleResult().getVersionTag()).isEqualTo("5.70.050 (2025-04-01)");
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** Case 03 (Blue Focus) without its Humira trial: PREFERRED_PRODUCTS is NOT_MET (Appendix 3: one of Enbrel, Humira). */
    private JsonNode blueFocusWithoutPreferredProduct() {
        ObjectNode request = AcceptanceCases.named("03-ra-blue-focus-one-preferred.json").request().deepCopy();
        ArrayNode history = (ArrayNode) request.get("therapyHistory");
        for (int i = history.size() - 1; i >= 0; i--) {
            if ("Humira".equals(history.get(i).path("drug").asText())) {
                history.remove(i);
            }
        }
        return submit(request);
    }

    private JsonNode submit(ObjectNode request) {
        request.put("requestId", "PLAN-AUTHORITY-" + UUID.randomUUID());
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
        Assertions.assertThat(c.get("status").asText()).isEqualTo("IN_REVIEW");
        return c;
    }

    private String taskId(JsonNode c) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + c.get("requestId").asText(), "admin").json();
        Assertions.assertThat(tasks).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private ApiClient.Response denyPreferredProducts(String taskId, String user) {
        return api().send("POST", "/engine-rest/task/" + taskId + "/complete", user, user, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"variables\": {\"decision\": {\"value\": \"DENIED\"},"
                        + " \"reason\": {\"value\": \"No preferred product tried\"},"
                        + " \"deniedCriteria\": {\"value\": \"PREFERRED_PRODUCTS\"}}}"));
    }

    private byte[] blueFocusTable() throws java.io.IOException {
        try (InputStream in = getClass().getResourceAsStream("/plan-authority/" + KEY + ".dmn")) {
            Assertions.assertThat(in).isNotNull();
            return in.readAllBytes();
        }
    }

    /** {@code POST /engine-rest/deployment/create} (multipart/form-data, RFC 7578) of the table, as README shows it. */
    private ApiClient.Response deploy(byte[] table, String user) {
        String boundary = "authority-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + KEY
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nplan-change"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + KEY + ".dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + table.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(table, 0, body, start.length, table.length);
        System.arraycopy(end, 0, body, start.length + table.length, end.length);
        return api().send("POST", "/engine-rest/deployment/create", user, user, "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private String authoritySummary(String taskId) {
        return api().get("/engine-rest/task/" + taskId + "/variables/authoritySummary", "pharmacist").json()
                .get("value").asText();
    }

    private JsonNode denialEntry(JsonNode c) {
        JsonNode trail = api().get("/api/prior-authorizations/" + c.get("id").asText() + "/determinations", "admin").json();
        for (JsonNode entry : trail) {
            if ("DENIED".equals(entry.get("outcome").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no denial in " + trail);
    }

    @Test
    void aChangedTableForBlueFocusIsEnforcedAndRecorded() throws Exception {
        int productVersion = repository.createDecisionDefinitionQuery().decisionDefinitionKey(KEY).latestVersion()
                .singleResult().getVersion();
        JsonNode before = blueFocusWithoutPreferredProduct();
        Assertions.assertThat(authoritySummary(taskId(before)))
                .contains("Deny on PREFERRED_PRODUCTS (administrative): pa-clinical-reviewers");
        ApiClient.Response allowed = denyPreferredProducts(taskId(before), "pharmacist");
        Assertions.assertThat(allowed.status()).as(allowed.body()).isEqualTo(204);
        api().awaitStatus(before.get("id").asText(), "DENIED");
        Assertions.assertThat(denialEntry(before).at("/decisionVersions/" + KEY + "/version").asInt())
                .isEqualTo(productVersion);

        byte[] table = blueFocusTable();
        ApiClient.Response byPharmacist = deploy(table, "pharmacist");
        Assertions.assertThat(byPharmacist.status()).as("deployments are for camunda-admin: " + byPharmacist.body())
                .isEqualTo(403);
        ApiClient.Response deployed = deploy(table, "admin");
        Assertions.assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        deploymentId = deployed.json().get("id").asText();
        DecisionDefinition changed = repository.createDecisionDefinitionQuery().decisionDefinitionKey(KEY)
                .latestVersion().singleResult();
        Assertions.assertThat(changed.getDeploymentId()).isEqualTo(deploymentId);
        Assertions.assertThat(changed.getVersion()).isGreaterThan(productVersion);

        JsonNode after = blueFocusWithoutPreferredProduct();
        String taskId = taskId(after);
        Assertions.assertThat(authoritySummary(taskId))
                .contains("Deny on PREFERRED_PRODUCTS (administrative): pa-physician-reviewers — Blue Focus: every denial");
        ApiClient.Response refused = denyPreferredProducts(taskId, "pharmacist");
        Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Assertions.assertThat(refused.body()).contains("Only members of pa-physician-reviewers may make a denial on PREFERRED_PRODUCTS")
                .contains("Blue Focus");
        Assertions.assertThat(taskId(after)).as("the task stays open").isEqualTo(taskId);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + after.get("id").asText(), "admin").json()
                .get("status").asText()).isEqualTo("IN_REVIEW");
        ApiClient.Response byPhysician = denyPreferredProducts(taskId, "physician");
        Assertions.assertThat(byPhysician.status()).as(byPhysician.body()).isEqualTo(204);
        api().awaitStatus(after.get("id").asText(), "DENIED");
        JsonNode recorded = denialEntry(after).at("/decisionVersions/" + KEY);
        Assertions.assertThat(recorded.get("version").asInt()).isEqualTo(changed.getVersion());
        Assertions.assertThat(recorded.get("versionTag").asText()).isEqualTo(changed.getVersionTag())
                .contains("Blue Focus");

        JsonNode standard = submit(AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy());
        ApiClient.Response standardDenial = denyPreferredProducts(taskId(standard), "pharmacist");
        Assertions.assertThat(standardDenial.status()).as("other plan options keep their rule: " + standardDenial.body())
                .isEqualTo(204);
        api().awaitStatus(standard.get("id").asText(), "DENIED");
    }

    @Test
    void aTableWithOverlappingRulesRefusesTheDeterminationItCannotDecide() throws Exception {
        JsonNode c = blueFocusWithoutPreferredProduct();
        String taskId = taskId(c);
        // the Blue Focus row deployed without narrowing the default rows: two rules match a Blue Focus denial
        String overlapping = new String(blueFocusTable(), StandardCharsets.UTF_8)
                .replace("<text>not(&quot;BLUE_FOCUS&quot;)</text>", "<text>-</text>");
        ApiClient.Response deployed = deploy(overlapping.getBytes(StandardCharsets.UTF_8), "admin");
        Assertions.assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        deploymentId = deployed.json().get("id").asText();

        for (String user : new String[] {"pharmacist", "physician"}) {
            ApiClient.Response refused = denyPreferredProducts(taskId, user);
            Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            Assertions.assertThat(refused.body()).contains("gives no single rule for a denial on PREFERRED_PRODUCTS");
        }
        Assertions.assertThat(taskId(c)).as("the task stays open").isEqualTo(taskId);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + c.get("id").asText(), "admin").json()
                .get("status").asText()).isEqualTo("IN_REVIEW");
    }
}
