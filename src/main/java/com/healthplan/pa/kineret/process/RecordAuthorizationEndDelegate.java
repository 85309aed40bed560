package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record authorization end": at validTo the authorization becomes EXPIRED (or SUPERSEDED by its renewal) and the case EXPIRED. */
@Component("recordAuthorizationEndDelegate")
public class RecordAuthorizationEndDelegate implements JavaDelegate {

    private final AuthorizationLifecycleService lifecycle;

    /** Wires the service. */
    public RecordAuthorizationEndDelegate(AuthorizationLifecycleService lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        execution.setVariable("authorizationEndStatus",
                lifecycle.end((String) execution.getVariable(ProcessConstants.VAR_AUTHORIZATION_ID)));
    }
}
