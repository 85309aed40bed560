package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record decision deadline": fixes the case's decision deadline ({@code pa_request.due_by}, receipt
 * plus {@code deadlineHours} from decision table {@code kineret-decision-deadline}). The review's due dates and
 * timers read it back from the case record through bean {@link ReviewDeadlines}. Variables {@code dueBy},
 * {@code escalateAt} (Dates), {@code informationWaitPeriod} (ISO-8601 duration) and {@code escalated} are still
 * written for instances of earlier versions of the process, whose model reads them; this version's model does not.
 */
@Component("recordDecisionDeadlineDelegate")
public class RecordDecisionDeadlineDelegate implements JavaDelegate {

    private final ReviewService reviews;
    private final TrustedCases cases;

    /**
     * @param reviews the review side of cases
     * @param cases the case of the process instance
     */
    public RecordDecisionDeadlineDelegate(ReviewService reviews, TrustedCases cases) {
        this.reviews = reviews;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        var deadline = reviews.startClock(caseId, ((Number) execution.getVariable("deadlineHours")).intValue());
        execution.setVariable(ProcessConstants.VAR_DUE_BY, deadline.dueBy());
        execution.setVariable(ProcessConstants.VAR_ESCALATE_AT, deadline.escalateAt());
        execution.setVariable(ProcessConstants.VAR_INFORMATION_WAIT_PERIOD, reviews.informationWaitPeriod());
        execution.setVariable(ProcessConstants.VAR_ESCALATED, false);
    }
}
