package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import java.util.Map;
import com.healthplan.pa.kineret.plan.PlanClock;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record approval": records the approval and creates the authorization from variable
 * {@code approvalTerms}. The case is the process instance's ({@link TrustedCases}). Who approved and why rests on
 * the case's recorded route ({@code pa_request.route}), never on process variables:
 * <ul>
 *   <li>route {@code AUTO_APPROVE}: the system, with the automatic reason;</li>
 *   <li>a review route: the reviewer's {@code APPROVED} decision, or the physician's {@code OVERTURNED} appeal
 *       decision, recorded by the task's complete listener in this same transaction ({@link ReviewerDecisions});
 *       without one the approval is refused (and the transaction rolls back).</li>
 * </ul>
 * Sets process variables {@code authorizationId}, {@code validFrom} and {@code validTo} (ISO-8601 dates), and the
 * timer moments {@code renewalDueAt} and {@code expiresAt} (Dates) of the authorization's life.
 *
 * @throws ProcessEngineException when a review-route case has no reviewer approval recorded in this transaction
 */
@Component("recordApprovalDelegate")
public class RecordApprovalDelegate implements JavaDelegate {

    private final DeterminationService determinations;
    private final AuthorizationLifecycleService lifecycle;
    private final TrustedCases cases;
    private final ReviewerDecisions decisions;
    private final PlanClock clock;

    /** Wires the services. */
    public RecordApprovalDelegate(DeterminationService determinations, AuthorizationLifecycleService lifecycle,
                                  TrustedCases cases, ReviewerDecisions decisions, PlanClock clock) {
        this.clock = clock;
        this.determinations = determinations;
        this.lifecycle = lifecycle;
        this.cases = cases;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PriorAuthorizationCase c = cases.of(execution);
        String decidedBy;
        String reason;
        if (ProcessConstants.Routes.AUTO_APPROVE.equals(c.route())) {
            decidedBy = DeterminationService.SYSTEM;
            reason = determinations.automaticApprovalReason();
        } else {
            ReviewerDecisions.Decision d = decisions.peek(execution.getProcessInstanceId())
                    .filter(x -> x.kind() == ReviewerDecisions.Kind.APPEAL)
                    .map(x -> decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.APPEAL,
                            ProcessConstants.OVERTURNED, "an approval after appeal"))
                    .orElseGet(() -> decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.REVIEW,
                            ProcessConstants.APPROVED, "the approval of a case on route " + c.route()));
            decidedBy = d.decidedBy();
            reason = d.reason();
        }
        var authorization = determinations.approve(c.id(),
                ProcessVariables.APPROVAL_TERMS.from(execution),
                decidedBy, clock.now(), reason);
        ProcessVariables.AUTHORIZATION_ID.set(execution, authorization.id());
        ProcessVariables.VALID_FROM.set(execution, authorization.validFrom().toString());
        ProcessVariables.VALID_TO.set(execution, authorization.validTo().toString());
        ProcessVariables.RENEWAL_DUE_AT.set(execution, lifecycle.startOf(authorization.renewalDueOn()));
        ProcessVariables.EXPIRES_AT.set(execution, lifecycle.startOf(authorization.validTo()));
    }
}
