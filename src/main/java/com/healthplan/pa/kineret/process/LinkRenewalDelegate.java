package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Link renewal to previous authorization": a RENEWAL naming a known previousAuthorizationId is linked to it (variable {@code previousAuthorizationId}; message to the earlier instance); an unknown id is left unlinked and the renewal rules still apply. */
@Component("linkRenewalDelegate")
public class LinkRenewalDelegate implements JavaDelegate {

    private final AuthorizationLifecycleService lifecycle;
    private final TrustedCases cases;
    private final com.healthplan.pa.kineret.intake.IntakeService intake;

    /** Wires the service. */
    public LinkRenewalDelegate(AuthorizationLifecycleService lifecycle, TrustedCases cases,
                               com.healthplan.pa.kineret.intake.IntakeService intake) {
        this.lifecycle = lifecycle;
        this.cases = cases;
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var c = cases.of(execution);
        String caseId = c.id();
        String previousId = intake.readRequest(c).previousAuthorizationId();
        String linked = null;
        if ("RENEWAL".equals(c.requestType()) && previousId != null) {
            linked = lifecycle.linkRenewal(caseId, c.requestId(), previousId).map(a -> a.id()).orElse(null);
        }
        execution.setVariable("previousAuthorizationId", linked);
    }
}
