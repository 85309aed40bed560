package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record appeal overturned" (decider, time and reason from the appeal decision recorded in this transaction, {@link ReviewerDecisions}): the denial is reversed on appeal; the approval and its authorization follow. */
@Component("recordAppealOverturnedDelegate")
public class RecordAppealOverturnedDelegate implements JavaDelegate {

    private final CaseActionsService actions;
    private final TrustedCases cases;
    private final ReviewerDecisions decisions;

    /** Wires the services. */
    public RecordAppealOverturnedDelegate(CaseActionsService actions, TrustedCases cases, ReviewerDecisions decisions) {
        this.actions = actions;
        this.cases = cases;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        // left in place: the approval that follows takes it
        ReviewerDecisions.Decision d = decisions.peek(execution.getProcessInstanceId())
                .filter(x -> x.kind() == ReviewerDecisions.Kind.APPEAL && "OVERTURNED".equals(x.decision()))
                .orElseThrow(() -> new org.camunda.bpm.engine.ProcessEngineException("Refused: an overturned appeal "
                        + "needs an OVERTURNED decision recorded by the appeal task's completion in this transaction"));
        actions.recordAppealDecision(caseId, "OVERTURNED", d.decidedBy(), d.decidedAt(), d.reason());
    }
}
