package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record renewal request" (non-interrupting event sub-process of the earlier case): remembers the
 * requestId of the renewal that continues this case's authorization (process variable {@code renewalRequestedBy}).
 */
@Component("recordRenewalRequestDelegate")
public class RecordRenewalRequestDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution.getProcessInstance().setVariable("renewalRequestedBy", execution.getVariable("renewalRequestId"));
    }
}
