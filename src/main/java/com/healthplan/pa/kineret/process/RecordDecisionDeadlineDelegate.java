package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record decision deadline": from {@code deadlineHours} sets {@code dueBy} and {@code escalateAt} (Dates, from receipt) and {@code informationWaitPeriod} (ISO-8601 duration). */
@Component("recordDecisionDeadlineDelegate")
public class RecordDecisionDeadlineDelegate implements JavaDelegate {

    private final ReviewService reviews;

    /** @param reviews the review side of cases */
    public RecordDecisionDeadlineDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        var deadline = reviews.startClock(caseId, ((Number) execution.getVariable("deadlineHours")).intValue());
        execution.setVariable(ProcessConstants.VAR_DUE_BY, deadline.dueBy());
        execution.setVariable(ProcessConstants.VAR_ESCALATE_AT, deadline.escalateAt());
        execution.setVariable(ProcessConstants.VAR_INFORMATION_WAIT_PERIOD, reviews.informationWaitPeriod());
        execution.setVariable(ProcessConstants.VAR_ESCALATED, false);
    }
}
