package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.authorization.AuthorizationRepository;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.config.IdentitySetup;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Intake accounts see the cases, authorizations and renewal notices of their own organisation only ({@link CaseScope}):
 * the demo account {@code intake2} (organisation {@value IdentitySetup#DEMO_ORGANISATION_SOUTH}) can neither read nor
 * act on what {@code intake} ({@value IdentitySetup#DEMO_ORGANISATION_NORTH}) submitted, and everything it tries is
 * answered as for an unknown id and leaves the case and the notice as they were (read back by {@code admin} and
 * {@code intake}); an account created here in intake's organisation sees and acts on the same case.
 */
@AppTest
class OrganisationScopeTest {

    private static final String OTHER_ORGANISATION = "intake2";
    private static final String SAME_ORGANISATION = "northdesk";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationRepository authorizations;

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** Submits an acceptance case as {@code intake} for a fresh member and waits for its determination. */
    private JsonNode submitted(String file, String memberId) {
        ObjectNode request = AcceptanceCases.named(file).request().deepCopy();
        request.put("requestId", "ORG-SCOPE-" + UUID.randomUUID());
        ((ObjectNode) request.get("member")).put("id", memberId);
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
    }

    /** An approved case of {@code intake} whose authorization has an open renewal notice; returns the notice id. */
    private String noticeOf(JsonNode approved) {
        Assertions.assertThat(approved.get("status").asText()).as(approved.toString()).isEqualTo("APPROVED");
        var stored = authorizations.findById(approved.get("authorization").get("id").asText()).orElseThrow();
        Assertions.assertThat(authorizations.issueRenewalNotice(stored, OffsetDateTime.now(ZoneOffset.UTC))).isTrue();
        JsonNode notice = openNotice("intake", stored.id());
        Assertions.assertThat(notice).as("intake sees the notice of its own case").isNotNull();
        return notice.get("id").asText();
    }

    private JsonNode openNotice(String user, String authorizationId) {
        ApiClient.Response r = api().get("/api/renewal-notices?limit=1000", user);
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode n : r.json()) {
            if (authorizationId.equals(n.get("authorizationId").asText())) {
                return n;
            }
        }
        return null;
    }

    private ApiClient.Response post(String path, String user, String contentType, String body) {
        return api().send("POST", path, user, user, contentType,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body));
    }

    private static String claimCheck(String memberId, JsonNode approved) {
        return "/api/authorizations/check?memberId=" + memberId
                + "&date=" + approved.get("authorization").get("validFrom").asText() + "&quantity=28&daysSupply=28";
    }

    @Test
    void theDemoIntakeAccountsBelongToDifferentOrganisations() {
        Assertions.assertThat(identity.createGroupQuery().groupMember("intake").groupType(CaseScope.ORGANISATION_TYPE).list())
                .extracting(Group::getId).containsExactly(IdentitySetup.DEMO_ORGANISATION_NORTH);
        Assertions.assertThat(identity.createGroupQuery().groupMember(OTHER_ORGANISATION)
                .groupType(CaseScope.ORGANISATION_TYPE).list()).extracting(Group::getId)
                .containsExactly(IdentitySetup.DEMO_ORGANISATION_SOUTH);
        Assertions.assertThat(identity.createUserQuery().userId(OTHER_ORGANISATION).memberOfGroup("pa-intake").count())
                .isEqualTo(1);
    }

    @Test
    void anotherOrganisationsIntakeAccountCanNeitherReadNorActOnTheCases() {
        String memberId = "MBR-ORG-" + UUID.randomUUID();
        JsonNode approved = submitted("01-ra-initial-all-met.json", memberId);
        JsonNode inReview = submitted("06-ra-age-17.json", "MBR-ORG-" + UUID.randomUUID());
        Assertions.assertThat(inReview.get("status").asText()).isEqualTo("IN_REVIEW");
        String caseId = inReview.get("id").asText();
        String authorizationId = approved.get("authorization").get("id").asText();
        String noticeId = noticeOf(approved);
        String base = "/api/prior-authorizations/";

        Assertions.assertThat(api().get(base + caseId, OTHER_ORGANISATION).status()).isEqualTo(404);
        Assertions.assertThat(api().get(base + "?requestId=" + inReview.get("requestId").asText(), OTHER_ORGANISATION)
                .status()).isEqualTo(404);
        Assertions.assertThat(post(base + caseId + "/withdraw", OTHER_ORGANISATION, "application/json",
                "{\"reason\": \"not ours\"}").status()).isEqualTo(404);
        Assertions.assertThat(post(base + caseId + "/information", OTHER_ORGANISATION, "application/merge-patch+json",
                "{\"safety\": {\"tbScreening\": \"NEGATIVE\"}}").status()).isEqualTo(404);

        ApiClient.Response authorization = api().get("/api/authorizations/" + authorizationId, OTHER_ORGANISATION);
        Assertions.assertThat(authorization.status()).as(authorization.body()).isEqualTo(404);
        Assertions.assertThat(authorization.body()).doesNotContain(memberId);
        ApiClient.Response byMember = api().get("/api/authorizations?memberId=" + memberId, OTHER_ORGANISATION);
        Assertions.assertThat(byMember.status()).isEqualTo(200);
        Assertions.assertThat(byMember.json()).as("no authorization of another organisation's case").isEmpty();
        JsonNode check = api().get(claimCheck(memberId, approved), OTHER_ORGANISATION).json();
        Assertions.assertThat(check.get("covered").asBoolean()).isFalse();
        Assertions.assertThat(check.get("reasons").findValuesAsText("code")).containsExactly("NO_AUTHORIZATION");
        Assertions.assertThat(openNotice(OTHER_ORGANISATION, authorizationId)).as("not listed").isNull();
        Assertions.assertThat(post("/api/renewal-notices/" + noticeId + "/acknowledge", OTHER_ORGANISATION, null, null)
                .status()).isEqualTo(404);

        JsonNode after = api().get(base + caseId, "admin").json();
        Assertions.assertThat(after.get("status").asText()).as("not withdrawn").isEqualTo("IN_REVIEW");
        Assertions.assertThat(api().get(base + caseId + "/determinations", "admin").body())
                .doesNotContain("WITHDRAWN", "INFORMATION_RECEIVED");
        Assertions.assertThat(openNotice("intake", authorizationId)).as("still open for intake").isNotNull();
        Assertions.assertThat(api().get("/api/authorizations/" + authorizationId, "intake").status()).isEqualTo(200);
        Assertions.assertThat(api().get("/api/authorizations/" + authorizationId, "supervisor").status()).isEqualTo(200);
        Assertions.assertThat(api().get(claimCheck(memberId, approved), "intake").json().get("covered").asBoolean()).isTrue();
        Assertions.assertThat(api().get(claimCheck(memberId, approved), "pharmacist").json().get("covered").asBoolean()).isTrue();
        Assertions.assertThat(openNotice("admin", authorizationId)).as("admins see every notice").isNotNull();
    }

    @Test
    void anAccountOfTheSameOrganisationSeesAndActsOnTheCases() {
        ApiClient.ensureUser(identity, SAME_ORGANISATION, "pa-intake", IdentitySetup.DEMO_ORGANISATION_NORTH);
        String memberId = "MBR-ORG-" + UUID.randomUUID();
        JsonNode approved = submitted("01-ra-initial-all-met.json", memberId);
        JsonNode inReview = submitted("06-ra-age-17.json", "MBR-ORG-" + UUID.randomUUID());
        String caseId = inReview.get("id").asText();
        String authorizationId = approved.get("authorization").get("id").asText();
        String noticeId = noticeOf(approved);

        Assertions.assertThat(api().get("/api/prior-authorizations/" + caseId, SAME_ORGANISATION).status()).isEqualTo(200);
        Assertions.assertThat(api().get("/api/authorizations/" + authorizationId, SAME_ORGANISATION).json()
                .get("memberId").asText()).isEqualTo(memberId);
        Assertions.assertThat(api().get("/api/authorizations?memberId=" + memberId, SAME_ORGANISATION).json())
                .extracting(a -> a.get("id").asText()).containsExactly(authorizationId);
        Assertions.assertThat(api().get(claimCheck(memberId, approved), SAME_ORGANISATION).json().get("covered").asBoolean()).isTrue();
        Assertions.assertThat(openNotice(SAME_ORGANISATION, authorizationId)).isNotNull();
        Assertions.assertThat(post("/api/renewal-notices/" + noticeId + "/acknowledge", SAME_ORGANISATION, null, null)
                .status()).isEqualTo(204);
        Assertions.assertThat(openNotice("intake", authorizationId)).as("acknowledged for the organisation").isNull();
        Assertions.assertThat(post("/api/prior-authorizations/" + caseId + "/withdraw", SAME_ORGANISATION,
                "application/json", "{\"reason\": \"duplicate at the clinic\"}").status()).isEqualTo(200);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + caseId, "admin").json().get("status").asText())
                .isEqualTo("WITHDRAWN");
    }
}
