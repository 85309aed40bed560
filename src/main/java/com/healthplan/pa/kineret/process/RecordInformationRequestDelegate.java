package com.healthplan.pa.kineret.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record information request": pends the case ({@code PENDING_INFORMATION}) with what the reviewer
 * asks for, keeps it in the audit trail, and clears the review variables so that the next review starts empty.
 */
@Component("recordInformationRequestDelegate")
public class RecordInformationRequestDelegate implements JavaDelegate {

    private final DeterminationService determinations;

    /** @param determinations where the request is recorded */
    public RecordInformationRequestDelegate(DeterminationService determinations) {
        this.determinations = determinations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        determinations.requestInformation((String) execution.getVariable(ProcessConstants.VAR_CASE_ID),
                (String) execution.getVariable(ProcessConstants.VAR_DECIDED_BY),
                (Date) execution.getVariable("decidedAt"),
                (String) execution.getVariable(ProcessConstants.VAR_INFORMATION_REQUESTED),
                (String) execution.getVariable(ProcessConstants.VAR_REASON));
        execution.removeVariables(java.util.List.of(ProcessConstants.VAR_DECISION, ProcessConstants.VAR_REASON,
                ProcessConstants.VAR_DENIED_CRITERIA, ProcessConstants.VAR_DECIDED_BY, "decidedAt",
                ReviewDecisionListener.VAR_DENIED_CRITERIA_IDS));
        execution.setVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED, false);
    }
}
