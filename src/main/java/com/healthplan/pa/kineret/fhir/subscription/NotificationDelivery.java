package com.healthplan.pa.kineret.fhir.subscription;

import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service task <em>Deliver notification</em> of {@code kineret-fhir-notification} (bean
 * {@code deliverFhirNotificationDelegate}), a job of Camunda's job executor: POSTs the notification Bundle
 * ({@link NotificationBundles}) of the outbox row named by the instance's business key to the subscription's
 * {@code channel.endpoint}, {@code Content-Type: application/fhir+json}, with the subscription's
 * {@code channel.header}s (R4 Subscriptions Backport IG, rest-hook channel).
 * <ul>
 *   <li>a 2xx answer is delivered: {@code delivered_at} is set;</li>
 *   <li>any other answer, a connection failure or a timeout ({@code connect-timeout}, {@code request-timeout})
 *       fails the job, which Camunda retries by the model's {@code failedJobRetryTimeCycle}
 *       ({@code kineret.fhir.subscriptions.retry-cycle}); after the last retry it is an incident (Cockpit), and the
 *       row stays undelivered until an operator sets the job's retries again;</li>
 *   <li>every attempt is counted in the row ({@code attempts}, {@code last_attempt_at}, {@code last_result}) in a
 *       transaction of its own, so the count survives the job's rollback; a row already delivered is not sent again
 *       (a retry after a successful POST whose job failed to commit);</li>
 *   <li>a row whose subscription was turned off is given up ({@code cancelled_at}), not sent;</li>
 *   <li>an endpoint the allow-list no longer allows is not called: the attempt fails (and ends as an incident).</li>
 * </ul>
 * Redirects are not followed (the endpoint was checked against the allow-list, its redirect target was not).
 */
@Component("deliverFhirNotificationDelegate")
public class NotificationDelivery implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    private static final int MAX_RESULT_LENGTH = 200;

    private final SubscriptionRepository repository;
    private final EndpointAllowList endpoints;
    private final PlanClock clock;
    private final TransactionTemplate ownTransaction;
    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param repository   the subscriptions and their outbox
     * @param endpoints    the allow-list, checked again at each attempt (the configuration may have changed)
     * @param properties   {@code kineret.fhir.subscriptions.connect-timeout} and {@code request-timeout}
     * @param clock        the application's clock (engine time)
     * @param transactions the application's transaction manager (attempts are counted in their own transaction)
     */
    public NotificationDelivery(SubscriptionRepository repository, EndpointAllowList endpoints,
                                KineretProperties properties, PlanClock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.endpoints = endpoints;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        KineretProperties.Subscriptions settings = properties.fhir().subscriptions();
        this.requestTimeout = settings.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Delivers the instance's notification once.
     *
     * @throws NotificationNotDelivered when the endpoint did not answer 2xx (the job fails and is retried)
     */
    @Override
    public void execute(DelegateExecution execution) {
        String id = execution.getProcessBusinessKey();
        NotificationRecord n = repository.findNotification(id).orElse(null);
        if (n == null) {
            LOG.info("Notification {} is no longer stored; nothing to deliver", id);
            return;
        }
        if (n.deliveredAt() != null || n.cancelledAt() != null) {
            LOG.info("Notification {} was already {}", id, n.deliveredAt() != null ? "delivered" : "given up");
            return;
        }
        SubscriptionRecord s = repository.findById(n.subscriptionId()).orElseThrow();
        OffsetDateTime now = clock.nowInZone();
        if (!s.active()) {
            repository.cancel(id, now);
            LOG.info("Notification {} given up: subscription {} is off", id, s.id());
            return;
        }
        if (endpoints.refusal(s.endpoint()).isPresent()) {
            ownTransaction.executeWithoutResult(tx -> repository.recordAttempt(id, now, "endpoint no longer allowed", false));
            throw new NotificationNotDelivered("Notification " + id + " of subscription " + s.id()
                    + " not delivered: its endpoint is no longer allowed (kineret.fhir.subscriptions.allowed-endpoints)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.endpoint())).timeout(requestTimeout)
                .header("Content-Type", BackportSubscriptions.FHIR_JSON + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        NotificationBundles.notification(s, n, s.eventsSinceStart(), clock.now()), StandardCharsets.UTF_8));
        SubscriptionService.headersOf(s).forEach(h -> request.header(h[0], h[1]));
        String result;
        boolean delivered;
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            delivered = response.statusCode() / 100 == 2;
            result = "HTTP " + response.statusCode();
        } catch (IOException e) {
            delivered = false;
            result = "connection failed: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivered = false;
            result = "interrupted";
        }
        String recorded = result.length() > MAX_RESULT_LENGTH ? result.substring(0, MAX_RESULT_LENGTH) : result;
        boolean ok = delivered;
        ownTransaction.executeWithoutResult(tx -> repository.recordAttempt(id, now, recorded, ok));
        if (!delivered) {
            throw new NotificationNotDelivered("Notification " + id + " (event " + n.eventNumber() + " of subscription "
                    + s.id() + ") not delivered: " + recorded);
        }
        LOG.info("Notification {} (event {} of subscription {}) delivered: {}", id, n.eventNumber(), s.id(), recorded);
    }

    /** The endpoint did not take the notification; the job is retried. */
    public static class NotificationNotDelivered extends RuntimeException {
        /** @param message the notification, subscription and result, without endpoint or content */
        public NotificationNotDelivered(String message) {
            super(message);
        }
    }
}
