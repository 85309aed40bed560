package com.healthplan.pa.kineret.process;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The reviewer decisions validated in the current database transaction, by process instance. The complete
 * listeners of the review and appeal tasks ({@link ReviewDecisionListener}, {@link AppealDecisionListener}) record
 * a decision here only after every review rule has passed; the delegates that record a determination
 * ({@code Record approval}, {@code Record adverse determination}, {@code Record information request},
 * {@code Record appeal upheld/overturned}) take it from here, with the decider and reason, instead of from process
 * variables. A determination reached without the listener (a BPMN error on the task, a variable written by
 * someone else) finds nothing and is refused, and the whole transaction rolls back.
 *
 * <p>A decision lives only as long as its transaction (Spring's transaction synchronisation; Camunda's commands
 * run in Spring transactions): nothing is kept across transactions, so a decision can never be replayed.
 */
@Component
public class ReviewerDecisions {

    /** Which task a decision was made on. */
    public enum Kind {
        /** Clinical review or medical exception review: {@code APPROVED}, {@code DENIED}, {@code REQUEST_INFORMATION}. */
        REVIEW,
        /** Appeal review: {@code UPHELD} or {@code OVERTURNED}. */
        APPEAL
    }

    /**
     * A validated decision.
     *
     * @param kind                 review or appeal
     * @param decision             e.g. {@code APPROVED}, {@code DENIED}, {@code REQUEST_INFORMATION}, {@code UPHELD}
     * @param decidedBy            authenticated user id of the reviewer
     * @param decidedAt            engine time of the completion
     * @param reason               plain-language reason (trimmed)
     * @param deniedCriteriaIds    comma-joined criterion IDs of a denial, else null
     * @param informationRequested what the prescriber is asked for, else null
     */
    public record Decision(Kind kind, String decision, String decidedBy, Date decidedAt, String reason,
                           String deniedCriteriaIds, String informationRequested) { }

    private static final Object KEY = new Object();

    /**
     * Records a validated decision for the rest of the current transaction.
     *
     * @throws ProcessEngineException when no transaction is active (the decision could not be bound to one)
     */
    public void record(String processInstanceId, Decision decision) {
        decisions().put(processInstanceId, decision);
    }

    /**
     * @return the decision recorded in this transaction for the instance, removed so that it is used once
     */
    public Optional<Decision> take(String processInstanceId) {
        return Optional.ofNullable(decisions().remove(processInstanceId));
    }

    /** @return the decision recorded in this transaction for the instance, left in place */
    public Optional<Decision> peek(String processInstanceId) {
        return Optional.ofNullable(decisions().get(processInstanceId));
    }

    /**
     * Takes the decision of the given kind and outcome, or refuses.
     *
     * @param what the determination being recorded, for the message (e.g. "an approval")
     * @throws ProcessEngineException when no such decision was recorded in this transaction
     */
    public Decision require(String processInstanceId, Kind kind, String decision, String what) {
        Decision d = decisions().get(processInstanceId);
        if (d == null || d.kind() != kind || !d.decision().equals(decision)) {
            throw new ProcessEngineException("Refused: " + what + " needs a " + decision + " decision of a reviewer "
                    + "recorded by the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " task's completion in this "
                    + "transaction, and there is none (the task was not completed through its review rules)");
        }
        decisions().remove(processInstanceId);
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Decision> decisions() {
        Map<String, Decision> bound = (Map<String, Decision>) TransactionSynchronizationManager.getResource(KEY);
        if (bound != null) {
            return bound;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new ProcessEngineException("No transaction is active: a reviewer decision cannot be recorded");
        }
        Map<String, Decision> fresh = new HashMap<>();
        TransactionSynchronizationManager.bindResource(KEY, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
        });
        return fresh;
    }
}
