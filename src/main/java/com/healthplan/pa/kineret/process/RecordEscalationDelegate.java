package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record escalation": 75 % of the decision deadline passed; marks the case escalated (variable {@code escalated}). */
@Component("recordEscalationDelegate")
public class RecordEscalationDelegate implements JavaDelegate {

    private final ReviewService reviews;

    /** @param reviews the review side of cases */
    public RecordEscalationDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        reviews.escalate(caseId, ClockUtil.getCurrentTime());
        execution.setVariable(ProcessConstants.VAR_ESCALATED, true);
    }
}
