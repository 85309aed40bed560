package com.healthplan.pa.kineret.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.authorization.AuthorizationRecord;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The authorization API over real HTTP: an automatically approved RA case (acceptance case 01, under a fresh
 * requestId and member id) is read back as an authorization, checked as pharmacy claims on its boundary days and
 * over its quantity limit, and its renewal notice is listed and acknowledged; bad parameters give 400 problems,
 * unknown ids 404, missing credentials 401 and a reviewer acknowledging a notice 403.
 */
@AppTest
class AuthorizationApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    AuthorizationRepository authorizations;

    @Autowired
    AuthorizationQueries queries;

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** Submits acceptance case 01 for a new member and waits for its automatic approval. */
    private JsonNode approvedCase(String memberId) {
        ObjectNode request = AcceptanceCases.named("01-ra-initial-all-met.json").request().deepCopy();
        request.put("requestId", "AUTH-" + UUID.randomUUID());
        ((ObjectNode) request.get("member")).put("id", memberId);
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode decided = api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
        Assertions.assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo("APPROVED");
        return decided;
    }

    private JsonNode check(String memberId, LocalDate date, int quantity, int daysSupply) {
        ApiClient.Response r = api().get("/api/authorizations/check?memberId=" + memberId + "&date=" + date
                + "&quantity=" + quantity + "&daysSupply=" + daysSupply, "pharmacist");
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void assertProblem(ApiClient.Response r, int status, String... fields) {
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(status);
        Assertions.assertThat(r.contentType()).startsWith(PROBLEM_JSON);
        JsonNode p = r.json();
        Assertions.assertThat(p.get("status").asInt()).isEqualTo(status);
        Assertions.assertThat(p.get("type").asText()).startsWith("https://pa.healthplan.example/problems/");
        Assertions.assertThat(p.get("title").asText()).isNotBlank();
        Assertions.assertThat(p.get("detail").asText()).isNotBlank();
        if (fields.length > 0) {
            Assertions.assertThat(p.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(fields);
        }
    }

    @Test
    void approvedCaseIsReadCheckedAndItsRenewalNoticeAcknowledged() {
        String memberId = "MBR-" + UUID.randomUUID();
        JsonNode approved = approvedCase(memberId);
        JsonNode granted = approved.get("authorization");
        String authorizationId = granted.get("id").asText();
        LocalDate validFrom = LocalDate.parse(granted.get("validFrom").asText());
        LocalDate validTo = LocalDate.parse(granted.get("validTo").asText());
        Assertions.assertThat(validTo).isEqualTo(validFrom.plusMonths(12));

        ApiClient.Response read = api().get("/api/authorizations/" + authorizationId, "supervisor");
        Assertions.assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode a = read.json();
        Assertions.assertThat(a.get("id").asText()).isEqualTo(authorizationId);
        Assertions.assertThat(a.get("caseId").asText()).isEqualTo(approved.get("id").asText());
        Assertions.assertThat(a.get("requestId").asText()).isEqualTo(approved.get("requestId").asText());
        Assertions.assertThat(a.get("memberId").asText()).isEqualTo(memberId);
        Assertions.assertThat(a.get("indication").asText()).isEqualTo("RA");
        Assertions.assertThat(a.get("requestType").asText()).isEqualTo("INITIAL");
        Assertions.assertThat(a.get("validFrom").asText()).isEqualTo(validFrom.toString());
        Assertions.assertThat(a.get("validTo").asText()).isEqualTo(validTo.toString());
        Assertions.assertThat(a.get("durationMonths").asInt()).isEqualTo(12);
        Assertions.assertThat(a.get("quantityLimit").asText()).isEqualTo("84 syringes per 84 days");
        Assertions.assertThat(a.get("maxDosePerDayMg").decimalValue()).isEqualByComparingTo("100");
        Assertions.assertThat(a.get("status").asText()).isEqualTo("ACTIVE");
        Assertions.assertThat(a.get("previousAuthorizationId").isNull()).isTrue();
        Assertions.assertThat(a.get("supersededBy").isNull()).isTrue();
        Assertions.assertThat(a.get("renewalDueOn").asText()).as("30 days before validTo").isEqualTo(validTo.minusDays(30).toString());

        ApiClient.Response list = api().get("/api/authorizations?memberId=" + memberId, "intake");
        Assertions.assertThat(list.status()).as(list.body()).isEqualTo(200);
        Assertions.assertThat(list.json()).hasSize(1);
        Assertions.assertThat(list.json().get(0).get("id").asText()).isEqualTo(authorizationId);
        Assertions.assertThat(queries.byMemberOn(memberId, validFrom)).extracting(AuthorizationRecord::id)
                .containsExactly(authorizationId);
        Assertions.assertThat(queries.byMemberOn(memberId, validTo)).isEmpty();

        JsonNode first = check(memberId, validFrom, 28, 28);
        Assertions.assertThat(first.get("covered").asBoolean()).as(first.toString()).isTrue();
        Assertions.assertThat(first.get("authorizationId").asText()).isEqualTo(authorizationId);
        Assertions.assertThat(first.get("reasons")).isEmpty();
        Assertions.assertThat(check(memberId, validTo.minusDays(1), 28, 28).get("covered").asBoolean()).isTrue();
        JsonNode after = check(memberId, validTo, 28, 28);
        Assertions.assertThat(after.get("covered").asBoolean()).isFalse();
        Assertions.assertThat(after.get("reasons").findValuesAsText("code")).containsExactly("EXPIRED");
        Assertions.assertThat(after.get("reasons").get(0).get("message").asText())
                .contains(validTo.toString(), validTo.minusDays(1).toString());
        JsonNode tooMany = check(memberId, validFrom, 90, 90);
        Assertions.assertThat(tooMany.get("covered").asBoolean()).isFalse();
        Assertions.assertThat(tooMany.get("authorizationId").asText()).isEqualTo(authorizationId);
        Assertions.assertThat(tooMany.get("reasons").findValuesAsText("code")).containsExactly("QUANTITY_LIMIT_EXCEEDED");

        AuthorizationRecord stored = authorizations.findById(authorizationId).orElseThrow();
        Assertions.assertThat(authorizations.issueRenewalNotice(stored, OffsetDateTime.now(ZoneOffset.UTC))).isTrue();
        JsonNode notice = openNotice(authorizationId);
        Assertions.assertThat(notice).as("open notice of " + authorizationId).isNotNull();
        Assertions.assertThat(notice.get("memberId").asText()).isEqualTo(memberId);
        Assertions.assertThat(notice.get("validTo").asText()).isEqualTo(validTo.toString());
        Assertions.assertThat(notice.get("issuedAt").asText()).isNotBlank();
        String acknowledge = "/api/renewal-notices/" + notice.get("id").asText() + "/acknowledge";

        assertProblem(api().send("POST", acknowledge, "pharmacist", "pharmacist", null, null), 403);
        Assertions.assertThat(openNotice(authorizationId)).as("still open after the refused acknowledgement").isNotNull();
        Assertions.assertThat(api().send("POST", acknowledge, "intake", "intake", null, null).status()).isEqualTo(204);
        Assertions.assertThat(openNotice(authorizationId)).as("acknowledged").isNull();
        Assertions.assertThat(api().send("POST", acknowledge, "intake", "intake", null, null).status())
                .as("acknowledging again changes nothing").isEqualTo(204);
        assertProblem(api().send("POST", "/api/renewal-notices/" + UUID.randomUUID() + "/acknowledge", "intake", "intake",
                null, null), 404);
    }

    private JsonNode openNotice(String authorizationId) {
        ApiClient.Response r = api().get("/api/renewal-notices?limit=1000", "intake");
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode n : r.json()) {
            if (authorizationId.equals(n.get("authorizationId").asText())) {
                return n;
            }
        }
        return null;
    }

    @Test
    void memberWithoutAuthorization() {
        String memberId = "MBR-" + UUID.randomUUID();
        ApiClient.Response list = api().get("/api/authorizations?memberId=" + memberId, "intake");
        Assertions.assertThat(list.status()).isEqualTo(200);
        Assertions.assertThat(list.json()).isEmpty();
        JsonNode none = check(memberId, LocalDate.of(2026, 3, 2), 28, 28);
        Assertions.assertThat(none.get("covered").asBoolean()).isFalse();
        Assertions.assertThat(none.get("authorizationId").isNull()).isTrue();
        Assertions.assertThat(none.get("reasons").findValuesAsText("code")).containsExactly("NO_AUTHORIZATION");
    }

    @Test
    void badParametersAreProblems() {
        assertProblem(api().get("/api/authorizations/check", "intake"), 400, "memberId", "date", "quantity", "daysSupply");
        assertProblem(api().get("/api/authorizations/check?memberId=M&date=2026-02-30&quantity=0&daysSupply=x", "intake"),
                400, "date", "quantity", "daysSupply");
        assertProblem(api().get("/api/authorizations/check?memberId=M&date=02/03/2026&quantity=28&daysSupply=-28", "intake"),
                400, "date", "daysSupply");
        assertProblem(api().get("/api/authorizations/check?memberId=%20&date=2026-03-02&quantity=28&daysSupply=28", "intake"),
                400, "memberId");
        assertProblem(api().get("/api/authorizations", "intake"), 400, "memberId");
        assertProblem(api().get("/api/authorizations?memberId=", "intake"), 400, "memberId");
        assertProblem(api().get("/api/renewal-notices?limit=0", "intake"), 400, "limit");
        assertProblem(api().get("/api/renewal-notices?limit=1001", "intake"), 400, "limit");
        assertProblem(api().get("/api/authorizations/" + UUID.randomUUID(), "intake"), 404);
    }

    @Test
    void credentialsAreRequired() {
        assertProblem(api().get("/api/authorizations?memberId=M", null), 401);
        assertProblem(api().get("/api/authorizations/check?memberId=M&date=2026-03-02&quantity=28&daysSupply=28", null), 401);
        assertProblem(api().get("/api/renewal-notices", null), 401);
        assertProblem(api().send("POST", "/api/renewal-notices/" + UUID.randomUUID() + "/acknowledge", null, null, null, null),
                401);
    }
}
