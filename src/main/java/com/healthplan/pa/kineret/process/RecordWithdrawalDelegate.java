package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record withdrawal" (interrupting event sub-process): the intake system withdrew the open case. */
@Component("recordWithdrawalDelegate")
public class RecordWithdrawalDelegate implements JavaDelegate {

    private final CaseActionsService actions;

    /** Wires the service. */
    public RecordWithdrawalDelegate(CaseActionsService actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        actions.recordWithdrawal(caseId, (String) execution.getVariable("withdrawnBy"),
                (String) execution.getVariable("withdrawalReason"));
    }
}
