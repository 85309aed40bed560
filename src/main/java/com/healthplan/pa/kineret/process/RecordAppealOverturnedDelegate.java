package com.healthplan.pa.kineret.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record appeal overturned": the denial is reversed on appeal; the approval and its authorization follow. */
@Component("recordAppealOverturnedDelegate")
public class RecordAppealOverturnedDelegate implements JavaDelegate {

    private final CaseActionsService actions;

    /** Wires the service. */
    public RecordAppealOverturnedDelegate(CaseActionsService actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        actions.recordAppealDecision(caseId, "OVERTURNED", (String) execution.getVariable("appealDecidedBy"),
                (Date) execution.getVariable("appealDecidedAt"), (String) execution.getVariable("appealDecisionReason"));
    }
}
