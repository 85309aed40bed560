package com.healthplan.pa.kineret.fhir.subscription;

import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /fhir/Subscription} over HTTP: what is refused (400 {@code OperationOutcome}, nothing stored), who may use it
 * (intake accounts; 401 without credentials, 403 for reviewers and supervisors), and that a Subscription is read
 * and turned off by its owner only.
 */
@AppTest
class FhirSubscriptionApiTest {

    private static final String OWNER = "fhirsubscriber";
    private static final String OTHER = "fhirsubscriber2";
    private static final String ALLOWED = "http://localhost:8099/notify";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void users() {
        ApiClient.ensureUser(identity, OWNER, "pa-intake");
        ApiClient.ensureUser(identity, OTHER, "pa-intake");
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ApiClient.Response post(String user, String contentType, String body) {
        return api().send("POST", "/fhir/Subscription", user, user, contentType,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body));
    }

    private long stored() {
        return jdbc.sql("SELECT COUNT(*) FROM fhir_subscription").query(Long.class).single();
    }

    private static OperationOutcome outcome(ApiClient.Response r) {
        Assertions.assertThat(r.contentType()).startsWith(BackportSubscriptions.FHIR_JSON);
        return BackportSubscriptions.json().parseResource(OperationOutcome.class, r.body());
    }

