package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record appeal upheld" (decider, time and reason from the appeal decision recorded in this transaction, {@link ReviewerDecisions}): the denial stands after appeal. */
@Component("recordAppealUpheldDelegate")
public class RecordAppealUpheldDelegate implements JavaDelegate {

    private final CaseActionsService actions;
    private final TrustedCases cases;
    private final ReviewerDecisions decisions;

    /** Wires the services. */
    public RecordAppealUpheldDelegate(CaseActionsService actions, TrustedCases cases, ReviewerDecisions decisions) {
        this.actions = actions;
        this.cases = cases;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        ReviewerDecisions.Decision d = decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.APPEAL,
                "UPHELD", "an upheld appeal");
        actions.recordAppealDecision(caseId, "UPHELD", d.decidedBy(), d.decidedAt(), d.reason());
    }
}
