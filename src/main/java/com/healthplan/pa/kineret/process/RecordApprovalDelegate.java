package com.healthplan.pa.kineret.process;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Service task "Record approval": records the approval (automatic, or the reviewer's in {@code decidedBy}
 * with their {@code reason}) and creates the authorization from variable {@code approvalTerms}.
 * Sets process variables {@code authorizationId}, {@code validFrom} and {@code validTo} (ISO-8601 dates).
 */
@Component("recordApprovalDelegate")
public class RecordApprovalDelegate implements JavaDelegate {

    private final DeterminationService determinations;

    /** @param determinations where the approval is recorded */
    public RecordApprovalDelegate(DeterminationService determinations) {
        this.determinations = determinations;
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
        execution.setVariable("authorizationId", authorization.id());
        execution.setVariable("validFrom", authorization.validFrom().toString());
        execution.setVariable("validTo", authorization.validTo().toString());
    }
}
