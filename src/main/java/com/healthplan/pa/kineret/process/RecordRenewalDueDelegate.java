package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record renewal due and issue notice": the renewal window of the authorization opens (status RENEWAL_DUE, renewal notice in the outbox) unless a renewal already continues it. */
@Component("recordRenewalDueDelegate")
public class RecordRenewalDueDelegate implements JavaDelegate {

    private final AuthorizationLifecycleService lifecycle;

    /** Wires the service. */
    public RecordRenewalDueDelegate(AuthorizationLifecycleService lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        execution.setVariable("renewalNoticeIssued", lifecycle.openRenewalWindow(
                (String) execution.getVariable(ProcessConstants.VAR_AUTHORIZATION_ID), ClockUtil.getCurrentTime()));
    }
}
