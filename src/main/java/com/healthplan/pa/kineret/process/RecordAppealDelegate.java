package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record appeal": the denial is appealed; an appeal review opens for pa-physician-reviewers. */
@Component("recordAppealDelegate")
public class RecordAppealDelegate implements JavaDelegate {

    private final CaseActionsService actions;

    /** Wires the service. */
    public RecordAppealDelegate(CaseActionsService actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        actions.recordAppeal(caseId, (String) execution.getVariable("appealedBy"),
                (String) execution.getVariable("appealReason"));
    }
}
