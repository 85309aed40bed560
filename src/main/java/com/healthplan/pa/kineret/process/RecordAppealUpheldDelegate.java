package com.healthplan.pa.kineret.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record appeal upheld": the denial stands after appeal. */
@Component("recordAppealUpheldDelegate")
public class RecordAppealUpheldDelegate implements JavaDelegate {

    private final CaseActionsService actions;

    /** Wires the service. */
    public RecordAppealUpheldDelegate(CaseActionsService actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        actions.recordAppealDecision(caseId, "UPHELD", (String) execution.getVariable("appealDecidedBy"),
                (Date) execution.getVariable("appealDecidedAt"), (String) execution.getVariable("appealDecisionReason"));
    }
}
