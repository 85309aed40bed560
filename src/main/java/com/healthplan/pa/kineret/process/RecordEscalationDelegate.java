package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record escalation": 75 % of the decision deadline passed; marks the case escalated
 * ({@code pa_request.escalated_at}, which gateway "Already escalated?" reads through {@link ReviewDeadlines}; variable
 * {@code escalated} for instances of earlier process versions).
 */
@Component("recordEscalationDelegate")
public class RecordEscalationDelegate implements JavaDelegate {

    private final ReviewService reviews;
    private final TrustedCases cases;

    /**
     * @param reviews the review side of cases
     * @param cases the case of the process instance
     */
    public RecordEscalationDelegate(ReviewService reviews, TrustedCases cases) {
        this.reviews = reviews;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        reviews.escalate(caseId, ClockUtil.getCurrentTime());
        execution.setVariable(ProcessConstants.VAR_ESCALATED, true);
    }
}
