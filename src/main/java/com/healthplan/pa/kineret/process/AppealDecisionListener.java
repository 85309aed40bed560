package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Complete listener of user task "Appeal review": {@code appealDecision} {@code UPHELD} or {@code OVERTURNED} with a
 * plain-language {@code appealDecisionReason}, decided by an authenticated reviewer whom decision table
 * {@code kineret-reviewer-authority} authorizes ({@link ReviewerAuthority}; by default a member of
 * {@code pa-physician-reviewers} who is not the reviewer who made the denial: an appeal is heard by someone else,
 * URAC / NCQA UM appeal standards). The denier is read from the case's record ({@code pa_request.decided_by}) and the
 * plan option from its stored request, never from a process variable. A decision that passes is recorded for the rest of the transaction in {@link ReviewerDecisions}, where
 * {@code Record appeal upheld/overturned} and the approval after an overturn read it; for the forms it also sets
 * {@code appealDecidedBy} and {@code appealDecidedAt}, and an overturn {@code decidedBy} and {@code reason}. On
 * assignment it refuses to give the appeal to the denier while the table excludes the denier from appeals.
 *
 * @throws FormFieldValidationException (REST: 400) with a plain-language message when a rule is not met; the task
 *         stays open
 */
@Component("appealDecisionListener")
public class AppealDecisionListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of(ProcessConstants.UPHELD, ProcessConstants.OVERTURNED);

    private final ReviewerDecisions decisions;
    private final TrustedCases cases;
    private final PlanClock clock;
    private final ReviewerAuthority authority;

    /** Wires the decision record, the case table, the clock and the reviewer-authority table. */
    public AppealDecisionListener(ReviewerDecisions decisions, TrustedCases cases, PlanClock clock,
                                  ReviewerAuthority authority) {
        this.authority = authority;
        this.decisions = decisions;
        this.cases = cases;
        this.clock = clock;
    }

    private String denier(DelegateTask task) {
        return cases.of(task.getProcessInstanceId()).decidedBy();
    }

    @Override
    public void notify(DelegateTask task) {
        if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            if (task.getAssignee() != null && task.getAssignee().equals(denier(task))
                    && authority.appealExcludesDenier(authority.planOption(cases.of(task.getProcessInstanceId())))) {
                throw new FormFieldValidationException(null, "The reviewer who made the denial cannot take its appeal.");
            }
            return;
        }
        Object decision = ProcessVariables.APPEAL_DECISION.raw(task);
        if (!(decision instanceof String d) || !DECISIONS.contains(d)) {
            throw new FormFieldValidationException(null, "Choose an appeal decision: UPHELD or OVERTURNED.");
        }
        Object reason = ProcessVariables.APPEAL_DECISION_REASON.raw(task);
        if (!(reason instanceof String r) || r.isBlank()) {
            throw new FormFieldValidationException(null, "An appeal decision needs a plain-language reason.");
        }
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        PriorAuthorizationCase c = cases.of(task.getProcessInstanceId());
        authority.check(ProcessConstants.UPHELD.equals(d) ? ReviewerAuthority.APPEAL_UPHELD
                : ReviewerAuthority.APPEAL_OVERTURNED, List.of(), authority.planOption(c), auth, c.decidedBy());
        if (auth == null || auth.getUserId() == null) {
            throw new FormFieldValidationException(null, "An appeal decision needs an authenticated user.");
        }
        java.util.Date decidedAt = clock.now();
        decisions.record(task.getProcessInstanceId(), new ReviewerDecisions.Decision(ReviewerDecisions.Kind.APPEAL, d,
                auth.getUserId(), decidedAt, r.trim(), null, null));
        ProcessVariables.APPEAL_DECIDED_BY.set(task.getExecution(), auth.getUserId());
        ProcessVariables.APPEAL_DECIDED_AT.set(task.getExecution(), decidedAt);
        if (ProcessConstants.OVERTURNED.equals(d)) {
            ProcessVariables.DECIDED_BY.set(task.getExecution(), auth.getUserId());
            ProcessVariables.REASON.set(task.getExecution(), r.trim());
        }
    }
}
