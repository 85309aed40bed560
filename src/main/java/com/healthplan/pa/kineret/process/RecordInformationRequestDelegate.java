package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record information request": pends the case ({@code PENDING_INFORMATION}) with what the reviewer
 * asks for, keeps it in the audit trail, and clears the review variables so that the next review starts empty.
 * Reviewer, reason and request come from the {@code REQUEST_INFORMATION} decision the review task's complete
 * listener recorded in this transaction ({@link ReviewerDecisions}); the wait for the information
 * ({@code informationWaitPeriod}, ISO-8601) is set again from configuration, whatever the variable held.
 *
 * @throws org.camunda.bpm.engine.ProcessEngineException when no such decision was recorded in this transaction
 */
@Component("recordInformationRequestDelegate")
public class RecordInformationRequestDelegate implements JavaDelegate {

    private final DeterminationService determinations;
    private final TrustedCases cases;
    private final ReviewerDecisions decisions;
    private final ReviewService reviews;

    /** Wires the services. */
    public RecordInformationRequestDelegate(DeterminationService determinations, TrustedCases cases,
                                            ReviewerDecisions decisions, ReviewService reviews) {
        this.determinations = determinations;
        this.cases = cases;
        this.decisions = decisions;
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        ReviewerDecisions.Decision d = decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.REVIEW,
                ProcessConstants.REQUEST_INFORMATION, "a request for information");
        determinations.requestInformation(caseId, d.decidedBy(), d.decidedAt(), d.informationRequested(), d.reason());
        execution.removeVariables(java.util.List.of(ProcessConstants.VAR_DECISION, ProcessConstants.VAR_REASON,
                ProcessConstants.VAR_DENIED_CRITERIA, ProcessConstants.VAR_DECIDED_BY, "decidedAt",
                ReviewDecisionListener.VAR_DENIED_CRITERIA_IDS));
        execution.setVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED, false);
        execution.setVariable(ProcessConstants.VAR_INFORMATION_WAIT_PERIOD, reviews.informationWaitPeriod());
    }
}