    @Test
    void badSubscriptionsAreAnswered400WithAnOperationOutcomeAndNothingIsStored() {
        String valid = FhirSubscriptionNotificationTest.subscription("rest-hook", ALLOWED, "id-only");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("wrong channel type", FhirSubscriptionNotificationTest.subscription("websocket", ALLOWED, "id-only"));
        bad.put("email channel", FhirSubscriptionNotificationTest.subscription("email", "mailto:someone@example.org", "id-only"));
        bad.put("endpoint not allowed", FhirSubscriptionNotificationTest.subscription("rest-hook",
                "http://hooks.example.org/notify", "id-only"));
        bad.put("endpoint on a host named like the allowed one", FhirSubscriptionNotificationTest.subscription("rest-hook",
                "http://localhost.example.org/notify", "id-only"));
        bad.put("endpoint with user information", FhirSubscriptionNotificationTest.subscription("rest-hook",
                "http://localhost@hooks.example.org/notify", "id-only"));
        bad.put("relative endpoint", FhirSubscriptionNotificationTest.subscription("rest-hook", "/notify", "id-only"));
        bad.put("full-resource payload", FhirSubscriptionNotificationTest.subscription("rest-hook", ALLOWED, "full-resource"));
        bad.put("another topic", valid.replace(BackportSubscriptions.PAS_TOPIC,
                "http://example.org/SubscriptionTopic/other"));
        bad.put("payload not FHIR JSON", valid.replace("\"payload\": \"application/fhir+json\"",
                "\"payload\": \"application/fhir+xml\""));
        bad.put("header the delivery sets itself", valid.replace("Authorization: Bearer subscriber-token", "Host: evil.example.org"));
        bad.put("header that is not a header", valid.replace("Authorization: Bearer subscriber-token", "no colon here"));
        bad.put("not JSON", "this is not JSON");
        bad.put("truncated JSON", valid.substring(0, valid.length() / 2));
        bad.put("wrong resource type", "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Doe\"}]}");
        bad.put("no resource type", "{\"status\": \"requested\"}");
        bad.put("unknown element", valid.replace("\"status\": \"requested\",", "\"status\": \"requested\", \"colour\": \"red\","));
        bad.put("unknown status code", valid.replace("\"status\": \"requested\"", "\"status\": \"sleeping\""));
        bad.put("empty body", "");
        long before = stored();
        bad.forEach((what, body) -> {
            ApiClient.Response r = post(OWNER, BackportSubscriptions.FHIR_JSON, body);
            Assertions.assertThat(r.status()).as("%s: %s", what, r.body()).isEqualTo(400);
            OperationOutcome outcome = outcome(r);
            Assertions.assertThat(outcome.getIssueFirstRep().getSeverity()).as(what).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            // the product's own checks answer "invalid"; a body HAPI FHIR's server cannot read at all, "processing"
            Assertions.assertThat(outcome.getIssueFirstRep().getCode()).as(what)
                    .isIn(OperationOutcome.IssueType.INVALID, OperationOutcome.IssueType.PROCESSING);
            Assertions.assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(what).isNotBlank();
        });
        ApiClient.Response xml = post(OWNER, "application/fhir+xml", "<Subscription xmlns=\"http://hl7.org/fhir\"/>");
        Assertions.assertThat(xml.status()).isEqualTo(415);
        // the server answers in the request's format (FHIR content negotiation): XML here
        Assertions.assertThat(xml.contentType()).startsWith("application/fhir+xml");
        Assertions.assertThat(ca.uhn.fhir.context.FhirContext.forR4Cached().newXmlParser()
                .parseResource(OperationOutcome.class, xml.body()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        Assertions.assertThat(stored()).as("nothing stored").isEqualTo(before);

        ApiClient.Response plainJson = post(OWNER, "application/json", valid);
        Assertions.assertThat(plainJson.status()).as("application/json is FHIR JSON too").isEqualTo(201);
        api().send("DELETE", java.net.URI.create(plainJson.header("Location")).getPath(), OWNER, OWNER, null, null);
    }

    @Test
    void onlyIntakeAccountsUseSubscriptionsAndEachReadsAndTurnsOffOnlyItsOwn() {
        String valid = FhirSubscriptionNotificationTest.subscription("rest-hook", ALLOWED, "id-only");
        ApiClient.Response anonymous = post(null, BackportSubscriptions.FHIR_JSON, valid);
        Assertions.assertThat(anonymous.status()).isEqualTo(401);
        Assertions.assertThat(outcome(anonymous).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
        Assertions.assertThat(api().send("POST", "/fhir/Subscription", OWNER, "wrong", BackportSubscriptions.FHIR_JSON,
                HttpRequest.BodyPublishers.ofString(valid)).status()).isEqualTo(401);
        for (String user : new String[] {"pharmacist", "physician", "supervisor"}) {
            ApiClient.Response refused = post(user, BackportSubscriptions.FHIR_JSON, valid);
            Assertions.assertThat(refused.status()).as(user).isEqualTo(403);
            Assertions.assertThat(outcome(refused).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        }

        ApiClient.Response created = post(OWNER, BackportSubscriptions.FHIR_JSON, valid);
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        Subscription stored = BackportSubscriptions.json().parseResource(Subscription.class, created.body());
        String path = "/fhir/Subscription/" + stored.getIdElement().getIdPart();
        Assertions.assertThat(stored.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
        Assertions.assertThat(stored.getMeta().hasProfile(BackportSubscriptions.SUBSCRIPTION_PROFILE)).isTrue();
        Assertions.assertThat(stored.getChannel().getEndpoint()).isEqualTo(ALLOWED);

        ApiClient.Response read = api().get(path, OWNER);
        Assertions.assertThat(read.status()).isEqualTo(200);
        Assertions.assertThat(BackportSubscriptions.json().parseResource(Subscription.class, read.body()).getCriteria())
                .isEqualTo(BackportSubscriptions.PAS_TOPIC);
        Assertions.assertThat(api().get(path, OTHER).status()).as("another account's subscription").isEqualTo(404);
        Assertions.assertThat(api().get(path, "pharmacist").status()).isEqualTo(403);
        Assertions.assertThat(api().send("DELETE", path, OTHER, OTHER, null, null).status()).isEqualTo(404);
        Assertions.assertThat(api().get("/fhir/Subscription/" + UUID.randomUUID(), OWNER).status()).isEqualTo(404);
        Assertions.assertThat(outcome(api().get("/fhir/Subscription/" + UUID.randomUUID(), OWNER)).getIssueFirstRep()
                .getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);

        Assertions.assertThat(api().send("DELETE", path, OWNER, OWNER, null, null).status()).isEqualTo(204);
        Assertions.assertThat(BackportSubscriptions.json().parseResource(Subscription.class, api().get(path, OWNER).body())
                .getStatus()).isEqualTo(Subscription.SubscriptionStatus.OFF);
        Assertions.assertThat(api().send("DELETE", path, OWNER, OWNER, null, null).status()).as("already off").isEqualTo(204);
    }
}
