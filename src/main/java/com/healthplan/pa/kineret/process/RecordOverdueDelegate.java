package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record overdue": the decision deadline passed without a determination; marks the case overdue (variable {@code overdue}). */
@Component("recordOverdueDelegate")
public class RecordOverdueDelegate implements JavaDelegate {

    private final ReviewService reviews;

    /** @param reviews the review side of cases */
    public RecordOverdueDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        reviews.markOverdue(caseId, ClockUtil.getCurrentTime());
        execution.setVariable("overdue", true);
    }
}
