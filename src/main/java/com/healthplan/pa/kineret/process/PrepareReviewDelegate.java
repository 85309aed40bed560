package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Prepare review summary": sets the text variables the review form shows ({@link ReviewService#summary}). */
@Component("prepareReviewDelegate")
public class PrepareReviewDelegate implements JavaDelegate {

    private final ReviewService reviews;

    /** @param reviews the review side of cases */
    public PrepareReviewDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        execution.setVariables(reviews.summary(caseId,
                Boolean.TRUE.equals(execution.getVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED))));
    }
}
