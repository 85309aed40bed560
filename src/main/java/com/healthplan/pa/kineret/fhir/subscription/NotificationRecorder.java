package com.healthplan.pa.kineret.fhir.subscription;

import com.healthplan.pa.kineret.cases.DeterminationKind;
import com.healthplan.pa.kineret.cases.DeterminationRecord;
import com.healthplan.pa.kineret.cases.DeterminationRecorded;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import com.healthplan.pa.kineret.process.ProcessConstants;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts a notification in the outbox for every determination on a <em>pended</em> case, in the transaction that
 * records the determination ({@link DeterminationRecorded}, published by {@code CaseAudit}, the one place every
 * determination passes), and starts its delivery (process {@link NotificationProcess#PROCESS_KEY}) in the same
 * transaction: both exist exactly when the determination does.
 *
 * <p>Which entries notify (Da Vinci PAS IG, "pended claims: the submitter is notified when the determination is
 * made"):
 * <ul>
 *   <li>the case was pended: its first system evaluation routed it to review ({@code CLINICAL_REVIEW} or
 *       {@code MEDICAL_EXCEPTION_REVIEW}, status {@code IN_REVIEW}). A case approved automatically was never pended;
 *       its determination is the answer to the submission itself and notifies nobody;</li>
 *   <li>the entry is a determination on it: {@code APPROVED} (by a reviewer, or by the system after information
 *       received), {@code DENIED}, {@code REQUEST_INFORMATION} (status {@code PENDING_INFORMATION}),
 *       {@code WITHDRAWN}, {@code APPEAL_UPHELD}, {@code APPEAL_OVERTURNED}. The evaluation that pends the case, later
 *       re-evaluations (routes) and the submitter's own events (information received, appeal filed) do not;</li>
 *   <li>who is notified: every active Subscription of the account that submitted the case
 *       ({@code pa_request.submitted_by}) whose {@code end} has not passed;</li>
 *   <li>several entries on one case in one transaction (an overturned appeal and the approval it makes) give one
 *       notification per subscription: the notification names the ClaimResponse, whose current state the
 *       subscriber reads.</li>
 * </ul>
 */
@Component
public class NotificationRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRecorder.class);
    /** Outcomes of {@code pa_determination} that are determinations on a pended case. */
    static final Set<String> NOTIFYING_OUTCOMES = Set.of("APPROVED", "DENIED", "REQUEST_INFORMATION", "WITHDRAWN",
            "APPEAL_UPHELD", "APPEAL_OVERTURNED");
    private static final Set<String> REVIEW_ROUTES = Set.of(ProcessConstants.Routes.CLINICAL_REVIEW,
            ProcessConstants.Routes.MEDICAL_EXCEPTION_REVIEW);
    /** Key of the transaction-bound set of cases already notified in the current transaction. */
    private final Object notifiedInTransaction = new Object();

    private final PriorAuthorizationRepository cases;
    private final SubscriptionRepository subscriptions;
    private final RuntimeService runtime;
    private final PlanClock clock;
    private final String retryCycle;

    /**
     * @param cases         the case table and its audit trail
     * @param subscriptions the subscriptions and their outbox
     * @param runtime       Camunda's runtime service (starts the deliveries)
     * @param properties    {@code kineret.fhir.subscriptions.retry-cycle}
     * @param clock         the application's clock (engine time)
     */
    public NotificationRecorder(PriorAuthorizationRepository cases, SubscriptionRepository subscriptions,
                                RuntimeService runtime, KineretProperties properties, PlanClock clock) {
        this.cases = cases;
        this.subscriptions = subscriptions;
        this.runtime = runtime;
        this.clock = clock;
        this.retryCycle = properties.fhir().subscriptions().retryCycle();
    }

    /**
     * Records and starts the notifications an audit-trail entry causes, if any.
     *
     * @throws RuntimeException when the outbox row or the delivery instance cannot be written: the determination's
     *                          transaction then rolls back with it (and is retried or refused as it would be otherwise)
     */
    @EventListener
    public void onDetermination(DeterminationRecorded event) {
        DeterminationRecord d = event.determination();
        if (!NOTIFYING_OUTCOMES.contains(d.outcome())) {
            return;
        }
        String submitter = cases.findSubmittedBy(d.caseId()).orElse(null);
        if (submitter == null) {
            return;
        }
        List<SubscriptionRecord> active = subscriptions.findActiveByOwner(submitter).stream()
                .filter(this::notEnded).toList();
        if (active.isEmpty() || !wasPended(d) || !firstInTransaction(d.caseId())) {
            return;
        }
        OffsetDateTime now = clock.nowInZone();
        for (SubscriptionRecord s : active) {
            long eventNumber = subscriptions.nextEventNumber(s.id(), now);
            NotificationRecord n = new NotificationRecord(UUID.randomUUID().toString(), s.id(), d.caseId(), d.id(),
                    eventNumber, now, 0, null, null, null, null);
            subscriptions.insertNotification(n);
            startDelivery(n.id());
            LOG.info("Notification {} (event {} of subscription {}) recorded for case {} ({})", n.id(), eventNumber,
                    s.id(), d.caseId(), d.outcome());
        }
    }

    /** @return whether the case's first system evaluation routed it to review */
    private boolean wasPended(DeterminationRecord current) {
        return cases.findDeterminations(current.caseId()).stream()
                .filter(e -> DeterminationKind.SYSTEM.name().equals(e.kind()))
                .findFirst()
                .map(first -> !first.id().equals(current.id()) && REVIEW_ROUTES.contains(first.outcome()))
                .orElse(false);
    }

    private boolean notEnded(SubscriptionRecord s) {
        Subscription subscription = BackportSubscriptions.json().parseResource(Subscription.class, s.resourceJson());
        return !subscription.hasEnd() || subscription.getEnd().toInstant().isAfter(clock.instant());
    }

    /** @return false when this case was already notified in the current transaction */
    @SuppressWarnings("unchecked")
    private boolean firstInTransaction(String caseId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        Set<String> notified = (Set<String>) TransactionSynchronizationManager.getResource(notifiedInTransaction);
        if (notified == null) {
            notified = new HashSet<>();
            TransactionSynchronizationManager.bindResource(notifiedInTransaction, notified);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(notifiedInTransaction);
                }
            });
        }
        return notified.add(caseId);
    }

    /**
     * Starts the delivery instance, whatever the current user may do in Camunda: the determination is recorded by
     * the engine on behalf of the reviewer or the intake system, and the delivery is the product's own work.
     */
    private void startDelivery(String notificationId) {
        Callable<Void> start = () -> {
            runtime.createProcessInstanceByKey(NotificationProcess.PROCESS_KEY)
                    .businessKey(notificationId)
                    .setVariables(NotificationProcess.RETRY_CYCLE.put(Variables.createVariables(), retryCycle))
                    .execute();
            return null;
        };
        CommandContext context = Context.getCommandContext();
        try {
            if (context != null) {
                context.runWithoutAuthorization(start);
            } else {
                start.call();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("delivery of notification " + notificationId + " not started", e);
        }
    }
}
