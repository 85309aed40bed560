package com.healthplan.pa.kineret.fhir.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import com.healthplan.pa.kineret.support.Await;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * FHIR R4 Subscription notifications end to end on the running application: an intake account registers a rest-hook
 * Subscription ({@code POST /fhir/Subscription}) with a local receiver, submits an acceptance case that is pended
 * (the first case whose {@code expect.status} is {@code IN_REVIEW}), a reviewer decides it through
 * {@code /engine-rest}, and the receiver gets the backport notification Bundle exactly once, also when it answers
 * 503 for a while (Camunda's job retries, counted in the outbox and in Camunda's job log) or longer than the retries
 * last (an incident, then delivered once its job's retries are set again). Automatic approvals notify nobody; a
 * Subscription turned off notifies no more.
 */
@AppTest
class FhirSubscriptionNotificationTest {

    /** An intake account of its own, in no organisation: only its cases notify its subscriptions. */
    private static final String SUBSCRIBER = "fhirsubscriber";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    SubscriptionRepository outbox;
    @Autowired
    HistoryService history;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    private NotificationReceiver receiver;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        ApiClient.ensureUser(identity, SUBSCRIBER, "pa-intake");
        receiver = NotificationReceiver.start();
    }

    @AfterEach
    void turnOffAndStop() {
        subscriptions.forEach(id -> api().send("DELETE", "/fhir/Subscription/" + id, SUBSCRIBER, SUBSCRIBER, null, null));
        receiver.close();
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** A Subscription of the backport profile on the PAS topic, rest-hook, id-only, with a bearer token header. */
    static String subscription(String channelType, String endpoint, String payloadContent) {
        return """
                {"resourceType": "Subscription",
                 "meta": {"profile": ["%s"]},
                 "status": "requested",
                 "reason": "Determinations on pended prior-authorization requests",
                 "criteria": "%s",
                 "channel": {"type": "%s", "endpoint": "%s", "payload": "application/fhir+json",
                   "_payload": {"extension": [{"url": "%s", "valueCode": "%s"}]},
                   "header": ["Authorization: Bearer subscriber-token"]}}
                """.formatted(BackportSubscriptions.SUBSCRIPTION_PROFILE, BackportSubscriptions.PAS_TOPIC, channelType,
                endpoint, BackportSubscriptions.PAYLOAD_CONTENT_EXTENSION, payloadContent);
    }

    private String subscribe() {
        ApiClient.Response created = api().send("POST", "/fhir/Subscription", SUBSCRIBER, SUBSCRIBER,
                BackportSubscriptions.FHIR_JSON, HttpRequest.BodyPublishers.ofString(
                        subscription("rest-hook", receiver.endpoint(), "id-only")));
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        Assertions.assertThat(created.contentType()).startsWith(BackportSubscriptions.FHIR_JSON);
        org.hl7.fhir.r4.model.Subscription stored = BackportSubscriptions.json()
                .parseResource(org.hl7.fhir.r4.model.Subscription.class, created.body());
        Assertions.assertThat(stored.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.ACTIVE);
        String id = stored.getIdElement().getIdPart();
        Assertions.assertThat(created.header("Location")).endsWith("/fhir/Subscription/" + id);
        subscriptions.add(id);
        return id;
    }

    /** The first acceptance case of an initial request whose expected status is the given one. */
    private static AcceptanceCases.Case firstCaseExpected(String status) {
        return AcceptanceCases.all().stream()
                .filter(c -> status.equals(c.expect().path("status").asText()))
                .filter(c -> "INITIAL".equals(c.request().path("requestType").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no acceptance case expected " + status));
    }

    /** Submits a case as the subscriber under a fresh requestId and waits for its first determination. */
    private JsonNode submitAsSubscriber(AcceptanceCases.Case c) {
        ObjectNode request = c.request().deepCopy();
        request.put("requestId", "FHIRSUB-" + UUID.randomUUID());
        ApiClient.Response created = api().send("POST", "/api/prior-authorizations", SUBSCRIBER, SUBSCRIBER,
                "application/json", HttpRequest.BodyPublishers.ofString(request.toString()));
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode[] last = new JsonNode[1];
        Await.until("case " + id + " determined", Duration.ofSeconds(30), () -> {
            last[0] = api().get("/api/prior-authorizations/" + id, SUBSCRIBER).json();
            return last[0].path("status").asText();
        }, s -> !"RECEIVED".equals(s));
        return last[0];
    }

    private JsonNode pendedCase() {
        JsonNode pended = submitAsSubscriber(firstCaseExpected("IN_REVIEW"));
        Assertions.assertThat(pended.get("status").asText()).isEqualTo("IN_REVIEW");
        return pended;
    }

    /** The reviewer {@code pharmacist} claims the case's review task and completes it with the given variables. */
    private void decide(JsonNode pended, String variablesJson) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + pended.get("requestId").asText(),
                "pharmacist").json();
        Assertions.assertThat(tasks).hasSize(1);
        String taskId = tasks.get(0).get("id").asText();
        Assertions.assertThat(api().send("POST", "/engine-rest/task/" + taskId + "/claim", "pharmacist", "pharmacist",
                "application/json", HttpRequest.BodyPublishers.ofString("{\"userId\": \"pharmacist\"}")).status())
                .isEqualTo(204);
        ApiClient.Response completed = api().send("POST", "/engine-rest/task/" + taskId + "/complete", "pharmacist",
                "pharmacist", "application/json", HttpRequest.BodyPublishers.ofString("{\"variables\": " + variablesJson + "}"));
        Assertions.assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    }

    private void approve(JsonNode pended) {
        decide(pended, "{\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"Reviewed: the criteria "
                + "left open are met on the prescriber's records\"}}");
    }

    private NotificationRecord awaitDelivered(String caseId) {
        NotificationRecord[] delivered = new NotificationRecord[1];
        Await.until("notification of case " + caseId + " delivered", DELIVERY, () -> outbox.findNotificationsOfCase(caseId),
                rows -> {
                    delivered[0] = rows.stream().filter(n -> n.deliveredAt() != null).findFirst().orElse(null);
                    return delivered[0] != null;
                });
        String notificationId = delivered[0].id();
        Await.until("delivery instance of notification " + notificationId + " ended", DELIVERY,
                () -> history.createHistoricProcessInstanceQuery().processDefinitionKey(NotificationProcess.PROCESS_KEY)
                        .processInstanceBusinessKey(notificationId).finished().count(), n -> n == 1);
        return delivered[0];
    }

    /** Asserts the notification Bundle of the backport IG, parsed with HAPI, and returns its status Parameters. */
    private static Parameters assertNotification(NotificationReceiver.Received received, String subscriptionId,
                                                 String caseId, long eventNumber) {
        Assertions.assertThat(received.contentType()).startsWith(BackportSubscriptions.FHIR_JSON);
        Assertions.assertThat(received.authorization()).as("channel.header").isEqualTo("Bearer subscriber-token");
        Bundle bundle = BackportSubscriptions.json().parseResource(Bundle.class, received.body());
        Assertions.assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        Assertions.assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Parameters.class);
        Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
        Assertions.assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
        Assertions.assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
                .isEqualTo("Subscription/" + subscriptionId);
        Assertions.assertThat(status.getParameter("topic").getValue().primitiveValue()).isEqualTo(BackportSubscriptions.PAS_TOPIC);
        Assertions.assertThat(status.getParameter("events-since-subscription-start").getValue().primitiveValue())
                .isEqualTo(Long.toString(eventNumber));
        Parameters.ParametersParameterComponent event = status.getParameter("notification-event");
        Assertions.assertThat(event).isNotNull();
        Assertions.assertThat(event.getPart()).anySatisfy(p -> {
            Assertions.assertThat(p.getName()).isEqualTo("event-number");
            Assertions.assertThat(p.getValue().primitiveValue()).isEqualTo(Long.toString(eventNumber));
        });
        Assertions.assertThat(event.getPart()).anySatisfy(p -> {
            Assertions.assertThat(p.getName()).isEqualTo("focus");
            Assertions.assertThat(((Reference) p.getValue()).getReference()).isEqualTo("ClaimResponse/" + caseId);
        });
        Assertions.assertThat(received.body()).as("id-only: no member or request data")
                .doesNotContain("MBR-").doesNotContain("\"Claim\"").doesNotContain("icd10");
        return status;
    }

    @Test
    void aPendedCaseNotifiesItsSubscriberOnceWhenTheReviewerDecides() {
        String subscriptionId = subscribe();
        JsonNode pended = pendedCase();
        String caseId = pended.get("id").asText();
        Assertions.assertThat(outbox.findNotificationsOfCase(caseId)).as("pending the case notifies nobody").isEmpty();

        approve(pended);

        NotificationRecord delivered = awaitDelivered(caseId);
        Assertions.assertThat(receiver.requests()).as("one notification, one attempt").hasSize(1);
        Assertions.assertThat(receiver.delivered()).hasSize(1);
        assertNotification(receiver.delivered().get(0), subscriptionId, caseId, 1);
        Assertions.assertThat(outbox.findNotificationsOfCase(caseId)).hasSize(1);
        Assertions.assertThat(delivered.subscriptionId()).isEqualTo(subscriptionId);
        Assertions.assertThat(delivered.eventNumber()).isEqualTo(1);
        Assertions.assertThat(delivered.attempts()).isEqualTo(1);
        Assertions.assertThat(delivered.lastResult()).isEqualTo("HTTP 200");
        Assertions.assertThat(api().get("/api/prior-authorizations/" + caseId, SUBSCRIBER).json().get("status").asText())
                .isEqualTo("APPROVED");
    }

    @Test
    void theNotificationArrivesOnceAlsoWhenTheReceiverIsDownForAWhile() {
        String subscriptionId = subscribe();
        JsonNode pended = pendedCase();
        String caseId = pended.get("id").asText();
        receiver.failNext(2);

        decide(pended, "{\"decision\": {\"value\": \"REQUEST_INFORMATION\"}, \"reason\": {\"value\": \"TB screening "
                + "result needed\"}, \"informationRequested\": {\"value\": \"Latent TB test result\"}}");

        NotificationRecord delivered = awaitDelivered(caseId);
        Assertions.assertThat(receiver.requests()).extracting(NotificationReceiver.Received::answeredWith)
                .as("two attempts answered 503, then one 200").containsExactly(503, 503, 200);
        Assertions.assertThat(receiver.delivered()).as("arrives exactly once").hasSize(1);
        assertNotification(receiver.delivered().get(0), subscriptionId, caseId, 1);
        Assertions.assertThat(delivered.attempts()).as("attempts counted in the outbox").isEqualTo(3);
        Assertions.assertThat(delivered.lastResult()).isEqualTo("HTTP 200");
        String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(delivered.id())
                .singleResult().getId();
        Assertions.assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count())
                .as("Camunda's job log: the failed attempts").isEqualTo(2);
        Assertions.assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).successLog().count())
                .isEqualTo(1);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + caseId, SUBSCRIBER).json().get("status").asText())
                .isEqualTo("PENDING_INFORMATION");
    }

    @Test
    void whenTheRetriesAreUsedUpItIsAnIncidentAndTheNotificationIsDeliveredOnceRetried() {
        subscribe();
        JsonNode pended = pendedCase();
        String caseId = pended.get("id").asText();
        receiver.failNext(Integer.MAX_VALUE);

        approve(pended);

        Await.until("an incident on the delivery of case " + caseId, DELIVERY, () -> outbox.findNotificationsOfCase(caseId)
                .stream().map(n -> runtime.createIncidentQuery().processInstanceId(instanceOf(n.id())).list())
                .flatMap(List::stream).toList(), incidents -> !incidents.isEmpty());
        NotificationRecord undelivered = outbox.findNotificationsOfCase(caseId).get(0);
        Assertions.assertThat(undelivered.deliveredAt()).isNull();
        Assertions.assertThat(undelivered.attempts()).as("R3/PT1S: three executions of the job in all").isEqualTo(3);
        Assertions.assertThat(undelivered.lastResult()).isEqualTo("HTTP 503");
        String instance = instanceOf(undelivered.id());
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
        Assertions.assertThat(incident.getActivityId()).isEqualTo(NotificationProcess.DELIVER_TASK);
        Assertions.assertThat(incident.getIncidentMessage()).contains(undelivered.id()).contains("HTTP 503")
                .doesNotContain(receiver.endpoint());

        receiver.failNext(0);
        Job job = management.createJobQuery().processInstanceId(instance).singleResult();
        management.setJobRetries(job.getId(), 1);

        NotificationRecord delivered = awaitDelivered(caseId);
        Assertions.assertThat(delivered.attempts()).isEqualTo(4);
        Assertions.assertThat(receiver.delivered()).as("delivered once after the retry").hasSize(1);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void aWithdrawalOfAPendedCaseNotifiesAndEventNumbersCountOnPerSubscription() {
        String subscriptionId = subscribe();
        JsonNode first = pendedCase();
        approve(first);
        awaitDelivered(first.get("id").asText());
        JsonNode second = pendedCase();
        String caseId = second.get("id").asText();

        ApiClient.Response withdrawn = api().send("POST", "/api/prior-authorizations/" + caseId + "/withdraw", SUBSCRIBER,
                SUBSCRIBER, "application/json", HttpRequest.BodyPublishers.ofString("{\"reason\": \"Therapy changed\"}"));
        Assertions.assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);

        NotificationRecord delivered = awaitDelivered(caseId);
        Assertions.assertThat(delivered.eventNumber()).as("the subscription's second event").isEqualTo(2);
        Assertions.assertThat(receiver.delivered()).hasSize(2);
        assertNotification(receiver.delivered().get(1), subscriptionId, caseId, 2);
    }

    @Test
    void anAutomaticApprovalWasNeverPendedAndNotifiesNobody() {
        subscribe();
        JsonNode approved = submitAsSubscriber(firstCaseExpected("APPROVED"));
        Assertions.assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        Assertions.assertThat(approved.get("route").asText()).isEqualTo("AUTO_APPROVE");
        // the outbox row would be written in the approval's own transaction: there is none to wait for
        Assertions.assertThat(outbox.findNotificationsOfCase(approved.get("id").asText())).isEmpty();
        Assertions.assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aSubscriptionTurnedOffNotifiesNoMore() {
        String subscriptionId = subscribe();
        JsonNode pended = pendedCase();
        ApiClient.Response off = api().send("DELETE", "/fhir/Subscription/" + subscriptionId, SUBSCRIBER, SUBSCRIBER,
                null, null);
        Assertions.assertThat(off.status()).isEqualTo(204);
        ApiClient.Response read = api().get("/fhir/Subscription/" + subscriptionId, SUBSCRIBER);
        Assertions.assertThat(read.status()).isEqualTo(200);
        Assertions.assertThat(BackportSubscriptions.json().parseResource(org.hl7.fhir.r4.model.Subscription.class,
                read.body()).getStatus()).isEqualTo(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.OFF);

        approve(pended);

        String caseId = pended.get("id").asText();
        Await.until("case " + caseId + " approved", Duration.ofSeconds(30),
                () -> api().get("/api/prior-authorizations/" + caseId, SUBSCRIBER).json().path("status").asText(),
                "APPROVED"::equals);
        Assertions.assertThat(outbox.findNotificationsOfCase(caseId)).isEmpty();
        Assertions.assertThat(receiver.requests()).isEmpty();
    }

    private String instanceOf(String notificationId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(notificationId).singleResult().getId();
    }
}
