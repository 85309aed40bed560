package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record withdrawal" (interrupting event sub-process): the intake system withdrew the open case. */
@Component("recordWithdrawalDelegate")
public class RecordWithdrawalDelegate implements JavaDelegate {

    private final CaseActionsService actions;
    private final TrustedCases cases;

    /** Wires the service and the case of the process instance. */
    public RecordWithdrawalDelegate(CaseActionsService actions, TrustedCases cases) {
        this.actions = actions;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        actions.recordWithdrawal(caseId, (String) execution.getVariable("withdrawnBy"),
                (String) execution.getVariable("withdrawalReason"));
    }
}
