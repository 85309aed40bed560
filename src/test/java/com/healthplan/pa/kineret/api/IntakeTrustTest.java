package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The intake side cannot bend a case (issue 12, item 6, and the 4 KB information update of item 8): a future
 * {@code requestDate} is refused, a renewal cannot continue another member's authorization, additional information
 * cannot change who or when the request is about, and an intake account sees only its own cases. Each test reads
 * the effect back through {@code /api}.
 */
@AppTest
class IntakeTrustTest {

    private static final String OTHER_INTAKE = "intaketwo";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    @BeforeEach
    void secondIntakeAccount() {
        ApiClient.ensureUser(identity, OTHER_INTAKE, "pa-intake");
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ObjectNode request(String file) {
        ObjectNode request = AcceptanceCases.named(file).request().deepCopy();
        request.put("requestId", "INTAKE-TRUST-" + UUID.randomUUID());
        ((ObjectNode) request.get("member")).put("id", "MBR-TRUST-" + UUID.randomUUID());
        return request;
    }

    private JsonNode submitted(ObjectNode request) {
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
    }

    private ApiClient.Response post(String path, String user, String contentType, String body) {
        return api().send("POST", path, user, user, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void aFutureRequestDateIsRefusedAndNothingIsStored() {
        ObjectNode request = request("06-ra-age-17.json");
        LocalDate inAYear = LocalDate.now(ZoneId.of("America/New_York")).plusYears(1);
        request.put("requestDate", inAYear.toString());
        ApiClient.Response r = api().submit(request.toString());
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(400);
        Assertions.assertThat(r.json().findValuesAsText("field")).contains("requestDate");
        Assertions.assertThat(r.body()).contains("must not be in the future");
        Assertions.assertThat(api().get("/api/prior-authorizations?requestId=" + request.get("requestId").asText(), "admin")
                .status()).as("no case was stored").isEqualTo(404);
    }

    @Test
    void aRenewalCannotContinueAnotherMembersAuthorization() {
        JsonNode first = submitted(request("01-ra-initial-all-met.json"));
        Assertions.assertThat(first.get("status").asText()).isEqualTo("APPROVED");
        String authorizationId = first.at("/authorization/id").asText();

        ObjectNode renewal = request("25-renewal-ra-improved.json");
        renewal.put("previousAuthorizationId", authorizationId);
        JsonNode other = submitted(renewal);
        Assertions.assertThat(other.get("previousAuthorizationId").isNull()).as(other.toString()).isTrue();
        JsonNode authorization = api().get("/api/authorizations/" + authorizationId, "admin").json();
        Assertions.assertThat(authorization.get("status").asText()).isEqualTo("ACTIVE");
        Assertions.assertThat(authorization.get("supersededBy").isNull()).isTrue();
        if (other.at("/authorization/id").isTextual()) {
            JsonNode granted = api().get("/api/authorizations/" + other.at("/authorization/id").asText(), "admin").json();
            Assertions.assertThat(granted.get("previousAuthorizationId").isNull()).isTrue();
            Assertions.assertThat(granted.get("memberId").asText()).isEqualTo(renewal.at("/member/id").asText());
        }
    }

    @Test
    void additionalInformationCannotChangeIdentityFieldsAndALongValidUpdateIsAccepted() {
        ObjectNode request = request("28-tb-result-missing.json");
        String memberId = request.at("/member/id").asText();
        JsonNode c = submitted(request);
        String id = c.get("id").asText();
        String taskId = api().get("/engine-rest/task?processInstanceBusinessKey=" + c.get("requestId").asText(), "admin")
                .json().get(0).get("id").asText();
        ApiClient.Response pend = api().send("POST", "/engine-rest/task/" + taskId + "/complete", "pharmacist", "pharmacist",
                "application/json", HttpRequest.BodyPublishers.ofString("{\"variables\": {\"decision\": {\"value\": "
                        + "\"REQUEST_INFORMATION\"}, \"informationRequested\": {\"value\": \"Latent TB test result\"}}}"));
        Assertions.assertThat(pend.status()).as(pend.body()).isEqualTo(204);
        api().awaitStatus(id, "PENDING_INFORMATION");

        String path = "/api/prior-authorizations/" + id + "/information";
        for (String patch : new String[] {"{\"member\": {\"id\": \"MBR-SOMEONE-ELSE\"}}",
                "{\"member\": {\"dateOfBirth\": \"1990-01-01\"}}", "{\"requestDate\": \"2026-01-01\"}",
                "{\"previousAuthorizationId\": \"" + UUID.randomUUID() + "\"}"}) {
            ApiClient.Response r = post(path, "intake", "application/merge-patch+json", patch);
            Assertions.assertThat(r.status()).as(patch + ": " + r.body()).isEqualTo(400);
            Assertions.assertThat(r.body()).contains("cannot be changed");
        }
        Assertions.assertThat(api().get("/api/prior-authorizations/" + id, "intake").json().get("status").asText())
                .isEqualTo("PENDING_INFORMATION");

        // about 4 KB of valid information (an unknown field is accepted, API.md: add only) is stored, not a 500
        String longPatch = "{\"safety\": {\"tbScreening\": \"NEGATIVE\"}, \"attachmentNote\": \"" + "x".repeat(4200) + "\"}";
        ApiClient.Response accepted = post(path, "intake", "application/merge-patch+json", longPatch);
        Assertions.assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode approved = api().awaitStatus(id, "APPROVED");
        JsonNode authorization = api().get("/api/authorizations/" + approved.at("/authorization/id").asText(), "admin").json();
        Assertions.assertThat(authorization.get("memberId").asText()).as("the member stays the same").isEqualTo(memberId);
        JsonNode trail = api().get("/api/prior-authorizations/" + id + "/determinations", "admin").json();
        JsonNode received = trail.get(2);
        Assertions.assertThat(received.get("outcome").asText()).isEqualTo("INFORMATION_RECEIVED");
        Assertions.assertThat(received.get("reason").asText()).hasSize(4000).endsWith("…").contains("tbScreening");
    }

    @Test
    void anIntakeAccountSeesAndActsOnItsOwnCasesOnly() {
        ObjectNode request = request("06-ra-age-17.json");
        JsonNode c = submitted(request);
        String id = c.get("id").asText();
        String base = "/api/prior-authorizations/";

        Assertions.assertThat(api().get(base + id, OTHER_INTAKE).status()).isEqualTo(404);
        Assertions.assertThat(api().get(base + "?requestId=" + c.get("requestId").asText(), OTHER_INTAKE).status()).isEqualTo(404);
        Assertions.assertThat(api().get(base + id + "/determinations", OTHER_INTAKE).status()).isEqualTo(404);
        Assertions.assertThat(post(base + id + "/withdraw", OTHER_INTAKE, "application/json", "{\"reason\": \"not mine\"}")
                .status()).isEqualTo(404);
        Assertions.assertThat(post(base + id + "/information", OTHER_INTAKE, "application/merge-patch+json", "{}").status())
                .isEqualTo(404);
        ApiClient.Response again = api().send("POST", "/api/prior-authorizations", OTHER_INTAKE, OTHER_INTAKE, "application/json",
                HttpRequest.BodyPublishers.ofString(request.toString()));
        Assertions.assertThat(again.status()).as(again.body()).isEqualTo(409);
        Assertions.assertThat(again.body()).doesNotContain(id);

        JsonNode own = api().get(base + id, "intake").json();
        Assertions.assertThat(own.get("status").asText()).as("not withdrawn").isEqualTo("IN_REVIEW");
        Assertions.assertThat(api().get(base + id, "admin").status()).isEqualTo(200);
        Assertions.assertThat(api().get(base + id, "supervisor").status()).isEqualTo(200);
        Assertions.assertThat(post(base + id + "/withdraw", "intake", "application/json", "{\"reason\": \"mine\"}").status())
                .isEqualTo(200);
        Assertions.assertThat(api().get(base + id, "intake").json().get("status").asText()).isEqualTo("WITHDRAWN");
    }
}
