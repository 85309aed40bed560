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
    private final TrustedCases cases;

    /** Wires the service and the case of the process instance (its authorization is the case's, never a variable's). */
    public RecordRenewalDueDelegate(AuthorizationLifecycleService lifecycle, TrustedCases cases) {
        this.lifecycle = lifecycle;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String authorizationId = lifecycle.authorizationOf(cases.idOf(execution));
        execution.setVariable("renewalNoticeIssued", lifecycle.openRenewalWindow(authorizationId,
                ClockUtil.getCurrentTime()));
    }
}
