package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record adverse determination": records the reviewer's denial with its reason and the criteria it
 * rests on, and sets {@code appealWindow} (ISO-8601). Reviewer, reason and criteria come from the {@code DENIED}
 * decision the review task's complete listener recorded in this transaction ({@link ReviewerDecisions}), the case
 * from the process instance ({@link TrustedCases}).
 *
 * @throws org.camunda.bpm.engine.ProcessEngineException when no such decision was recorded in this transaction
 */
@Component("recordAdverseDeterminationDelegate")
public class RecordAdverseDeterminationDelegate implements JavaDelegate {

    private final DeterminationService determinations;
    private final CaseActionsService actions;
    private final TrustedCases cases;
    private final ReviewerDecisions decisions;

    /** Wires the services. */
    public RecordAdverseDeterminationDelegate(DeterminationService determinations, CaseActionsService actions,
                                              TrustedCases cases, ReviewerDecisions decisions) {
        this.determinations = determinations;
        this.actions = actions;
        this.cases = cases;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        ReviewerDecisions.Decision d = decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.REVIEW,
                "DENIED", "an adverse determination");
        determinations.deny(caseId, d.decidedBy(), d.decidedAt(), d.reason(), d.deniedCriteriaIds());
        execution.setVariable("appealWindow", actions.appealWindow());
    }
}
