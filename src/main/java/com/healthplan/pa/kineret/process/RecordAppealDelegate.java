package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record appeal": the denial is appealed; an appeal review opens for pa-physician-reviewers. */
@Component("recordAppealDelegate")
public class RecordAppealDelegate implements JavaDelegate {

    private final CaseActionsService actions;
    private final TrustedCases cases;

    /** Wires the service and the case of the process instance. */
    public RecordAppealDelegate(CaseActionsService actions, TrustedCases cases) {
        this.actions = actions;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        actions.recordAppeal(caseId, (String) execution.getVariable("appealedBy"),
                (String) execution.getVariable("appealReason"));
    }
}
