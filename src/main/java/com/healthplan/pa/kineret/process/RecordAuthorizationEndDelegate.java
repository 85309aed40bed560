package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record authorization end": at validTo the authorization becomes EXPIRED (or SUPERSEDED by its renewal) and the case EXPIRED. */
@Component("recordAuthorizationEndDelegate")
public class RecordAuthorizationEndDelegate implements JavaDelegate {

    private final AuthorizationLifecycleService lifecycle;
    private final TrustedCases cases;

    /** Wires the service and the case of the process instance (its authorization is the case's, never a variable's). */
    public RecordAuthorizationEndDelegate(AuthorizationLifecycleService lifecycle, TrustedCases cases) {
        this.lifecycle = lifecycle;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("authorizationEndStatus",
                lifecycle.end(lifecycle.authorizationOf(cases.idOf(execution))));
    }
}
