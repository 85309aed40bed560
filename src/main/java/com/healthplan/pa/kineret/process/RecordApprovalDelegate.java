package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Service task "Record approval": records the approval (automatic, or the reviewer's in {@code decidedBy}
 * with their {@code reason}) and creates the authorization from variable {@code approvalTerms}.
 * Sets process variables {@code authorizationId}, {@code validFrom} and {@code validTo} (ISO-8601 dates), and the
 * timer moments {@code renewalDueAt} and {@code expiresAt} (Dates) of the authorization's life.
 */
@Component("recordApprovalDelegate")
public class RecordApprovalDelegate implements JavaDelegate {

    private final DeterminationService determinations;
    private final AuthorizationLifecycleService lifecycle;

    /** Wires the services. */
    public RecordApprovalDelegate(DeterminationService determinations, AuthorizationLifecycleService lifecycle) {
        this.determinations = determinations;
        this.lifecycle = lifecycle;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        String decidedBy = (String) execution.getVariable(ProcessConstants.VAR_DECIDED_BY);
        String reason = (String) execution.getVariable(ProcessConstants.VAR_REASON);
        if (decidedBy == null) {
            decidedBy = DeterminationService.SYSTEM;
            reason = determinations.automaticApprovalReason();
        }
        var authorization = determinations.approve((String) execution.getVariable(ProcessConstants.VAR_CASE_ID),
                (Map<String, Object>) execution.getVariable(ProcessConstants.VAR_APPROVAL_TERMS),
                decidedBy, ClockUtil.getCurrentTime(), reason);
        execution.setVariable(ProcessConstants.VAR_AUTHORIZATION_ID, authorization.id());
        execution.setVariable("validFrom", authorization.validFrom().toString());
        execution.setVariable("validTo", authorization.validTo().toString());
        execution.setVariable("renewalDueAt", lifecycle.startOf(authorization.renewalDueOn()));
        execution.setVariable("expiresAt", lifecycle.startOf(authorization.validTo()));
    }
}
